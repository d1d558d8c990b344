"""Opens the guided routine as its own process, so Tk and the tray toolkit never share a loop.

Each child is waited for on a small thread of its own, so it is reaped the moment it exits
instead of lingering as <defunct> until the next routine is opened."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading

log = logging.getLogger(__name__)


class RoutineLauncher:
    def __init__(self, config_path: str | None) -> None:
        self._config_path = config_path

    @staticmethod
    def can_show_window() -> bool:
        return sys.platform in ("win32", "darwin") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))

    def open(self, routine: str, source: str = "notification") -> bool:
        """Start `deskbreak routine NAME`; False when there is no screen to show it on."""
        if not self.can_show_window():
            log.info("no display: the %s routine can be run with `deskbreak routine %s --terminal`", routine, routine)
            return False
        env = dict(os.environ)
        if self._config_path:
            env["DESKBREAK_CONFIG"] = self._config_path
        child = subprocess.Popen(
            [sys.executable, "-m", "deskbreak", "routine", routine, "--source", source],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
        threading.Thread(target=child.wait, name=f"reap-{child.pid}", daemon=True).start()  # no <defunct> left
        log.info("opened the %s routine (pid %d)", routine, child.pid)
        return True
