"""User routines: good ones join the list; a broken one is reported and hides nothing."""

from pathlib import Path

import pytest

from deskbreak.routines.loader import RoutineError, find_routines, parse_routine

GOOD = """
title = "Evening wind-down"
summary = "Two calm moves."
equipment = ["mat"]

[[steps]]
id = "overhead_reach"
name = "Reach"
cue = "Reach up tall and hold it."
breath = "Breathe out slowly."
seconds = 20

[[steps]]
id = "seated_open_book"
name = "Twist"
cue = "Turn and open the arm."
breath = "Exhale as you turn."
reps = 4
per_side = true
rounds = 2
rep_seconds = 3
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def test_a_valid_user_routine_is_listed_with_its_computed_total(tmp_path):
    write(tmp_path, "evening.toml", GOOD)
    catalog = find_routines(tmp_path)
    assert catalog.errors == []
    evening = catalog.routines["evening"]
    assert evening.total_seconds == 20 + 4 * 3 * 2 * 2
    assert evening.origin == str(tmp_path / "evening.toml")
    assert {"desk", "full", "evening"} <= set(catalog.routines)


def test_a_broken_user_routine_is_reported_and_the_others_still_load(tmp_path):
    write(tmp_path, "broken.toml", 'title = "x"\nsummary = = 3\n')
    write(tmp_path, "evening.toml", GOOD)
    catalog = find_routines(tmp_path)
    assert {"desk", "full", "evening"} <= set(catalog.routines)
    [error] = catalog.errors
    assert "broken.toml:2" in str(error) and "not valid TOML" in str(error)


def test_a_missing_user_folder_is_fine(tmp_path):
    catalog = find_routines(tmp_path / "nope")
    assert catalog.errors == [] and {"desk", "full"} <= set(catalog.routines)


def test_a_user_routine_may_not_take_a_built_in_name(tmp_path):
    write(tmp_path, "desk.toml", GOOD)
    catalog = find_routines(tmp_path)
    assert catalog.routines["desk"].origin == "built-in"
    assert "already taken" in str(catalog.errors[0]) and "fix:" in str(catalog.errors[0])


def error_for(text: str) -> str:
    with pytest.raises(RoutineError) as caught:
        parse_routine(text, "/home/u/routines/mine.toml")
    return str(caught.value)


def test_error_names_file_line_key_value_allowed_and_fix_for_a_bad_reps_value():
    message = error_for(GOOD.replace("reps = 4", 'reps = "four"'))
    assert message.startswith("/home/u/routines/mine.toml:18: steps[2].reps:")
    assert "'four'" in message and "whole number from 1 to 100" in message and "fix:" in message


def test_a_step_needs_exactly_one_of_seconds_or_reps():
    assert "exactly one of seconds or reps (it has both)" in error_for(GOOD.replace("seconds = 20", "seconds = 20\nreps = 3"))
    assert "exactly one of seconds or reps" in error_for(GOOD.replace("seconds = 20\n", ""))


def test_an_unknown_key_suggests_the_closest_known_one():
    message = error_for(GOOD.replace("per_side = true", "perside = true"))
    assert "steps[2].perside: is not a known key" in message and 'did you mean "per_side"' in message


def test_a_missing_cue_is_named_with_its_step():
    message = error_for(GOOD.replace('cue = "Reach up tall and hold it."\n', ""))
    assert "steps[1].cue: is missing" in message


def test_per_side_must_be_true_or_false_not_text():
    assert "true or false" in error_for(GOOD.replace("per_side = true", 'per_side = "yes"'))


def test_a_routine_without_steps_says_how_to_add_one():
    message = error_for('title = "t"\nsummary = "s"\n')
    assert "no steps found" in message and "[[steps]]" in message


def test_a_name_that_differs_from_the_file_name_is_refused():
    message = error_for('name = "other"\n' + GOOD)
    assert "does not match the file name" in message and "rename the file" in message


def test_repeated_step_ids_are_refused():
    message = error_for(GOOD.replace('id = "seated_open_book"', 'id = "overhead_reach"'))
    assert "used by an earlier step" in message


def test_rounds_out_of_range_are_refused_with_the_range():
    assert "from 1 to 10" in error_for(GOOD.replace("rounds = 2", "rounds = 50"))


def test_a_file_that_is_not_utf8_is_reported_not_fatal(tmp_path):
    (tmp_path / "latin.toml").write_bytes("title = 'caf\xe9'\n".encode("latin-1"))
    catalog = find_routines(tmp_path)
    assert "UTF-8" in str(catalog.errors[0]) and "desk" in catalog.routines


def test_a_file_name_that_is_not_a_routine_name_is_refused_with_the_rule():
    with pytest.raises(RoutineError) as caught:
        parse_routine(GOOD, "/home/u/routines/My Routine.toml")
    message = str(caught.value)
    assert message.startswith("/home/u/routines/My Routine.toml: name: the file name is not a routine name")
    assert "lower-case letters, digits, - and _" in message and "rename the file" in message


def test_a_routine_file_is_described_once_as_fields_with_a_working_example():
    import tomllib

    from deskbreak.config.schema import check
    from deskbreak.routines.loader import STEP, TOP

    for described in (*TOP, *STEP):
        check(described, tomllib.loads(f"v = {described.example}")["v"])


def test_a_rep_steps_tempo_is_seconds_per_rep_and_sets_its_time():
    paced = GOOD.replace("rep_seconds = 3", "tempo = 6")
    twist = parse_routine(paced, "evening.toml").steps[1]
    assert (twist.tempo, twist.pace, twist.total_seconds) == (6.0, 6.0, 4 * 6 * 2 * 2)
    assert parse_routine(GOOD, "evening.toml").steps[1].tempo is None  # counted at rep_seconds


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (("rep_seconds = 3", "tempo = 0"), "evening.toml:21: steps[2].tempo: must be from 1 to 60 seconds"),
        (("rep_seconds = 3", 'tempo = "5"'), "steps[2].tempo: expected a number of seconds from 1 to 60, without quotes"),
        (
            ("seconds = 20", "seconds = 20\ntempo = 4"),
            "evening.toml:12: steps[1].tempo: is for rep steps; a timed step runs for its seconds",
        ),
        (
            ('equipment = ["mat"]', 'language = "German"'),
            'language: is not a language code: use a language code such as "en", "de" or "pt-BR"',
        ),
    ],
)
def test_a_bad_tempo_or_language_names_its_line_and_what_is_allowed(change, says):
    with pytest.raises(RoutineError) as caught:
        parse_routine(GOOD.replace(*change), "evening.toml")
    assert says in str(caught.value)


def test_a_routine_in_another_language_says_so():
    assert parse_routine(GOOD.replace('equipment = ["mat"]', 'language = "de"'), "evening.toml").language == "de"
