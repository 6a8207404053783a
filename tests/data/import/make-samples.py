#!/usr/bin/python3
# make-samples.py: writes the sample exports in this folder, following each
# app's documented format (Aegis docs/vault.md, andOTP's backup format, 2FAS's
# .2fas schema, FreeOTP+'s JSON, Google Authenticator's MigrationPayload,
# Bitwarden's JSON export). The tests read the files; they never run this.
#
#   apt-get install python3-cryptography qrencode default-jdk-headless
#   /usr/bin/python3 tests/data/import/make-samples.py
#
# Key derivation costs are cheap where the format lets the file choose them
# (Aegis scrypt N, andOTP iterations) so that the tests stay fast. Salts and
# nonces are fixed so that the files only change when this script does.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import base64
import hashlib
import json
import os
import struct
import subprocess
import urllib.parse

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = b"correct horse battery staple"


def write(name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(HERE, name), mode) as f:
        f.write(data)


def fixed(tag, n):
    return hashlib.sha256(tag.encode()).digest()[:n]


def b32(data):
    return base64.b32encode(data).decode().rstrip("=")


# ---------------------------------------------------------------- Aegis

AEGIS_ENTRIES = [
    {"type": "totp", "uuid": "01c4f2bd-4c4b-4b5e-8c11-6d0d3f0c0001", "name": "Mason",
     "issuer": "Deno", "note": "main account", "favorite": False, "icon": None,
     "info": {"secret": "4SJHB4GSD43FZBAI7C2HLRJGPQ", "algo": "SHA1", "digits": 6, "period": 30},
     "groups": ["5f8a8b8e-0d1c-4c55-9d07-000000000001"]},
    {"type": "hotp", "uuid": "01c4f2bd-4c4b-4b5e-8c11-6d0d3f0c0002", "name": "Benjamin",
     "issuer": "Air Canada", "note": "", "favorite": False, "icon": None,
     "info": {"secret": "KUVJJOM753IHTNDSZVCNKL7GII", "algo": "SHA256", "digits": 7,
              "counter": 50}, "groups": []},
    {"type": "totp", "uuid": "01c4f2bd-4c4b-4b5e-8c11-6d0d3f0c0003", "name": "Mason",
     "issuer": "WWE", "note": "", "favorite": True, "icon": None,
     "info": {"secret": "5VAML3X35THCEBVRLV24CGBKOY", "algo": "SHA512", "digits": 8,
              "period": 60}, "groups": []},
    {"type": "steam", "uuid": "01c4f2bd-4c4b-4b5e-8c11-6d0d3f0c0004", "name": "Sophia",
     "issuer": "Steam", "note": "", "favorite": False, "icon": None,
     "info": {"secret": "JRZCL47CMXVOQMNPZR2F7J4RGI", "algo": "SHA1", "digits": 5, "period": 30},
     "groups": []},
    {"type": "motp", "uuid": "01c4f2bd-4c4b-4b5e-8c11-6d0d3f0c0005", "name": "Lucas",
     "issuer": "Old VPN", "note": "", "favorite": False, "icon": None,
     "info": {"secret": "e3152afee62599c8", "algo": "MD5", "digits": 6, "period": 10,
              "pin": "1234"}, "groups": []},
    {"type": "totp", "uuid": "01c4f2bd-4c4b-4b5e-8c11-6d0d3f0c0006", "name": "Olivia",
     "issuer": "Broken", "note": "", "favorite": False, "icon": None,
     "info": {"secret": "NOT BASE32 !!", "algo": "SHA1", "digits": 6, "period": 30},
     "groups": []},
]

AEGIS_DB = {
    "version": 3,
    "entries": AEGIS_ENTRIES,
    "groups": [{"uuid": "5f8a8b8e-0d1c-4c55-9d07-000000000001", "name": "Work"}],
}


def aegis_plain():
    vault = {"version": 1, "header": {"slots": None, "params": None}, "db": AEGIS_DB}
    write("aegis-plain.json", json.dumps(vault, indent=4) + "\n")


def aegis_encrypted():
    master_key = fixed("aegis master key", 32)
    salt = fixed("aegis salt", 32)
    n, r, p = 1024, 8, 1
    derived = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(PASSWORD)
    key_nonce = fixed("aegis key nonce", 12)
    wrapped = AESGCM(derived).encrypt(key_nonce, master_key, None)
    db_nonce = fixed("aegis db nonce", 12)
    sealed = AESGCM(master_key).encrypt(db_nonce, json.dumps(AEGIS_DB).encode(), None)
    raw_slot_key = AESGCM(fixed("some raw key", 32)).encrypt(key_nonce, master_key, None)
    vault = {
        "version": 1,
        "header": {
            "slots": [
                {"type": 0, "uuid": "a8325752-c1be-458a-9b3e-000000000000",
                 "key": raw_slot_key[:32].hex(),
                 "key_params": {"nonce": key_nonce.hex(), "tag": raw_slot_key[32:].hex()}},
                {"type": 1, "uuid": "a8325752-c1be-458a-9b3e-5e0a8154d9ec",
                 "key": wrapped[:32].hex(),
                 "key_params": {"nonce": key_nonce.hex(), "tag": wrapped[32:].hex()},
                 "n": n, "r": r, "p": p, "salt": salt.hex(), "repaired": True,
                 "is_backup": False},
            ],
            "params": {"nonce": db_nonce.hex(), "tag": sealed[-16:].hex()},
        },
        "db": base64.b64encode(sealed[:-16]).decode(),
    }
    write("aegis-encrypted.json", json.dumps(vault, indent=4) + "\n")


# ---------------------------------------------------------------- andOTP

ANDOTP_ENTRIES = [
    {"secret": "4SJHB4GSD43FZBAI7C2HLRJGPQ", "issuer": "Deno", "label": "Mason", "digits": 6,
     "type": "TOTP", "algorithm": "SHA1", "thumbnail": "Default", "last_used": 1650000000000,
     "used_frequency": 3, "period": 30, "tags": ["Work", "Dev"]},
    {"secret": "KUVJJOM753IHTNDSZVCNKL7GII", "issuer": "Air Canada", "label": "Benjamin",
     "digits": 7, "type": "HOTP", "algorithm": "SHA256", "thumbnail": "Default",
     "last_used": 0, "used_frequency": 0, "counter": 50, "tags": []},
    {"secret": "JRZCL47CMXVOQMNPZR2F7J4RGI", "issuer": "Steam", "label": "Sophia", "digits": 5,
     "type": "STEAM", "algorithm": "SHA1", "thumbnail": "Steam", "last_used": 0,
     "used_frequency": 0, "period": 30, "tags": []},
    {"secret": "5VAML3X35THCEBVRLV24CGBKOY", "issuer": "Legacy", "label": "Noah", "digits": 6,
     "type": "TOTP", "algorithm": "MD5", "thumbnail": "Default", "last_used": 0,
     "used_frequency": 0, "period": 30, "tags": []},
]


def andotp():
    plain = json.dumps(ANDOTP_ENTRIES).encode()
    write("andotp-plain.json", json.dumps(ANDOTP_ENTRIES, indent=2) + "\n")

    iterations = 1000
    salt = fixed("andotp salt", 12)
    nonce = fixed("andotp nonce", 12)
    key = PBKDF2HMAC(algorithm=hashes.SHA1(), length=32, salt=salt,
                     iterations=iterations).derive(PASSWORD)
    sealed = AESGCM(key).encrypt(nonce, plain, None)
    write("andotp-encrypted.json.aes", struct.pack(">I", iterations) + salt + nonce + sealed)

    old_key = hashlib.sha256(PASSWORD).digest()
    old_nonce = fixed("andotp old nonce", 12)
    write("andotp-encrypted-old.json.aes",
          old_nonce + AESGCM(old_key).encrypt(old_nonce, plain, None))


