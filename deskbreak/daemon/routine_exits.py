"""Closes a break whose routine process exited without saying how it ended.

A routine window that is killed, crashes or cannot log its outcome would otherwise leave
`break_started` open in the log and hold reminders off for an hour. The daemon launched the
process, so it sees the exit; the core decides (model.RoutineExited) whether a break is open.
"""

from __future__ import annotations

import threading

from deskbreak.core.model import RoutineExited
from deskbreak.daemon.controller import Controller


class RoutineExits:
    def __init__(self, controller: Controller) -> None:
        self._controller = controller
        self._lock = threading.Lock()
        self._running: set[int] = set()

    def started(self, pid: int) -> None:
        """A routine process the daemon opened (the launcher waits for it, and calls exited)."""
        with self._lock:
            self._running.add(pid)

    def exited(self, pid: int, status: int) -> None:
        """The break stays open while another routine the daemon opened is still running."""
        with self._lock:
            self._running.discard(pid)
            if self._running:
                return
        how = f"was ended by signal {-status}" if status < 0 else f"exited with status {status}"
        self._controller.handle(RoutineExited(f"the routine process (pid {pid}) {how} without reporting an outcome"))
