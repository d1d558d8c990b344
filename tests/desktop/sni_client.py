"""Looks at a StatusNotifierItem from the outside, the way a tray host does: through the
watcher's list of items, the item's properties and its com.canonical.dbusmenu menu, over a
desktop's real session bus. Each call opens its own short connection."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus

WATCHER = "org.kde.StatusNotifierWatcher"


@dataclass(frozen=True)
class Entry:
    ident: int
    label: str
    props: dict[str, Any]
    children: tuple["Entry", ...]

    def find(self, *path: str) -> "Entry":
        """The entry under this one reached by labels, e.g. find("Pause", "30 minutes")."""
        here = self
        for label in path:
            here = next(child for child in here.children if child.label == label)
        return here

    def lines(self, depth: int = 0) -> list[str]:
        out = []
        for child in self.children:
            if child.props.get("visible", True) is False:
                continue
            text = "-" if child.props.get("type") == "separator" else child.label
            out.append("  " * depth + text + ("" if child.props.get("enabled", True) else " (disabled)"))
            out += child.lines(depth + 1)
        return out


def _call(
    address: str, destination: str, path: str, interface: str, member: str, signature: str = "", body: list[Any] | None = None
) -> list[Any]:
    async def go() -> list[Any]:
        bus = await MessageBus(bus_address=address).connect()
        try:
            reply = await bus.call(
                Message(destination=destination, path=path, interface=interface, member=member, signature=signature, body=body or [])
            )
        finally:
            bus.disconnect()
        if reply.message_type == MessageType.ERROR:
            raise RuntimeError(f"{member}: {reply.error_name} {reply.body}")
        return list(reply.body)

    return asyncio.run(asyncio.wait_for(go(), 5))


def _get(address: str, service: str, path: str, interface: str, name: str) -> Any:
    return _call(address, service, path, "org.freedesktop.DBus.Properties", "Get", "ss", [interface, name])[0].value


def registered_items(address: str) -> list[str]:
    try:
        return list(_get(address, WATCHER, "/StatusNotifierWatcher", WATCHER, "RegisteredStatusNotifierItems"))
    except RuntimeError:  # no watcher right now
        return []


def items_of(address: str, pid: int) -> list[str]:
    """The watcher's entries for the item of process `pid`: by its well-known name
    (org.kde.StatusNotifierItem-PID-1), or by the unique name that owns it (an item that
    registers by object path is listed as "UNIQUE/PATH")."""
    try:
        owner = _call(
            address,
            "org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "GetNameOwner",
            "s",
            [f"org.kde.StatusNotifierItem-{pid}-1"],
        )[0]
    except RuntimeError:  # the process is gone, or has not taken its name yet
        owner = None
    return [item for item in registered_items(address) if f"-{pid}-" in item or (owner is not None and bus_name(item) == owner)]


def bus_name(entry: str) -> str:
    """The bus name in a watcher's entry: "NAME", "NAME/PATH", or GNOME's "NAME@PATH"."""
    return entry.split("/")[0].split("@")[0]


def item_property(address: str, service: str, name: str) -> Any:
    return _get(address, service, "/StatusNotifierItem", "org.kde.StatusNotifierItem", name)


def menu(address: str, service: str) -> tuple[int, Entry]:
    """The menu's revision and its whole tree, as GetLayout(0, -1) gives it."""
    path = item_property(address, service, "Menu")
    revision, root = _call(address, service, path, "com.canonical.dbusmenu", "GetLayout", "iias", [0, -1, []])
    return revision, _entry(root)


def click(address: str, service: str, ident: int) -> None:
    path = item_property(address, service, "Menu")
    _call(address, service, path, "com.canonical.dbusmenu", "Event", "isvu", [ident, "clicked", Variant("i", 0), 0])


def _entry(node: list[Any]) -> Entry:
    ident, props, children = node
    values = {key: value.value for key, value in props.items()}
    return Entry(ident, str(values.get("label", "")).replace("__", "_"), values, tuple(_entry(child.value) for child in children))
