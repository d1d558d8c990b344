"""Closes a break whose routine process exited without saying how it ended.

A routine window that is killed, crashes or cannot log its outcome would otherwise leave
`break_started` open in the log and hold reminders off for an hour. The daemon launched the
process, so it sees the exit; the core decides (model.RoutineExited) whether a break is open.
"""

from __future__ import annotations

from deskbreak.core.model import RoutineExited
from deskbreak.daemon.controller import Controller
from deskbreak.platform.threads import owner_only


class RoutineExits:
    def __init__(self, controller: Controller) -> None:
        self._controller = controller
        self._running: set[int] = set()

    @owner_only
    def started(self, pid: int) -> None:
        """A routine process the daemon opened (the launcher waits for it, and calls exited)."""
        self._running.add(pid)

    @owner_only
    def exited(self, pid: int, status: int) -> None:
        """The break stays open while another routine the daemon opened is still running."""
        self._running.discard(pid)
        if self._running:
            return
        how = f"was ended by signal {-status}" if status < 0 else f"exited with status {status}"
        self._controller.handle(RoutineExited(f"the routine process (pid {pid}) {how} without reporting an outcome"))
