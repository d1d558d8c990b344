"""Issue 13, class 4: every control message is checked whole against its command's schema before
anything changes; a refused message leaves the daemon's state and the log exactly as they were."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskbreak.config.settings import Settings
from deskbreak.core.model import Instant
from deskbreak.daemon.commands import SCHEMAS, Commands
from deskbreak.daemon.controller import Controller

ZONE = ZoneInfo("Europe/Berlin")


class StillClock:
    def __init__(self) -> None:
        self.now_ = Instant(1000.0, datetime(2026, 11, 24, 10, 0, tzinfo=ZONE))

    def now(self) -> Instant:
        return self.now_


class Sink:
    def __init__(self) -> None:
        self.lines: list = []

    def append(self, event, when) -> None:
        self.lines.append((event, when))

    def show(self, reminder):
        return "test"

    def withdraw(self) -> None:
        pass


def fresh() -> tuple[Commands, Controller, Sink]:
    sink = Sink()
    controller = Controller(Settings(), StillClock(), sink, sink, lambda status: None, lambda seconds: None)
    return Commands(controller, lambda routine, source: True, lambda: None, lambda: {}), controller, sink


SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=5
)
TIMES = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(ZONE)).map(
    lambda d: d.isoformat()
) | st.text(max_size=30)
FIELD = st.sampled_from(sorted({f for schema in SCHEMAS.values() for f in schema} | {"source", "x", ""}))
MESSAGES = st.fixed_dictionaries({"cmd": st.sampled_from(sorted(SCHEMAS)) | st.text(max_size=8)}).flatmap(
    lambda head: st.dictionaries(FIELD, VALUES | TIMES | st.floats(-1e20, 1e20), max_size=4).map(lambda rest: {**rest, **head})
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MESSAGES)
def test_a_refused_message_changes_nothing(message):
    commands, controller, sink = fresh()
    before = controller._state
    reply = commands.handle(message)
    json.dumps(reply)
    if not reply["ok"]:
        assert controller._state == before and sink.lines == []
    else:
        controller.status()  # an accepted message leaves a state the daemon can still describe


@pytest.mark.parametrize("until", ["9999-12-31T23:59:59+00:00", "2200-01-01T00:00+00:00", "2026-12-25T10:00+01:00"])
def test_pause_until_far_away_is_refused_and_the_next_sample_still_works(until):
    from deskbreak.core.model import Sample

    commands, controller, sink = fresh()
    reply = commands.handle({"cmd": "pause", "until": until})
    assert reply["ok"] is False and "more than 30 days" in reply["error"]
    assert sink.lines == []
    controller.handle(Sample(idle_s=0.0))


def test_random_bytes_and_json_on_the_live_socket_leave_the_daemon_as_it_was(make_daemon):
    """A stand-in client speaks the real handshake and sends hostile frames; afterwards the log
    holds nothing new and status answers the same (pause, standing, snoozes)."""
    import random
    from multiprocessing.connection import Client

    daemon = make_daemon(
        '[reminders]\nsit_limit = "1h"\n[presence]\nsample_every = "1s"\n[desktop]\nnotifier = "console"\ntray = "none"\n'
    ).start()
    runtime = daemon.root / "runtime" / "deskbreak"
    key = (runtime / "authkey").read_bytes()
    assert daemon.cli("pause", "1h").returncode == 0
    before_log = daemon.log_file.read_bytes()
    before = json.loads(daemon.cli("status", "--json").stdout)["status"]
    rng = random.Random(13)
    frames = [bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 64))) for _ in range(100)]
    pick = lambda *options: rng.choice(options)  # noqa: E731
    for _ in range(300):
        message = {"cmd": pick(*SCHEMAS, "rm", "")}
        for _ in range(rng.randint(1, 3)):
            message[pick(*{f for s in SCHEMAS.values() for f in s}, "source", "x")] = pick(
                None, True, -1, 0, 1e308, 10**40, "", "x" * 200, [], {}, "9999-12-31T00:00+00:00", "0001-01-01"
            )
        if message["cmd"] not in ("status", "ping"):
            frames.append(json.dumps(message).encode())
    frames += [
        json.dumps({"cmd": "pause", "until": "9999-12-31T00:00+00:00"}).encode(),
        json.dumps({"cmd": "snooze", "for_s": 1e308}).encode(),
        json.dumps({"cmd": "resume", "extra": 1}).encode(),
        json.dumps({"cmd": "finish_break", "outcome": "done", "routine": "desk", "steps": 10**9}).encode(),
    ]
    for frame in frames:
        with Client(str(runtime / "control.sock"), family="AF_UNIX", authkey=key) as conn:
            conn.send_bytes(frame)
            reply = json.loads(conn.recv_bytes())
        if reply["ok"]:  # a random message that happens to be valid (e.g. resume): set the scene again
            assert daemon.cli("pause", "1h").returncode == 0 and daemon.cli("sit").returncode == 0
            before_log = daemon.log_file.read_bytes()
            before = json.loads(daemon.cli("status", "--json").stdout)["status"]
            continue
        assert daemon.log_file.read_bytes() == before_log, frame
    after = json.loads(daemon.cli("status", "--json").stdout)["status"]
    for key_ in ("phase", "paused_until", "standing", "snoozes_left"):
        assert after[key_] == before[key_]
    assert daemon.log_file.read_bytes() == before_log
