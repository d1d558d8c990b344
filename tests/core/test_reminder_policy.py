"""When reminders are shown, repeated, snoozed, skipped, deferred, paused and held off."""

from datetime import datetime, time, timedelta

from deskbreak.config.settings import Settings, WorkHours
from deskbreak.core import tracker
from deskbreak.core.model import FinishBreak, Pause, Resume, RoutineExited, Sample, Skip, Snooze, StartBreak
from tests.core.sim import BERLIN, MIN, desk


def test_reminder_is_shown_once_when_sitting_reaches_the_limit():
    d = desk()
    d.work(49 * MIN)
    assert d.reminders == []
    d.work(1 * MIN)
    assert len(d.reminders) == 1
    reminder = d.reminders[0][1]
    assert reminder.sat_s == 50 * MIN and reminder.repeat == 0
    assert reminder.snooze_minutes == 10 and reminder.snoozes_left == 3
    assert d.events[-1].kind == "reminder_shown"
    assert d.status().phase == "due"


def test_the_reminder_asks_for_its_sound_unless_sounds_are_off():
    loud, quiet = desk(), desk(Settings(sound=False))
    loud.work(50 * MIN)
    quiet.work(50 * MIN)
    assert loud.reminders[0][1].sound and not quiet.reminders[0][1].sound


def test_unanswered_reminder_is_shown_again_every_renotify_interval():
    d = desk()
    d.work(50 * MIN)
    d.work(16 * MIN)
    assert [r.repeat for _, r in d.reminders] == [0, 1, 2, 3]
    assert [when.strftime("%H:%M") for when, _ in d.reminders] == ["09:50", "09:55", "10:00", "10:05"]


def test_renotify_zero_shows_the_reminder_only_once():
    d = desk(Settings(renotify_every=timedelta(0)))
    d.work(120 * MIN)
    assert len(d.reminders) == 1


def test_snooze_moves_reminder_by_snooze_minutes():
    d = desk()
    d.work(50 * MIN)
    outcome = d.send(Snooze(source="notification"))
    assert outcome.message == "Snoozed for 10 min (2 left today)."
    assert d.events[-1].data == {"minutes": 10, "left": 2, "source": "notification"}
    assert d.status().phase == "snoozed"
    assert d.status().snoozed_until.strftime("%H:%M") == "10:00"
    d.work(9 * MIN + 30)
    assert len(d.reminders) == 1
    d.work(30)
    assert len(d.reminders) == 2 and d.reminders[1][1].repeat == 0
    assert d.reminders[1][1].snoozes_left == 2


def test_snooze_with_a_length_uses_that_length():
    d = desk()
    d.work(50 * MIN)
    d.send(Snooze(timedelta(minutes=3)))
    d.work(3 * MIN)
    assert d.reminders[-1][0].strftime("%H:%M") == "09:53"


def test_snooze_budget_runs_out_and_the_refusal_says_what_to_do():
    d = desk(Settings(snoozes_per_day=2))
    d.work(50 * MIN)
    for _ in range(2):
        assert d.send(Snooze()).error is None
        d.work(10 * MIN)
    outcome = d.send(Snooze())
    assert "No snoozes left today (2 a day)" in outcome.error
    assert "deskbreak break" in outcome.error and "deskbreak skip" in outcome.error
    assert d.status().phase == "due"
    assert d.count("snoozed") == 2


def test_snooze_budget_starts_again_the_next_day():
    d = desk(Settings(snoozes_per_day=1), start=datetime(2026, 11, 25, 23, 0, tzinfo=BERLIN))
    d.work(50 * MIN)
    d.send(Snooze())
    assert d.status().snoozes_left == 0
    d.work(15 * MIN)  # past midnight
    assert d.status().snoozes_left == 1
    assert d.send(Snooze()).error is None


def test_snoozing_with_nothing_due_is_refused_with_the_time_left():
    d = desk()
    d.work(20 * MIN)
    outcome = d.send(Snooze())
    assert outcome.error == "Nothing to snooze: no break is due (the next one is in 30m of sitting)."
    assert "snoozed" not in d.kinds()


def test_skip_restarts_the_sitting_clock_and_logs_how_long_you_sat():
    d = desk()
    d.work(52 * MIN)
    outcome = d.send(Skip(source="notification"))
    assert outcome.error is None
    assert d.events[-1].data == {"sat_s": 52 * MIN, "source": "notification"}
    assert d.status().sat_s == 0
    d.work(49 * MIN)
    assert len(d.reminders) == 1


def test_skip_with_nothing_due_is_refused():
    d = desk()
    d.work(5 * MIN)
    assert d.send(Skip()).error.startswith("Nothing to skip")


def test_no_reminder_while_a_break_is_under_way():
    d = desk()
    d.work(45 * MIN)
    d.send(StartBreak("full", source="tray"))
    d.work(30 * MIN)
    assert d.reminders == []


def test_an_abandoned_break_leaves_the_break_due_and_reminds_again_after_the_interval():
    d = desk()
    d.work(50 * MIN)
    d.send(StartBreak("desk", source="notification"))
    d.work(1 * MIN)
    d.send(FinishBreak("abandoned", "desk", steps=1, duration_s=60))
    assert d.events[-1].kind == "break_abandoned"
    assert d.status().phase == "due"
    d.work(4 * MIN + 30)
    assert len(d.reminders) == 1
    d.work(30)
    assert len(d.reminders) == 2


