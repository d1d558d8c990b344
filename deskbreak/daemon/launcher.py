"""Opens the guided routine as its own process, so Qt and the tray toolkit never share a loop (and
the daemon never loads Qt).

Whether a window can be shown at all is the session's answer (platform/session.py). When it
cannot, nothing is started and the reason is returned. When the window process starts but
cannot open its window after all (its display refuses Qt's connection, Qt is missing), it logs
`break_not_shown` and exits with Exit.NO_WINDOW; a watcher thread hands its reason to
`on_not_shown`, so the user hears of it instead of seeing nothing. The same thread waits for
the child, so it is reaped the moment it exits instead of lingering as <defunct>.

Threading rule: open() on the owner thread; the watcher touches nothing of the launcher's and
posts what it saw (the exit, the reason) to the owner.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from typing import Callable

from deskbreak.core.exits import Exit
from deskbreak.platform import session as sessions
from deskbreak.platform.threads import OWNER, owner_only

log = logging.getLogger(__name__)

OnNotShown = Callable[[str, str], None]  # (routine, reason)


class RoutineLauncher:
    def __init__(
        self,
        config_path: str | None,
        on_not_shown: OnNotShown,
        session: sessions.Session | None = None,
        on_start: Callable[[int], None] = lambda pid: None,
        on_exit: Callable[[int, int], None] = lambda pid, status: None,
    ) -> None:
        self._config_path = config_path
        self._on_not_shown = on_not_shown
        self._on_start = on_start  # with on_exit: RoutineExits, which closes a break a child leaves open
        self._on_exit = on_exit
        self._session = session or sessions.current()
        self._children: list[subprocess.Popen[bytes]] = []

    @owner_only
    def open(self, routine: str, source: str = "notification") -> str | None:
        """Start `deskbreak routine NAME`; None when started, else why no window can be shown."""
        self._children = [child for child in self._children if child.poll() is None]
        if not self._session.window:
            return self._session.no_window
        env = dict(os.environ)
        if self._config_path:
            env["DESKBREAK_CONFIG"] = self._config_path
        child = subprocess.Popen(
            [sys.executable, "-m", "deskbreak", "routine", routine, "--source", source],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
        self._children.append(child)
        self._on_start(child.pid)
        threading.Thread(target=self._watch, args=(child, routine), name="routine-watch", daemon=True).start()
        log.info("opened the %s routine (pid %d)", routine, child.pid)
        return None

    def _watch(self, child: subprocess.Popen[bytes], routine: str) -> None:
        """Wait for the window process; pass on why, if it could not show its window, and that
        it exited (a break it left open is then closed)."""
        _, err = child.communicate()
        pid, status = child.pid, child.returncode
        OWNER.post(lambda: self._on_exit(pid, status))
        if status == Exit.NO_WINDOW:
            said = err.decode(errors="replace").strip().splitlines()
            reason = said[0].removeprefix("deskbreak: the routine window cannot be shown: ").rstrip(".") if said else ""
            log.warning("the %s routine window could not be shown: %s", routine, reason)
            OWNER.post(lambda: self._on_not_shown(routine, reason or "the window process could not open its window"))
