"""atspi_bus.py: the accessibility tree read with plain D-Bus calls, no cache.

Why not libatspi (pyatspi, dogtail's tree): libatspi 2.46 keeps a client-side
cache of every object it has seen. After the app's file chooser closes, that
cache breaks for the whole application: every lookup prints
"g_hash_table_lookup: assertion 'hash_table != NULL'" and fails, while the app
answers the same questions over D-Bus correctly (no NameOwnerChanged on either
bus, the app runs on). The import journeys open the file chooser once per file,
so they read the tree here instead: each property is one call to the app, as a
screen reader without a cache would make it.

The nodes answer the part of pyatspi's Accessible API that journey.py uses
(roleName, name, children, parent, getState(), queryComponent(), actions,
doActionNamed(), text, queryValue(), get_process_id()), so a journey reads the
same with either.

SPDX-License-Identifier: GPL-3.0-or-later
"""

from gi.repository import Gio, GLib

try:
    from gi.repository import Atspi  # only its enums: role and state names
except ImportError:  # pragma: no cover - python3-pyatspi is a dependency
    Atspi = None

REGISTRY = "org.a11y.atspi.Registry"
ROOT_PATH = "/org/a11y/atspi/accessible/root"
NULL_PATH = "/org/a11y/atspi/null"
IFACE = "org.a11y.atspi."
WINDOW_COORDS = 1
TIMEOUT_MS = 60000

_bus = None


def bus():
    """The accessibility bus (its address is asked of org.a11y.Bus)."""
    global _bus
    if _bus is None:
        session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        reply = session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                  "GetAddress", None, GLib.VariantType("(s)"),
                                  Gio.DBusCallFlags.NONE, TIMEOUT_MS, None)
        address = reply.unpack()[0]
        _bus = Gio.DBusConnection.new_for_address_sync(
            address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
            Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
    return _bus


def _call(name, path, iface, method, args=None, reply_type=None):
    reply = bus().call_sync(name, path, IFACE + iface, method, args,
                            GLib.VariantType(reply_type) if reply_type else None,
                            Gio.DBusCallFlags.NO_AUTO_START, TIMEOUT_MS, None)
    return reply.unpack() if reply is not None else ()


def _prop(name, path, iface, prop):
    return bus().call_sync(name, path, "org.freedesktop.DBus.Properties", "Get",
                           GLib.Variant("(ss)", (IFACE + iface, prop)),
                           GLib.VariantType("(v)"), Gio.DBusCallFlags.NO_AUTO_START,
                           TIMEOUT_MS, None).unpack()[0]


def _node(name, path, owner=None):
    if not path or path == NULL_PATH:
        return None
    return Node(name or owner, path)


class Extents:
    def __init__(self, x, y, width, height):
        self.x, self.y, self.width, self.height = x, y, width, height


class StateSet:
    def __init__(self, words):
        self._bits = 0
        for i, word in enumerate(words):
            self._bits |= word << (32 * i)

    def contains(self, state):
        return bool(self._bits & (1 << int(state)))


class _Component:
    def __init__(self, node):
        self._node = node

    def getExtents(self, coord_type=WINDOW_COORDS):
        n = self._node
        return Extents(*_call(n.bus_name, n.path, "Component", "GetExtents",
                              GLib.Variant("(u)", (int(coord_type),)), "((iiii))")[0])

    def getAccessibleAtPoint(self, x, y, coord_type=WINDOW_COORDS):
        n = self._node
        name, path = _call(n.bus_name, n.path, "Component", "GetAccessibleAtPoint",
                           GLib.Variant("(iiu)", (int(x), int(y), int(coord_type))),
                           "((so))")[0]
        return _node(name, path, n.bus_name)


class _Value:
    def __init__(self, node):
        self.currentValue = _prop(node.bus_name, node.path, "Value", "CurrentValue")


class Node:
    """One accessible object of an application: (bus name, object path)."""

    def __init__(self, bus_name, path):
        self.bus_name = bus_name
        self.path = path
        self._role = None

    def __eq__(self, other):
        return isinstance(other, Node) and \
            (self.bus_name, self.path) == (other.bus_name, other.path)

    def __hash__(self):
        return hash((self.bus_name, self.path))

    def __repr__(self):
        return "<Node %s %s>" % (self.bus_name, self.path)

    @property
    def name(self):
        return _prop(self.bus_name, self.path, "Accessible", "Name")

    @property
    def roleName(self):
        # An object's role does not change: asked once.
        if self._role is None:
            role = _call(self.bus_name, self.path, "Accessible", "GetRole", None, "(u)")[0]
            self._role = Atspi.role_get_name(Atspi.Role(role)) if Atspi else str(role)
        return self._role

    @property
    def children(self):
        found = _call(self.bus_name, self.path, "Accessible", "GetChildren", None,
                      "(a(so))")[0]
        return [n for n in (_node(name, path, self.bus_name) for name, path in found) if n]

    @property
    def parent(self):
        name, path = _prop(self.bus_name, self.path, "Accessible", "Parent")
        if name == REGISTRY or (path == ROOT_PATH and name != self.bus_name):
            return None  # the desktop: journey.py stops at the application
        return _node(name, path, self.bus_name)

    def getState(self):
        return StateSet(_call(self.bus_name, self.path, "Accessible", "GetState", None,
                              "(au)")[0])

    def _has(self, state):
        try:
            return self.getState().contains(getattr(Atspi.StateType, state))
        except GLib.Error:
            return False

    @property
    def sensitive(self):
        return self._has("SENSITIVE")

    @property
    def checked(self):
        return self._has("CHECKED")

    @property
    def showing(self):
        return self._has("SHOWING")

    def queryComponent(self):
        return _Component(self)

    def queryValue(self):
        return _Value(self)

    @property
    def actions(self):
        """{action name: index} ({} for an object without the Action
        interface). Lowercased, as dogtail gives them: GTK 4.8 says "Click"."""
        try:
            found = _call(self.bus_name, self.path, "Action", "GetActions", None,
                          "(a(sss))")[0]
        except GLib.Error:
            return {}
        return {name.lower(): i for i, (name, _, _) in enumerate(found)}

    def doActionNamed(self, action):
        index = self.actions[action.lower()]
        try:
            _call(self.bus_name, self.path, "Action", "DoAction", GLib.Variant("(i)", (index,)),
                  "(b)")
        except GLib.Error as e:
            # Said as libatspi says it: journey.py lets a late reply pass.
            if "Timeout" in str(e) or "timed out" in str(e):
                raise RuntimeError("Did not receive a reply") from e
            raise

    @property
    def text(self):
        return _call(self.bus_name, self.path, "Text", "GetText",
                     GLib.Variant("(ii)", (0, -1)), "(s)")[0]

    def get_process_id(self):
        return bus().call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                               "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                               GLib.Variant("(s)", (self.bus_name,)), GLib.VariantType("(u)"),
                               Gio.DBusCallFlags.NONE, TIMEOUT_MS, None).unpack()[0]


def applications():
    """The applications the registry knows (their root objects)."""
    found = _call(REGISTRY, ROOT_PATH, "Accessible", "GetChildren", None, "(a(so))")[0]
    return [Node(name, path) for name, path in found if path and path != NULL_PATH]
