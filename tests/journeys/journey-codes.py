#!/usr/bin/python3
"""Journey: codes. Enter right after unlocking copies the first code; copy a
code by clicking its row (the clipboard holds it, then is cleared after the
delay set in the settings); search and copy with Enter; Down from the search
to the first result; the next HOTP code, its counter
saved. Codes are checked against oathtool.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey as j  # noqa: E402

ACCOUNTS = {
    "Alpha": ("JBSWY3DPEHPK3PXP", "totp"),
    "Beta": ("GEZDGNBVGY3TQOJQ", "totp"),
    "Gamma": ("MFRGGZDFMZTWQ2LK", "hotp"),
}


def totp_codes(secret):
    """The codes of this time step and its neighbours (a step may turn)."""
    out = subprocess.run(["oathtool", "--totp", "-b", "-w", "1", "-N", "now - 30 seconds",
                          secret], capture_output=True, text=True, check=True).stdout
    return out.split()


def hotp_code(secret, counter):
    return subprocess.run(["oathtool", "--hotp", "-b", "-c", str(counter), secret],
                          capture_output=True, text=True, check=True).stdout.strip()


def copied_code():
    return j.clipboard().replace(" ", "").strip()


def main():
    vault = j.new_vault()
    vault.init()
    for issuer, (secret, kind) in ACCOUNTS.items():
        vault.add(secret, "--issuer", issuer, "--type", kind)
    j.set_setting("clipboard-clear-delay", "3")
    app = j.launch(vault)
    app.type_into(app.find("text", "Password"), j.PASSWORD, enter=True)
    app.find("list", "Accounts")

    j.step("Enter right after unlocking copies the first account's code")
    j.press("Return")
    j.poll("Alpha's code on the clipboard",
           lambda: copied_code() in totp_codes(ACCOUNTS["Alpha"][0]))
    j.set_clipboard("nothing")

    j.step("copy a code by clicking its row")
    app.mouse_click(app.find("label", "Alpha"))
    j.poll("Alpha's code on the clipboard",
           lambda: copied_code() in totp_codes(ACCOUNTS["Alpha"][0]))
    j.step("the clipboard is cleared after the delay")
    j.poll("the clipboard cleared", lambda: copied_code() == "", timeout=15)

    j.step("search and copy with Enter")
    app.keys("ctrl+f")
    search = app.find("entry", "Search accounts")
    j.type_text("Beta")
    j.poll("only Beta listed", lambda: not app.find_all("label", "Alpha"))
    j.press("Return")
    j.poll("Beta's code on the clipboard",
           lambda: copied_code() in totp_codes(ACCOUNTS["Beta"][0]))

    j.step("Down from the search goes to the first result")
    j.set_clipboard("nothing")
    j.press("ctrl+a", "BackSpace")
    j.poll("every account listed", lambda: app.find_all("label", "Alpha"))
    j.type_text("a")  # Alpha, Beta, Gamma all match
    assert app.find_all("entry", "Search accounts", node=None) or search
    j.press("Down", "Return")
    j.poll("the first result's code on the clipboard",
           lambda: copied_code() in totp_codes(ACCOUNTS["Alpha"][0]))
    j.press("Escape")

    j.step("the next HOTP code")
    gamma = app.find("label", "Gamma")
    row = gamma.parent
    while row is not None and not app.find_all("push button", "Next Code", node=row):
        row = row.parent
    app.click("push button", "Next Code", node=row)
    j.poll("the counter saved", lambda: vault.show("Gamma")["counter"] == 1)
    code = hotp_code(ACCOUNTS["Gamma"][0], 1)
    shown = [lbl.name.replace(" ", "") for lbl in app.find_all("label", None, node=row)]
    assert code in shown, "HOTP code %s not shown in %r" % (code, shown)

    app.quit()


j.run(main)
