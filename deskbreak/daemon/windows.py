"""Opens deskbreak's other windows (settings, and any window with no break behind it) as
processes of their own, as the routine launcher does for the routine: the daemon never loads Qt.

One process per window: asking again while it is open does not start a second one. The window
process says in one line on stderr why it could not open (`deskbreak settings` exits 1 after
Cancel, 0 after Save); a watcher thread reaps it and posts any such line to the owner, who tells
the user through the tray.

Threading rule: open() on the owner thread; the watcher only waits and posts to the owner.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from typing import Callable

from deskbreak.platform import session as sessions
from deskbreak.platform.threads import OWNER, owner_only

log = logging.getLogger(__name__)


class WindowLauncher:
    def __init__(self, config_path: str | None, on_failed: Callable[[str], None], session: sessions.Session | None = None) -> None:
        self._config_path = config_path
        self._on_failed = on_failed  # the sentence the window process ended with, when it failed
        self._session = session or sessions.current()
        self._open: dict[str, subprocess.Popen[bytes]] = {}

    @owner_only
    def open(self, command: str) -> str | None:
        """Start `deskbreak COMMAND` unless it is open already; None when it runs, else why not."""
        running = self._open.get(command)
        if running is not None and running.poll() is None:
            return None
        if not self._session.window:
            return self._session.no_window
        env = dict(os.environ)
        if self._config_path:
            env["DESKBREAK_CONFIG"] = self._config_path
        child = subprocess.Popen(
            [sys.executable, "-m", "deskbreak", command],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
        self._open[command] = child
        threading.Thread(target=self._watch, args=(child, command), name=f"{command}-watch", daemon=True).start()
        log.info("opened the %s window (pid %d)", command, child.pid)
        return None

    def _watch(self, child: subprocess.Popen[bytes], command: str) -> None:
        _, err = child.communicate()
        if child.returncode not in (0, 1):
            said = err.decode(errors="replace").strip().splitlines()
            reason = said[-1] if said else f"the {command} window ended with status {child.returncode}"
            log.warning("the %s window failed: %s", command, reason)
            OWNER.post(lambda: self._on_failed(reason))
