"""The sitting clock: what counts as sitting, what counts as a break, and what sleep does."""

from datetime import timedelta

from deskbreak.config.settings import Settings
from deskbreak.core.model import FinishBreak, Sample, SetStanding
from tests.core.sim import MIN, desk


def test_time_at_the_keyboard_counts_as_sitting():
    d = desk()
    d.work(20 * MIN)
    assert d.status().sat_s == 20 * MIN
    assert d.status().phase == "sitting"
    assert d.status().due_in_s == 30 * MIN


def test_short_idle_below_the_threshold_still_counts_as_sitting():
    d = desk()
    d.work(10 * MIN)
    d.leave(4 * MIN)
    d.work(1 * MIN)
    assert d.status().sat_s == 15 * MIN
    assert "natural_break" not in d.kinds()


def test_idle_past_the_threshold_is_a_natural_break_that_restarts_the_clock():
    d = desk()
    d.work(30 * MIN)
    d.leave(12 * MIN)
    assert d.count("natural_break") == 1
    natural = d.events[-1]
    assert natural.data["reason"] == "idle"
    assert natural.data["sat_s"] >= 30 * MIN
    assert d.status().phase == "away"
    d.work(5 * MIN)
    assert d.status().phase == "sitting"
    assert d.status().sat_s <= 5 * MIN


def test_a_long_absence_logs_one_natural_break_not_one_per_sample():
    d = desk()
    d.work(5 * MIN)
    d.leave(3 * 60 * MIN)
    assert d.count("natural_break") == 1


def test_no_idle_source_counts_all_time_as_sitting():
    d = desk()
    for _ in range(20):
        d.clock.advance(30)
        d.send(Sample(idle_s=None))
    assert d.status().sat_s == 10 * MIN


def test_suspend_counts_as_away_and_restarts_the_clock():
    d = desk()
    d.work(45 * MIN)
    d.clock.sleep(40 * MIN)  # wall time runs on, monotonic time does not
    d.send(Sample(idle_s=0))
    assert d.count("natural_break") == 1
    assert d.events[-1].data["reason"] == "suspend"
    assert d.events[-1].data["away_s"] == 40 * MIN
    assert d.status().sat_s == 0


def test_waking_from_a_long_sleep_while_a_break_was_due_shows_no_burst_of_reminders():
    d = desk(Settings(renotify_every=timedelta(minutes=1)))
    d.work(55 * MIN)
    shown = len(d.reminders)
    d.clock.sleep(8 * 60 * MIN)
    d.work(5 * MIN)
    assert len(d.reminders) == shown
    assert d.status().phase == "sitting"


def test_a_stopped_process_gap_on_both_clocks_counts_as_away():
    d = desk()
    d.work(30 * MIN)
    d.clock.advance(10 * MIN)  # SIGSTOP: no samples, both clocks run
    d.send(Sample(idle_s=0))
    assert d.count("natural_break") == 1
    assert d.status().sat_s == 0


def test_a_gap_shorter_than_the_break_threshold_adds_no_sitting_and_no_break():
    d = desk()
    d.work(30 * MIN)
    d.clock.advance(3 * MIN)
    d.send(Sample(idle_s=0))
    assert "natural_break" not in d.kinds()
    assert d.status().sat_s == 30 * MIN


def test_wall_clock_jumping_back_changes_nothing():
    d = desk()
    d.work(30 * MIN)
    d.clock.set_wall(d.clock.wall - timedelta(hours=2))
    d.work(10 * MIN)
    assert "natural_break" not in d.kinds()
    assert d.status().sat_s == 40 * MIN
    d.work(12 * MIN)
    assert [r.sat_s for _, r in d.reminders] == [50 * MIN]


def test_wall_clock_jumping_forward_counts_as_time_away():
    d = desk()
    d.work(30 * MIN)
    d.clock.set_wall(d.clock.wall + timedelta(hours=1))
    d.send(Sample(idle_s=0))
    assert d.count("natural_break") == 1
    assert d.reminders == []


def test_standing_stops_the_sitting_clock_and_sitting_again_continues_it():
    d = desk()
    d.work(20 * MIN)
    d.send(SetStanding(True))
    d.work(60 * MIN)
    assert d.status().phase == "standing"
    assert d.status().sat_s == 20 * MIN
    assert d.reminders == []
    d.send(SetStanding(False))
    d.work(10 * MIN)
    assert d.status().sat_s == 30 * MIN
    assert d.kinds().count("standing_on") == 1 and d.kinds().count("standing_off") == 1


def test_saying_standing_twice_logs_it_once():
    d = desk()
    d.send(SetStanding(True))
    outcome = d.send(SetStanding(True))
    assert outcome.message == "Already standing."
    assert d.count("standing_on") == 1


def test_time_on_a_break_is_not_sitting_and_done_restarts_the_clock():
    from deskbreak.core.model import StartBreak

    d = desk()
    d.work(50 * MIN)
    d.send(StartBreak("desk", source="window"))
    d.work(3 * MIN)
    assert d.status().phase == "on_break"
    d.send(FinishBreak("done", "desk", steps=4, duration_s=170, source="window"))
    assert d.status().sat_s == 0
    done = d.events[-1]
    assert done.kind == "break_done"
    assert done.data == {"routine": "desk", "steps": 4, "duration_s": 170, "source": "window", "sat_s": 50 * MIN}