def test_snooze_from_the_routine_window_ends_the_break():
    d = desk()
    d.work(50 * MIN)
    d.send(StartBreak("desk", source="window"))
    assert d.send(Snooze(source="window")).error is None
    assert d.status().phase == "snoozed"


def test_a_routine_that_never_reports_back_stops_holding_reminders_after_an_hour():
    d = desk()
    d.work(50 * MIN)
    d.send(StartBreak("desk", source="notification"))
    d.work(61 * MIN)
    abandoned = [e for e in d.events if e.kind == "break_abandoned"]
    assert len(abandoned) == 1 and abandoned[0].data["source"] == "schedule"
    assert d.status().phase == "due"


def test_pause_for_a_duration_holds_reminders_and_expires_by_itself():
    d = desk()
    d.work(40 * MIN)
    until = d.clock.wall + timedelta(minutes=30)
    outcome = d.send(Pause(until))
    assert outcome.message == "Paused until Wed 10:10."
    d.work(29 * MIN)
    assert d.reminders == [] and d.status().phase == "paused"
    d.work(1 * MIN)
    resumed = [e for e in d.events if e.kind == "resumed"][0]
    assert resumed.data == {"source": "schedule", "reason": "expired"}
    assert len(d.reminders) == 1  # sat 70 min by now: due at once


def test_pause_indefinitely_lasts_until_resume():
    d = desk()
    d.send(Pause(None))
    d.work(6 * 60 * MIN)
    assert d.reminders == [] and d.status().paused_until is None and d.status().phase == "paused"
    assert d.send(Resume()).message == "Reminders resumed."
    d.work(30)
    assert len(d.reminders) == 1


def test_resume_when_not_paused_is_refused():
    assert desk().send(Resume()).error == "Reminders are not paused."


def test_no_reminders_outside_work_hours_and_one_when_they_start():
    hours = WorkHours(days=(0, 1, 2, 3, 4), spans=((time(9, 0), time(17, 0)),))
    d = desk(Settings(work_hours=hours), start=datetime(2026, 11, 25, 8, 0, tzinfo=BERLIN))
    d.work(55 * MIN)
    assert d.reminders == [] and d.status().phase == "off_hours"
    d.work(5 * MIN)
    assert len(d.reminders) == 1 and d.reminders[0][0].strftime("%H:%M") == "09:00"


def test_no_reminders_on_days_off():
    hours = WorkHours(days=(0, 1, 2, 3, 4))
    d = desk(Settings(work_hours=hours), start=datetime(2026, 11, 28, 10, 0, tzinfo=BERLIN))  # a Saturday
    d.work(3 * 60 * MIN)
    assert d.reminders == []
    assert d.status().in_work_hours is False


def test_a_fullscreen_window_defers_the_reminder_up_to_the_cap_and_logs_it_once():
    d = desk()
    d.busy = "fullscreen"
    d.work(50 * MIN)
    assert d.reminders == []
    assert d.events[-1].kind == "deferred" and d.events[-1].data["reason"] == "fullscreen"
    d.work(19 * MIN)
    assert d.reminders == [] and d.count("deferred") == 1
    d.work(1 * MIN)
    assert len(d.reminders) == 1


def test_a_deferred_reminder_is_shown_as_soon_as_the_fullscreen_window_goes():
    d = desk()
    d.busy = "fullscreen"
    d.work(52 * MIN)
    d.busy = None
    d.work(30)
    assert len(d.reminders) == 1


def test_next_check_is_when_the_limit_will_be_reached():
    d = desk()
    d.work(20 * MIN)
    assert tracker.next_check(d.state, d.clock.now(), d.settings) == 30 * MIN


def test_next_check_follows_snooze_pause_and_renotify():
    d = desk()
    d.work(50 * MIN)
    assert tracker.next_check(d.state, d.clock.now(), d.settings) == 5 * MIN
    d.send(Snooze(timedelta(minutes=7)))
    assert tracker.next_check(d.state, d.clock.now(), d.settings) == 7 * MIN
    d.send(Pause(d.clock.wall + timedelta(minutes=45)))
    assert tracker.next_check(d.state, d.clock.now(), d.settings) == 45 * MIN
    d.send(Pause(None))
    assert tracker.next_check(d.state, d.clock.now(), d.settings) is None


def test_samples_alone_never_show_more_than_one_reminder_per_renotify_interval():
    d = desk(Settings(renotify_every=timedelta(minutes=5)))
    d.work(50 * MIN)
    for _ in range(1000):  # a burst of ticks, e.g. coalesced jobs after a stall
        d.clock.advance(0.1)
        d.send(Sample(idle_s=0))
    assert len(d.reminders) == 1


def test_a_snooze_of_ninety_seconds_is_called_two_minutes_by_the_reminder_and_the_confirmation():
    d = desk(Settings(snooze=timedelta(seconds=90)))
    d.work(50 * MIN)
    assert d.reminders[-1][1].snooze_minutes == 2
    assert d.send(Snooze(source="notification")).message.startswith("Snoozed for 2 min")


def test_a_routine_that_exits_without_an_outcome_abandons_the_open_break_and_nothing_else():
    d = desk()
    d.work(50 * MIN)
    d.send(StartBreak("desk", source="notification"))
    d.work(2 * MIN)
    d.send(RoutineExited("the routine process exited with status 1"))
    assert d.events[-1].kind == "break_abandoned" and d.events[-1].data["reason"].endswith("status 1")
    assert d.status().phase == "due"
    assert d.send(RoutineExited("again")).events == ()
