"""A real deskbreak daemon in a subprocess, with every user directory moved into a temp dir."""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import _time_machine
import time_machine

FAST_CONFIG = """
[reminders]
sit_limit = "3s"
snooze = "3s"
renotify_every = "1h"

[presence]
sample_every = "1s"

[desktop]
notifier = "console"
tray = "none"
"""


# The day a test's daemon lives in (Daemon.day). The weekday matters: with the default target of
# 3 full routines a week and none done, the week is behind from Wednesday on, and the reminder
# then offers the full routine (a sentence and a fourth button). Each clock starts at 10:00 UTC
# (the daemon's zone, TZ) when the test session starts and runs on, so every daemon of a session
# on the same day agrees on the time (a daemon restarted after a crash goes on from the first
# one's), and no session comes near midnight.
EARLY_WEEK = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)  # a Monday: the week is not behind
LATE_WEEK = datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc)  # a Friday: behind with no full routine done

WALL_CLOCK = Path(__file__).resolve().parents[1] / "wall_clock" / "sitecustomize.py"
SESSION_START = time.time()


def at(day: datetime, env: dict[str, str] | None = None) -> dict[str, str]:
    """The variables that give a Python process the wall clock of `day` (tests/wall_clock): `day`
    at the session's start, running at real speed, in UTC. Monotonic time is left alone. File
    times are not moved: a file the daemon touches (its heartbeat) gets the real time, not its
    clock's; Daemon.stamp puts one on the daemon's clock."""
    path = [str(_wall_clock_dir()), *filter(None, [(env or os.environ).get("PYTHONPATH")])]
    return {"PYTHONPATH": os.pathsep.join(path), "TESTS_WALL_SHIFT_S": repr(day.timestamp() - SESSION_START), "TZ": "UTC"}


@functools.cache
def _wall_clock_dir() -> Path:
    """A folder with the sitecustomize and time-machine alone, so a daemon from an installed venv
    (tests/install) gets the clock without this venv's other packages."""
    where = Path(tempfile.mkdtemp(prefix="deskbreak-wall-clock-"))
    atexit.register(shutil.rmtree, where, ignore_errors=True)
    for source in (WALL_CLOCK, Path(time_machine.__file__).parent, Path(_time_machine.__file__)):
        (where / source.name).symlink_to(source)
    return where


DESKTOP_SESSION = ("XDG_CURRENT_DESKTOP", "XDG_SESSION_TYPE")  # kept from a desktop's env: they name it


def isolated_env(root: Path, display: bool = False, desktop: dict[str, str] | None = None) -> dict[str, str]:
    """This process's environment, or a desktop's (`Desktop.env`: its display, bus and session
    type), with every user directory moved under `root`."""
    env = {
        k: v for k, v in (desktop or os.environ).items() if not k.startswith(("XDG_", "DESKBREAK_")) or (desktop and k in DESKTOP_SESSION)
    }
    if desktop and env.get("WAYLAND_DISPLAY"):
        # the compositor's socket is in the desktop's runtime dir, not the daemon's own
        env["WAYLAND_DISPLAY"] = os.path.join(desktop["XDG_RUNTIME_DIR"], env["WAYLAND_DISPLAY"])
    if not display and not desktop:
        for key in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
            env.pop(key, None)
    runtime = root / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env.update(
        XDG_CONFIG_HOME=str(root / "config"),
        XDG_DATA_HOME=str(root / "data"),
        XDG_STATE_HOME=str(root / "state"),
        XDG_CACHE_HOME=str(root / "cache"),
        XDG_RUNTIME_DIR=str(runtime),
        PYTHONUNBUFFERED="1",
    )
    return env


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (the routines a daemon opened)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def wait_until(check: Callable[[], bool], timeout: float = 15.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@dataclass
class Daemon:
    root: Path
    config: str = FAST_CONFIG
    display: bool = False
    command: list[str] = field(default_factory=lambda: [sys.executable, "-m", "deskbreak"])  # or an installed script
    desktop: dict[str, str] | None = None  # start inside this desktop's session (Desktop.env)
    day: datetime | None = EARLY_WEEK  # the daemon's (and its CLI's) wall clock at start; None: the test sets it
    env: dict[str, str] = field(init=False)
    proc: subprocess.Popen[str] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.env = isolated_env(self.root, self.display, self.desktop)
        if self.day is not None:
            self.env.update(at(self.day, self.env))
        self.config_file = self.root / "deskbreak.toml"
        self.config_file.write_text(self.config)
        self.env["DESKBREAK_CONFIG"] = str(self.config_file)
        self.log_file = self.root / "data" / "deskbreak" / "events.jsonl"
        self.output_file = self.root / "daemon-output.txt"

    def start(self) -> "Daemon":
        self.proc = self.spawn()
        wait_until(lambda: self.cli("status").returncode == 0, what="the daemon to answer status")
        return self

    def spawn(self) -> subprocess.Popen[str]:
        out = self.output_file.open("a")
        return subprocess.Popen(
            [*self.command, "run"],
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
        )

    def cli(self, *args: str, timeout: float = 20.0) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.command, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )

    def events(self) -> list[dict]:
        if not self.log_file.exists():
            return []
        return [json.loads(line) for line in self.log_file.read_text().splitlines() if line.strip()]

    def kinds(self) -> list[str]:
        return [e["event"] for e in self.events()]

    def wait_for_event(self, kind: str, count: int = 1, timeout: float = 20.0) -> None:
        wait_until(lambda: self.kinds().count(kind) >= count, timeout, f"{count}× {kind} in the log")

    def wall(self) -> datetime:
        """What the daemon's wall clock reads now (its `day`, or the real clock), to compare with logged times."""
        return datetime.fromtimestamp(time.time() + float(self.env.get("TESTS_WALL_SHIFT_S", "0")), timezone.utc)

    def stamp(self, path: Path, seconds_ago: float = 0.0) -> None:
        """Give `path` the modification time the daemon's clock read `seconds_ago`."""
        when = self.wall().timestamp() - seconds_ago
        os.utime(path, (when, when))

    def output(self) -> str:
        return self.output_file.read_text() if self.output_file.exists() else ""

    def stop(self) -> None:
        """End the windows the daemon opened (by their pids: a routine window outlives its
        daemon, and one left open on the shared display misleads later tests), then the daemon."""
        if self.proc and self.proc.poll() is None:
            for pid in children(self.proc.pid):
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            wait_until(lambda: not children(self.proc.pid) if self.proc else True, 15, "the daemon's windows to end")
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