# ---------------------------------------------------------------- 2FAS

def twofas_service(name, secret, account, issuer, token_type, algorithm, digits, extra):
    otp = {"label": account, "account": account, "issuer": issuer, "digits": digits,
           "algorithm": algorithm, "tokenType": token_type, "source": "Link"}
    otp.update(extra)
    return {"name": name, "secret": secret, "updatedAt": 1702934567518, "otp": otp,
            "order": {"position": 0},
            "icon": {"selected": "Label", "label": {"text": name[:2].upper(),
                                                    "backgroundColor": "Yellow"}}}


TWOFAS_SERVICES = [
    twofas_service("Deno", "4SJHB4GSD43FZBAI7C2HLRJGPQ", "Mason", "Deno", "TOTP", "SHA1", 6,
                   {"period": 30}),
    twofas_service("Air Canada", "KUVJJOM753IHTNDSZVCNKL7GII", "Benjamin", "Air Canada", "HOTP",
                   "SHA256", 7, {"counter": 50}),
    twofas_service("WWE", "5VAML3X35THCEBVRLV24CGBKOY", "Mason", "WWE", "TOTP", "SHA512", 8,
                   {"period": 60}),
    twofas_service("Steam", "JRZCL47CMXVOQMNPZR2F7J4RGI", "Sophia", "Steam", "STEAM", "SHA1", 5,
                   {"period": 30}),
]


def twofas():
    header = {"groups": [], "updatedAt": 1702934732299, "schemaVersion": 4,
              "appVersionCode": 5000009, "appVersionName": "5.1.0", "appOrigin": "android"}
    plain = dict(services=TWOFAS_SERVICES, **header)
    write("2fas-plain.2fas", json.dumps(plain) + "\n")

    salt = fixed("2fas salt", 256)
    key = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt,
                     iterations=10000).derive(PASSWORD)

    def seal(tag, data):
        nonce = fixed(tag, 12)
        sealed = AESGCM(key).encrypt(nonce, data, None)
        return ":".join(base64.b64encode(x).decode() for x in (sealed, salt, nonce))

    encrypted = dict(services=[], **header)
    encrypted["servicesEncrypted"] = seal("2fas services nonce",
                                          json.dumps(TWOFAS_SERVICES).encode())
    encrypted["reference"] = seal("2fas reference nonce", b"reference text known to 2FAS")
    write("2fas-encrypted.2fas", json.dumps(encrypted) + "\n")


# ---------------------------------------------------------------- FreeOTP+

def java_bytes(b32_secret):
    data = base64.b32decode(b32_secret + "=" * (-len(b32_secret) % 8))
    return [x - 256 if x > 127 else x for x in data]


def freeotp():
    tokens = [
        {"algo": "SHA512", "counter": 10299, "digits": 8, "issuerExt": "WWE",
         "issuerInt": "WWE", "label": "Mason", "period": 30,
         "secret": java_bytes("5VAML3X35THCEBVRLV24CGBKOY"), "type": "HOTP"},
        {"algo": "SHA256", "counter": 0, "digits": 7, "issuerExt": "SPDX", "issuerInt": "SPDX",
         "label": "James", "period": 20, "secret": java_bytes("5OM4WOOGPLQEF6UGN3CPEOOLWU"),
         "type": "TOTP"},
        {"algo": "SHA1", "counter": 0, "digits": 6, "issuerExt": "Deno", "issuerInt": "Deno",
         "label": "Mason", "period": 30, "secret": java_bytes("4SJHB4GSD43FZBAI7C2HLRJGPQ"),
         "type": "TOTP"},
        {"algo": "MD5", "counter": 0, "digits": 6, "issuerExt": "Old", "issuerInt": "Old",
         "label": "Ava", "period": 30, "secret": java_bytes("KUVJJOM753IHTNDSZVCNKL7GII"),
         "type": "TOTP"},
    ]
    order = ["%s:%s" % (t["issuerExt"], t["label"]) for t in tokens]
    write("freeotp-plus.json", json.dumps({"tokenOrder": order, "tokens": tokens}) + "\n")

    write("freeotp-plus-uris.txt",
          "otpauth://hotp/WWE:Mason?secret=5VAML3X35THCEBVRLV24CGBKOY&issuer=WWE"
          "&algorithm=SHA512&digits=8&counter=10299\n"
          "otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX"
          "&algorithm=SHA256&digits=7&period=20\n"
          "otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno"
          "&algorithm=SHA1&digits=6&period=30\n")


# ---------------------------------------------------------------- Google

def varint(n):
    out = bytearray()
    n &= (1 << 64) - 1
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field(number, wire, value):
    key = varint(number << 3 | wire)
    if wire == 0:
        return key + varint(value)
    return key + varint(len(value)) + value


def otp_parameters(secret, name, issuer, algorithm, digits, otp_type, counter=0):
    out = field(1, 2, secret) + field(2, 2, name.encode()) + field(3, 2, issuer.encode())
    out += field(4, 0, algorithm) + field(5, 0, digits) + field(6, 0, otp_type)
    if counter:
        out += field(7, 0, counter)
    return out


def migration_uri(otps, batch_size, batch_index, batch_id):
    payload = b"".join(field(1, 2, o) for o in otps)
    payload += field(2, 0, 1) + field(3, 0, batch_size) + field(4, 0, batch_index)
    payload += field(5, 0, batch_id)
    data = base64.b64encode(payload).decode()
    return "otpauth-migration://offline?data=" + urllib.parse.quote(data, safe="")


def secret(b32_secret):
    return base64.b32decode(b32_secret + "=" * (-len(b32_secret) % 8))


SHA1, SHA256, SHA512, MD5 = 1, 2, 3, 4
SIX, EIGHT = 1, 2
HOTP, TOTP = 1, 2


def google():
    single = migration_uri([
        otp_parameters(secret("4SJHB4GSD43FZBAI7C2HLRJGPQ"), "Deno:Mason", "Deno", SHA1, SIX,
                       TOTP),
        otp_parameters(secret("KUVJJOM753IHTNDSZVCNKL7GII"), "Benjamin", "Air Canada", SHA1,
                       EIGHT, HOTP, counter=5),
        otp_parameters(secret("5VAML3X35THCEBVRLV24CGBKOY"), "mason@example.org", "", SHA256,
                       SIX, TOTP),
        otp_parameters(secret("JRZCL47CMXVOQMNPZR2F7J4RGI"), "Old:Ava", "Old", MD5, SIX, TOTP),
    ], 1, 0, 1234567)
    write("google-single.txt", single + "\n")
    subprocess.run(["qrencode", "-l", "M", "-s", "6", "-o",
                    os.path.join(HERE, "google-single.png"), single], check=True)

    part1 = migration_uri([
        otp_parameters(secret("4SJHB4GSD43FZBAI7C2HLRJGPQ"), "Mason", "Deno", SHA1, SIX, TOTP),
        otp_parameters(secret("KUVJJOM753IHTNDSZVCNKL7GII"), "Benjamin", "Air Canada", SHA1,
                       SIX, TOTP),
    ], 2, 0, -559038737)
    part2 = migration_uri([
        otp_parameters(secret("5VAML3X35THCEBVRLV24CGBKOY"), "Mason", "WWE", SHA512, EIGHT,
                       TOTP),
    ], 2, 1, -559038737)
    write("google-batch-part1.txt", part1 + "\n")
    write("google-batch-part2.txt", part2 + "\n")
    subprocess.run(["qrencode", "-l", "M", "-s", "6", "-o",
                    os.path.join(HERE, "google-batch-part1.png"), part1], check=True)
    subprocess.run(["qrencode", "-l", "M", "-s", "6", "-o",
                    os.path.join(HERE, "google-batch-part2.png"), part2], check=True)


