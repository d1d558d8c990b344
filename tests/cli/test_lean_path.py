"""`stats` and `log` without click (deskbreak.cli.lean) print the same bytes, to the same streams,
with the same exit status as the click commands, for plain and for bad argument lists."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from deskbreak.cli import lean

CLICK_ONLY = "import sys; from deskbreak.cli.group import main; sys.argv[0] = 'deskbreak'; main()"
LIBFAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # both runs see this clock, stopped

STATS = [
    [],
    ["--today"],
    ["--week"],
    ["--month", "--json"],
    ["--json", "--month"],
    ["--since", "3d"],
    ["--since=2020-01-01", "--json"],
    ["--since", ""],
    ["--since", "garbage"],
    ["--since", "100000000d"],
    ["--since", "2999-01-01"],
    ["--since"],
    ["--since", "--json"],
    ["--month", "--since", "3d"],
    ["--week", "--month"],
    ["--json", "--json"],
    ["--json=1"],
    ["--mnth"],
    ["-h"],
    ["--", "--month"],
]
LOG = [
    [],
    ["--since", "2h"],
    ["--since=3d", "--json"],
    ["--csv"],
    ["--limit", "2"],
    ["--limit=1", "--json"],
    ["--limit", "0"],
    ["--limit", "two"],
    ["--json", "--csv"],
    ["--since", "nonsense"],
    ["--since", "100000000d"],
    ["--since", "2000-01-01"],
    ["--bogus"],
    ["--help"],
]


@pytest.fixture
def home(tmp_path):
    """A log of a morning three hours back with a damaged line, and no config file."""
    if not LIBFAKETIME.exists():
        pytest.skip("libfaketime is not installed (apt: faketime)")
    start = NOW - timedelta(hours=3)
    lines = [
        {"event": "started", "version": "0.1.0", "pid": 1},
        {"event": "reminder_shown", "sat_s": 3000, "repeat": 0, "snoozes_left": 3},
        {"event": "break_started", "routine": "desk", "source": "notification"},
        {"event": "break_done", "routine": "desk", "steps": 4, "duration_s": 180, "source": "window"},
        {"event": "deferred", "reason": "fullscreen"},
        {"event": "stopped", "reason": "user"},
    ]
    text = [json.dumps({"v": 1, "ts": (start + timedelta(minutes=n)).isoformat(timespec="seconds"), **e}) for n, e in enumerate(lines)]
    (tmp_path / "data" / "deskbreak").mkdir(parents=True)
    (tmp_path / "data" / "deskbreak" / "events.jsonl").write_text("\n".join([*text, '{"v":1,"ts":"torn']) + "\n")
    return tmp_path


def env_for(home, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DESKBREAK_CONFIG"}
    clock = {"LD_PRELOAD": str(LIBFAKETIME), "FAKETIME": NOW.strftime("%Y-%m-%d %H:%M:%S"), "TZ": "Europe/Berlin"}
    return {**env, **clock, "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"), **extra}


def both(argv: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    entry = subprocess.run([sys.executable, "-m", "deskbreak", *argv], env=env, capture_output=True)
    click_only = subprocess.run([sys.executable, "-c", CLICK_ONLY, *argv], env=env, capture_output=True)
    return entry, click_only


def assert_same(argv: list[str], env: dict[str, str]) -> None:
    entry, click_only = both(argv, env)
    assert (entry.returncode, entry.stdout, entry.stderr) == (click_only.returncode, click_only.stdout, click_only.stderr)


@pytest.mark.parametrize("args", STATS, ids=" ".join)
def test_stats_says_the_same_either_way(home, args):
    assert_same(["stats", *args], env_for(home))


@pytest.mark.parametrize("args", LOG, ids=" ".join)
def test_log_says_the_same_either_way(home, args):
    assert_same(["log", *args], env_for(home))


@pytest.mark.parametrize(
    "argv",
    [["stats", "--json"], ["log"], ["log", "--since", "1h"], ["stats", "--since", "garbage"]],
    ids=" ".join,
)
def test_text_with_an_escape_character_goes_through_click(home, argv):
    with (home / "data" / "deskbreak" / "events.jsonl").open("a") as log:
        log.write(json.dumps({"v": 1, "ts": (NOW - timedelta(minutes=5)).isoformat(), "event": "deferred", "reason": "\x1b[31mred"}) + "\n")
    assert_same(argv, env_for(home))


@pytest.mark.parametrize("config", ["[reminders]\nsit_limit = 50\n", "[routines]\nweekly_full_target = 1\n", None])
def test_a_config_file_is_read_the_same_way(home, config):
    path = home / "config" / "deskbreak" / "config.toml"
    path.parent.mkdir(parents=True)
    if config is None:
        path.mkdir()
    else:
        path.write_text(config)
    for argv in (["stats", "--json"], ["stats"], ["log"]):
        assert_same(argv, env_for(home))
    assert_same(["stats"], env_for(home, DESKBREAK_CONFIG=str(home / "elsewhere.toml")))


def test_an_unreadable_log_is_reported_the_same_way(home):
    log = home / "data" / "deskbreak" / "events.jsonl"
    log.unlink()
    log.mkdir()
    for argv in (["stats"], ["log"]):
        assert_same(argv, env_for(home))


def test_plain_argument_lists_are_answered_without_click(home, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("DESKBREAK_CONFIG", raising=False)
    monkeypatch.delitem(sys.modules, "click", raising=False)
    assert lean.run(["stats", "--month", "--json"]) == 0
    assert lean.run(["log", "--since", "100d", "--limit", "3"]) == 0
    assert "click" not in sys.modules
    out = capsys.readouterr()
    assert json.loads(out.out.split("\n}\n")[0] + "}")["schema"] == 1
    assert out.out.count("\n") > 10 and "deferred" in out.out.splitlines()[-2]
    assert "1 damaged line" in out.err


def test_what_the_lean_path_cannot_say_is_left_to_click_before_printing(home, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("DESKBREAK_CONFIG", raising=False)
    for argv in (["stats", "--since", "nope"], ["stats", "--plot", "x.png"], ["log", "--limit", "0"], ["log", "-h"], ["status"]):
        assert lean.run(argv) is None
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("argv", [["log"], ["stats"]], ids=" ".join)
def test_output_to_a_closed_pipe_ends_quietly_either_way(home, argv):
    """`deskbreak log | head`: exit 1, no traceback."""
    ends = []
    for command in ([sys.executable, "-m", "deskbreak", *argv], [sys.executable, "-c", CLICK_ONLY, *argv]):
        read_end, write_end = os.pipe()
        os.close(read_end)
        try:
            done = subprocess.run(command, env=env_for(home), stdout=write_end, stderr=subprocess.PIPE)
        finally:
            os.close(write_end)
        ends.append((done.returncode, done.stderr))
    assert ends[0] == ends[1] and ends[0][0] == 1 and b"Traceback" not in ends[0][1]
