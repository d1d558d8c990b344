"""The step walker with a fake clock: countdowns, pause, reps, sides, rounds, back/next, skip."""

from deskbreak.routines.model import Routine, Step
from deskbreak.routines.session import RoutineSession

HOLD = Step(id="overhead_reach", name="Reach", cue="c", breath="b", seconds=30)
REPS = Step(id="chair_back_extension", name="Lean", cue="c", breath="b", reps=3)
SIDED = Step(id="seated_open_book", name="Twist", cue="c", breath="b", reps=2, per_side=True)
ROUNDS = Step(id="lunge_rotation_flow", name="Flow", cue="c", breath="b", caution="arch", reps=1, per_side=True, rounds=2)
TIMED_SIDES = Step(id="side_lying_rotation", name="Side", cue="c", breath="b", seconds=10, per_side=True)


def routine(*steps: Step) -> Routine:
    return Routine(name="test", title="Test", summary="s", steps=steps)


def test_a_timed_step_counts_down_and_completes_itself_when_time_is_up():
    s = RoutineSession(routine(HOLD, REPS), now=100.0)
    assert s.view(100.0).remaining_s == 30
    assert s.view(112.5).remaining_s == 17.5
    assert s.tick(129.9) == []
    [done] = s.tick(130.0)
    assert (done.step.id, done.event_data()) == ("overhead_reach", {"routine": "test", "step": "overhead_reach", "name": "Reach"})
    assert s.view(130.0).number == 2


def test_pause_freezes_the_countdown_and_resume_carries_on_from_there():
    s = RoutineSession(routine(HOLD), now=0.0)
    s.pause(10.0)
    assert s.view(500.0).remaining_s == 20 and s.view(500.0).paused
    assert s.tick(500.0) == []
    s.resume(500.0)
    assert s.view(505.0).remaining_s == 15
    s.toggle_pause(505.0)
    s.toggle_pause(600.0)
    assert s.view(600.0).remaining_s == 15
    assert s.tick(615.0) and s.finished


def test_reps_count_up_and_the_last_rep_finishes_the_step():
    s = RoutineSession(routine(REPS, HOLD), now=0.0)
    assert s.count_rep(1.0) == [] and s.count_rep(2.0) == []
    assert s.view(2.0).reps_done == 2 and s.view(2.0).remaining_s is None
    [done] = s.count_rep(3.0)
    assert done.step.id == "chair_back_extension"
    assert s.view(3.0).step.id == "overhead_reach" and s.view(3.0).reps_done == 0


def test_per_side_steps_walk_left_then_right_and_finish_once():
    s = RoutineSession(routine(SIDED), now=0.0)
    assert s.view(0).side == "left" and s.view(0).part_label == "Left side"
    assert s.count_rep(1) == [] and s.count_rep(2) == []
    assert s.view(2).side == "right" and s.view(2).reps_done == 0
    s.count_rep(3)
    [done] = s.count_rep(4)
    assert done.step.id == "seated_open_book" and s.finished and len(s.completed) == 1


def test_timed_per_side_steps_restart_the_countdown_for_the_second_side():
    s = RoutineSession(routine(TIMED_SIDES), now=0.0)
    assert s.tick(10.0) == [] and s.view(10.0).side == "right"
    assert s.view(14.0).remaining_s == 6
    assert s.tick(20.0) and s.finished


def test_rounds_repeat_both_sides_and_count_up():
    s = RoutineSession(routine(ROUNDS), now=0.0)
    seen = []
    while not s.finished:
        view = s.view(0)
        seen.append((view.round, view.side))
        s.count_rep(0)
    assert seen == [(1, "left"), (1, "right"), (2, "left"), (2, "right")]
    assert s.view(0).finished
    assert [r.step.id for r in s.completed] == ["lunge_rotation_flow"]


def test_progress_reads_step_n_of_count_and_names_side_and_round():
    s = RoutineSession(routine(HOLD, REPS, ROUNDS), now=0.0)
    s.next(0)
    s.next(0)
    s.next(0)
    view = s.view(0)
    assert view.progress == "Step 3 of 3" and view.part_label == "Right side · round 1 of 2"


def test_next_finishes_a_timed_part_early():
    s = RoutineSession(routine(HOLD, REPS), now=0.0)
    [done] = s.next(5.0)
    assert done.step.id == "overhead_reach" and s.view(5.0).number == 2


def test_enter_on_a_timed_step_goes_on():
    s = RoutineSession(routine(HOLD, REPS), now=0.0)
    assert s.count_rep(5.0)[0].step.id == "overhead_reach"


