"""Issue 13, class 8: an append that cannot be written whole (disk full) leaves the log as it was
and raises for the daemon to report; children the daemon starts are reaped as they exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.daemon.harness import wait_until

WRITER = r"""
import resource, signal, sys
from datetime import datetime, timezone
from deskbreak.core.model import Event
from deskbreak.eventlog import EventLog
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
path, limit, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    EventLog(path).append(Event("error", {"where": "test", "message": "x" * size}), datetime(2026, 11, 2, 10, 0, tzinfo=timezone.utc))
except OSError as exc:
    print("refused:", exc)
else:
    print("written")
"""


def append_with_room(path: Path, room: int, size: int) -> str:
    limit = (path.stat().st_size if path.exists() else 0) + room
    return subprocess.run(
        [sys.executable, "-c", WRITER, str(path), str(limit), str(size)], capture_output=True, text=True, timeout=30, check=True
    ).stdout


@pytest.mark.parametrize("room", [0, 1, 10, 100, 500])
def test_an_append_that_does_not_fit_leaves_the_log_as_it_was_and_is_reported(tmp_path, room):
    from datetime import datetime, timezone

    from deskbreak.core.model import Event
    from deskbreak.eventlog import EventLog

    path = tmp_path / "events.jsonl"
    EventLog(path).append(Event("started"), datetime(2026, 11, 2, 10, 0, tzinfo=timezone.utc))
    before = path.read_bytes()
    said = append_with_room(path, room, 1000)
    assert said.startswith("refused:")
    assert path.read_bytes() == before
    EventLog(path).append(Event("stopped", {"reason": "user"}), datetime(2026, 11, 2, 10, 0, tzinfo=timezone.utc))
    read = EventLog(path).read()
    assert [r.kind for r in read.records] == ["started", "stopped"] and read.damaged == 0


def test_a_torn_line_left_by_an_earlier_writer_is_kept_apart_by_the_next_append(tmp_path):
    from datetime import datetime, timezone

    from deskbreak.core.model import Event
    from deskbreak.eventlog import EventLog

    path = tmp_path / "events.jsonl"
    path.write_bytes(b'{"v":1,"ts":"2026-11-02T09:00:00+00:00","event":"started"}\n{"v":1,"ts":"2026-')
    EventLog(path).append(Event("stopped", {"reason": "user"}), datetime(2026, 11, 2, 10, 0, tzinfo=timezone.utc))
    read = EventLog(path).read()
    assert [r.kind for r in read.records] == ["started", "stopped"] and read.damaged == 1


def zombies_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] == "Z" and int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def children_of(pid: int) -> list[int]:
    kids = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        kids += [int(k) for k in (task / "children").read_text().split()]
    return kids


def test_a_routine_window_that_exits_is_reaped_at_once(desktop_daemon):
    daemon = desktop_daemon(
        '[reminders]\nsit_limit = "1h"\n[presence]\nsample_every = "1s"\n[desktop]\nnotifier = "console"\ntray = "none"\n'
    )
    assert daemon.cli("break").returncode == 0
    wait_until(lambda: children_of(daemon.proc.pid), what="the routine window process")
    child = children_of(daemon.proc.pid)[0]
    os.kill(child, 15)
    wait_until(
        lambda: child not in children_of(daemon.proc.pid) and not zombies_of(daemon.proc.pid), what="the routine process to be reaped"
    )
