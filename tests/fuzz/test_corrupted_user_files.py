"""Config, routine and log files damaged at random (seeded, so every run sees the same cases):
each is either still read correctly or refused with the promised clear message, nothing else
ever escapes, and no file is touched by being read."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path

import pytest

from deskbreak.config.loader import ConfigError, load_settings
from deskbreak.core.model import Event
from deskbreak.eventlog import EventLog, parse_line
from deskbreak.routines.loader import find_routines

ROOT = Path(__file__).resolve().parents[2]
CASES = 400
PALETTE = [
    '"',
    "'",
    "=",
    "[",
    "]",
    "{",
    "}",
    ",",
    "#",
    "\n",
    "\t",
    " ",
    "0",
    "9",
    "-",
    ".",
    "m",
    "h",
    "x",
    "é",
    "\u2028",
    "\x00",
    "\\",
    "true",
    "[reminders]",
    "[[steps]]",
    "sit_limit = ",
    'seconds = "ten"',
]

BAD_VALUES = ["-5", "1e9", '""', '"50"', "[1, 2]", "nan", '"99h"', "{}", "true"]


def mutate(text: str, rng: random.Random) -> str:
    """One to three edits a person or a broken disk might make: characters and whole lines."""
    for _ in range(rng.randint(1, 3)):
        lines = text.splitlines(keepends=True) or [""]
        n = rng.randrange(len(lines))
        edit = rng.randrange(6)
        if edit == 0 and text:
            at = rng.randrange(len(text))
            text = text[:at] + text[at + 1 :]
        elif edit == 1:
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(PALETTE) + text[at:]
        elif edit == 2:
            text = "".join(lines[:n] + lines[n + 1 :])
        elif edit == 3:
            text = "".join(lines[: n + 1] + [lines[n]] + lines[n + 1 :])
        elif edit == 4 and "=" in lines[n]:
            key = lines[n].split("=", 1)[0]
            lines[n] = f"{key}= {rng.choice(BAD_VALUES)}\n"
            text = "".join(lines)
        else:
            text = text[: rng.randrange(len(text) + 1)]
    return text


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_randomly_damaged_config_is_read_or_refused_with_file_and_next_step(tmp_path):
    example = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    rng = random.Random(7)
    refused = 0
    for case in range(CASES):
        path = tmp_path / f"config-{case}.toml"
        path.write_text(mutate(example, rng), encoding="utf-8")
        before = digest(path)
        try:
            load_settings(path)
        except ConfigError as exc:
            refused += 1
            message = str(exc)
            assert message.startswith(str(path)), message
            assert "deskbreak config check" in message or "save the file as UTF-8" in message, message
            if "problem" in message or "not valid TOML" in message:
                assert "line " in message, message
        assert digest(path) == before
    assert 0.2 * CASES < refused < CASES  # both outcomes are exercised


def test_a_randomly_damaged_routine_is_listed_or_reported_and_hides_no_other(tmp_path):
    built_in = resources.files("deskbreak.routines").joinpath("data", "full.toml").read_text(encoding="utf-8")
    original = built_in.replace('name = "full"', 'name = "mine"')
    rng = random.Random(11)
    refused = 0
    for case in range(CASES):
        folder = tmp_path / str(case)
        folder.mkdir()
        path = folder / "mine.toml"
        path.write_text(mutate(original, rng), encoding="utf-8")
        before = digest(path)
        catalog = find_routines(folder)
        assert {"desk", "full"} <= set(catalog.routines)
        if catalog.errors:
            refused += 1
            (error,) = catalog.errors
            message = str(error)
            assert message.startswith(str(path)), message
            assert "mine" not in catalog.routines
            assert "fix:" in message or "allowed:" in message, message
        else:
            assert catalog.routines["mine"].steps
        assert digest(path) == before
    assert 0.2 * CASES < refused < CASES


def corrupt_bytes(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data) + 1)
        edit = rng.randrange(5)
        if edit == 0:
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
        elif edit == 1:
            data = data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 40))) + data[at:]
        elif edit == 2:
            data = data[:at] + data[at + rng.randint(1, 80) :]
        elif edit == 3:
            data = data[:at] + rng.choice([b"\n", b"\r", b"\x00" * 64, b"{}\n", b'{"v":1}\n', b",", b"]"]) + data[at:]
        else:
            data = data[:at]
    return data


def test_a_randomly_damaged_log_reads_like_a_careful_line_by_line_reader(tmp_path):
    """The fast reader (chunked JSON, binary-search `since`) must agree with plain per-line parsing."""
    source = EventLog(tmp_path / "clean.jsonl")
    start = datetime(2026, 3, 1, 8, tzinfo=timezone.utc)
    for n in range(300):
        kind = ("reminder_shown", "snoozed", "break_done", "step_done")[n % 4]
        source.append(Event(kind, {"n": n, "routine": "desk"}), start + timedelta(minutes=7 * n))
    clean = source.path.read_bytes()
    rng = random.Random(13)
    for case in range(150):
        path = tmp_path / f"events-{case}.jsonl"
        path.write_bytes(corrupt_bytes(clean, rng))
        before = digest(path)
        lines = path.read_bytes().splitlines(keepends=True)
        expected = [record for record in map(parse_line, lines) if record is not None]
        damaged = sum(1 for line in lines if line.strip() and parse_line(line) is None)

        read = EventLog(path).read()
        assert read.records == expected
        assert read.damaged == damaged
        since = start + timedelta(minutes=rng.randrange(0, 7 * 300))
        assert EventLog(path).read(since=since).records == [r for r in expected if r.ts >= since]
        assert digest(path) == before


@pytest.mark.parametrize("case", range(3))
def test_a_log_that_is_pure_noise_reads_as_damaged_lines_only(tmp_path, case):
    rng = random.Random(case)
    path = tmp_path / "noise.jsonl"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(20_000)))
    read = EventLog(path).read(since=datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert read.records == []
    assert EventLog(path).read().damaged == sum(1 for line in path.read_bytes().splitlines() if line.strip())
