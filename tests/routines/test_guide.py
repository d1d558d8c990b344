"""What the guide says and plays, moment by moment, over a session driven by a fake clock."""

from deskbreak.routines.guide import ROUTINE_DONE, STEP_ENDS, Guidance, Guide, Play, Say
from deskbreak.routines.model import Routine, Step
from deskbreak.routines.session import RoutineSession

HOLD = Step(id="overhead_reach", name="Big reach", cue="long text", breath="Breathe out slowly.", seconds=6)
REPS = Step(id="chair_back_extension", name="Lean back", cue="long text", breath="b", caution="Keep your seat down.", reps=3, tempo=2)
SIDED = Step(id="seated_open_book", name="Open book", cue="long text", breath="Exhale as you turn.", reps=1, per_side=True, tempo=3)
ROUNDS = Step(id="lunge_rotation_flow", name="Flow", cue="c", breath="Breathe out.", reps=1, rounds=2, tempo=1)


def run(*steps: Step, until: float, hands_free: bool = True, voice: bool = True, sound: bool = True) -> list[tuple[float, object]]:
    """Every cue with its moment, ticking ten times a second as a runner would."""
    session = RoutineSession(Routine(name="t", title="Test", summary="s", steps=steps), now=0.0, hands_free=hands_free)
    guide = Guide(voice=voice, sound=sound)
    heard = []
    for tenth in range(int(until * 10) + 1):
        now = tenth / 10
        session.tick(now)
        heard += [(now, cue) for cue in guide.follow(session.view(now), now)]
    return heard


def test_a_timed_step_is_named_with_its_cue_counted_down_and_ended_with_a_bell():
    heard = run(HOLD, REPS, until=6.0)
    assert heard == [
        (0.0, Say("Big reach. Breathe out slowly.", interrupt=True)),
        (3.0, Say("3")),
        (4.0, Say("2")),
        (5.0, Say("1")),
        (6.0, Play(STEP_ENDS)),
        (6.0, Say("Done. Next: Lean back. Keep your seat down.", interrupt=True)),
    ]


def test_reps_are_counted_at_the_tempo_and_the_last_one_leads_into_the_next_step_and_the_end():
    heard = run(REPS, HOLD, until=12.5)
    said = [(at, cue.text) for at, cue in heard if isinstance(cue, Say)]
    assert said[:4] == [
        (0.0, "Lean back. Keep your seat down."),
        (2.0, "1"),
        (4.0, "2"),
        (6.0, "3. Done. Next: Big reach. Breathe out slowly."),
    ]
    assert (12.0, Play(ROUTINE_DONE)) in heard and (12.0, Say("All done. Well moved.", interrupt=True)) in heard


def test_sides_are_named_and_switched_and_rounds_are_announced():
    said = [cue.text for _, cue in run(SIDED, ROUNDS, until=8.0) if isinstance(cue, Say)]
    assert said == [
        "Open book. Left side. Exhale as you turn.",
        "1. Switch sides.",
        "1. Done. Next: Flow. Round 1 of 2. Breathe out.",
        "1. Round 2 of 2.",
        "1. All done. Well moved.",
    ]


def test_each_cue_comes_once_however_often_the_runner_asks():
    session = RoutineSession(Routine(name="t", title="T", summary="s", steps=(HOLD,)), now=0.0)
    guide = Guide()
    assert len(guide.follow(session.view(0.0), 0.0)) == 1
    assert guide.follow(session.view(0.0), 0.0) == [] and guide.follow(session.view(0.5), 0.5) == []
    assert guide.follow(session.view(3.0), 3.0) == [Say("3")] and guide.follow(session.view(3.01), 3.01) == []


def test_a_paused_countdown_is_not_counted_and_a_key_that_moves_on_early_rings_no_bell():
    session = RoutineSession(Routine(name="t", title="T", summary="s", steps=(HOLD, HOLD)), now=0.0)
    guide = Guide()
    guide.follow(session.view(0.0), 0.0)
    session.pause(2.5)
    assert guide.follow(session.view(10.0), 10.0) == []
    session.resume(10.0)
    session.next(11.0)
    assert guide.follow(session.view(11.0), 11.0) == [Say("Done. Next: Big reach. Breathe out slowly.", interrupt=True)]


def test_back_and_skip_say_where_the_routine_is_now():
    session = RoutineSession(Routine(name="t", title="T", summary="s", steps=(HOLD, REPS, HOLD)), now=0.0, hands_free=True)
    guide = Guide(sound=False)
    guide.follow(session.view(0.0), 0.0)
    session.back(0.5)
    assert guide.follow(session.view(0.5), 0.5) == [Say("Again: Big reach.", interrupt=True)]
    session.skip_step(1.0)
    assert guide.follow(session.view(1.0), 1.0) == [Say("Next: Lean back. Keep your seat down.", interrupt=True)]


def test_with_the_voice_off_only_sounds_play_and_with_sound_off_only_words_are_said():
    sounds = run(HOLD, REPS, until=14.0, hands_free=False, voice=False)
    assert [cue for _, cue in sounds] == [Play(STEP_ENDS)]  # reps wait for keys: no end yet
    words = run(HOLD, until=7.0, sound=False)
    assert all(isinstance(cue, Say) for _, cue in words) and len(words) == 5


def test_guidance_hands_cues_to_the_outputs_it_has():
    said, played = [], []
    guidance = Guidance(lambda text, interrupt: said.append((text, interrupt)), played.append)
    session = RoutineSession(Routine(name="t", title="T", summary="s", steps=(HOLD,)), now=0.0, hands_free=guidance.hands_free)
    guidance.follow(session.view(0.0), 0.0)
    session.tick(6.0)
    guidance.follow(session.view(6.0), 6.0)
    assert said == [("Big reach. Breathe out slowly.", True), ("All done. Well moved.", True)] and played == [ROUTINE_DONE]
    assert not Guidance(None, played.append).hands_free