# ---------------------------------------------------------------- Bitwarden

def bitwarden_item(n, name, username, totp):
    return {"id": "ffdea2cc-923d-47a0-be99-%012d" % n, "organizationId": None,
            "folderId": None, "type": 1, "reprompt": 0, "name": name, "notes": None,
            "favorite": False,
            "login": {"uris": [{"match": None, "uri": "https://example.org"}],
                      "username": username, "password": "not-a-real-password", "totp": totp},
            "collectionIds": None}


def bitwarden():
    items = [
        bitwarden_item(1, "Deno", "mason@example.org",
                       "otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno"
                       "&algorithm=SHA1&digits=6&period=30"),
        bitwarden_item(2, "SPDX", "james", "5OM4 WOOG PLQE F6UG N3CP EOOL WU"),
        bitwarden_item(3, "Steam", "sophia", "steam://JRZCL47CMXVOQMNPZR2F7J4RGI"),
        bitwarden_item(4, "Forum", "ava", None),
        bitwarden_item(5, "Broken", "olivia", "otpauth://totp/Broken:olivia?secret=1NVALID"),
    ]
    items.append({"id": "0f954b25-dbe9-4b38-b8ff-ae7800fd784d", "organizationId": None,
                  "folderId": None, "type": 2, "name": "A secure note", "notes": "hello",
                  "favorite": False, "secureNote": {"type": 0}, "collectionIds": None})
    export = {"encrypted": False, "folders": [], "items": items}
    write("bitwarden.json", json.dumps(export, indent=2) + "\n")


# ---------------------------------------------------------------- URI list

def uri_list():
    write("uri-list.txt",
          "# My accounts, exported by hand\n"
          "\n"
          "otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno\n"
          "   otpauth://hotp/Air%20Canada:Benjamin?secret=KUVJJOM753IHTNDSZVCNKL7GII"
          "&issuer=Air%20Canada&algorithm=SHA256&digits=7&counter=50   \n"
          "# a broken one\n"
          "otpauth://totp/Broken:olivia?secret=N0T-BASE32\n"
          "otpauth://steam/Steam:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Steam\n")


# ---------------------------------------------------------------- Steam (.maFile)

def steam_mafile(account, secret_b32, steamid, revocation):
    return {"shared_secret": base64.b64encode(secret(secret_b32)).decode(),
            "serial_number": "1234567890123456789", "revocation_code": revocation,
            "uri": "otpauth://totp/Steam:%s?secret=%s&issuer=Steam" % (account, secret_b32),
            "server_time": 1700000000, "account_name": account,
            "token_gid": "badc0ffee0ddf00d",
            "identity_secret": base64.b64encode(fixed("steam identity", 20)).decode(),
            "secret_1": base64.b64encode(fixed("steam secret 1", 20)).decode(),
            "status": 1, "device_id": "android:00000000-0000-0000-0000-000000000001",
            "fully_enrolled": True, "Session": {"SteamID": steamid}}


def steam():
    # Older SDA: SteamID as a number; newer: as text, and more members.
    write("steam-old.maFile", json.dumps(steam_mafile("sophia", "JRZCL47CMXVOQMNPZR2F7J4RGI",
                                                      76561197960287930, "R12345")))
    new = steam_mafile("sophia", "JRZCL47CMXVOQMNPZR2F7J4RGI", "76561197960287930", "R12345")
    new["Session"].update({"AccessToken": "not-a-token", "RefreshToken": "not-a-token",
                           "SessionID": None})
    write("steam-new.maFile", json.dumps(new, indent=2) + "\n")
    # The Steam app's own file: several accounts by SteamID.
    write("steam-app.json", json.dumps({"accounts": {
        "76561197960287930": steam_mafile("sophia", "JRZCL47CMXVOQMNPZR2F7J4RGI", 1, "R12345"),
        "76561197960287931": steam_mafile("mason", "5VAML3X35THCEBVRLV24CGBKOY", 2, ""),
    }}) + "\n")


# ---------------------------------------------------------------- Proton Authenticator

def proton():
    def entry(n, name, uri, kind="Totp", note=None):
        return {"id": "0000000%d-0000-4000-8000-000000000000" % n,
                "content": {"id": "0000000%d-1111-4000-8000-000000000000" % n, "uri": uri,
                            "entry_type": kind, "name": name}, "note": note}
    export = {"version": 1, "entries": [
        entry(1, "Deno", "otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ"
              "&issuer=Deno&algorithm=SHA1&digits=6&period=30", note="main account"),
        entry(2, "WWE", "otpauth://totp/Mason?secret=5VAML3X35THCEBVRLV24CGBKOY"
              "&algorithm=SHA512&digits=8&period=60"),
        entry(3, "Steam", "steam://JRZCL47CMXVOQMNPZR2F7J4RGI", kind="Steam"),
        entry(4, "Broken", "otpauth://totp/Broken:olivia?secret=1NVALID"),
    ]}
    write("proton-authenticator.json", json.dumps(export, indent=2) + "\n")


# ---------------------------------------------------------------- Duo Mobile

def duo():
    accounts = [
        {"name": "Duo Admin", "otpGenerator": {"otpSecret": "KUVJJOM753IHTNDSZVCNKL7GII",
                                               "counter": 7},
         "pkey": "DPBADC0FFEE0DDF00D00", "akey": "DABADC0FFEE0DDF00D00",
         "accountType": "DUO"},
        {"name": "Deno", "otpGenerator": {"otpSecret": "4SJHB4GSD43FZBAI7C2HLRJGPQ"},
         "accountType": "OTP"},
        {"name": "VPN push", "pkey": "DPBADC0FFEE0DDF00D01", "akey": "DABADC0FFEE0DDF00D01",
         "accountType": "DUO"},
    ]
    write("duo-accounts.json", json.dumps(accounts) + "\n")


# ---------------------------------------------------------------- Stratum (Authenticator Pro)

def stratum_auth(type_id, issuer, username, secret_b32, algorithm, digits, period, counter):
    return {"Type": type_id, "Icon": None, "Issuer": issuer, "Username": username,
            "Secret": secret_b32, "Pin": None, "Algorithm": algorithm, "Digits": digits,
            "Period": period, "Counter": counter, "CopyCount": 0, "Ranking": 0}


