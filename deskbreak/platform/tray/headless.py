"""No tray: the daemon's main thread just waits to be stopped. Reminders and the CLI still work."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from deskbreak.core.view import TrayView
from deskbreak.platform.threads import owner_only

log = logging.getLogger(__name__)


class HeadlessTray:
    name = "none"
    has_menu = False
    has_default_action = False
    has_tooltip = False
    has_label = False

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self._stopped = threading.Event()

    def run(self) -> None:
        log.info("no tray icon (%s); use the deskbreak commands instead", self.reason)
        self._stopped.wait()  # interruptible by signals on POSIX, so SIGTERM still stops the daemon

    def stop(self) -> None:
        self._stopped.set()

    @owner_only
    def update(self, view: TrayView) -> None:
        pass

    @owner_only
    def tell(self, text: str) -> None:
        log.info("%s", text)

    @owner_only
    def open_path(self, path: Path) -> None:
        log.info("open %s", path)
