#!/usr/bin/python3
# test-sync-syncthing.py: one vault in a folder shared by two real Syncthing daemons
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Two daemons on 127.0.0.1 only (own homes, ports picked at run time, no global or
# local discovery, relays, NAT or usage reporting; maxConflicts 10, see
# /work/shared/syncthing-testing.md), one shared folder. Each round pauses the
# peer on side A, changes the vault on both sides with rvault (each side with its
# own RV_DEVICE_ID and XDG dirs), resumes, waits for the folders to settle, runs
# `rvault list` on both (which merges the conflict copy Syncthing made) and checks
# both vaults hold every change: adds, edits (the later one wins), removals, used
# recovery codes, no conflict copy left. Seeded; the seed is printed
# (RV_SYNC_SEED=N to replay, RV_SYNC_ROUNDS=N for more rounds).
# Skips (77) only when syncthing is not installed.

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import xml.etree.ElementTree as ET

SKIP = 77
PASSWORD = b"sync test password"
FOLDER_ID = "vault"


def log(*args):
    print(*args, flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Side:
    def __init__(self, name, base):
        self.name = name
        self.home = os.path.join(base, name, "st-home")
        self.folder = os.path.join(base, name, "Sync")
        self.xdg = os.path.join(base, name, "xdg")
        self.vault = os.path.join(self.folder, "vault.rvault")
        self.gui_port = free_port()
        self.listen_port = free_port()
        self.apikey = "rv-test-key-" + name
        self.device_id = None
        self.proc = None
        self.rvault_device = "00000000-0000-4000-8000-0000000000%s" % ("0a" if name == "A" else "0b")
        os.makedirs(self.folder)
        for sub in ("data", "state", "config", "cache"):
            os.makedirs(os.path.join(self.xdg, sub))

    # Syncthing ------------------------------------------------------------
    def generate(self):
        subprocess.run(["syncthing", "generate", "--home=" + self.home, "--no-default-folder",
                        "--skip-port-probing"], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        tree = ET.parse(os.path.join(self.home, "config.xml"))
        self.device_id = tree.getroot().find("device").get("id")

    def configure(self, peer):
        path = os.path.join(self.home, "config.xml")
        tree = ET.parse(path)
        root = tree.getroot()
        for folder in root.findall("folder"):
            root.remove(folder)
        gui = root.find("gui")
        gui.find("address").text = "127.0.0.1:%d" % self.gui_port
        key = gui.find("apikey")
        if key is None:
            key = ET.SubElement(gui, "apikey")
        key.text = self.apikey
        options = root.find("options")
        settings = {
            "listenAddress": "tcp://127.0.0.1:%d" % self.listen_port,
            "globalAnnounceEnabled": "false", "localAnnounceEnabled": "false",
            "relaysEnabled": "false", "natEnabled": "false", "crashReportingEnabled": "false",
            "startBrowser": "false", "urAccepted": "-1", "autoUpgradeIntervalH": "0",
        }
        for name, value in settings.items():
            for old in options.findall(name):
                options.remove(old)
            ET.SubElement(options, name).text = value
        device = ET.SubElement(root, "device", id=peer.device_id, name=peer.name,
                               compression="metadata", introducer="false")
        ET.SubElement(device, "address").text = "tcp://127.0.0.1:%d" % peer.listen_port
        folder = ET.Element("folder", id=FOLDER_ID, label="vault", path=self.folder,
                            type="sendreceive", rescanIntervalS="1", fsWatcherEnabled="true",
                            fsWatcherDelayS="1")
        ET.SubElement(folder, "device", id=self.device_id)
        ET.SubElement(folder, "device", id=peer.device_id)
        # The pitfall: without this element Syncthing keeps no conflict copy at all.
        ET.SubElement(folder, "maxConflicts").text = "10"
        root.insert(0, folder)
        tree.write(path)

    def start(self, base):
        env = dict(os.environ, STNODEFAULTFOLDER="1", STNOUPGRADE="1",
                   HOME=os.path.join(base, self.name))
        self.log_file = open(os.path.join(base, self.name, "syncthing.log"), "wb")
        self.proc = subprocess.Popen(["syncthing", "serve", "--home=" + self.home, "--no-browser",
                                      "--no-restart", "--no-upgrade"], env=env,
                                     stdout=self.log_file, stderr=subprocess.STDOUT)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def rest(self, method, path):
        request = urllib.request.Request("http://127.0.0.1:%d%s" % (self.gui_port, path),
                                         method=method, headers={"X-API-Key": self.apikey})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def connected_to(self, peer):
        connections = self.rest("GET", "/rest/system/connections")["connections"]
        return connections.get(peer.device_id, {}).get("connected", False)

    def settled(self, peer):
        completion = self.rest("GET", "/rest/db/completion?folder=%s&device=%s"
                               % (FOLDER_ID, peer.device_id))
        status = self.rest("GET", "/rest/db/status?folder=%s" % FOLDER_ID)
        return (completion["completion"] == 100 and status["state"] == "idle"
                and status["needTotalItems"] == 0)

    # rvault ---------------------------------------------------------------
    def rvault(self, *args, stdin=None, check=True):
        read_fd, write_fd = os.pipe()
        os.write(write_fd, PASSWORD)
        os.close(write_fd)
        env = dict(os.environ, RV_DEVICE_ID=self.rvault_device, RV_KDF_TARGET_MS="1",
                   XDG_DATA_HOME=os.path.join(self.xdg, "data"),
                   XDG_STATE_HOME=os.path.join(self.xdg, "state"),
                   XDG_CONFIG_HOME=os.path.join(self.xdg, "config"),
                   XDG_CACHE_HOME=os.path.join(self.xdg, "cache"))
        try:
            run = subprocess.run([RVAULT, "--vault", self.vault, "--password-fd", str(read_fd)]
                                 + list(args), input=stdin, capture_output=True, text=True,
                                 env=env, pass_fds=(read_fd,), timeout=60)
        finally:
            os.close(read_fd)
        if check and run.returncode != 0:
            raise AssertionError("rvault %s on %s failed (%d): %s%s"
                                 % (" ".join(args), self.name, run.returncode, run.stdout,
                                    run.stderr))
        return run

    def conflict_copies(self):
        return sorted(n for n in os.listdir(self.folder)
                      if ".sync-conflict-" in n and not n.endswith((".lock", ".prev", ".tmp")))


def wait_for(what, predicate, timeout=60, interval=0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(interval)
    raise AssertionError("timed out waiting for " + what)


def wait_settled(a, b, polls=3):
    """Both sides idle and complete, `polls` times in a row."""
    streak = [0]

    def check():
        if a.settled(b) and b.settled(a):
            streak[0] += 1
        else:
            streak[0] = 0
        return streak[0] >= polls

    wait_for("the folders to settle", check, timeout=120, interval=0.3)


class Model:
    """What both vaults must hold: issuer -> {notes, codes: {code: used}}."""

    def __init__(self):
        self.accounts = {}


def secret_for(rng):
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    return "".join(rng.choice(alphabet) for _ in range(32))


def add_account(side, model, issuer, rng, log_list):
    codes = ["%04d-%04d" % (rng.randrange(10000), rng.randrange(10000)) for _ in range(3)]
    codes = sorted(set(codes))
    side.rvault("add", "--issuer", issuer, stdin=secret_for(rng) + "\n")
    side.rvault("recovery-codes", issuer, "--add", "-", stdin="\n".join(codes) + "\n")
    model.accounts[issuer] = {"notes": None, "codes": {c: False for c in codes}}
    log_list.append("add %s (%d codes)" % (issuer, len(codes)))


def edit_notes(side, model, issuer, text, log_list):
    side.rvault("edit", issuer, "--notes", text)
    if issuer in model.accounts:
        model.accounts[issuer]["notes"] = text
    log_list.append("edit %s notes=%r" % (issuer, text))


def remove_account(side, model, issuer, log_list):
    side.rvault("remove", "--yes", issuer)
    model.accounts.pop(issuer, None)
    log_list.append("remove %s" % issuer)


def use_code(side, model, view, issuer, rng, log_list):
    unused = [c for c, used in view[issuer]["codes"].items() if not used]
    if not unused:
        return
    code = rng.choice(unused)
    side.rvault("recovery-codes", issuer, "--use", code)
    view[issuer]["codes"][code] = True
    if issuer in model.accounts:
        model.accounts[issuer]["codes"][code] = True
    log_list.append("use a code of %s" % issuer)


def one_change(side, model, view, names, number, rng, done):
    """An edit, removal or code use on an account no one else touches this round."""
    if not names:
        return
    issuer = names.pop()
    op = rng.choice(["edit", "remove", "use"])
    if op == "edit":
        edit_notes(side, model, issuer, "%s r%d" % (side.name, number), done)
    elif op == "remove":
        remove_account(side, model, issuer, done)
    else:
        use_code(side, model, view, issuer, rng, done)


def check_side(side, model):
    listing = json.loads(side.rvault("list", "--json").stdout)
    found = {a["issuer"]: a for a in listing}
    if set(found) != set(model.accounts):
        raise AssertionError("%s holds %s, expected %s" % (side.name, sorted(found),
                                                           sorted(model.accounts)))
    for issuer, want in model.accounts.items():
        got = found[issuer]["recovery_codes"]
        unused = sum(1 for used in want["codes"].values() if not used)
        if got["total"] != len(want["codes"]) or got["unused"] != unused:
            raise AssertionError("%s: %s has %s, expected %d codes, %d unused"
                                 % (side.name, issuer, got, len(want["codes"]), unused))
    return found


def check_details(side, model, issuers):
    for issuer in issuers:
        if issuer not in model.accounts:
            continue
        shown = json.loads(side.rvault("show", issuer, "--json", "--reveal").stdout)
        want = model.accounts[issuer]
        if shown["notes"] != want["notes"]:
            raise AssertionError("%s: %s notes %r, expected %r" % (side.name, issuer,
                                                                   shown["notes"], want["notes"]))
        used = {c["code"]: c["used"] for c in shown["recovery_codes"]["codes"]}
        if used != want["codes"]:
            raise AssertionError("%s: %s codes %s, expected %s" % (side.name, issuer, used,
                                                                   want["codes"]))


def converge(a, b):
    """rvault on a side with a conflict copy (A first) until none is left and both files
    agree; the other side's own `rvault list` in check_side() would merge too."""
    for attempt in range(6):
        same = open(a.vault, "rb").read() == open(b.vault, "rb").read()
        if same and not a.conflict_copies() and not b.conflict_copies():
            return attempt
        side = a if a.conflict_copies() or not b.conflict_copies() else b
        side.rvault("list")
        time.sleep(1.2)   # let Syncthing see the save and the moved copy
        wait_settled(a, b)
    raise AssertionError("the vaults did not converge: copies %s / %s"
                         % (a.conflict_copies(), b.conflict_copies()))


def run_round(number, a, b, model, rng):
    started = time.monotonic()
    names = sorted(model.accounts)
    rng.shuffle(names)
    view_a = json.loads(json.dumps(model.accounts))
    view_b = json.loads(json.dumps(model.accounts))
    done_a, done_b = [], []
    # One deliberate conflict per round, then disjoint changes on each side.
    kind = rng.choice(["same-field", "edit-then-remove", "remove-then-edit", "codes"])
    target = names.pop() if names else None

    a.rest("POST", "/rest/system/pause?device=" + b.device_id)
    wait_for("A to pause B", lambda: not a.connected_to(b) and not b.connected_to(a))

    # Side A first (its stamps are older), then side B.
    if target is not None:
        if kind == "same-field":
            edit_notes(a, model, target, "A wrote this in round %d" % number, done_a)
        elif kind == "edit-then-remove":
            edit_notes(a, model, target, "A edit before B removes", done_a)
        elif kind == "remove-then-edit":
            remove_account(a, model, target, done_a)
        else:
            use_code(a, model, view_a, target, rng, done_a)
    for k in range(rng.randint(1, 2)):
        add_account(a, model, "A-r%02d-k%d" % (number, k), rng, done_a)
    one_change(a, model, view_a, names, number, rng, done_a)

    time.sleep(0.05)
    if target is not None:
        if kind == "same-field":
            edit_notes(b, model, target, "B wrote this later in round %d" % number, done_b)
        elif kind == "edit-then-remove":
            remove_account(b, model, target, done_b)
        elif kind == "remove-then-edit":
            # B edits an account A removed earlier: the newer edit wins, it comes back.
            # The text names the round: an edit that changes nothing is no change, and
            # would rightly lose to the removal (seed 871334229, round 8, did that).
            text = "B edit after A removed in round %d" % number
            b.rvault("edit", target, "--notes", text)
            model.accounts[target] = view_b[target]
            model.accounts[target]["notes"] = text
            done_b.append("edit %s (removed on A before)" % target)
        else:
            use_code(b, model, view_b, target, rng, done_b)
    for k in range(rng.randint(0, 2)):
        add_account(b, model, "B-r%02d-k%d" % (number, k), rng, done_b)
    one_change(b, model, view_b, names, number, rng, done_b)

    time.sleep(2.0)   # both sides scan their change while apart
    a.rest("POST", "/rest/system/resume?device=" + b.device_id)
    wait_for("A and B to reconnect", lambda: a.connected_to(b) and b.connected_to(a))
    time.sleep(1.0)
    wait_settled(a, b)
    copies = sorted(set(a.conflict_copies()) | set(b.conflict_copies()))
    try:
        passes = converge(a, b)
        check_side(a, model)
        check_side(b, model)
        check_details(a, model, [target] if target else [])
        check_details(b, model, [target] if target else [])
    except AssertionError as error:
        # Say what this round did, so the failure can be read without a replay.
        raise AssertionError("round %d (%s on %s): A: %s; B: %s; conflict copies %s: %s"
                             % (number, kind, target, "; ".join(done_a),
                                "; ".join(done_b) or "-", copies, error)) from None
    log("round %2d (%s, %.0f s): A: %s; B: %s; conflict copies made: %d; merging rvault runs: "
        "%d; accounts now %d" % (number, kind, time.monotonic() - started, "; ".join(done_a),
                                 "; ".join(done_b) or "-", len(copies), passes,
                                 len(model.accounts)))
    return len(copies)


def main():
    # A timeout's SIGTERM still stops the daemons (the finally below).
    signal.signal(signal.SIGTERM, lambda *args: sys.exit(1))
    if shutil.which("syncthing") is None:
        print("1..0 # SKIP syncthing is not installed")
        return SKIP
    seed = int(os.environ.get("RV_SYNC_SEED", random.SystemRandom().randrange(1 << 31)))
    rounds = int(os.environ.get("RV_SYNC_ROUNDS", "20"))
    rng = random.Random(seed)
    log("seed %d (RV_SYNC_SEED=%d to replay), %d rounds" % (seed, seed, rounds))
    begun = time.monotonic()
    base = tempfile.mkdtemp(prefix="rv-sync-")
    a, b = Side("A", base), Side("B", base)
    try:
        for side in (a, b):
            side.generate()
        a.configure(b)
        b.configure(a)
        for side in (a, b):
            side.start(base)
        wait_for("the REST API", lambda: a.rest("GET", "/rest/system/ping")
                 and b.rest("GET", "/rest/system/ping"))
        wait_for("A and B to connect", lambda: a.connected_to(b) and b.connected_to(a))

        model = Model()
        a.rvault("init")
        add_account(a, model, "Base-1", rng, [])
        add_account(a, model, "Base-2", rng, [])
        add_account(a, model, "Base-3", rng, [])
        wait_for("the vault to reach B", lambda: os.path.exists(b.vault), timeout=60)
        time.sleep(1.0)
        wait_settled(a, b)
        check_side(b, model)

        total_copies = 0
        for number in range(1, rounds + 1):
            total_copies += run_round(number, a, b, model, rng)
        for name in (".stignore",):
            for side in (a, b):
                text = open(os.path.join(side.folder, name)).read()
                assert "/vault.rvault.lock" in text and "/vault.rvault.prev" in text, text
        merged = len(os.listdir(os.path.join(a.folder, "conflicts", "merged")))
        log("done in %.0f s: %d rounds, %d conflict copies made by Syncthing, %d merged copies kept in "
            "conflicts/merged/, %d accounts on both sides" % (time.monotonic() - begun, rounds,
                                                              total_copies, merged,
                                                              len(model.accounts)))
        if total_copies == 0:
            raise AssertionError("Syncthing made no conflict copy: the test tested nothing")
        return 0
    except AssertionError as error:
        log("FAIL (seed %d): %s" % (seed, error))
        for side in (a, b):
            log_path = os.path.join(base, side.name, "syncthing.log")
            if os.path.exists(log_path):
                log("--- last lines of syncthing %s ---" % side.name)
                log(open(log_path, errors="replace").read()[-2000:])
        return 1
    finally:
        for side in (a, b):
            side.stop()
        if os.environ.get("RV_SYNC_KEEP"):
            log("kept %s (RV_SYNC_KEEP)" % base)
        else:
            shutil.rmtree(base, ignore_errors=True)


RVAULT = os.environ.get("RVAULT") or (sys.argv[1] if len(sys.argv) > 1 else "rvault")

if __name__ == "__main__":
    sys.exit(main())