STRATUM_BACKUP = {
    "Authenticators": [
        stratum_auth(2, "Deno", "Mason", "4SJHB4GSD43FZBAI7C2HLRJGPQ", 0, 6, 30, 0),
        stratum_auth(1, "Air Canada", "Benjamin", "KUVJJOM753IHTNDSZVCNKL7GII", 1, 7, 30, 50),
        stratum_auth(2, "WWE", "Mason", "5VAML3X35THCEBVRLV24CGBKOY", 2, 8, 60, 0),
        stratum_auth(4, "Steam", "Sophia", "JRZCL47CMXVOQMNPZR2F7J4RGI", 0, 5, 30, 0),
        stratum_auth(3, "Old VPN", "Lucas", "E3152AFEE62599C8", 0, 6, 10, 0),
        stratum_auth(5, "Yandex", "Ava", "5OM4WOOGPLQEF6UGN3CPEOOLWU", 0, 8, 30, 0),
    ],
    "Categories": [{"Id": "a1b2c3d4", "Name": "Work", "Ranking": 0},
                   {"Id": "e5f6a7b8", "Name": "Dev", "Ranking": 1}],
    "AuthenticatorCategories": [
        {"CategoryId": "a1b2c3d4", "AuthenticatorSecret": "4SJHB4GSD43FZBAI7C2HLRJGPQ",
         "Ranking": 0},
        {"CategoryId": "e5f6a7b8", "AuthenticatorSecret": "4SJHB4GSD43FZBAI7C2HLRJGPQ",
         "Ranking": 0},
    ],
    "CustomIcons": [], "IconPacks": [],
}


def stratum():
    write("stratum-plain.json", json.dumps(STRATUM_BACKUP, indent=2) + "\n")


# ---------------------------------------------------------------- Raivo OTP

def raivo():
    def otp(issuer, account, secret_b32, algorithm, digits, kind, timer, counter):
        return {"issuer": issuer, "account": account, "secret": secret_b32,
                "algorithm": algorithm, "digits": str(digits), "kind": kind,
                "timer": str(timer), "counter": str(counter), "pinned": "false",
                "iconType": "", "iconValue": ""}
    write("raivo-otp-export.json", json.dumps([
        otp("Deno", "Mason", "4SJHB4GSD43FZBAI7C2HLRJGPQ", "SHA1", 6, "TOTP", 30, 0),
        otp("Air Canada", "Benjamin", "KUVJJOM753IHTNDSZVCNKL7GII", "SHA256", 7, "HOTP", 30, 50),
        otp("WWE", "Mason", "5VAML3X35THCEBVRLV24CGBKOY", "SHA512", 8, "TOTP", 60, 0),
        otp("Legacy", "Noah", "5OM4WOOGPLQEF6UGN3CPEOOLWU", "MD5", 6, "TOTP", 30, 0),
    ]) + "\n")


RAIVO_ZIP_PASSWORD = "badc0ffee0ddf00d"


def raivo_zip():
    """Raivo's export as its app writes it (SSZipArchive): a password-protected
    ZIP archive holding raivo-otp-export.json and an HTML copy. Current Raivo
    uses WinZip AES (made here with bsdtar, package libarchive-tools), old
    versions the traditional PKWARE encryption (made with zip). Also: an
    encrypted ZIP archive that is no Raivo export, and an unencrypted one whose
    JSON inflates past the importer's 64 MiB bound, and an unencrypted one
    (a fuzzing seed that gets past the password)."""
    import shutil
    import tempfile
    import zipfile
    with open(os.path.join(HERE, "raivo-otp-export.json"), "rb") as f:
        export = f.read()
    with tempfile.TemporaryDirectory() as tmp:
        def put(name, data):
            with open(os.path.join(tmp, name), "wb") as f:
                f.write(data)
            os.utime(os.path.join(tmp, name), (1700000000, 1700000000))
        put("raivo-otp-export.json", export)
        put("raivo-otp-export.html", b"<html><body>Raivo OTP export (test)</body></html>\n")
        put("notes.json", b'{"note": "not an authenticator export"}\n')
        names = ["raivo-otp-export.html", "raivo-otp-export.json"]
        for out, command in (
            ("raivo-otp-export.zip",
             ["bsdtar", "--format", "zip", "--options", "zip:encryption=aes256",
              "--passphrase", RAIVO_ZIP_PASSWORD, "-cf"]),
            ("raivo-otp-export-pkware.zip", ["zip", "-q", "-X", "-P", RAIVO_ZIP_PASSWORD]),
            ("zip-encrypted-other.zip",
             ["bsdtar", "--format", "zip", "--options", "zip:encryption=aes256",
              "--passphrase", RAIVO_ZIP_PASSWORD, "-cf"]),
        ):
            target = os.path.join(tmp, out)
            members = ["notes.json"] if out.startswith("zip-") else names
            subprocess.run(command + [target] + members, cwd=tmp, check=True)
            shutil.copyfile(target, os.path.join(HERE, out))
    with zipfile.ZipFile(os.path.join(HERE, "raivo-otp-export-plain.zip"), "w",
                         compression=zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("raivo-otp-export.json", date_time=(2023, 11, 14, 22, 13, 20))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, export)
    with zipfile.ZipFile(os.path.join(HERE, "raivo-bomb.zip"), "w",
                         compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        info = zipfile.ZipInfo("raivo-otp-export.json", date_time=(2023, 11, 14, 22, 13, 20))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, b"[" + b" " * (65 * 1024 * 1024) + b"]")


# ---------------------------------------------------------------- Authenticator Plus

AUTHPLUS_PASSWORD = PASSWORD.decode()  # as the other samples: the journeys type it

# Accounts.txt: one otpauth URI per account, as Authenticator Plus exports
# them (and Aegis reads them); the last uses MD5, which is rejected.
AUTHPLUS_URIS = [
    "otpauth://totp/Fastmail:olivia%40example.org?secret=JZ3G6ZLTMVZWK3DFONSXE33U"
    "&issuer=Fastmail",
    "otpauth://hotp/Linode:ethan?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Linode"
    "&counter=42&digits=8",
    "otpauth://totp/Hetzner:ava?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Hetzner"
    "&algorithm=SHA256&period=60",
    "otpauth://totp/Legacy:liam?secret=ONSWG4TFOQYTEMZUGU3DOOBZ&issuer=Legacy&algorithm=MD5",
]


def authplus():
    """Authenticator Plus's export: a ZIP archive protected by the backup
    password holding Accounts.txt. Made with WinZip AES (bsdtar, package
    libarchive-tools) and with traditional PKWARE encryption (zip), as ZIP
    writers on Android (zip4j) do both, and once without a password."""
    import shutil
    import tempfile
    import zipfile
    text = ("\n".join(AUTHPLUS_URIS) + "\n\n").encode()
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "Accounts.txt"), "wb") as f:
            f.write(text)
        os.utime(os.path.join(tmp, "Accounts.txt"), (1700000000, 1700000000))
        for out, command in (
            ("authplus-export.zip",
             ["bsdtar", "--format", "zip", "--options", "zip:encryption=aes256",
              "--passphrase", AUTHPLUS_PASSWORD, "-cf"]),
            ("authplus-export-pkware.zip", ["zip", "-q", "-X", "-P", AUTHPLUS_PASSWORD]),
        ):
            target = os.path.join(tmp, out)
            subprocess.run(command + [target, "Accounts.txt"], cwd=tmp, check=True)
            shutil.copyfile(target, os.path.join(HERE, out))
    with zipfile.ZipFile(os.path.join(HERE, "authplus-export-plain.zip"), "w",
                         compression=zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("Accounts.txt", date_time=(2023, 11, 14, 22, 13, 20))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text)
    # A damaged one: Accounts.txt holds a line that is no URI.
    with zipfile.ZipFile(os.path.join(HERE, "authplus-damaged.zip"), "w",
                         compression=zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("Accounts.txt", date_time=(2023, 11, 14, 22, 13, 20))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text + b"Fastmail olivia 1234 5678\n")


