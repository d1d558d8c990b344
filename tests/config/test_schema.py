"""The shared field description: one check and one sentence per kind, and where a key sits in TOML text."""

from __future__ import annotations

import tomllib
from datetime import timedelta

import pytest

from deskbreak.config.schema import ROUTINE_NAME, Field, Invalid, KeyLines, allowed, check, syntax_line
from deskbreak.config.settings import WEEKDAYS

TEXT = """top = 1
[reminders]
snooze = "5m"
[[steps]]
id = "a"
[[steps]]
name = "b"
id = "c"
"""


def test_key_lines_finds_keys_at_the_top_under_a_table_and_in_the_nth_array_table():
    lines = KeyLines(TEXT)
    assert lines.of("", "top") == 1
    assert (lines.of("reminders"), lines.of("reminders", "snooze")) == (2, 3)
    assert (lines.of("steps", "id", 0), lines.of("steps", "id", 1), lines.of("steps", "", 1)) == (5, 8, 6)
    assert lines.of("steps", "name", 0) is None and lines.of("", "snooze") is None


@pytest.mark.parametrize("text, line", [("a = 1\nb = = 2\n", 2), ('a = "x"\nb', 2), ("a = 1\nb\n\n", 2)])
def test_syntax_line_is_the_line_the_parser_points_at_or_the_last_line_with_text(text, line):
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    assert syntax_line(caught.value, text) == line


@pytest.mark.parametrize(
    "field, value, why",
    [
        (Field("n", "whole", 0, 50), "3", "expected a whole number from 0 to 50 without quotes"),
        (Field("n", "whole", 0, 50), 51, "must be from 0 to 50"),
        (Field("s", "number", 1, 2_592_000, unit="seconds"), 3e6, "must be from 1 to 2592000 seconds"),
        (Field("s", "number", 1, 10), float("nan"), "expected a number from 1 to 10"),
        (Field("d", "duration", 30, 3600, empty="show it once"), "10s", 'must be from 30s to 1h (or "0s" = show it once)'),
        (ROUTINE_NAME, "Desk", "is not a routine name: use lower-case letters"),
        (ROUTINE_NAME, "a\x1b[2J", "control characters"),
        (Field("t", "choice", options=("auto", "none")), "nnoe", 'did you mean "none"? It must be one of "auto", "none"'),
    ],
)
def test_each_kind_says_what_is_wrong_and_what_is_allowed(field, value, why):
    with pytest.raises(Invalid) as caught:
        check(field, value)
    assert why in str(caught.value)
    assert allowed(field)


def test_a_value_that_keeps_the_rule_comes_back_as_the_program_uses_it():
    assert check(Field("d", "duration", 1, 3600), "1h") == timedelta(hours=1)
    assert check(Field("w", "days", options=WEEKDAYS, noun="day"), ["Monday", "wed", "mon"]) == (0, 2)
    assert check(ROUTINE_NAME, "  evening ") == "evening"
