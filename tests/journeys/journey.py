"""journey.py: drive the real recovery-vault binary through its accessibility tree.

Shared by the journeys (tests/journeys/journey-*.py). Each journey gets a private
folder (vault, settings, clipboard), starts the app with G_DEBUG=fatal-criticals,
finds controls by accessible role and name, and reads the vault back with rvault.

Run by meson (suite "journeys") inside tools/test's session bus and X server;
needs Debian's /usr/bin/python3 with python3-dogtail and python3-pyatspi.

SPDX-License-Identifier: GPL-3.0-or-later
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TIMEOUT = float(os.environ.get("JOURNEY_TIMEOUT", "20"))
SKIP = 77  # meson: the test was skipped

_scratch = tempfile.mkdtemp(prefix="rv-journey-")
_config = os.path.join(_scratch, "config")
os.makedirs(os.path.join(_config, "glib-2.0", "settings"))

# Settings live in a keyfile in the private folder: accessibility on for the
# toolkit (dogtail checks it), the app's keys as each journey sets them.
_KEYFILE = os.path.join(_config, "glib-2.0", "settings", "keyfile")
_settings = {"org/gnome/desktop/interface": {"toolkit-accessibility": "true"}}


def _write_settings():
    with open(_KEYFILE, "w") as f:
        for group, keys in _settings.items():
            f.write("[%s]\n" % group)
            for key, value in keys.items():
                f.write("%s=%s\n" % (key, value))


_write_settings()
os.environ["XDG_CONFIG_HOME"] = _config
os.environ["GSETTINGS_BACKEND"] = "keyfile"
os.environ.pop("NO_AT_BRIDGE", None)
os.environ.pop("GTK_A11Y", None)

if not os.environ.get("DISPLAY"):
    print("1..0 # SKIP no display")
    sys.exit(SKIP)

try:
    import pyatspi  # noqa: E402
    from dogtail import rawinput, tree  # noqa: E402
    from dogtail.config import config  # noqa: E402
except ImportError as e:
    print("python3-dogtail and python3-pyatspi are needed: %s" % e, file=sys.stderr)
    sys.exit(1)

config.searchShowingOnly = False
config.logDebugToFile = False
config.logDebugToStdOut = False
config.defaultDelay = 0.05
config.actionDelay = 0.05
config.typingDelay = 0.01
config.searchBackoffDuration = 0.1
config.searchCutoffCount = 50
config.childrenLimit = 20000

BUILD = os.environ.get("RV_BUILD_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
APP = os.path.join(BUILD, "src", "gui", "recovery-vault")
RVAULT = os.path.join(BUILD, "src", "cli", "rvault")
SOURCE = os.environ.get("RV_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
IMPORT_DATA = os.path.join(SOURCE, "tests", "data", "import")
IMPORT_PASSWORD = "correct horse battery staple"

PASSWORD = "journey password 1"
_step_count = 0


def step(what):
    """Prints a TAP-ish progress note (meson shows it on failure)."""
    global _step_count
    _step_count += 1
    print("# %d. %s" % (_step_count, what), flush=True)


def set_setting(key, value, schema="com/example/RecoveryVault"):
    """Sets an app setting before launch (GVariant text: 2, true, 'x')."""
    _settings.setdefault(schema, {})[key] = value
    _write_settings()


def poll(what, fn, timeout=TIMEOUT, interval=0.05):
    """Calls fn until it returns something true; fails after timeout seconds."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = fn()
            if value:
                return value
        except Exception as e:  # the tree changes under us: try again
            last_error = e
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for %s (%s)" % (what, last_error))
        time.sleep(interval)


def _walk(node, depth=0, limit=60):
    if depth > limit:
        return
    yield node
    try:
        children = node.children
    except Exception:
        return
    for child in children:
        yield from _walk(child, depth + 1, limit)


def dump(node, out=sys.stdout):
    """Prints the tree under node: role, name (for debugging a journey)."""
    for n in _walk(node):
        depth = 0
        p = n
        while p is not None and p != node and depth < 60:
            p = p.parent
            depth += 1
        try:
            out.write("%s%s %r showing=%s\n" % ("  " * depth, n.roleName, n.name, n.showing))
        except Exception:
            pass


class Vault:
    """A vault file read and written with rvault."""

    def __init__(self, path, password=PASSWORD):
        self.path = path
        self.password = password

    def rvault(self, *args, stdin=None, check=True):
        r, w = os.pipe()
        os.write(w, (self.password + "\n").encode())
        os.close(w)
        try:
            proc = subprocess.run([RVAULT, "--vault", self.path, "--password-fd", str(r)]
                                  + list(args), input=stdin, capture_output=True,
                                  text=True, pass_fds=(r,), timeout=60)
        finally:
            os.close(r)
        if check and proc.returncode != 0:
            raise AssertionError("rvault %s failed (%d): %s"
                                 % (" ".join(args), proc.returncode, proc.stderr))
        return proc

    def exists(self):
        return os.path.exists(self.path)

    def init(self):
        self.rvault("init")

    def add(self, secret, *args):
        self.rvault("add", *args, stdin=secret)

    def accounts(self):
        return json.loads(self.rvault("list", "--json").stdout)

    def show(self, query):
        return json.loads(self.rvault("show", "--reveal", "--json", query).stdout)

    def names(self):
        return sorted((a.get("issuer") or "") + ":" + (a.get("name") or "")
                      for a in self.accounts())


