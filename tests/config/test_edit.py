"""Editing the config file as the settings window does: only the changed keys are rewritten, so
comments, order and untouched keys keep their bytes; refusals are `config check`'s own words."""

from __future__ import annotations

from pathlib import Path

from deskbreak.config import edit
from deskbreak.config.loader import KnownRoutines, read_config

COMMENTED = """\
# my own notes about deskbreak
[reminders]
# I sit a lot
sit_limit = "1h30m"  # ninety minutes
snooze = "7m"

[schedule]
# office hours
work_hours = ["09:00-12:00"]
"""


def draft(tmp_path: Path, text: str | None) -> edit.Draft:
    path = tmp_path / "config.toml"
    if text is not None:
        path.write_text(text)
    return edit.open_draft(path, KnownRoutines(("desk", "full")))


def test_a_missing_file_opens_with_every_default_and_no_problem(tmp_path):
    found = draft(tmp_path, None)
    assert found.text is None and found.problem is None and not found.marked
    assert found.values["reminders.sit_limit"] == "50m"
    assert found.values["schedule.work_hours"] == []


def test_changing_two_keys_keeps_every_comment_and_untouched_line(tmp_path):
    found = draft(tmp_path, COMMENTED)
    values = {**found.values, "reminders.snooze": "12m", "schedule.work_hours": ["08:00-12:00", "13:00-17:00"]}
    text = edit.new_text(found, values)
    assert text == COMMENTED.replace('snooze = "7m"', 'snooze = "12m"').replace(
        'work_hours = ["09:00-12:00"]', 'work_hours = ["08:00-12:00", "13:00-17:00"]'
    )


def test_a_value_written_differently_but_the_same_is_left_as_the_user_wrote_it(tmp_path):
    found = draft(tmp_path, COMMENTED)
    assert edit.new_text(found, {**found.values, "reminders.sit_limit": "90m"}) == COMMENTED


def test_a_key_the_file_lacks_goes_into_its_section_and_a_missing_section_is_added(tmp_path):
    found = draft(tmp_path, COMMENTED)
    text = edit.new_text(found, {**found.values, "reminders.snoozes_per_day": 5, "routines.sound": False})
    assert text.startswith(COMMENTED.split("\n[schedule]")[0])
    path = tmp_path / "new.toml"
    path.write_text(text)
    settings = read_config(path).settings
    assert settings.snoozes_per_day == 5 and settings.sound is False and settings.snooze.total_seconds() == 420


def test_an_out_of_range_value_is_refused_in_the_words_of_config_check(tmp_path):
    found = draft(tmp_path, COMMENTED)
    why = edit.refusal(edit.BY_DOTTED["reminders.sit_limit"], "5h")
    assert why == "must be from 1s to 4h"
    problem = edit.refused(found, edit.new_text(found, {**found.values, "reminders.sit_limit": "5h"}))
    assert problem is not None and 'reminders.sit_limit = "5h": must be from 1s to 4h' in problem


def test_a_rule_between_keys_marks_the_key_it_names(tmp_path):
    found = draft(tmp_path, COMMENTED)
    text = edit.new_text(found, {**found.values, "presence.sample_every": "5m"})
    problem = edit.refused(found, text)
    assert problem is not None
    assert "must be shorter than presence.break_after_idle" in edit.marks(problem)["presence.sample_every"]


def test_a_file_with_a_bad_value_opens_with_the_problem_named_and_the_key_marked(tmp_path):
    found = draft(tmp_path, '[reminders]\nsit_limit = "5h"\n[routines]\ndefault = "desks"\n')
    assert found.readable
    assert found.problem is not None and "2 problems in the config file" in found.problem
    assert found.marked["reminders.sit_limit"] == "must be from 1s to 4h"
    assert 'there is no routine "desks"' in found.marked["routines.default"]
    assert found.values["reminders.sit_limit"] == "5h"


def test_a_file_that_is_not_toml_opens_with_the_line_named_and_the_defaults_shown(tmp_path):
    found = draft(tmp_path, '[reminders]\nsit_limit = 50m"\n')
    assert not found.readable
    assert found.problem is not None and "not valid TOML" in found.problem and "line 2" in found.problem
    assert found.values == edit.defaults()


def test_save_writes_the_whole_text(tmp_path):
    target = tmp_path / "deeper" / "config.toml"
    edit.save(target, COMMENTED)
    assert target.read_text() == COMMENTED
