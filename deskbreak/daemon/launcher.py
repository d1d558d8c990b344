"""Opens the guided routine as its own process, so Tk and the tray toolkit never share a loop."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from typing import Callable

log = logging.getLogger(__name__)


class RoutineLauncher:
    def __init__(self, config_path: str | None, on_start: Callable[[subprocess.Popen[bytes]], None] = lambda child: None) -> None:
        self._config_path = config_path
        self._on_start = on_start  # e.g. RoutineExits.watch, which closes a break the child leaves open
        self._children: list[subprocess.Popen[bytes]] = []

    @staticmethod
    def can_show_window() -> bool:
        return sys.platform in ("win32", "darwin") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))

    def open(self, routine: str, source: str = "notification") -> bool:
        """Start `deskbreak routine NAME`; False when there is no screen to show it on."""
        self._children = [child for child in self._children if child.poll() is None]
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
        self._children.append(child)
        self._on_start(child)
        log.info("opened the %s routine (pid %d)", routine, child.pid)
        return True
