"""Issue 13, class 1: a FIFO, a directory, a device or a symlink to one where deskbreak expects a
regular file (config, routine, event log, marker) is refused in one line; nothing hangs, nothing
eats memory, no traceback. Every command runs as a real process with a timeout, so a hang fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from deskbreak.config.regular_file import BrokenLink, NotRegularFile, TooLarge, read_regular
from deskbreak.eventlog import EventLog
from deskbreak.routines.loader import find_routines
from deskbreak.stats.full_offer import FullOffer
from tests.daemon.harness import isolated_env

KINDS = ["fifo", "directory", "symlink to /dev/zero", "symlink to a fifo", "symlink to a directory", "/dev/null"]


def make_special(path: Path, kind: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    elif kind == "symlink to /dev/zero":
        path.symlink_to("/dev/zero")
    elif kind == "/dev/null":
        path.symlink_to("/dev/null")
    else:
        target = path.parent / "targets" / path.name
        target.parent.mkdir(exist_ok=True)
        os.mkfifo(target) if kind == "symlink to a fifo" else target.mkdir()
        path.symlink_to(target)


def run_cli(env: dict[str, str], *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deskbreak", *args], env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
    )


@pytest.mark.parametrize("kind", KINDS)
def test_the_helper_refuses_anything_but_a_regular_file_in_one_line(tmp_path, kind):
    path = tmp_path / "file"
    make_special(path, kind)
    with pytest.raises(NotRegularFile) as refused:
        read_regular(path, 1024)
    assert str(refused.value).count("\n") == 0
    assert str(path) in str(refused.value) and "not a regular file" in str(refused.value)


def test_the_helper_reads_a_symlink_to_a_regular_file_and_bounds_the_size(tmp_path):
    real = tmp_path / "real"
    real.write_bytes(b"x" * 100)
    (tmp_path / "link").symlink_to(real)
    assert read_regular(tmp_path / "link", 100) == b"x" * 100
    with pytest.raises(TooLarge, match="larger than 99 bytes"):
        read_regular(real, 99)


def test_a_dangling_symlink_names_its_missing_target(tmp_path):
    (tmp_path / "link").symlink_to(tmp_path / "gone.toml")
    with pytest.raises(BrokenLink, match="gone.toml, which does not exist"):
        read_regular(tmp_path / "link", 100)


CONFIG_CASES = [(kind, ["config", "check"]) for kind in KINDS] + [
    (kind, command) for kind in ("fifo", "symlink to /dev/zero") for command in (["stats"], ["doctor"], ["run"])
]
LOG_CASES = [(kind, ["log"]) for kind in KINDS] + [
    (kind, command) for kind in ("fifo", "symlink to /dev/zero") for command in (["log", "--since", "2h"], ["stats"], ["log", "--csv"])
]


@pytest.mark.parametrize("kind, command", CONFIG_CASES)
def test_a_special_file_as_the_config_is_refused_by_every_command_with_exit_2(tmp_path, kind, command):
    env = isolated_env(tmp_path)
    config = tmp_path / "config.toml"
    make_special(config, kind)
    env["DESKBREAK_CONFIG"] = str(config)
    result = run_cli(env, *command)
    assert "Traceback" not in result.stderr
    if command == ["doctor"] and "directory" not in kind:
        assert result.returncode == 1
        assert "problem config" in result.stdout.replace("  ", " ").replace("  ", " ")
        assert "not a config file" in result.stdout or "is a directory" in result.stderr
    else:
        assert result.returncode == 2, result.stderr
        assert "not a config file" in result.stderr or "is a directory" in result.stderr  # click checks dirs


def test_a_dangling_symlink_as_the_config_says_the_link_is_broken(tmp_path):
    env = isolated_env(tmp_path)
    config = tmp_path / "config" / "deskbreak" / "config.toml"
    config.parent.mkdir(parents=True)
    config.symlink_to(tmp_path / "elsewhere.toml")
    result = run_cli(env, "config", "check")
    assert result.returncode == 2
    assert "is a symbolic link to" in result.stderr and "which does not exist" in result.stderr


@pytest.mark.parametrize("kind, command", LOG_CASES)
def test_a_special_file_as_the_event_log_is_one_line_not_a_hang_or_a_traceback(tmp_path, kind, command):
    env = isolated_env(tmp_path)
    make_special(tmp_path / "data" / "deskbreak" / "events.jsonl", kind)
    result = run_cli(env, *command)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert "not a regular file" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_appending_to_a_special_file_is_refused_and_writes_nothing(tmp_path, kind):
    from datetime import datetime, timezone

    from deskbreak.core.model import Event

    path = tmp_path / "events.jsonl"
    make_special(path, kind)
    with pytest.raises(OSError):
        EventLog(path).append(Event("started"), datetime(2026, 11, 2, 10, 0, tzinfo=timezone.utc))


@pytest.mark.parametrize("kind", KINDS)
def test_a_special_file_as_a_routine_is_one_problem_and_the_others_still_load(tmp_path, kind):
    make_special(tmp_path / "mine.toml", kind)
    catalog = find_routines(tmp_path)
    assert {"desk", "full"} <= set(catalog.routines)
    assert len(catalog.errors) == 1 and "not a regular file" in str(catalog.errors[0])


@pytest.mark.parametrize("kind", KINDS)
def test_a_special_file_as_the_offer_marker_counts_as_never_offered(tmp_path, kind):
    marker = tmp_path / "full-offered-on"
    make_special(marker, kind)
    assert FullOffer(marker)._last_offered() is None