class App:
    """The recovery-vault process and its accessible application."""

    def __init__(self, vault, *args, env=None):
        self.vault = vault
        self.stderr_path = os.path.join(_scratch, "app-%d.stderr" % time.monotonic_ns())
        app_env = dict(os.environ)
        app_env.update({
            "G_DEBUG": "fatal-criticals",
            "GSETTINGS_SCHEMA_DIR": os.path.join(BUILD, "data"),
            "RV_KDF_TARGET_MS": "1",
            "GSK_RENDERER": "cairo",
            "GTK_A11Y": "atspi",
        })
        if env:
            app_env.update(env)
        self.stderr = open(self.stderr_path, "w+")
        self.proc = subprocess.Popen([APP, "--vault", vault.path] + list(args),
                                     env=app_env, stdout=self.stderr, stderr=self.stderr)
        self.node = poll("the application on the accessibility bus", self._find)
        self.window = poll("the main window", lambda: self.find("frame", "Recovery Vault",
                                                                 node=self.node, timeout=0))

    def _find(self):
        if self.proc.poll() is not None:
            raise AssertionError("recovery-vault exited (%d): %s"
                                 % (self.proc.returncode, self.log()))
        for app in tree.root.applications():
            try:
                if app.get_process_id() == self.proc.pid:
                    return app
            except Exception:
                continue
        return None

    def log(self):
        self.stderr.flush()
        with open(self.stderr_path) as f:
            return f.read()

    def alive(self):
        if self.proc.poll() is not None:
            raise AssertionError("recovery-vault exited (%d): %s"
                                 % (self.proc.returncode, self.log()))

    # Finding

    def find_all(self, role, name=None, node=None, showing=True):
        """Every node under node (default: the app) with that role and name."""
        found = []
        for n in _walk(node or self.node):
            try:
                if n.roleName != role:
                    continue
                if name is not None and n.name != name:
                    continue
                if showing and not n.showing:
                    continue
            except Exception:
                continue
            found.append(n)
        return found

    def find(self, role, name=None, node=None, timeout=TIMEOUT, showing=True):
        """The first showing node with that role and (exact) name, polled."""
        def look():
            self.alive()
            nodes = self.find_all(role, name, node, showing)
            return nodes[0] if nodes else None
        if timeout == 0:
            return look()
        return poll("%s %r" % (role, name), look, timeout)

    def gone(self, role, name=None, node=None, timeout=TIMEOUT):
        poll("%s %r to go away" % (role, name),
             lambda: self.alive() or not self.find_all(role, name, node), timeout)

    def dialog(self, name=None, timeout=TIMEOUT):
        """A dialog or window of the app other than the main one."""
        def look():
            self.alive()
            for child in self.node.children:
                if child.roleName in ("dialog", "frame", "window", "alert") and \
                        child.showing and child != self.window and \
                        (name is None or child.name == name):
                    return child
            return None
        return poll("dialog %r" % name, look, timeout)

    # Acting

    def click(self, role, name, node=None):
        widget = self.find(role, name, node)
        poll("%s %r to be sensitive" % (role, name), lambda: widget.sensitive)
        self._activate(widget)
        return widget

    @staticmethod
    def _activate(widget):
        actions = widget.actions
        for name in ("click", "activate", "press", "toggle"):
            if name in actions:
                widget.doActionNamed(name)
                return
        widget.click()

    def type_into(self, widget, text, enter=False):
        """Focuses widget (an entry) and types text, as a user would."""
        widget.grabFocus()
        poll("focus in %r" % widget.name, lambda: widget.focused, timeout=5)
        rawinput.typeText(text)
        if enter:
            rawinput.pressKey("Return")

    def keys(self, combo):
        rawinput.keyCombo(combo)

    def press(self, key):
        rawinput.pressKey(key)

    def text_of(self, widget):
        try:
            return widget.text
        except Exception:
            return widget.name

    # Ending

    def quit(self, timeout=TIMEOUT):
        """Closes the app (Ctrl+Q) and checks it exits cleanly, without criticals."""
        self.alive()
        self.keys("<Control>q")
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise AssertionError("recovery-vault did not quit: %s" % self.log())
        self.check_log()
        if self.proc.returncode != 0:
            raise AssertionError("recovery-vault exited with %d: %s"
                                 % (self.proc.returncode, self.log()))

    def check_log(self):
        text = self.log()
        for bad in ("CRITICAL", "WARNING", "assertion"):
            if bad in text:
                raise AssertionError("recovery-vault logged %s:\n%s" % (bad, text))

    def kill(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def clipboard():
    """The text on the CLIPBOARD selection ('' if none), via xclip."""
    proc = subprocess.run(["xclip", "-selection", "clipboard", "-o"], capture_output=True,
                          text=True, timeout=10)
    return proc.stdout if proc.returncode == 0 else ""


def new_vault(name="journey.rvault"):
    return Vault(os.path.join(_scratch, name))


def scratch(name):
    return os.path.join(_scratch, name)


def run(main):
    """Runs a journey: main(); exit 0 when it passes, 1 with the reason when not."""
    status = 1
    try:
        main()
        status = 0
        print("ok - journey passed")
    except Skip as e:
        print("# SKIP %s" % e)
        status = SKIP
    except Exception as e:
        import traceback
        traceback.print_exc()
        print("not ok - %s" % e)
    finally:
        for app in list(_apps):
            app.kill()
        shutil.rmtree(_scratch, ignore_errors=True)
    sys.exit(status)


class Skip(Exception):
    """Raise to skip a journey, naming the bug that stops it."""


_apps = []
_App = App


def launch(vault, *args, env=None):
    app = _App(vault, *args, env=env)
    _apps.append(app)
    return app
