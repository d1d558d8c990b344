"""The menu as `com.canonical.dbusmenu`: a tree of numbered items that hosts fetch with
GetLayout and click with Event.

Items are numbered in tree order (the root is 0) each time the menu changes, and every change
raises the revision and emits LayoutUpdated and ItemsPropertiesUpdated: hosts cache layouts by
revision and show a stale menu otherwise. A click on an id from an older layout is ignored when
that id no longer means the same command.
"""

import logging
from typing import Callable

from dbus_fast import Variant
from dbus_fast.constants import PropertyAccess
from dbus_fast.service import ServiceInterface, dbus_property, method, signal

from deskbreak.core.view import Command, MenuItem

PATH = "/MenuBar"
log = logging.getLogger(__name__)

Node = tuple[int, dict[str, Variant], list[Variant]]


def number(menu: tuple[MenuItem, ...]) -> dict[int, tuple[MenuItem, tuple[int, ...]]]:
    """Each item by id, with its children's ids; id 0 is the root."""
    table: dict[int, tuple[MenuItem, tuple[int, ...]]] = {}
    next_id = 1

    def walk(items: tuple[MenuItem, ...]) -> tuple[int, ...]:
        nonlocal next_id
        ids = []
        for item in items:
            own = next_id
            next_id += 1
            table[own] = (item, ())  # the parent's place comes before its children's
            table[own] = (item, walk(item.submenu))
            ids.append(own)
        return tuple(ids)

    table[0] = (MenuItem("deskbreak"), walk(menu))
    return table


def properties(item: MenuItem, has_children: bool) -> dict[str, Variant]:
    """dbusmenu properties of one item (defaults are left out, as the spec allows)."""
    if item.separator:
        return {"type": Variant("s", "separator")}
    props = {"label": Variant("s", item.label.replace("_", "__"))}  # "_" marks a mnemonic
    if not item.enabled:
        props["enabled"] = Variant("b", False)
    if not item.visible:
        props["visible"] = Variant("b", False)
    if item.checked is not None:
        props["toggle-type"] = Variant("s", "checkmark")
        props["toggle-state"] = Variant("i", 1 if item.checked else 0)
    if has_children:
        props["children-display"] = Variant("s", "submenu")
    return props


class DBusMenu(ServiceInterface):
    def __init__(self, on_command: Callable[[Command], None]) -> None:
        super().__init__("com.canonical.dbusmenu")
        self._on_command = on_command
        self.revision = 1
        self._menu: tuple[MenuItem, ...] = ()
        self._table = number(())

    def show(self, menu: tuple[MenuItem, ...]) -> bool:
        """Use this menu; tell the hosts when it differs from the one shown. True when it changed."""
        if menu == self._menu:
            return False
        self._menu, self._table = menu, number(menu)
        self.revision += 1
        self.ItemsPropertiesUpdated()
        self.LayoutUpdated()
        return True

    def layout(self, parent: int, depth: int) -> Node:
        children = self._table[parent][1]
        props = self._props(parent)
        kids = [] if depth == 0 else [Variant("(ia{sv}av)", list(self.layout(child, depth - 1))) for child in children]
        return parent, props, kids

    def _props(self, ident: int) -> dict[str, Variant]:
        item, children = self._table[ident]
        return {"children-display": Variant("s", "submenu")} if ident == 0 else properties(item, bool(children))

    def _click(self, ident: int, event: str) -> None:
        if event != "clicked" or ident not in self._table:
            return
        item, _ = self._table[ident]
        if item.command is not None and item.enabled:
            self._on_command(item.command)

    @method()
    def GetLayout(self, parentId: "i", recursionDepth: "i", propertyNames: "as") -> "u(ia{sv}av)":  # noqa: F821
        if parentId not in self._table:
            from dbus_fast.errors import DBusError

            raise DBusError("com.canonical.dbusmenu.Error.UnknownId", f"no menu item {parentId}")
        return [self.revision, list(self.layout(parentId, recursionDepth))]

    @method()
    def GetGroupProperties(self, ids: "ai", propertyNames: "as") -> "a(ia{sv})":  # noqa: F821
        wanted = ids or list(self._table)
        return [[ident, self._props(ident)] for ident in wanted if ident in self._table]

    @method()
    def GetProperty(self, id: "i", name: "s") -> "v":  # noqa: F821
        value = self._props(id).get(name) if id in self._table else None
        return value if value is not None else Variant("s", "")

    @method()
    def Event(self, id: "i", eventId: "s", data: "v", timestamp: "u") -> None:  # noqa: F821
        self._click(id, eventId)

    @method()
    def EventGroup(self, events: "a(isvu)") -> "ai":  # noqa: F821
        for ident, event, _data, _time in events:
            self._click(ident, event)
        return [ident for ident, *_ in events if ident not in self._table]

    @method()
    def AboutToShow(self, id: "i") -> "b":  # noqa: F821
        return False  # the menu is always current: it is rebuilt when the status changes

    @method()
    def AboutToShowGroup(self, ids: "ai") -> "aiai":  # noqa: F821
        return [[], []]

    @dbus_property(access=PropertyAccess.READ)
    def Version(self) -> "u":  # noqa: F821
        return 3

    @dbus_property(access=PropertyAccess.READ)
    def TextDirection(self) -> "s":  # noqa: F821
        return "ltr"

    @dbus_property(access=PropertyAccess.READ)
    def Status(self) -> "s":  # noqa: F821
        return "normal"

    @dbus_property(access=PropertyAccess.READ)
    def IconThemePath(self) -> "as":  # noqa: F821
        return []

    @signal()
    def LayoutUpdated(self) -> "ui":  # noqa: F821
        return [self.revision, 0]

    @signal()
    def ItemsPropertiesUpdated(self) -> "a(ia{sv})a(ias)":  # noqa: F821
        return [[[ident, self._props(ident)] for ident in self._table if ident], []]
