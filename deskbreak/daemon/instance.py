"""One daemon per user: an OS file lock (freed by the kernel even after SIGKILL) guards the
socket, so a socket left by a crash is known to be stale and is removed before binding. A
second lock sits in the data folder, so two daemons with different runtime folders (another
session, another $XDG_RUNTIME_DIR) still cannot both write the same event log. Locks, pid files
and folders go through deskbreak.config.regular_file: never through a link, only our own."""

from __future__ import annotations

import os
from pathlib import Path

from deskbreak.config.regular_file import OwnLock, own_dir, read_regular, write_own
from deskbreak.ipc.endpoint import Endpoint


class AlreadyRunning(RuntimeError):
    def __init__(self, pid: int | None, where: str) -> None:
        who = f"pid {pid}" if pid else "another process"
        super().__init__(f"deskbreak is already running ({who}, {where}). Use `deskbreak status` to see it or `deskbreak stop` to end it.")
        self.pid = pid


class InstanceLock:
    def __init__(self, where: Endpoint, data_dir: Path) -> None:
        self._where = where
        self._lock = OwnLock(where.lock_file)
        self._data_dir = data_dir
        self._data_lock = OwnLock(data_dir / "daemon.lock")

    def acquire(self) -> None:
        """Raises AlreadyRunning, or an OSError whose text is one line (a link or another user's file in the way)."""
        if not self._lock.acquire(blocking=False):
            raise AlreadyRunning(_read_pid(Path(self._where.pid_file)), f"control socket {self._where.address}")
        try:
            own_dir(self._data_dir)
            held = self._data_lock.acquire(blocking=False)
        except BaseException:
            self._lock.release()
            raise
        if not held:
            self._lock.release()
            raise AlreadyRunning(_read_pid(self._data_dir / "daemon.pid"), f"from another session, on the same data in {self._data_dir}")
        alive = self._data_dir / "daemon.pid"
        try:
            self.crashed_alive_at: float | None = alive.stat().st_mtime  # left by a run that did not stop cleanly
        except OSError:
            self.crashed_alive_at = None
        write_own(alive, f"{os.getpid()}\n".encode())
        if self._where.family == "AF_UNIX":
            Path(self._where.address).unlink(missing_ok=True)
        write_own(self._where.pid_file, f"{os.getpid()}\n".encode())

    def heartbeat(self) -> None:
        """Mark the daemon alive now (the pid file's time), so a run after a crash knows when it ended."""
        try:
            os.utime(self._data_dir / "daemon.pid", follow_symlinks=False)
        except OSError:
            pass

    def release(self) -> None:
        Path(self._where.pid_file).unlink(missing_ok=True)
        (self._data_dir / "daemon.pid").unlink(missing_ok=True)
        self._data_lock.release()
        self._lock.release()


def _read_pid(pid_file: Path) -> int | None:
    try:
        return int(read_regular(pid_file, 64).decode().strip())
    except (OSError, ValueError):
        return None
