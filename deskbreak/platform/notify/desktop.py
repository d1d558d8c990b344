"""Notifications with buttons and click callbacks through desktop-notifier.

desktop-notifier delivers callbacks only while an asyncio loop runs: it runs on the daemon's
bus loop (platform/bus_loop.py; outside the daemon, on a bus loop of its own), where it keeps
one session-bus connection of its own. The adapter's own calls to the server and the bus go
through the bus loop's shared connection, which also tells the daemon when the session bus went
away.

Threading rule: show, notice, withdraw and close on the owner thread (they wait on the bus loop,
bounded by CALL_TIMEOUT_S). desktop-notifier's callbacks arrive on the bus loop; they are posted
to the owner, where the answer is taken and `on_action` called.

A reminder left on screen by a daemon that crashed has buttons nobody listens to any more, so
each shown reminder is noted in a small file (`leftover`: the server's bus name and its number
for the notification), and the next daemon closes it at start when the same server still runs.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path
from typing import Any, Awaitable, TypeVar

from deskbreak.config.regular_file import read_regular, write_own
from deskbreak.core.model import Reminder
from deskbreak.platform.bus_loop import BusLoop
from deskbreak.platform.choice import Unavailable
from deskbreak.platform.notify.base import NotifyFailed, OnAction, words
from deskbreak.platform.threads import OWNER, owner_only

T = TypeVar("T")
CALL_TIMEOUT_S = 5.0
MESSAGE_SOUND = "message-new-instant"  # the freedesktop sound theme's name for an arriving message
# Servers that take the actions and report a click but draw no buttons: mako lists the actions
# for `makoctl menu`/`invoke`, dunst in its context menu. No capability tells them apart.
SERVERS_WITHOUT_BUTTONS = frozenset({"mako", "dunst"})
log = logging.getLogger(__name__)


class DesktopNotifier:
    has_actions = True

    def __init__(
        self,
        on_action: OnAction,
        icon: Path | None = None,
        leftover: Path | None = None,
        bus_loop: BusLoop | None = None,
    ) -> None:
        """`bus_loop`: the daemon's (which says when the bus goes away); else one of its own."""
        if sys.platform.startswith("linux") and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            raise Unavailable("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
        import desktop_notifier as dn

        self._dn = dn
        self._on_action = on_action
        self._own_loop = bus_loop is None
        self._bus_loop = bus_loop or BusLoop()
        self._shown: str | None = None
        self._shown_server_id: int | None = None
        self._pending: set[asyncio.Task[None]] = set()  # the loop holds tasks weakly
        self._bus: Any = None
        try:
            self._bus = self._bus_loop.connection() if sys.platform.startswith("linux") else None
            self._notifier = self._call(self._make(icon))
            capabilities = self._call(self._notifier.get_capabilities())
        except Exception as exc:
            self.close()
            raise Unavailable(f"no notification server answers: {exc}") from None
        # Either is enough to answer the reminder: xfce4-notifyd draws buttons but reports no
        # click; mako and dunst report a click but draw no buttons. The text makes up the rest.
        self.clickable = dn.Capability.ON_CLICKED in capabilities
        has_buttons = dn.Capability.BUTTONS in capabilities
        if not (has_buttons or self.clickable):
            self.close()
            raise Unavailable("the notification server neither shows buttons nor reports clicks")
        self.capabilities = sorted(c.name for c in capabilities)
        self.server = self._call(_server_name(self._bus)) if sys.platform.startswith("linux") else sys.platform
        self.draws_buttons = has_buttons and self.server.split(" ")[0] not in SERVERS_WITHOUT_BUTTONS
        self.name = "desktop-notifier"
        self._leftover = leftover if sys.platform.startswith("linux") else None
        self._close_leftover()

    def answers(self) -> str:
        """How the user answers a reminder on this server, for doctor."""
        if self.draws_buttons:
            return "buttons and a click" if self.clickable else "buttons (the server reports no click)"
        return "a click starts the break; no buttons drawn, the text says how to snooze or skip"

    async def _make(self, icon: Path | None) -> Any:
        app_icon = self._dn.Icon(path=icon) if icon and icon.is_file() else None
        return self._dn.DesktopNotifier(app_name="deskbreak", app_icon=app_icon)

    @owner_only
    def show(self, reminder: Reminder) -> None:
        said = words(reminder, with_buttons=self.draws_buttons, clickable=self.clickable)
        buttons = [self._dn.Button(title=said.start, on_pressed=lambda: self._act("start"))]
        if said.full:
            buttons.append(self._dn.Button(title=said.full, on_pressed=lambda: self._act("full")))
        if said.snooze:
            buttons.append(self._dn.Button(title=said.snooze, on_pressed=lambda: self._act("snooze")))
        buttons.append(self._dn.Button(title=said.skip, on_pressed=lambda: self._act("skip")))
        self.withdraw()
        identifier = self._call(self._send(said.title, said.body, buttons, reminder.sound))
        self._shown, self._shown_server_id = identifier, self._server_id(identifier)
        self._note_leftover()

    @owner_only
    def notice(self, title: str, body: str) -> None:
        self._call(self._taken(self._notifier.send(title=title, message=body, urgency=self._dn.Urgency.Normal)))

    async def _send(self, title: str, body: str, buttons: list[Any], sound: bool) -> str:
        """`sound`: ask the server to play the theme's message sound (the sound-name hint)."""
        return await self._taken(
            self._notifier.send(
                title=title,
                message=body,
                urgency=self._dn.Urgency.Critical,
                buttons=buttons,
                on_clicked=lambda: self._act("start"),
                on_dismissed=lambda: self._act("dismissed"),
                timeout=0,
                sound=self._dn.Sound(name=MESSAGE_SOUND) if sound else None,
            )
        )

    async def _taken(self, sending: Awaitable[str]) -> str:
        """desktop-notifier logs a failed send and still returns an identifier, so whether the
        server took the notification is asked of the notifier's own list."""
        identifier = await sending
        if identifier not in await self._notifier.get_current_notifications():
            raise NotifyFailed("the notification server did not take the notification")
        return identifier

    @owner_only
    def withdraw(self) -> None:
        shown, self._shown, self._shown_server_id = self._shown, None, None
        if shown is not None:
            try:
                self._call(self._notifier.clear(shown))
            except Exception:
                log.debug("could not take down notification %s", shown, exc_info=True)

    @owner_only
    def close(self) -> None:
        """The shared connection and loop belong to the daemon; only a loop of our own is ended."""
        if self._own_loop:
            self._bus_loop.close()

    def _act(self, action: str) -> None:
        """On the bus loop: the answer is the owner's to take."""
        OWNER.post(lambda: self._answered(action))

    @owner_only
    def _answered(self, action: str) -> None:
        """A server may leave an answered notification on screen (dunst does when a button is
        chosen from its menu), so it is taken down here; a "dismissed" for one we withdrew
        ourselves is ignored."""
        shown, self._shown = self._shown, None
        server_id, self._shown_server_id = self._shown_server_id, None
        if action == "dismissed" and shown is None:
            return
        if action != "dismissed" and server_id is not None:
            self._bus_loop.call_soon(lambda: self._spawn(_close_on_server(self._bus, server_id)))
        self._on_action(action)

    def _spawn(self, coroutine: Any) -> None:
        """On the bus loop: run `coroutine` without waiting for it."""
        task = self._bus_loop.loop.create_task(coroutine)
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    def _note_leftover(self) -> None:
        if self._leftover is None or self._shown_server_id is None:
            return
        try:
            owner = self._call(_server_owner(self._bus))
            write_own(self._leftover, f"{owner} {self._shown_server_id}\n".encode())
        except Exception:
            log.debug("could not note the shown notification", exc_info=True)

    def _close_leftover(self) -> None:
        """Close the reminder an earlier daemon left on this same server (never another app's)."""
        if self._leftover is None:
            return
        try:
            owner, number = read_regular(self._leftover, 256).decode().split()
            if owner == self._call(_server_owner(self._bus)):
                self._call(_close_on_server(self._bus, int(number)))
                log.info("closed the reminder an earlier run left on screen")
        except FileNotFoundError:
            return
        except Exception:
            log.debug("could not close an earlier run's notification", exc_info=True)
        self._leftover.unlink(missing_ok=True)

    def _server_id(self, identifier: str) -> int | None:
        """The server's own number for a notification. desktop-notifier forgets it as an action
        arrives, before our callback runs, so it is noted at sending, from its D-Bus backend's
        map (None on other platforms, whose centres close answered notifications themselves)."""
        backend = getattr(self._notifier, "_backend", None)
        ids = getattr(backend, "_platform_to_interface_notification_identifier", None)
        return ids.inverse.get(identifier) if ids is not None else None

    def _call(self, coroutine: Awaitable[T]) -> T:
        try:
            return self._bus_loop.run(coroutine, CALL_TIMEOUT_S)
        except NotifyFailed:
            raise
        except Exception as exc:
            raise NotifyFailed(f"desktop notification failed: {exc}") from exc


async def _ask(
    bus: Any, destination: str, path: str, interface: str, member: str, signature: str = "", body: list[Any] | None = None
) -> Any:
    """One call on the adapter's own connection; returns the reply message."""
    from dbus_fast import Message

    return await bus.call(
        Message(destination=destination, path=path, interface=interface, member=member, signature=signature, body=body or [])
    )


async def _ask_server(bus: Any, member: str, signature: str = "", body: list[Any] | None = None) -> Any:
    return await _ask(
        bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications", "org.freedesktop.Notifications", member, signature, body
    )


async def _close_on_server(bus: Any, server_id: int) -> None:
    """CloseNotification for an answered notification; one already gone is no error."""
    try:
        await _ask_server(bus, "CloseNotification", "u", [server_id])
    except Exception:
        log.debug("could not take down notification %s", server_id, exc_info=True)


async def _server_owner(bus: Any) -> str:
    """The notification server's unique bus name: a restarted server has a new one."""
    reply = await _ask(
        bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetNameOwner", "s", ["org.freedesktop.Notifications"]
    )
    return str(reply.body[0])


async def _server_name(bus: Any) -> str:
    """The notification server's own name and version ("dunst 1.9.0"), for doctor and the log."""
    from dbus_fast import MessageType

    reply = await _ask_server(bus, "GetServerInformation")
    if reply.message_type == MessageType.ERROR:
        return "unknown server"
    name, _vendor, version, _spec = reply.body
    return f"{name} {version}"
