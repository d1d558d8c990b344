"""A writer killed with SIGKILL at random moments loses at most the line it was writing."""

import os
import random
import signal
import subprocess
import sys

from deskbreak.eventlog import EventLog

WRITER = """
import sys
from datetime import datetime, timezone
from deskbreak.core.model import Event
from deskbreak.eventlog import EventLog
log, name, start, end = EventLog(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
for i in range(start, end):
    log.append(Event("step_done", {"writer": name, "i": i, "pad": "x" * (i % 500)}), datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc))
    print(i, flush=True)
"""
EVENTS = 2000


def spawn(path, name, start):
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(start), str(EVENTS)], stdout=subprocess.PIPE, text=True)


def test_events_acknowledged_before_a_sigkill_survive_intact(tmp_path):
    path = tmp_path / "events.jsonl"
    rng = random.Random(20261125)
    steady = [spawn(path, f"steady-{n}", 0) for n in range(3)]
    acked, kills, start = -1, 0, 0
    while start < EVENTS:
        victim = spawn(path, "victim", start)
        stop_after = rng.randrange(50, 600)
        for line in victim.stdout:
            acked = int(line)
            if acked - start >= stop_after:
                os.kill(victim.pid, signal.SIGKILL)
                kills += 1
                break
        for line in victim.stdout:  # acknowledgements still in the pipe when the kill landed
            acked = int(line)
        victim.wait()
        start = acked + 1
    for writer in steady:
        assert writer.wait(60) == 0

    read = EventLog(path).read()
    victim_seen = [r.data["i"] for r in read.records if r.data["writer"] == "victim"]
    assert set(range(EVENTS)) <= set(victim_seen), "an acknowledged event is missing"
    assert len(victim_seen) - len(set(victim_seen)) <= kills  # at most the unacknowledged line, rewritten
    for n in range(3):
        assert sorted(r.data["i"] for r in read.records if r.data["writer"] == f"steady-{n}") == list(range(EVENTS))
    for record in read.records:
        assert record.data["pad"] == "x" * (record.data["i"] % 500)
    assert kills >= 3
    assert read.damaged <= kills
