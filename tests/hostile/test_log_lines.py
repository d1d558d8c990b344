"""Issue 13, class 3: a log line that is valid JSON but not a valid event is skipped and counted
like a damaged one, so `log` and `stats` work on the rest of the file; what `log` prints cannot
drive the terminal, and `--csv` never starts a cell with a formula character."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskbreak.cli.group import cli
from deskbreak.eventlog import EventLog
from deskbreak.eventlog.rules import FIELDS
from deskbreak.stats.compute import compute
from deskbreak.stats.periods import since as period_since

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
KINDS = [
    "break_done",
    "break_started",
    "break_abandoned",
    "natural_break",
    "reminder_shown",
    "snoozed",
    "skipped",
    "paused",
    "started",
    "stopped",
    "error",
    "step_done",
    "deferred",
    "whatever",
]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
FIELD_NAMES = st.sampled_from(sorted(FIELDS)) | st.text(max_size=8)


def good(kind="break_done", **data):
    base = {"routine": "desk", "steps": 4, "duration_s": 150, "source": "window"} if kind == "break_done" else {}
    return json.dumps({"v": 1, "ts": T0.isoformat(), "event": kind, **base, **data})


@pytest.mark.parametrize(
    "field, value",
    [
        ("duration_s", "x"),
        ("duration_s", [1]),
        ("duration_s", "1e400"),
        ("duration_s", -3),
        ("steps", 1.5),
        ("steps", True),
        ("sat_s", {"a": 1}),
        ("routine", 7),
        ("routine", None),
        ("source", ["cli"]),
        ("minutes", 10**30),
        ("away_s", None),
    ],
)
def test_a_valid_json_line_with_a_wrong_field_is_skipped_and_counted(tmp_path, field, value):
    path = tmp_path / "events.jsonl"
    bad = good() if field != "away_s" else good("natural_break", reason="idle")
    line = json.loads(bad)
    line[field] = value
    text = json.dumps(line).replace('"1e400"', "1e400")
    path.write_text(good() + "\n" + text + "\n" + good() + "\n")
    read = EventLog(path).read()
    assert len(read.records) == 2 and read.damaged == 1


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(
        st.fixed_dictionaries({"v": st.just(1), "event": st.sampled_from(KINDS)}, optional={}).flatmap(
            lambda head: st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=5).map(lambda d: {**d, **head})
        ),
        max_size=12,
    )
)
def test_random_event_lines_never_break_log_csv_json_or_stats(tmp_path_factory, lines):
    root = tmp_path_factory.mktemp("log")
    path = root / "deskbreak" / "events.jsonl"
    path.parent.mkdir()
    with path.open("w") as out:
        for n, line in enumerate(lines):
            line = {k: v for k, v in line.items() if k not in ("ts",)}
            out.write(json.dumps({**line, "ts": (T0 + timedelta(minutes=n)).isoformat()}) + "\n")
    read = EventLog(path).read()
    assert len(read.records) + read.damaged == len(lines)
    compute(read.records, period_since("2026-11-01", T0, timezone.utc), T0 + timedelta(days=1), timezone.utc, 3, read.damaged)
    for args in (["log"], ["log", "--csv"], ["log", "--json"], ["stats", "--since", "2026-11-01"]):
        result = CliRunner().invoke(cli, args, env={"XDG_DATA_HOME": str(root), "XDG_CONFIG_HOME": str(root / "c")})
        assert result.exit_code == 0, (args, result.output, result.exception)


def test_log_and_stats_say_how_many_lines_were_skipped(tmp_path):
    path = tmp_path / "deskbreak" / "events.jsonl"
    path.parent.mkdir()
    path.write_text(good() + "\n" + good(duration_s="x") + "\n" + good(steps=[1]) + "\nnot json\n")
    env = {"XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "c")}
    logged = CliRunner().invoke(cli, ["log"], env=env)
    assert "3 damaged lines (not JSON, or not a valid event) skipped" in logged.stderr
    stats = CliRunner().invoke(cli, ["stats", "--since", "2026-11-01"], env=env)
    assert "skipped 3 damaged lines" in stats.stderr


ESCAPES = ["\x1b]0;owned\x07", "\x1b[2J", "\x1b[31mred", "\x9b31m", "a\rb", "x\u202ey", "line\nbreak", "\x00", "\x7f"]


@pytest.mark.parametrize("nasty", ESCAPES)
def test_log_passes_no_control_character_to_the_terminal(tmp_path, nasty):
    path = tmp_path / "deskbreak" / "events.jsonl"
    path.parent.mkdir()
    path.write_text(good(routine=f"desk{nasty}") + "\n" + good("error", where="idle", message=nasty) + "\n")
    env = {"XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "c")}
    for args in (["log"], ["log", "--json"], ["log", "--csv"]):
        out = CliRunner().invoke(cli, args, env=env).stdout
        assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) < 0xA0 or c == "\u202e" for c in out), (args, out)
        assert out.count("\n") == (2 if args != ["log", "--csv"] else 3)
    decoded = [json.loads(line) for line in CliRunner().invoke(cli, ["log", "--json"], env=env).stdout.splitlines()]
    assert decoded[0]["routine"] == f"desk{nasty}"  # --json keeps the value exactly, escaped


@pytest.mark.parametrize("formula", ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_never_starts_a_cell_with_a_formula_character(tmp_path, formula):
    path = tmp_path / "deskbreak" / "events.jsonl"
    path.parent.mkdir()
    path.write_text(good(routine=formula, **{formula: "x"}) + "\n")
    out = CliRunner().invoke(cli, ["log", "--csv"], env={"XDG_DATA_HOME": str(tmp_path)}).stdout
    for row in csv.reader(io.StringIO(out)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