def authplus_db():
    """Authenticator Plus's own backup (authplus.db): a SQLCipher 3 database
    (SQLCipher 3's defaults: PBKDF2-HMAC-SHA1 64,000 rounds, 1,024-byte
    pages), made with the sqlcipher shell (package sqlcipher). The app is
    closed source: the accounts table has the columns public readers of
    these backups use (email, issuer, secret). The last row's secret is not
    base32 (rejected)."""
    path = os.path.join(HERE, "authplus-backup.db")
    if os.path.exists(path):
        os.unlink(path)
    rows = [
        ("olivia@example.org", "Fastmail", "JZ3G6ZLTMVZWK3DFONSXE33U"),
        ("ethan", "Linode", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"),
        ("ava", "Hetzner", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
        ("liam", "Broken", "not base32 1234 5678"),
    ]
    script = "PRAGMA key = '%s';\n" % AUTHPLUS_PASSWORD
    script += ("CREATE TABLE accounts (_id INTEGER PRIMARY KEY AUTOINCREMENT, "
               "email TEXT NOT NULL, issuer TEXT, secret TEXT NOT NULL);\n")
    for email, issuer, secret in rows:
        script += "INSERT INTO accounts (email, issuer, secret) VALUES ('%s', '%s', '%s');\n" % (
            email, issuer, secret)
    subprocess.run(["sqlcipher", path], input=script.encode(), check=True)
    # The same database in a ZIP archive, as the app's backups are shared.
    import zipfile
    with open(path, "rb") as f:
        database = f.read()
    with zipfile.ZipFile(os.path.join(HERE, "authplus-backup.zip"), "w",
                         compression=zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("authplus.db", date_time=(2023, 11, 14, 22, 13, 20))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, database)
    # One that opens but is no Authenticator Plus backup.
    other = os.path.join(HERE, "authplus-other.db")
    if os.path.exists(other):
        os.unlink(other)
    subprocess.run(["sqlcipher", other], input=("PRAGMA key = '%s';\nCREATE TABLE notes "
                                                "(body TEXT);\nINSERT INTO notes VALUES "
                                                "('not an authenticator');\n"
                                                % AUTHPLUS_PASSWORD).encode(), check=True)


# ---------------------------------------------------------------- Android shared preferences

def prefs_xml(strings, extra=""):
    from xml.sax.saxutils import escape
    out = "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n"
    out += extra
    for name, value in strings:
        out += '    <string name="%s">%s</string>\n' % (
            escape(name, {'"': "&quot;"}), escape(value, {'"': "&quot;"}))
    return out + "</map>\n"


AUTHY_TOKENS = [
    {"accountType": "deno", "decryptedSecret": "4SJHB4GSD43FZBAI7C2HLRJGPQ", "digits": 6,
     "name": "Deno: Mason", "originalName": "Deno:Mason", "originalIssuer": "Deno",
     "timestamp": 1700000000, "uniqueId": "1001", "upload_state": "uploaded"},
    {"accountType": "authenticator", "decryptedSecret": "5OM4WOOGPLQEF6UGN3CPEOOLWU",
     "digits": 7, "name": "SPDX - James", "timestamp": 1700000000, "uniqueId": "1002"},
    {"accountType": "forum", "decryptedSecret": "KUVJJOM753IHTNDSZVCNKL7GII", "digits": 8,
     "name": "ava", "timestamp": 1700000000, "uniqueId": "1003"},
    {"accountType": "broken", "decryptedSecret": "NOT BASE32 !!", "digits": 6,
     "name": "Broken: olivia", "originalIssuer": "Broken", "uniqueId": "1004"},
]


def authy():
    key = "com.authy.storage.tokens.authenticator.key"
    write("authy-authenticator.xml", prefs_xml([(key, json.dumps(AUTHY_TOKENS))],
                                               '    <int name="version" value="3" />\n'))
    write("authy-authy.xml", prefs_xml([("com.authy.storage.tokens.authy.key", json.dumps([
        {"name": "Twitch", "digits": 7, "secretSeed": fixed("authy seed", 16).hex(),
         "uniqueId": "2001", "isNew": False}]))]))

    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    encrypted = []
    for n, token in enumerate(AUTHY_TOKENS[:3]):
        salt = base64.b32encode(fixed("authy salt %d" % n, 10)).decode()
        aes_key = PBKDF2HMAC(algorithm=hashes.SHA1(), length=32, salt=salt.encode(),
                             iterations=1000).derive(PASSWORD)
        padder = padding.PKCS7(128).padder()
        plain = padder.update(token["decryptedSecret"].encode()) + padder.finalize()
        enc = Cipher(algorithms.AES(aes_key), modes.CBC(bytes(16))).encryptor()
        sealed = enc.update(plain) + enc.finalize()
        token = dict(token)
        del token["decryptedSecret"]
        token.update({"encryptedSecret": base64.b64encode(sealed).decode(), "salt": salt})
        encrypted.append(token)
    write("authy-encrypted.xml", prefs_xml([(key, json.dumps(encrypted))]))


def freeotp_xml():
    tokens = [
        ("WWE:Mason", {"algo": "SHA512", "counter": 10299, "digits": 8, "issuerExt": "WWE",
                       "issuerInt": "WWE", "label": "Mason", "period": 30,
                       "secret": java_bytes("5VAML3X35THCEBVRLV24CGBKOY"), "type": "HOTP"}),
        ("Deno:Mason", {"algo": "SHA1", "counter": 0, "digits": 6, "issuerExt": "Deno",
                        "label": "Mason", "period": 30, "imageAlt": None,
                        "secret": java_bytes("4SJHB4GSD43FZBAI7C2HLRJGPQ"), "type": "TOTP"}),
        ("Old:Ava", {"algo": "MD5", "counter": 0, "digits": 6, "issuerExt": "Old",
                     "label": "Ava", "period": 30,
                     "secret": java_bytes("KUVJJOM753IHTNDSZVCNKL7GII"), "type": "TOTP"}),
    ]
    strings = [("tokenOrder", json.dumps([name for name, _ in tokens]))]
    strings += [(name, json.dumps(token)) for name, token in tokens]
    write("freeotp-tokens.xml", prefs_xml(strings))


def totp_authenticator():
    deno = secret("4SJHB4GSD43FZBAI7C2HLRJGPQ")
    codes = [
        {"name": "Mason", "issuer": "Deno", "key": deno.hex(), "base": 16},
        {"name": "James", "issuer": "SPDX", "key": "5OM4WOOGPLQEF6UGN3CPEOOLWU", "base": 32},
        {"name": "Benjamin", "issuer": "Air Canada",
         "key": base64.b64encode(secret("KUVJJOM753IHTNDSZVCNKL7GII")).decode(), "base": 64},
        {"name": "Noah", "issuer": "Octal", "key": "1234567", "base": 8},
    ]
    write("totp-authenticator.xml", prefs_xml([("STATIC_TOTP_CODES_LIST", json.dumps(codes))],
                                              '    <boolean name="FIRST_RUN" value="false" />\n'))


# TOTP Authenticator's encrypted .bin backup (as Aegis's
# TotpAuthenticatorImporter reads it): base64 of AES-256-CBC (PKCS#7, zero
# IV, key SHA-256 of the password) of {"<the code list as JSON text>": time};
# newer versions write digits and period, as text.
TOTPAUTH_BACKUP_CODES = [
    {"name": "Mason", "issuer": "Deno", "key": secret("4SJHB4GSD43FZBAI7C2HLRJGPQ").hex(),
     "base": 16, "digits": "6", "period": "30", "isFavorite": False},
    {"name": "James", "issuer": "SPDX", "key": "5OM4WOOGPLQEF6UGN3CPEOOLWU", "base": 32,
     "digits": "8", "period": "60", "isFavorite": True},
    {"name": "Benjamin", "issuer": "Air Canada",
     "key": base64.b64encode(secret("KUVJJOM753IHTNDSZVCNKL7GII")).decode(), "base": 64,
     "digits": "7", "period": "20", "isFavorite": False},
    {"name": "Noah", "issuer": "Octal", "key": "1234567", "base": 8, "digits": "6",
     "period": "30"},
]


def totp_authenticator_backup():
    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    inner = json.dumps({json.dumps(TOTPAUTH_BACKUP_CODES): "1700000000"}).encode()
    for name, password in (("totp-authenticator-encrypted.bin", PASSWORD),
                           ("totp-authenticator-default.bin", b"TotpAuthenticator")):
        padder = padding.PKCS7(128).padder()
        plain = padder.update(inner) + padder.finalize()
        enc = Cipher(algorithms.AES(hashlib.sha256(password).digest()),
                     modes.CBC(bytes(16))).encryptor()
        text = base64.b64encode(enc.update(plain) + enc.finalize()).decode() + "\n"
        write(name, text)
        # Seeds of the fuzz target, which has no password but the app's own.
        write(os.path.join("..", "..", "fuzz", "corpus", "import-totp-authenticator", name), text)


# ---------------------------------------------------------------- FreeOTP 2 backup
# (freeotp-android: TokenPersistence.java, encryptor/MasterKey.java,
# encryptor/EncryptedKey.java, Token.java): a Java-serialized HashMap of
# strings, written by WriteJavaMap.java with Java's own ObjectOutputStream
# (needs a JDK: apt-get install default-jdk-headless).

FREEOTP2_TOKENS = [
    ("5d6c6f2e-0000-4000-8000-00000000d001", "4SJHB4GSD43FZBAI7C2HLRJGPQ",
     {"algo": "SHA1", "issuerExt": "Deno", "issuerInt": "Deno", "label": "Mason", "period": 30,
      "digits": 6, "type": "TOTP"}),
    ("5d6c6f2e-0000-4000-8000-00000000d002", "KUVJJOM753IHTNDSZVCNKL7GII",
     {"algo": "SHA256", "issuerExt": "Air Canada", "label": "Benjamin", "digits": 7,
      "type": "HOTP", "counter": 50}),
    ("5d6c6f2e-0000-4000-8000-00000000d003", "5VAML3X35THCEBVRLV24CGBKOY",
     {"algo": "SHA512", "issuerExt": "WWE", "issuerInt": "WWE", "label": "Mason", "period": 60,
      "digits": 8, "type": "TOTP"}),
    ("5d6c6f2e-0000-4000-8000-00000000d004", "JRZCL47CMXVOQMNPZR2F7J4RGI",
     {"algo": "SHA1", "issuerExt": "Steam", "label": "Sophia", "period": 30, "digits": 5,
      "type": "TOTP"}),
    ("5d6c6f2e-0000-4000-8000-00000000d005", "5OM4WOOGPLQEF6UGN3CPEOOLWU",
     {"algo": "MD5", "issuerExt": "Old Bank", "label": "Lucas", "period": 30, "digits": 6,
      "type": "TOTP"}),
]


def freeotp_encrypted_key(key, plaintext, algorithm, tag):
    # EncryptedKey: AES/GCM/NoPadding, the key's algorithm name as associated
    # data, the cipher's DER GCMParameters (nonce, tag length 16).
    nonce = fixed(tag, 12)
    der = bytes([0x30, 0x11, 0x04, 0x0c]) + nonce + bytes([0x02, 0x01, 0x10])
    sealed = AESGCM(key).encrypt(nonce, plaintext, algorithm.encode())
    return {"mCipherText": [x - 256 if x > 127 else x for x in sealed],
            "mParameters": [x - 256 if x > 127 else x for x in der],
            "mCipher": "AES/GCM/NoPadding", "mToken": algorithm}


def freeotp_backup():
    # MasterKey: PBKDF2-HMAC-SHA512 (the app uses 100,000 rounds; the file
    # says how many), a key as long as the 32-byte salt.
    salt, iterations = fixed("freeotp salt", 32), 1000
    password_key = PBKDF2HMAC(algorithm=hashes.SHA512(), length=32, salt=salt,
                              iterations=iterations).derive(PASSWORD)
    master = fixed("freeotp master key", 32)
    master_key = {"mEncryptedKey": freeotp_encrypted_key(password_key, master, "AES",
                                                         "freeotp master nonce"),
                  "mAlgorithm": "PBKDF2withHmacSHA512", "mIterations": iterations,
                  "mSalt": [x - 256 if x > 127 else x for x in salt]}
    entries = [("masterKey", json.dumps(master_key, separators=(",", ":")))]
    for uuid, b32_secret, token in FREEOTP2_TOKENS:
        key = freeotp_encrypted_key(master, secret(b32_secret), "Hmac" + token["algo"],
                                    "freeotp nonce " + uuid)
        entries.append((uuid, json.dumps({"key": json.dumps(key, separators=(",", ":"))},
                                         separators=(",", ":"))))
        entries.append((uuid + "-token", json.dumps(token, separators=(",", ":"))))
    lines = "".join("%s\t%s\n" % entry for entry in entries)
    order = subprocess.run(["java", os.path.join(HERE, "WriteJavaMap.java"),
                            os.path.join(HERE, "freeotp-backup.xml")],
                           input=lines.encode(), check=True, capture_output=True).stdout
    print("freeotp-backup.xml order:", order.decode().split())
    # Seeds of the fuzz target: the sample, a map of one pair, an empty map.
    corpus = os.path.join(HERE, "..", "..", "fuzz", "corpus", "import-freeotp-backup")
    with open(os.path.join(HERE, "freeotp-backup.xml"), "rb") as f:
        write(os.path.join(corpus, "freeotp-backup.xml"), f.read())
    for name, text in (("small-map.bin", b"a\tb\n"), ("empty-map.bin", b"")):
        subprocess.run(["java", os.path.join(HERE, "WriteJavaMap.java"),
                        os.path.join(corpus, name)], input=text, check=True,
                       capture_output=True)


BATTLENET_MASK = bytes.fromhex(
    "398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6"
    "c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a")


def battlenet():
    def mask(text):
        return bytes(b ^ m for b, m in zip(text.encode(), BATTLENET_MASK)).hex()
    device_secret = fixed("battle.net secret", 20).hex()
    write("battlenet.xml", prefs_xml([
        ("com.blizzard.messenger.AUTHENTICATOR_SERIAL", mask("EU-1234-5678-9012")),
        ("com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET", mask(device_secret)),
    ]))


# ---------------------------------------------------------------- CSV: Bitwarden, KeePassXC

def csv_text(rows, quote_all=False):
    import csv
    import io
    out = io.StringIO()
    csv.writer(out, lineterminator="\n",
               quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerows(rows)
    return out.getvalue()


def bitwarden_csv():
    header = ["folder", "favorite", "type", "name", "notes", "fields", "reprompt", "login_uri",
              "login_username", "login_password", "login_totp"]
    write("bitwarden.csv", csv_text([
        header,
        ["Work", "1", "login", "Deno", "main account, \"primary\"\nsecond line", "", "0",
         "https://example.org", "mason@example.org", "not-a-real-password",
         "otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno"],
        ["", "", "login", "SPDX", "", "", "0", "", "james", "not-a-real-password",
         "5OM4 WOOG PLQE F6UG N3CP EOOL WU"],
        ["", "", "login", "Steam", "", "", "0", "", "sophia", "",
         "steam://JRZCL47CMXVOQMNPZR2F7J4RGI"],
        ["", "", "login", "Forum", "", "", "0", "", "ava", "not-a-real-password", ""],
        ["", "", "note", "A secure note", "hello", "", "0", "", "", "", ""],
        ["", "", "login", "Broken", "", "", "0", "", "olivia", "",
         "otpauth://totp/Broken:olivia?secret=1NVALID"],
    ]))


def keepassxc():
    header = ["Group", "Title", "Username", "Password", "URL", "Notes", "TOTP", "Icon",
              "Last Modified", "Created"]
    write("keepassxc.csv", csv_text([
        header,
        ["Root/Work", "Deno", "Mason", "not-a-real-password", "https://example.org",
         "main account", "otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ"
         "&period=30&digits=6&issuer=Deno", "0", "2024-01-01T00:00:00Z",
         "2024-01-01T00:00:00Z"],
        ["Root", "WWE", "Mason", "", "", "", "key=5VAML3X35THCEBVRLV24CGBKOY&step=60&size=8",
         "0", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"],
        ["Root/Games", "Steam", "Sophia", "", "", "",
         "key=JRZCL47CMXVOQMNPZR2F7J4RGI&step=30&size=5&encoder=steam", "0",
         "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"],
        ["Root", "Forum", "ava", "not-a-real-password", "", "", "", "0",
         "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"],
        ["Root", "Broken", "olivia", "", "", "", "key=N0T-BASE32&step=30", "0",
         "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"],
    ], quote_all=True))


# ---------------------------------------------------------------- Ente Auth (encrypted)

def sodium():
    # libsodium through ctypes (standard library): Debian 12's python3-cryptography has
    # neither Argon2id nor XChaCha20-Poly1305 secretstream.
    import ctypes
    import ctypes.util
    lib = ctypes.CDLL(ctypes.util.find_library("sodium") or "libsodium.so.23")
    assert lib.sodium_init() >= 0
    return lib


def ente():
    import ctypes
    lib = sodium()
    plain = ("otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno\n"
             "otpauth://hotp/Air%20Canada:Benjamin?secret=KUVJJOM753IHTNDSZVCNKL7GII"
             "&issuer=Air%20Canada&algorithm=SHA256&digits=7&counter=50\n"
             "otpauth://totp/WWE:Mason?secret=5VAML3X35THCEBVRLV24CGBKOY&issuer=WWE"
             "&algorithm=SHA512&digits=8&period=60\n").encode()
    salt = fixed("ente salt", 16)
    ops, mem = 2, 8 * 1024 * 1024
    key = ctypes.create_string_buffer(32)
    assert lib.crypto_pwhash(key, ctypes.c_ulonglong(32), PASSWORD,
                             ctypes.c_ulonglong(len(PASSWORD)), salt, ctypes.c_ulonglong(ops),
                             ctypes.c_size_t(mem), ctypes.c_int(2)) == 0
    # The stream's header is random (libsodium makes it): the file is written once.
    state = ctypes.create_string_buffer(lib.crypto_secretstream_xchacha20poly1305_statebytes())
    header = ctypes.create_string_buffer(24)
    assert lib.crypto_secretstream_xchacha20poly1305_init_push(state, header, key.raw) == 0
    sealed = ctypes.create_string_buffer(len(plain) + 17)
    sealed_len = ctypes.c_ulonglong(0)
    assert lib.crypto_secretstream_xchacha20poly1305_push(
        state, sealed, ctypes.byref(sealed_len), plain, ctypes.c_ulonglong(len(plain)), None,
        ctypes.c_ulonglong(0), ctypes.c_ubyte(3)) == 0
    export = {"version": 1,
              "kdfParams": {"memLimit": mem, "opsLimit": ops,
                            "salt": base64.b64encode(salt).decode()},
              "encryptedData": base64.b64encode(sealed.raw[:sealed_len.value]).decode(),
              "encryptionNonce": base64.b64encode(header.raw).decode()}
    name = os.path.join(HERE, "ente-encrypted.json")
    if os.path.exists(name):
        return  # the header is random: keep the committed file unless it is removed
    write("ente-encrypted.json", json.dumps(export, indent=2) + "\n")


# ---------------------------------------------------------------- Google Authenticator database

def new_db(name):
    import sqlite3
    path = os.path.join(HERE, name)
    if os.path.exists(path):
        os.unlink(path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA page_size = 4096")
    db.execute("CREATE TABLE android_metadata (locale TEXT)")
    db.execute("INSERT INTO android_metadata VALUES ('en_US')")
    return db


def close_db(db):
    db.commit()
    db.execute("VACUUM")
    db.close()


def google_db():
    db = new_db("google-authenticator.db")
    db.execute("CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, "
               "secret TEXT NOT NULL, counter INTEGER DEFAULT 0, type INTEGER, "
               "provider INTEGER DEFAULT 0, issuer TEXT DEFAULT NULL, "
               "original_name TEXT DEFAULT NULL, isencrypted INTEGER DEFAULT 0)")
    rows = [
        ("Deno:Mason", "4SJHB4GSD43FZBAI7C2HLRJGPQ", 0, 0, "Deno", 0),
        ("Benjamin", "KUVJJOM753IHTNDSZVCNKL7GII", 7, 1, "Air Canada", 0),
        ("SPDX:James", "5OM4 WOOG PLQE F6UG N3CP EOOL WU", 0, 0, None, 0),
        ("Sealed:Ava", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 0, 0, "Sealed", 1),
        ("Odd:Noah", "5VAML3X35THCEBVRLV24CGBKOY", 0, 2, "Odd", 0),
    ]
    db.executemany("INSERT INTO accounts (email, secret, counter, type, issuer, isencrypted) "
                   "VALUES (?, ?, ?, ?, ?, ?)", rows)
    close_db(db)


# ---------------------------------------------------------------- Argon2id (libargon2, ctypes)

def argon2id(password, salt, passes, memory_kib, lanes, length=32):
    # The reference library through ctypes: libsodium's Argon2id has one lane only, and
    # OTPClient and Stratum derive with four.
    import ctypes
    import ctypes.util
    lib = ctypes.CDLL(ctypes.util.find_library("argon2") or "libargon2.so.1")
    out = ctypes.create_string_buffer(length)
    assert lib.argon2id_hash_raw(ctypes.c_uint32(passes), ctypes.c_uint32(memory_kib),
                                 ctypes.c_uint32(lanes), password, ctypes.c_size_t(len(password)),
                                 salt, ctypes.c_size_t(len(salt)), out,
                                 ctypes.c_size_t(length)) == 0
    return out.raw


# ---------------------------------------------------------------- OTPClient (src/common/db-common.c)

OTPCLIENT_TOKENS = [
    {"type": "TOTP", "label": "Mason", "issuer": "Deno", "digits": 6, "algo": "SHA1",
     "secret": "4SJHB4GSD43FZBAI7C2HLRJGPQ", "period": 30, "group": "Work"},
    {"type": "HOTP", "label": "Benjamin", "issuer": "Air Canada", "digits": 7, "algo": "SHA256",
     "secret": "KUVJJOM753IHTNDSZVCNKL7GII", "counter": 50},
    {"type": "TOTP", "label": "Mason", "issuer": "WWE", "digits": 8, "algo": "SHA512",
     "secret": "5VAML3X35THCEBVRLV24CGBKOY", "period": 60},
    {"type": "TOTP", "label": "Sophia", "issuer": "Steam", "digits": 5, "algo": "SHA1",
     "secret": "JRZCL47CMXVOQMNPZR2F7J4RGI", "period": 30},
    {"type": "TOTP", "label": "Lucas", "issuer": "Old Bank", "digits": 6, "algo": "MD5",
     "secret": "5OM4WOOGPLQEF6UGN3CPEOOLWU", "period": 30},
    {"type": "MOTP", "label": "Ava", "issuer": "Old VPN", "digits": 6, "algo": "SHA1",
     "secret": "E3152AFEE62599C8", "period": 10},
]


def otpclient():
    payload = json.dumps(OTPCLIENT_TOKENS).encode()
    # The fuzz target also reads the token list alone (it has no password).
    with open(os.path.join(HERE, "..", "..", "fuzz", "corpus", "import-otpclient",
                           "tokens.json"), "wb") as f:
        f.write(payload)
    iv, salt = fixed("otpclient iv", 16), fixed("otpclient salt", 32)
    # Version 3: big-endian fields; cheap costs (OTPClient accepts 1 pass, 8 MiB).
    passes, memory, lanes = 1, 8192, 4
    header = b"OTPClient" + struct.pack(">I", 3) + iv + salt + struct.pack(">III", passes, memory,
                                                                            lanes)
    key = argon2id(PASSWORD, salt, passes, memory, lanes)
    write("otpclient-v3.enc", header + AESGCM(key).encrypt(iv, payload, header))
    # Version 2: the C struct (3 bytes of padding, little-endian numbers).
    header = b"OTPClient" + b"\0\0\0" + struct.pack("<i", 2) + iv + salt + struct.pack(
        "<iii", passes, memory, lanes)
    write("otpclient-v2.enc", header + AESGCM(key).encrypt(iv, payload, header))
    # Version 1: IV and salt alone, PBKDF2-HMAC-SHA512 with 100,000 rounds.
    header = iv + salt
    key = PBKDF2HMAC(algorithm=hashes.SHA512(), length=32, salt=salt,
                     iterations=100000).derive(PASSWORD)
    write("otpclient-v1.enc", header + AESGCM(key).encrypt(iv, payload, header))


# ---------------------------------------------------------------- Stratum encrypted backups
# (Stratum.Core/src/Backup/Encryption/StrongBackupEncryption.cs, LegacyBackupEncryption.cs)

def stratum_encrypted():
    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    payload = json.dumps(STRATUM_BACKUP).encode()
    salt, iv = fixed("stratum salt", 16), fixed("stratum iv", 12)
    key = argon2id(PASSWORD, salt, 3, 65536, 4)
    write("stratum-encrypted.authpro",
          b"AUTHENTICATORPRO" + salt + iv + AESGCM(key).encrypt(iv, payload, None))
    salt, iv = fixed("stratum legacy salt", 20), fixed("stratum legacy iv", 16)
    key = PBKDF2HMAC(algorithm=hashes.SHA1(), length=32, salt=salt,
                     iterations=64000).derive(PASSWORD)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(payload) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    write("stratum-legacy.authpro",
          b"AuthenticatorPro" + salt + iv + encryptor.update(padded) + encryptor.finalize())


# ---------------------------------------------------------------- Microsoft Authenticator (PhoneFactor)

def microsoft():
    db = new_db("microsoft-authenticator.db")
    # The columns Aegis's MicrosoftAuthImporter reads, and a few more of the app's.
    db.execute("CREATE TABLE accounts (_id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, "
               "username TEXT, oath_secret_key TEXT, account_type INTEGER, "
               "cid TEXT, tenant_id TEXT, ux_position INTEGER)")
    rows = [
        ("Deno", "Mason", "4SJHB4GSD43FZBAI7C2HLRJGPQ", 0),
        ("Microsoft", "benjamin@example.org",
         base64.b64encode(base64.b32decode("KUVJJOM753IHTNDSZVCNKL7GII======")).decode(), 1),
        ("Example Corp", "james@example.com", "", 2),
        ("Microsoft", "olivia@example.org", "", 1),
        ("Broken", "Noah", "NOT BASE32 !!", 0),
    ]
    db.executemany("INSERT INTO accounts (name, username, oath_secret_key, account_type) "
                   "VALUES (?, ?, ?, ?)", rows)
    close_db(db)


# ---------------------------------------------------------------- Stratum database (authenticator.db3)

def stratum_db():
    db = new_db("stratum-authenticator.db3")
    db.execute("CREATE TABLE authenticator (type INTEGER, icon VARCHAR, issuer VARCHAR(32) NOT NULL, "
               "username VARCHAR(40), secret VARCHAR PRIMARY KEY NOT NULL, pin VARCHAR, "
               "algorithm INTEGER, digits INTEGER, period INTEGER, counter BIGINT, "
               "copyCount INTEGER, ranking INTEGER)")
    db.execute("CREATE TABLE category (id VARCHAR PRIMARY KEY NOT NULL, name VARCHAR(32) NOT NULL, "
               "ranking INTEGER)")
    db.execute("CREATE TABLE authenticatorcategory (categoryId VARCHAR, "
               "authenticatorSecret VARCHAR, ranking INTEGER)")
    for a in STRATUM_BACKUP["Authenticators"]:
        db.execute("INSERT INTO authenticator VALUES (?, NULL, ?, ?, ?, NULL, ?, ?, ?, ?, 0, 0)",
                   (a["Type"], a["Issuer"], a["Username"], a["Secret"], a["Algorithm"],
                    a["Digits"], a["Period"], a["Counter"]))
    for c in STRATUM_BACKUP["Categories"]:
        db.execute("INSERT INTO category VALUES (?, ?, ?)", (c["Id"], c["Name"], c["Ranking"]))
    for link in STRATUM_BACKUP["AuthenticatorCategories"]:
        db.execute("INSERT INTO authenticatorcategory VALUES (?, ?, ?)",
                   (link["CategoryId"], link["AuthenticatorSecret"], link["Ranking"]))
    close_db(db)


if __name__ == "__main__":
    aegis_plain()
    aegis_encrypted()
    andotp()
    twofas()
    freeotp()
    google()
    bitwarden()
    uri_list()
    steam()
    proton()
    duo()
    stratum()
    raivo()
    raivo_zip()
    authplus()
    authplus_db()
    authy()
    freeotp_xml()
    totp_authenticator()
    totp_authenticator_backup()
    freeotp_backup()
    battlenet()
    bitwarden_csv()
    keepassxc()
    ente()
    google_db()
    otpclient()
    stratum_encrypted()
    microsoft()
    stratum_db()
