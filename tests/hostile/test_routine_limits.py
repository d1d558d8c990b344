"""Issue 13, class 8: a routine file is capped in steps, reps, rounds, seconds, total time and text,
so what `routines` lists as valid can be shown by the window (10,000 steps crashed it)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.routines.loader import MAX_STEPS, MAX_TOTAL_S, RoutineError, find_routines, parse_routine

STEP = '[[steps]]\nid = "s{n}"\nname = "Step {n}"\ncue = "Move."\nbreath = "Out."\n{extra}\n'
HEAD = 'title = "Mine"\nsummary = "Mine."\n'


def routine(steps: int, extra: str = "reps = 5") -> str:
    return HEAD + "".join(STEP.format(n=n, extra=extra) for n in range(steps))


@pytest.mark.parametrize("steps", [MAX_STEPS + 1, 100, 10_000])
def test_too_many_steps_is_refused_with_the_limit(steps):
    with pytest.raises(RoutineError, match=f"(?s)too many steps.*1 to {MAX_STEPS}"):
        parse_routine(routine(steps), "mine.toml")


@pytest.mark.parametrize(
    "extra",
    [
        "reps = 101",
        "reps = 0",
        "seconds = 601",
        "seconds = 0",
        "reps = 5\nrounds = 11",
        "reps = 5\nrounds = 0",
        "reps = 10000000000",
        "seconds = -1",
        "reps = 5\nrep_seconds = 121",
    ],
)
def test_each_number_in_a_step_is_capped(extra):
    with pytest.raises(RoutineError):
        parse_routine(routine(1, extra), "mine.toml")


def test_a_routine_longer_than_the_cap_is_refused_even_when_each_step_is_within_limits():
    with pytest.raises(RoutineError, match="takes too long"):
        parse_routine(routine(MAX_STEPS, "seconds = 600\nrounds = 10\nper_side = true"), "mine.toml")


@pytest.mark.parametrize("text", ["\x1b[2J", "a\x07", "x\u202ey", "q" * 601])
def test_control_characters_or_a_novel_in_a_text_field_are_refused(text):
    with pytest.raises(RoutineError, match="control characters"):
        parse_routine(HEAD.replace('"Mine"', json.dumps(text), 1) + STEP.format(n=0, extra="reps = 5"), "mine.toml")


@settings(max_examples=200, deadline=None)
@given(steps=st.integers(1, 60), reps=st.integers(-5, 200), rounds=st.integers(-1, 20), per_side=st.booleans())
def test_whatever_the_numbers_a_routine_that_loads_is_within_every_cap(steps, reps, rounds, per_side):
    text = routine(steps, f"reps = {reps}\nrounds = {rounds}\nper_side = {'true' if per_side else 'false'}")
    try:
        loaded = parse_routine(text, "mine.toml")
    except RoutineError:
        return
    assert len(loaded.steps) <= MAX_STEPS and loaded.total_seconds <= MAX_TOTAL_S
    assert all(1 <= s.reps <= 100 and 1 <= s.rounds <= 10 for s in loaded.steps)


def test_a_ten_thousand_step_file_is_listed_as_a_problem_not_as_a_routine(tmp_path):
    (tmp_path / "huge.toml").write_text(routine(10_000))
    catalog = find_routines(tmp_path)
    assert "huge" not in catalog.routines
    assert len(catalog.errors) == 1 and "too many steps" in str(catalog.errors[0])
