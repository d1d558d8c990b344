"""Plain notifications through plyer: no buttons and no clicks, so the text says how to act.

plyer reports nothing when notify-send fails (it ignores the exit status), so on Linux a
notification server must answer on the session bus, when chosen and before every show;
otherwise the reminder would be logged as shown to no one.
"""

from __future__ import annotations

import os
import shutil
import sys

from deskbreak.core.model import Reminder
from deskbreak.platform.choice import Unavailable
from deskbreak.platform.notify.base import NotifyFailed, words
from deskbreak.platform.threads import owner_only

TIMEOUT_S = 60


class PlyerNotifier:
    name = "plyer"
    has_actions = False

    def __init__(self, icon: str = "") -> None:
        if sys.platform.startswith("linux"):
            if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
                raise Unavailable("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
            if not shutil.which("notify-send"):
                raise Unavailable("plyer needs notify-send here: install libnotify-bin")
            try:
                _server_answers()
            except NotifyFailed as exc:
                raise Unavailable(str(exc)) from None
        from plyer import notification

        self._notification = notification
        self._icon = icon

    @owner_only
    def show(self, reminder: Reminder) -> None:
        said = words(reminder, with_buttons=False)
        if sys.platform.startswith("linux"):
            _server_answers()
        try:
            self._notification.notify(title=said.title, message=said.body, app_name="deskbreak", app_icon=self._icon, timeout=TIMEOUT_S)
        except Exception as exc:  # plyer raises whatever its backend raises
            raise NotifyFailed(f"plyer could not notify: {exc}") from exc

    @owner_only
    def notice(self, title: str, body: str) -> None:
        try:
            self._notification.notify(title=title, message=body, app_name="deskbreak", app_icon=self._icon, timeout=TIMEOUT_S)
        except Exception as exc:  # plyer raises whatever its backend raises
            raise NotifyFailed(f"plyer could not notify: {exc}") from exc

    @owner_only
    def withdraw(self) -> None:
        pass  # plyer cannot take a notification down

    @owner_only
    def close(self) -> None:
        pass


def _server_answers() -> None:
    """NotifyFailed unless a notification server answers on the session bus (it may be started
    on demand by the bus)."""
    from deskbreak.platform.choice import Unavailable as NoBus
    from deskbreak.platform.dbus_sync import SyncBus

    try:
        bus = SyncBus()
    except NoBus as exc:
        raise NotifyFailed(str(exc)) from None
    try:
        bus.call("org.freedesktop.Notifications", "/org/freedesktop/Notifications", "org.freedesktop.Notifications", "GetServerInformation")
    except Exception as exc:
        raise NotifyFailed(f"no notification server answers on the session bus ({exc or type(exc).__name__})") from None
    finally:
        bus.close()
