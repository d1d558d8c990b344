"""One daemon per user: an OS file lock (freed by the kernel even after SIGKILL) guards the
socket, so a socket left by a crash is known to be stale and is removed before binding."""

from __future__ import annotations

import os
from pathlib import Path

from filelock import FileLock, Timeout

from deskbreak.ipc.endpoint import Endpoint
from deskbreak.regular_file import read_regular


class AlreadyRunning(RuntimeError):
    def __init__(self, pid: int | None, address: str) -> None:
        who = f"pid {pid}" if pid else "another process"
        super().__init__(
            f"deskbreak is already running ({who}, control socket {address}). "
            "Use `deskbreak status` to see it or `deskbreak stop` to end it."
        )
        self.pid = pid


class InstanceLock:
    def __init__(self, where: Endpoint) -> None:
        self._where = where
        self._lock = FileLock(where.lock_file, timeout=0)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout:
            raise AlreadyRunning(_read_pid(Path(self._where.pid_file)), self._where.address) from None
        if self._where.family == "AF_UNIX":
            Path(self._where.address).unlink(missing_ok=True)
        Path(self._where.pid_file).write_text(f"{os.getpid()}\n")

    def release(self) -> None:
        Path(self._where.pid_file).unlink(missing_ok=True)
        self._lock.release()


def _read_pid(pid_file: Path) -> int | None:
    try:
        return int(read_regular(pid_file, 64).decode().strip())
    except (OSError, ValueError):
        return None
