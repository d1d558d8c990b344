"""The shipped routines: complete, timed as promised, drawn, and written in our own words."""

import hashlib
import re
from pathlib import Path

import pytest

from deskbreak.routines.loader import load_routines

# Hashes of every 8-word run of the source text (the source itself stays out of the repository).
SOURCE_RUNS = Path(__file__).with_name("source_runs.txt")
DESK_IDS = ["chair_back_extension", "overhead_reach", "seated_open_book", "desk_hips_back_reach"]
FULL_IDS = [
    "roller_upper_back",
    "roller_extension",
    "roller_overhead_reach",
    "side_lying_rotation",
    "kneeling_hips_back_reach",
    "lunge_rotation_flow",
]


@pytest.fixture(scope="module")
def builtin(tmp_path_factory):
    return load_routines(tmp_path_factory.mktemp("no-user-routines"))


def test_desk_and_full_are_shipped(builtin):
    assert {"desk", "full"} <= set(builtin)


def test_desk_takes_two_to_four_minutes_and_needs_no_equipment(builtin):
    desk = builtin["desk"]
    assert 120 <= desk.total_seconds <= 240
    assert desk.equipment == ()


def test_desk_steps_are_the_four_desk_movements_in_order(builtin):
    assert [step.id for step in builtin["desk"].steps] == DESK_IDS
    assert builtin["desk"].steps[2].per_side


def test_full_is_the_six_source_steps_with_equipment_and_frequency(builtin):
    full = builtin["full"]
    assert [step.id for step in full.steps] == FULL_IDS
    assert "foam roller" in full.equipment
    assert any("floor" in item for item in full.equipment)
    assert full.frequency and ("two or three" in full.frequency.lower() or "2" in full.frequency)


def test_full_uses_the_source_timings(builtin):
    steps = {step.id: step for step in builtin["full"].steps}
    assert 30 <= steps["roller_upper_back"].seconds <= 60
    assert 5 <= steps["side_lying_rotation"].reps <= 10 and steps["side_lying_rotation"].per_side
    assert 5 <= steps["kneeling_hips_back_reach"].reps <= 10
    assert 3 <= steps["lunge_rotation_flow"].rounds <= 5


def test_the_back_arching_step_carries_a_caution_that_mentions_skipping(builtin):
    last = builtin["full"].steps[-1]
    assert last.caution and "skip" in last.caution.lower()


def test_every_step_has_words_for_cue_and_breath(builtin):
    for routine in builtin.values():
        for step in routine.steps:
            assert len(step.cue.split()) >= 8, step.id
            assert "breath" in step.breath.lower() or "exhale" in step.breath.lower(), step.id


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("–", " "))


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _digest(run: tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def test_no_step_text_copies_eight_words_in_a_row_from_the_source(builtin):
    source_runs = {line for line in SOURCE_RUNS.read_text().splitlines() if line and not line.startswith("#")}
    for routine in builtin.values():
        texts = [routine.title, routine.summary, routine.frequency or ""]
        texts += [t for step in routine.steps for t in (step.name, step.cue, step.breath, step.caution or "")]
        for text in texts:
            shared = [run for run in _runs(_words(text), 8) if _digest(run) in source_runs]
            assert not shared, f"{routine.name}: copied from the source: {' '.join(shared[0])}"


def test_every_shipped_rep_step_has_a_tempo_to_be_counted_aloud_at(builtin):
    rep_steps = [step for routine in builtin.values() for step in routine.steps if not step.timed]
    assert rep_steps and all(step.tempo is not None and 1 <= step.tempo <= 60 for step in rep_steps)
    flow = next(step for step in builtin["full"].steps if step.id == "lunge_rotation_flow")
    assert flow.tempo == 20  # one rep is the whole flow, far slower than one breath


def test_shipped_routines_are_in_english(builtin):
    assert {routine.language for routine in builtin.values()} == {"en"}


def test_the_full_routine_runs_hands_free_to_its_end_with_no_input_each_rep_step_at_its_tempo(builtin):
    from deskbreak.routines.session import RoutineSession

    full = builtin["full"]
    session = RoutineSession(full, now=0.0, hands_free=True)
    finished_at = {}
    for second in range(int(full.total_seconds) + 1):
        for done in session.tick(float(second)):
            finished_at[done.step.id] = second
    assert session.finished and list(finished_at) == FULL_IDS
    begun = 0
    for step in full.steps:
        assert finished_at[step.id] - begun == step.total_seconds, step.id
        begun = finished_at[step.id]
