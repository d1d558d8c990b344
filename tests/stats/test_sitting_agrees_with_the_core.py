"""Sitting time has two implementations: the core counts it live, `stats` walks the log. Random
simulated days run through the core, their events go to a real event log as the daemon writes
them, and `stats` must report the sitting time, breaks and longest stretch the core counted."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskbreak.core.model import Event, FinishBreak, Input, Pause, Resume, Sample, SetStanding, Skip, Snooze, StartBreak
from deskbreak.eventlog import EventLog
from deskbreak.stats.compute import compute
from deskbreak.stats.periods import Period, local_midnight
from tests.core.sim import Desk, desk

MIN = 60


@dataclass
class Watched:
    """The core as the daemon runs it, plus what it counted as sitting: (start, end) wall-time
    seconds of every sample interval it added to the sitting clock, trimmed by what it later
    said was not sitting (the idle time before a natural break)."""

    desk: Desk
    log: EventLog
    stretches: list[list[float]] = field(default_factory=list)

    def send(self, inp: Input) -> None:
        before = self.desk.state.sat_s
        outcome = self.desk.send(inp)
        now = self.desk.clock.wall.timestamp()
        for event in outcome.events:
            self.log.append(event, self.desk.clock.wall)
            if event.kind == "natural_break" and event.data["reason"] == "idle" and self.stretches:
                self.stretches[-1][1] -= round(before) - event.data["sat_s"]
        added = outcome.state.sat_s - before
        if added > 0 and not any(e.kind == "natural_break" for e in outcome.events):
            if self.stretches and abs(self.stretches[-1][1] - (now - added)) < 1e-6:
                self.stretches[-1][1] = now
            else:
                self.stretches.append([now - added, now])

    def run(self, seconds: int, idle_from: float | None) -> None:
        step = int(self.desk.settings.sample_every.total_seconds())
        for _ in range(seconds // step):
            self.desk.clock.advance(step)
            idle = 0.0 if idle_from is None else self.desk.clock.mono - idle_from
            self.send(Sample(idle_s=idle))


STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("work"), st.integers(1, 90)),
        st.tuples(st.just("leave"), st.integers(1, 30)),
        st.tuples(st.just("break"), st.integers(1, 8)),
        st.tuples(st.just("stand"), st.integers(1, 30)),
        st.tuples(st.just("pause"), st.integers(1, 30)),
        st.tuples(st.sampled_from(["skip", "snooze"]), st.just(0)),
    ),
    max_size=12,
)


def live(steps: list[tuple[str, int]], log: EventLog) -> Watched:
    w = Watched(desk(), log)
    log.append(Event("started", {"version": "test"}), w.desk.clock.wall)
    w.send(Sample(idle_s=0.0))
    for kind, minutes in steps:
        if kind == "work":
            w.run(minutes * MIN, None)
        elif kind == "leave":
            w.run(minutes * MIN, w.desk.clock.mono)
            w.run(MIN, None)  # back at the keyboard
        elif kind == "break":
            w.send(StartBreak("desk", source="notification"))
            w.run(minutes * MIN, w.desk.clock.mono)  # away from the keyboard, doing the routine
            w.send(FinishBreak("done", "desk", 4, minutes * MIN))
        elif kind == "pause":
            w.send(Pause(None))
            w.run(minutes * MIN, None)  # still at the desk, with reminders paused
            w.send(Resume())
        elif kind == "stand":
            w.send(SetStanding(True))
            w.run(minutes * MIN, None)
            w.send(SetStanding(False))
        else:
            w.send(Skip(source="cli") if kind == "skip" else Snooze(source="cli"))
    w.run(MIN, None)  # a last minute at the desk: `stats` counts what happened before now
    return w


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STEPS)
def test_stats_report_the_sitting_breaks_and_longest_stretch_the_core_counted(steps):
    with tempfile.TemporaryDirectory() as tmp:
        log = EventLog(Path(tmp) / "events.jsonl")
        w = live(steps, log)
        now = w.desk.clock.wall
        tz = now.tzinfo
        start = local_midnight(w.desk.clock.wall.date() - timedelta(days=1), tz)
        stats = compute(log.read().records, Period("since", start, now + timedelta(days=1)), now, tz, weekly_target=3)
    lengths = [end - begin for begin, end in w.stretches if end > begin]
    core_breaks = w.desk.count("break_done") + w.desk.count("natural_break")
    assert (stats.sitting_total_s, stats.breaks_done + stats.natural_breaks, stats.longest_stretch_s) == (
        round(sum(lengths)),
        core_breaks,
        round(max(lengths, default=0)),
    ), steps
