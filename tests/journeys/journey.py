"""journey.py: drive the real recovery-vault binary through its accessibility tree.

Shared by the journeys (tests/journeys/journey-*.py). Each journey gets a private
folder (vault, settings, clipboard), starts the app with G_DEBUG=fatal-criticals,
finds controls by accessible role and name, and reads the vault back with rvault.

Run by meson (suite "journeys") inside tools/test's session bus and X server;
needs Debian's /usr/bin/python3 with python3-pyatspi (python3-dogtail for
JOURNEY_ATSPI=libatspi), xdotool, xclip and ImageMagick.

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

# Seconds any one wait may take: generous for a loaded CI machine; waits poll,
# so a fast machine does not pay for it.
TIMEOUT = float(os.environ.get("JOURNEY_TIMEOUT", "60"))
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
# Vaults made here (rvault init, the app) derive their key at the lowest cost.
os.environ["RV_KDF_TARGET_MS"] = "1"
os.environ["GSETTINGS_BACKEND"] = "keyfile"
os.environ.pop("NO_AT_BRIDGE", None)
os.environ.pop("GTK_A11Y", None)

if not os.environ.get("DISPLAY"):
    print("1..0 # SKIP no display")
    sys.exit(SKIP)

# Which client reads the tree. "bus" (the default): atspi_bus.py, plain D-Bus
# calls to the app with no client-side cache. "libatspi": pyatspi and
# dogtail's tree, whose libatspi 2.46 cache breaks for the whole application
# after a file chooser closes (see atspi_bus.py); kept to compare the two.
CLIENT = os.environ.get("JOURNEY_ATSPI", "bus")

try:
    import pyatspi  # noqa: E402  (its enums: states, coordinate types)
    from gi.repository import Atspi  # noqa: E402
    Atspi.set_timeout(60000, 60000)  # ms: a loaded CI machine answers slowly
    if CLIENT == "bus":
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import atspi_bus  # noqa: E402
    else:
        from dogtail import tree  # noqa: E402
        from dogtail.config import config  # noqa: E402
        config.searchShowingOnly = False
        config.logDebugToFile = False
        config.logDebugToStdOut = False
        config.childrenLimit = 20000
except ImportError as e:
    print("python3-pyatspi (and python3-dogtail for JOURNEY_ATSPI=libatspi) are needed: %s"
          % e, file=sys.stderr)
    sys.exit(1)


def _applications():
    """The root objects of the applications on the accessibility bus."""
    if CLIENT == "bus":
        return atspi_bus.applications()
    return tree.root.applications()


BUILD = os.environ.get("RV_BUILD_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
APP = os.path.join(BUILD, "src", "gui", "recovery-vault")
RVAULT = os.path.join(BUILD, "src", "cli", "rvault")
# The Authenticator Plus backup reader, for the app and rvault alike.
os.environ["RV_SQLCIPHER_READER"] = os.path.join(BUILD, "src", "sqlcipher", "rv-sqlcipher-reader")
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


def _walk_showing(node, depth=0):
    """Like _walk, without the subtrees of widgets that were never allocated
    (hidden stack pages, closed dialogs): the walk goes over D-Bus, node by node."""
    if depth > 60:
        return
    yield node
    try:
        children = node.children
    except Exception:
        return
    for child in children:
        try:
            if child.roleName != "menu":
                ext = _extents(child)
                if ext.width <= 0 or ext.height <= 0:
                    continue
        except Exception:
            pass
        yield from _walk_showing(child, depth + 1)


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


def name_is(accessible_name, name):
    """Whether an accessible name is name: GTK 4.8 names some buttons with a
    mnemonic after their label too ("_Close Close")."""
    return accessible_name == name or \
        accessible_name.replace("_", "") == "%s %s" % (name, name)


def _extents(node):
    return node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)


def _is_within(node, ancestor):
    while node is not None:
        if node == ancestor:
            return True
        node = node.parent
    return False


def _sensitive(node):
    try:
        return node.getState().contains(pyatspi.STATE_SENSITIVE)
    except Exception:
        return True


def is_showing(node):
    """Whether node is on screen.

    GTK 4.8 does not keep AT-SPI's "showing" state up to date (hidden stack
    pages say the same as visible ones) and a page hidden after it was shown
    keeps its old extents; but a hit test at its middle finds whatever is
    really drawn there. Where the toolkit answers no hit (header bars), the
    nearest ancestor that gets one decides; an insensitive widget, which the
    hit test passes through, shows when the hit lands on its own container."""
    try:
        ext = _extents(node)
        if ext.width <= 0 or ext.height <= 0:
            return False
        top = node
        while top.parent is not None and top.parent.roleName != "application":
            if top.roleName == "menu":
                # A popover: its own surface, the window's hit test misses it.
                return True
            top = top.parent
        top_component = top.queryComponent()
        n = node
        while n is not None and n != top:
            e = _extents(n)
            hit = top_component.getAccessibleAtPoint(e.x + e.width // 2, e.y + e.height // 2,
                                                     pyatspi.WINDOW_COORDS)
            if hit is not None:
                if _is_within(hit, n):
                    return True
                # An insensitive widget is never picked: the hit falls
                # through to its container (an "Open" button before a file
                # is chosen). Nothing else being drawn there, it is showing.
                return (not _sensitive(n)) and _is_within(n, hit)
            n = n.parent
        return True
    except Exception:
        return False


def is_focused(node):
    try:
        return node.getState().contains(pyatspi.STATE_FOCUSED)
    except Exception:
        return False


class Vault:
    """A vault file read and written with rvault."""

    def __init__(self, path, password=PASSWORD):
        self.path = path
        self.password = password

    def rvault(self, *args, stdin=None, check=True, pass_fds=()):
        r, w = os.pipe()
        os.write(w, (self.password + "\n").encode())
        os.close(w)
        try:
            proc = subprocess.run([RVAULT, "--vault", self.path, "--password-fd", str(r)]
                                  + list(args), input=stdin, capture_output=True,
                                  text=True, pass_fds=(r,) + tuple(pass_fds), timeout=60)
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
        self._missing_since = None
        self.stderr = open(self.stderr_path, "w+")
        self.proc = subprocess.Popen([APP, "--vault", vault.path] + list(args),
                                     env=app_env, stdout=self.stderr, stderr=self.stderr)
        # gdb rides along (when installed, unless JOURNEY_GDB=0): a crash, a
        # fatal critical or a hang (SIGABRT from quit()) leaves every thread's
        # stack in the log, where a rare crash in CI can be read afterwards.
        self.gdb_path = os.environ.get("JOURNEY_GDB") or os.path.join(
            _scratch, "app-%d.gdb" % time.monotonic_ns())
        self.gdb = None
        if os.environ.get("JOURNEY_GDB") != "0" and shutil.which("gdb"):
            self.gdb = subprocess.Popen(
                ["gdb", "-nx", "-p", str(self.proc.pid), "-batch",
                 "-ex", "handle SIGTERM SIGINT SIGHUP SIGPIPE SIGUSR1 SIGUSR2 nostop noprint pass",
                 "-ex", "continue", "-ex", "thread apply all bt 40"],
                stdin=subprocess.DEVNULL, stdout=open(self.gdb_path, "a"),
                stderr=subprocess.STDOUT)
        self.node = poll("the application on the accessibility bus", self._find)
        self.window = poll("the main window", lambda: [c for c in self.node.children
                                                       if c.roleName == "frame"][0])

    def _find(self):
        if self.proc.poll() is not None:
            raise AssertionError("recovery-vault exited (%d): %s"
                                 % (self.proc.returncode, self.log()))
        for app in _applications():
            try:
                if app.get_process_id() != self.proc.pid:
                    continue
                # A stale entry for the same process answers its pid from a
                # cache but "no longer exists" for its children: skip it.
                [c.roleName for c in app.children]
                return app
            except Exception:
                continue
        return None

    def _refresh(self, force=False):
        """Finds the application again when its accessible went stale (after
        the first-run page, AT-SPI may say "The application no longer exists"
        for the old object while the process runs on, or answer from a stale
        cache: force looks it up again anyway)."""
        if not force:
            try:
                [c.roleName for c in self.node.children]
                return
            except Exception:
                pass
        app = self._find()
        if app is None and force and CLIENT != "bus":
            # Only a stale entry: have libatspi forget what it cached of the
            # desktop and its applications, and ask the registry again.
            try:
                desktop = Atspi.get_desktop(0)
                desktop.clear_cache()
                for i in range(desktop.get_child_count()):
                    desktop.get_child_at_index(i).clear_cache()
            except Exception:
                pass
            app = self._find()
        if app is not None:
            self.node = app
            self.window = [c for c in app.children if c.roleName == "frame"][0]

    def log(self):
        self.stderr.flush()
        with open(self.stderr_path) as f:
            text = f.read()
        if self.proc.poll() is not None and self.proc.returncode < 0 and self.gdb:
            try:
                self.gdb.wait(60)
            except subprocess.TimeoutExpired:
                pass
            with open(self.gdb_path, errors="replace") as f:
                text += "\n# gdb, at signal %d:\n%s" % (-self.proc.returncode, f.read())
        return text

    def alive(self):
        if self.proc.poll() is not None:
            raise AssertionError("recovery-vault exited (%d): %s"
                                 % (self.proc.returncode, self.log()))

    # Finding

    def find_all(self, role, name=None, node=None, showing=True):
        """Every node under node (default: the app) with that role and name."""
        found = []
        if node is None:
            self._refresh()
        walk = _walk_showing(node or self.node) if showing else _walk(node or self.node)
        for n in walk:
            try:
                if role is not None and n.roleName != role:
                    continue
                if name is not None and not name_is(n.name, name):
                    continue
                if showing and not is_showing(n):
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
            if not nodes and node is None:
                self._refresh_when_slow()
            return nodes[0] if nodes else None
        if timeout == 0:
            return look()
        self._missing_since = None
        try:
            return poll("%s %r" % (role, name), look, timeout)
        except AssertionError as e:
            raise AssertionError("%s\n%s" % (e, self.explain(role, name, node)))

    def explain(self, role, name, node=None):
        """Why nothing matched: every node with that name, shown or not, with
        its extents, whether it counts as showing, and its ancestors."""
        lines = []
        try:
            if node is None:
                self._refresh(force=True)
            for n in _walk(node or self.node):
                try:
                    if n.name != name:
                        continue
                    e = _extents(n)
                    chain = []
                    p = n.parent
                    while p is not None and len(chain) < 10:
                        chain.append("%s:%s" % (p.roleName, p.name))
                        p = p.parent
                    lines.append("  %s %r at %d,%d %dx%d showing=%s in %s"
                                 % (n.roleName, n.name, e.x, e.y, e.width, e.height,
                                    is_showing(n), " < ".join(chain)))
                except Exception as ex:
                    lines.append("  (%s)" % ex)
        except Exception as ex:
            lines.append("  (%s)" % ex)
        return "nodes named %r:\n%s" % (name, "\n".join(lines) or "  none")

    def _refresh_when_slow(self):
        """After 5 s of not finding something, the application's accessible
        is looked up again once (a stale one answered from an old tree)."""
        now = time.monotonic()
        if self._missing_since is None:
            self._missing_since = now
        elif now - self._missing_since > 5:
            self._missing_since = now
            self._refresh(force=True)

    def gone(self, role, name=None, node=None, timeout=TIMEOUT):
        poll("%s %r to go away" % (role, name),
             lambda: self.alive() or not self.find_all(role, name, node), timeout)

    def dialog_gone(self, name, timeout=TIMEOUT):
        """Waits until no window of the app other than the main one has that
        name (a dialog answered is closed, not left behind)."""
        poll("dialog %r to close" % name, lambda: self.alive() or not [
            c for c in self.node.children if c != self.window and c.name == name], timeout)

    def dialog(self, name=None, timeout=TIMEOUT):
        """A dialog or window of the app other than the main one."""
        def look():
            self.alive()
            for child in self.node.children:
                # Any role: GTK 4.8 calls a file chooser dialog a "filler".
                if is_showing(child) and child != self.window and \
                        (name is None or child.name == name):
                    return child
            return None
        return poll("dialog %r" % name, look, timeout)

    # Acting

    def click(self, role, name, node=None):
        """Finds a showing control by role and name and activates it (its
        AT-SPI action, as a screen reader does; the pointer if it has none)."""
        def look():
            self.alive()
            nodes = self.find_all(role, name, node)
            if not nodes and node is None:
                self._refresh_when_slow()
            with_action = [n for n in nodes if n.actions]
            return (with_action or nodes or [None])[0]
        self._missing_since = None
        try:
            widget = poll("%s %r" % (role, name), look)
        except AssertionError as e:
            raise AssertionError("%s\n%s" % (e, self.explain(role, name, node)))
        poll("%s %r to be sensitive" % (role, name), lambda: widget.sensitive)
        self._activate(widget)
        return widget

    def _activate(self, widget):
        actions = widget.actions
        for name in ("click", "activate", "press", "toggle"):
            if name in actions:
                try:
                    widget.doActionNamed(name)
                except Exception as e:
                    # An action that opens a dialog may answer after AT-SPI's
                    # reply timeout on a busy machine; what it did is checked next.
                    if "Did not receive a reply" not in str(e):
                        raise
                return
        self.mouse_click(widget)

    def type_into(self, widget, text, enter=False):
        """Focuses widget (an entry) and types text, as a user would."""
        poll("%r on screen" % widget.name, lambda: is_showing(widget), timeout=5)
        self.mouse_click(widget)
        type_text(text)
        if enter:
            press("Return")

    def toplevel(self, widget):
        node = widget
        while node.parent is not None and node.parent.roleName != "application":
            node = node.parent
        return node

    def _x_windows(self):
        """(x, y, width, height) of the app's mapped X windows (xwininfo)."""
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid",
                              str(self.proc.pid)], capture_output=True, text=True).stdout
        wins = []
        for wid in out.split():
            info = subprocess.run(["xwininfo", "-id", wid], capture_output=True,
                                  text=True).stdout
            vals = {}
            for line in info.splitlines():
                key, _, value = line.strip().partition(":")
                vals[key] = value.strip()
            try:
                wins.append((int(vals["Absolute upper-left X"]),
                             int(vals["Absolute upper-left Y"]),
                             int(vals["Width"]), int(vals["Height"])))
            except (KeyError, ValueError):
                pass
        return wins

    def _x_window_of(self, node):
        top = self.toplevel(node).queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        wins = self._x_windows()
        if not wins:
            raise AssertionError("no X window for recovery-vault")
        return top, min(wins, key=lambda g: abs(g[2] - top.width) + abs(g[3] - top.height))

    def focus_window(self, node):
        """Gives the keyboard focus to the X window of node's toplevel (there is
        no window manager to do it)."""
        _, (x, y, w, h) = self._x_window_of(node)
        subprocess.run(["xdotool", "mousemove", "--sync", str(x + w // 2), str(y + h // 2)],
                       check=True, timeout=30)

    def scroll_into_view(self, widget):
        """Scrolls with the mouse wheel, over each scrolled pane that holds
        widget, until widget's middle is inside all of them (GTK 4.8 has no
        AT-SPI ScrollTo): a control below the fold is not under the pointer."""
        panes = []
        node = widget.parent
        while node is not None and node.roleName != "application":
            if node.roleName == "scroll pane":
                panes.append(node)
            node = node.parent
        for _ in range(60):
            ext = _extents(widget)
            middle = ext.y + ext.height // 2
            outside = None
            for pane in panes:
                view = _extents(pane)
                if not view.y + 8 <= middle <= view.y + view.height - 8:
                    outside = view
                    break
            if outside is None:
                return
            _, (x, y, w, h) = self._x_window_of(widget)
            top = _extents(self.toplevel(widget))
            dx = max(0, (w - top.width) // 2)
            dy = max(0, (h - top.height) // 2)
            # Near the pane's left edge: the middle may be over a nested pane.
            subprocess.run(["xdotool", "mousemove", "--sync",
                            str(x + dx + outside.x + 4),
                            str(y + dy + outside.y + outside.height // 2),
                            "click", "5" if middle > outside.y + outside.height - 8 else "4"],
                           check=True, timeout=30)
            poll("the pane scrolled", lambda: _extents(widget).y != ext.y, timeout=5)
        raise AssertionError("%r could not be scrolled into view" % widget.name)

    def mouse_click(self, widget, button=1):
        """Clicks the middle of widget with the pointer, as a user would.

        GTK 4.8 reports extents relative to the toplevel only (no screen
        coordinates) and implements no GrabFocus: the X window of the toplevel
        (same size, give or take the client-side frame) gives the origin."""
        self.scroll_into_view(widget)
        ext = widget.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        top, (x, y, w, h) = self._x_window_of(widget)
        dx = max(0, (w - top.width) // 2)
        dy = max(0, (h - top.height) // 2)
        subprocess.run(["xdotool", "mousemove", "--sync", str(x + dx + ext.x + ext.width // 2),
                        str(y + dy + ext.y + ext.height // 2), "click", str(button)],
                       check=True, timeout=30)

    def focused_in(self, widget):
        """Whether the keyboard focus is on widget or inside it (entry rows)."""
        for n in _walk(widget, limit=6):
            try:
                if n.getState().contains(pyatspi.STATE_FOCUSED):
                    return True
            except Exception:
                pass
        return False

    def keys(self, *combo, node=None):
        """Presses keys in the window of node (default: the main window)."""
        self.focus_window(node or self.window)
        press(*combo)

    def press(self, key):
        press(key)

    def text_of(self, widget):
        try:
            return widget.text
        except Exception:
            return widget.name

    def choose_file(self, path, button="Open"):
        """In the file chooser that is opening: type the path (Ctrl+L opens the
        location entry; keys are handled in order), then Open (or button)."""
        open_button = self.find("push button", button)
        chooser = self.toplevel(open_button)
        self.focus_window(chooser)
        press("ctrl+l")
        type_text(path)
        # Not Enter: the entry's completion popup may take it.
        self.click("push button", button, node=chooser)
        self.gone("push button", button, node=chooser)

    # Ending

    def quit(self, timeout=3 * TIMEOUT):
        """Closes the app (Ctrl+Q) and checks it exits cleanly, without criticals."""
        self.alive()
        self.keys("ctrl+q")
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            if self.gdb:
                # The gdb riding along prints every stack when the app aborts.
                self.proc.send_signal(signal.SIGABRT)
                try:
                    self.gdb.wait(60)
                except subprocess.TimeoutExpired:
                    pass
                with open(self.gdb_path, errors="replace") as f:
                    stacks = f.read()
            else:
                stacks = subprocess.run(["gdb", "-p", str(self.proc.pid), "-batch", "-ex",
                                         "thread apply all bt 8"], capture_output=True,
                                        text=True, timeout=60).stdout
            self.proc.kill()
            raise AssertionError("recovery-vault did not quit: %s\n%s" % (self.log(), stacks))
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


def type_text(text):
    """Types text on the keyboard (XTest, through xdotool)."""
    subprocess.run(["xdotool", "type", "--delay", "8", "--", text], check=True, timeout=60)


def press(*keys):
    """Presses keys or combinations in xdotool's names: Return, ctrl+n, Down."""
    subprocess.run(["xdotool", "key", "--delay", "30", "--"] + list(keys), check=True,
                   timeout=60)


def clipboard():
    """The text on the CLIPBOARD selection ('' if none), via xclip."""
    proc = subprocess.run(["xclip", "-selection", "clipboard", "-o"], capture_output=True,
                          stdin=subprocess.DEVNULL, text=True, timeout=10)
    return proc.stdout if proc.returncode == 0 else ""


def screenshot(path):
    """The whole X screen as a PNG (ImageMagick's import)."""
    subprocess.run(["import", "-window", "root", path], capture_output=True, timeout=30)
    return path


_clipboard_owners = []


def set_clipboard(text):
    """Puts text on the CLIPBOARD selection. xclip serves it in the foreground
    (-quiet), with no copy of meson's output pipe: a forked xclip would keep
    that open and meson would wait for it after the journey ends."""
    proc = subprocess.Popen(["xclip", "-selection", "clipboard", "-i", "-quiet"],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, text=True)
    proc.stdin.write(text)
    proc.stdin.close()
    _clipboard_owners.append(proc)
    poll("the clipboard set", lambda: clipboard() == text)


def new_vault(name="journey.rvault"):
    return Vault(os.path.join(_scratch, name))


def scratch(name):
    return os.path.join(_scratch, name)


def import_expected(files):
    """The account names rvault import gives a fresh vault for these files."""
    v = new_vault("expected.rvault")
    v.init()
    for name, encrypted in files:
        path = os.path.join(IMPORT_DATA, name)
        if encrypted:
            r, w = os.pipe()
            os.write(w, (IMPORT_PASSWORD + "\n").encode())
            os.close(w)
            try:
                v.rvault("import", "--allow-partial", "--file-password-fd", str(r), path,
                         pass_fds=(r,))
            finally:
                os.close(r)
        else:
            v.rvault("import", "--allow-partial", path)
    return v.names()


def import_from_menu(app, name):
    """Main Menu, Import From a File…, the test file name in the chooser."""
    step("import %s from the main menu" % name)
    app.click("push button", "Main Menu")
    app.click("menu item", "Import From a File…")
    app.choose_file(os.path.join(IMPORT_DATA, name))


def confirm_import_preview(app, vault):
    """The preview: nothing written yet; confirm (or close when nothing is new)."""
    before = len(vault.accounts()) if vault.exists() else 0
    heading = poll("the preview", lambda: [
        h for h in app.find_all("label", None)
        if h.name.startswith("Import ") and h.name.endswith("”?")])[0]
    preview = app.toplevel(heading)
    button = poll("the preview's import or close button", lambda: [
        b for b in app.find_all("push button", None, node=preview)
        if b.name.startswith("Import ") or b.name == "Close"])[0]
    assert (len(vault.accounts()) if vault.exists() else 0) == before, \
        "written before the preview was confirmed"
    label = button.name
    app.click("push button", label, node=preview)
    app.gone("push button", label, node=preview)
    if label != "Close":
        n = int(label.split()[1])
        poll("%d accounts saved" % n, lambda: len(vault.accounts()) == before + n)


# GLib 2.74's content-type guessing can crash in a worker thread of GTK's
# file chooser (SIGSEGV in strcmp under g_content_type_guess, reading a freed
# string, seen once in CI under ASan). It is not the app's code: a journey
# that hits it is run once more from the start, and fails if it happens again
# or if anything else goes wrong.
UPSTREAM_CRASH = "g_content_type_guess"


def _upstream_crash(log):
    crash = log.find("ERROR: AddressSanitizer: SEGV")
    if crash < 0:
        crash = log.find("received signal SIGSEGV")
    if crash < 0:
        return False
    # The crashing thread's first frames, up to the next blank line.
    frames = log[crash:log.find("\n\n", crash) if "\n\n" in log[crash:] else len(log)]
    return UPSTREAM_CRASH in frames


def run(main):
    """Runs a journey: main(); exit 0 when it passes, 1 with the reason when not."""
    status = 1
    again = False
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
        shot = os.path.join(os.environ.get("JOURNEY_SHOTS", tempfile.gettempdir()),
                            os.path.basename(sys.argv[0]).replace(".py", "-failed.png"))
        screenshot(shot)
        logs = [app.log() for app in _apps]
        for log in logs:
            print("# app log:\n" + log)
        again = not os.environ.get("JOURNEY_AGAIN") and any(_upstream_crash(log) for log in logs)
        print("%s - %s (screen: %s)" % ("# failed, running again:" if again else "not ok", e,
                                        shot), flush=True)
    finally:
        for app in list(_apps):
            app.kill()
        for proc in _clipboard_owners:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        shutil.rmtree(_scratch, ignore_errors=True)
    if again:
        print("# the app crashed in GLib's %s (GTK's file chooser): once more from the start"
              % UPSTREAM_CRASH, flush=True)
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, [sys.executable] + sys.argv,
                  dict(os.environ, JOURNEY_AGAIN="1"))
    sys.exit(status)


class Skip(Exception):
    """Raise to skip a journey, naming the bug that stops it."""


_apps = []
_App = App


def launch(vault, *args, env=None):
    app = _App(vault, *args, env=env)
    _apps.append(app)
    return app