def test_back_restarts_a_begun_part_then_goes_to_the_previous_one():
    s = RoutineSession(routine(REPS, HOLD), now=0.0)
    for t in (1, 2, 3):
        s.count_rep(t)
    assert len(s.completed) == 1
    s.back(20.0)  # 17 s into the hold: restart it
    assert s.view(20.0).number == 2 and s.view(20.0).remaining_s == 30
    s.back(20.5)  # not begun: previous step, afresh, and no longer counted as done
    view = s.view(20.5)
    assert view.number == 1 and view.reps_done == 0 and s.completed == []


def test_back_from_the_start_stays_on_the_first_step():
    s = RoutineSession(routine(REPS), now=0.0)
    s.back(0.0)
    assert s.view(0.0).number == 1


def test_skipping_a_cautioned_step_moves_on_without_recording_it_done():
    s = RoutineSession(routine(REPS, ROUNDS, HOLD), now=0.0)
    for t in (1, 2, 3):
        s.count_rep(t)
    assert s.view(3).step.caution == "arch"
    s.count_rep(4)  # one side done, then the user decides to leave it out
    s.skip_step(5)
    assert s.view(5).step.id == "overhead_reach" and s.view(5).remaining_s == 30
    s.tick(35)
    assert s.finished and [r.step.id for r in s.completed] == ["chair_back_extension", "overhead_reach"]
    assert s.skipped == [1]


def test_skipping_the_last_step_finishes_the_routine():
    s = RoutineSession(routine(REPS, ROUNDS), now=0.0)
    s.skip_step(1)
    s.skip_step(2)
    assert s.finished and s.completed == [] and s.elapsed(99) == 2


def test_elapsed_counts_from_the_start_and_stops_at_the_end():
    s = RoutineSession(routine(HOLD), now=50.0)
    assert s.elapsed(60.0) == 10
    s.tick(80.0)
    assert s.elapsed(500.0) == 30


def test_a_finished_session_ignores_further_input():
    s = RoutineSession(routine(REPS), now=0.0)
    s.next(1.0)
    assert s.finished
    assert s.count_rep(2.0) == [] and s.next(2.0) == [] and s.tick(2.0) == []
    s.skip_step(2.0)
    assert len(s.completed) == 1


def test_a_paused_countdown_stays_paused_on_the_next_part():
    s = RoutineSession(routine(TIMED_SIDES), now=0.0)
    s.pause(3.0)
    s.next(4.0)
    assert s.view(50.0).remaining_s == 10 and s.view(50.0).paused


def test_hands_free_reps_count_themselves_at_the_tempo_and_the_step_moves_on():
    paced = Step(id="chair_back_extension", name="Lean", cue="c", breath="b", reps=3, tempo=4)
    s = RoutineSession(routine(paced, HOLD), now=0.0, hands_free=True)
    assert s.view(0.0).next_rep_s == 4
    assert s.tick(3.9) == [] and s.view(3.9).reps_done == 0
    s.tick(4.0)
    assert s.view(4.0).reps_done == 1 and s.view(5.0).next_rep_s == 3
    [done] = s.tick(13.5)  # a late tick counts every rep that was due, on the beat
    view = s.view(13.5)
    assert done.step.id == "chair_back_extension" and view.number == 2
    assert (view.entered_at, view.entered_by) == (12.0, "reps")
    assert view.remaining_s == 28.5  # the hold began when the last rep was due


def test_a_key_counts_at_once_and_restarts_the_beat_and_pause_holds_it():
    paced = Step(id="chair_back_extension", name="Lean", cue="c", breath="b", reps=3, tempo=4)
    s = RoutineSession(routine(paced), now=0.0, hands_free=True)
    s.count_rep(1.0)
    assert s.view(1.0).reps_done == 1 and s.view(1.0).next_rep_s == 4
    s.pause(2.0)
    assert s.tick(100.0) == [] and s.view(100.0).next_rep_s == 3
    s.resume(100.0)
    s.tick(103.0)
    assert s.view(103.0).reps_done == 2


def test_without_hands_free_reps_wait_for_keys_and_a_step_without_tempo_counts_at_its_estimate():
    s = RoutineSession(routine(REPS), now=0.0)
    assert s.tick(1000.0) == [] and s.view(1000.0).reps_done == 0 and s.view(0.0).next_rep_s is None
    guessed = RoutineSession(routine(REPS), now=0.0, hands_free=True)
    assert guessed.view(0.0).next_rep_s == REPS.rep_seconds


def test_a_view_says_how_its_part_was_entered():
    s = RoutineSession(routine(HOLD, SIDED, REPS), now=0.0)
    assert s.view(0.0).entered_by == "start"
    s.tick(30.0)
    assert (s.view(30.0).entered_by, s.view(30.0).part_index) == ("time", 1)
    s.next(31.0)
    assert (s.view(31.0).entered_by, s.view(31.0).side) == ("next", "right")
    s.back(31.5)
    assert s.view(31.5).entered_by == "back"
    s.skip_step(32.0)
    assert (s.view(32.0).entered_by, s.view(32.0).number) == ("skip", 3)
