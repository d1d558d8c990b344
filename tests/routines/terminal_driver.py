"""Runs `deskbreak routine … --terminal` on a real pseudo-terminal and types keys into it."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

from tests.daemon.harness import isolated_env


class TerminalRoutine:
    def __init__(self, root: Path, *args: str, columns: int = 100) -> None:
        self.env = isolated_env(root)
        self.env.update(COLUMNS=str(columns), LINES="40", TERM="xterm")
        self.log_file = root / "data" / "deskbreak" / "events.jsonl"
        self.master, slave = os.openpty()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "deskbreak", "routine", *args, "--terminal"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=self.env,
            close_fds=True,
            start_new_session=True,
        )
        os.close(slave)
        self.screen = ""
        self._seen = 0  # expect() searches only output that arrived after the previous match

    def _pump(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                self.screen += os.read(self.master, 65536).decode(errors="replace")
            except OSError:  # the child closed the terminal
                time.sleep(timeout)

    def expect(self, pattern: str, timeout: float = 15.0) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        while time.monotonic() < deadline:
            found = regex.search(self.screen, self._seen)
            if found:
                self._seen = found.end()
                return found
            self._pump(0.05)
        raise AssertionError(f"no {pattern!r} within {timeout} s; the terminal shows:\n{self.screen[-3000:]}")

    def press(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def wait(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._pump(0.05)
        self._pump(0.05)
        return self.proc.wait(max(0.1, deadline - time.monotonic()))

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        os.close(self.master)
