"""Presence by events: when the idle source tells of returning input by an event, the daemon
samples only when the core asks (next_check) and on a slow safety sample. The core decides when
idle begins (input stopped at T: look at T + break_after_idle) and what an input event means."""

from __future__ import annotations

from datetime import timedelta

from deskbreak.config.settings import Settings
from deskbreak.core import tracker
from deskbreak.core.model import Sample
from tests.core.sim import MIN, Desk, desk

SAFETY_S = 60.0


class EventDesk:
    """The daemon's side in event mode: it samples when the core asks, on the safety sample,
    and at once when input comes back (the idle source's event). Counts every sample taken."""

    def __init__(self, d: Desk) -> None:
        self.d = d
        self.samples = 0
        self.sample()

    def sample(self) -> None:
        self.samples += 1
        self.d.send(Sample(idle_s=self.d.idle_s(), busy=self.d.busy, every_s=SAFETY_S))

    def wait(self, seconds: float) -> None:
        """Let `seconds` pass, sampling only when the core or the safety sample says so."""
        end = self.d.clock.mono + seconds
        while True:
            due = tracker.next_check(self.d.state, self.d.clock.now(), self.d.settings)
            step = min(SAFETY_S if due is None else max(due, 1.0), SAFETY_S)
            if self.d.clock.mono + step > end + 1e-9:
                self.d.clock.advance(end - self.d.clock.mono)
                return
            self.d.clock.advance(step)
            self.sample()

    def work(self, seconds: float) -> None:
        """At the keyboard for `seconds`: input all the time, which wakes no one while present."""
        if self.d.idle_since is not None:
            self.d.idle_since = None
            if self.d.state.away:
                self.sample()  # the source's event: input came back
        self.d.idle_since = None
        self.wait(seconds)
        self.d.idle_since = self.d.clock.mono  # the next wait starts with no input


def test_while_present_the_core_looks_again_when_idle_would_reach_the_threshold():
    d = desk()
    d.send(Sample(idle_s=0.0, every_s=SAFETY_S))
    assert tracker.next_check(d.state, d.clock.now(), d.settings) == 5 * MIN
    d.clock.advance(30)
    d.send(Sample(idle_s=120.0, every_s=SAFETY_S))  # input stopped two minutes ago
    assert tracker.next_check(d.state, d.clock.now(), d.settings) == 3 * MIN


def test_steady_sampling_keeps_its_wakeups_to_the_reminder():
    d = desk()
    d.send(Sample(idle_s=0.0))
    assert tracker.next_check(d.state, d.clock.now(), d.settings) == 50 * MIN


def test_idle_begins_at_the_threshold_after_the_last_input_without_steady_sampling():
    e = EventDesk(desk())
    e.work(20 * MIN + 10)
    stopped = e.d.clock.mono
    e.wait(5 * MIN)
    assert e.d.count("natural_break") == 1
    assert e.d.status().phase == "away"
    natural = e.d.events[-1]
    assert natural.data == {"away_s": 5 * MIN, "sat_s": round(20 * MIN + 10), "reason": "idle"}
    assert e.d.clock.mono == stopped + 5 * MIN


def test_input_coming_back_is_one_sample_and_the_clock_starts_again():
    e = EventDesk(desk())
    e.work(10 * MIN)
    e.wait(40 * MIN)
    taken = e.samples
    e.work(10 * MIN)
    assert e.d.kinds()[-2:] == ["natural_break", "back"]
    assert e.d.status().phase == "sitting"
    assert e.d.status().sat_s == 10 * MIN
    assert e.samples - taken <= 10 * MIN / SAFETY_S + 1


def test_safety_samples_are_not_gaps_and_an_hour_of_work_shows_one_reminder():
    e = EventDesk(desk(Settings(renotify_every=timedelta(0))))
    e.work(60 * MIN)
    assert "natural_break" not in e.d.kinds()
    assert [r.sat_s for _, r in e.d.reminders] == [50 * MIN]
    assert e.samples <= 60 * MIN / SAFETY_S + 2


def test_suspend_is_still_time_away_between_sparse_samples():
    e = EventDesk(desk())
    e.work(45 * MIN)
    e.d.clock.sleep(6 * MIN)  # wall time runs on, monotonic time does not
    e.d.idle_since = None
    e.sample()  # the user's first input after waking
    assert e.d.events[-1].kind == "natural_break"
    assert e.d.events[-1].data["reason"] == "suspend"
    assert e.d.status().sat_s == 0


def test_a_long_sleep_while_a_break_was_due_shows_no_burst_with_sparse_samples():
    e = EventDesk(desk(Settings(renotify_every=timedelta(minutes=1))))
    e.work(55 * MIN)
    shown = len(e.d.reminders)
    e.d.clock.sleep(8 * 60 * MIN)
    e.work(5 * MIN)
    assert len(e.d.reminders) == shown
    assert e.d.status().phase == "sitting"


def test_a_reminder_held_back_while_busy_is_looked_at_every_sample_and_comes_when_busy_ends():
    e = EventDesk(desk(Settings(renotify_every=timedelta(0))))
    e.d.busy = "fullscreen"
    e.work(50 * MIN)
    e.d.idle_since = None
    assert e.d.kinds()[-1] == "deferred" and e.d.reminders == []
    assert tracker.next_check(e.d.state, e.d.clock.now(), e.d.settings) == e.d.settings.sample_every.total_seconds()
    e.d.busy = None
    e.wait(e.d.settings.sample_every.total_seconds())
    assert [r.sat_s for _, r in e.d.reminders] == [50 * MIN + 30]


def test_between_sparse_samples_the_status_counts_the_time_since_as_sitting():
    e = EventDesk(desk())
    e.work(10 * MIN)
    e.d.clock.advance(40)  # no event, no sample: present, or idle below the threshold
    assert e.d.status().sat_s == 10 * MIN + 40
    e.d.idle_since = e.d.clock.mono
    e.wait(10 * MIN)  # away now: the status stops where the sitting stopped
    assert e.d.status().phase == "away" and e.d.status().sat_s == 0


def test_with_steady_samples_the_status_is_the_last_samples():
    d = desk()
    d.work(10 * MIN)
    d.clock.advance(20)
    assert d.status().sat_s == 10 * MIN
