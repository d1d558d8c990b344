"""Issue 20, rule 9: absurd inputs cost little. Refusing an oversized log took 53 s and 1.26 GB;
every refusal is now decided from the file's size before a byte is read, and the log's binary
search reads at most a few MiB per step, whatever the file holds. Each command runs with its
address space capped, so a read of the whole file would fail the test, not just slow it."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.daemon.harness import Daemon, isolated_env

MIB = 1024 * 1024
CAP = 400 * MIB  # address space: Python and deskbreak's imports fit many times over; a gigabyte read does not


def capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


def deskbreak(env: dict[str, str], *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    argv = [sys.executable, "-m", "deskbreak", *args]
    run = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, preexec_fn=capped, stdin=subprocess.DEVNULL)
    return run, time.monotonic() - started


def line(when: datetime, message: str = "m") -> bytes:
    return (json.dumps({"v": 1, "ts": when.isoformat(), "event": "error", "where": "t", "message": message}) + "\n").encode()


def sparse(path: Path, size: int, head: bytes = b"", tail: bytes = b"") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        out.write(head)
        out.truncate(size - len(tail))
        out.seek(size - len(tail))
        out.write(tail)
    return path


READERS = [["stats"], ["stats", "--since", "12h"], ["stats", "--week"], ["log"], ["log", "--since", "2h"], ["log", "--json"]]


@pytest.mark.parametrize("args", READERS)
def test_an_oversized_log_is_refused_at_once_in_one_line(tmp_path, args):
    env = isolated_env(tmp_path)
    now = datetime.now(timezone.utc)
    sparse(tmp_path / "data" / "deskbreak" / "events.jsonl", 600 * MIB, line(now - timedelta(days=3)), line(now - timedelta(minutes=5)))
    run, took = deskbreak(env, *args)
    assert run.returncode != 0 and "Traceback" not in run.stderr and "MemoryError" not in run.stderr
    assert "larger than" in run.stderr and len(run.stderr.strip().splitlines()) <= 2
    assert took < 5


def test_a_region_of_zeros_inside_a_log_costs_a_bounded_search(tmp_path):
    """Within the size limit: `--since` still finds the recent lines after 60 MiB of zeros (no
    line breaks at all) and reads only what a probe may."""
    env = isolated_env(tmp_path)
    now = datetime.now(timezone.utc)
    tail = b"".join(line(now - timedelta(minutes=m), f"recent {m}") for m in range(30, 0, -1))
    sparse(tmp_path / "data" / "deskbreak" / "events.jsonl", 60 * MIB, line(now - timedelta(days=2), "old") + b"\n", b"\n" + tail)
    run, took = deskbreak(env, "log", "--since", "2h")
    assert run.returncode == 0, run.stderr
    assert "recent 1" in run.stdout and "old" not in run.stdout
    assert took < 10


@pytest.mark.parametrize("name", ["config.toml", "routines/huge.toml"])
def test_an_oversized_config_or_routine_file_is_refused_at_once(tmp_path, name):
    env = isolated_env(tmp_path)
    sparse(tmp_path / "config" / "deskbreak" / name, 2048 * MIB)
    for args in (["config", "check"], ["routines"], ["pause", "1m"]):
        run, took = deskbreak(env, *args)
        assert "Traceback" not in run.stderr and "MemoryError" not in run.stderr, args
        assert took < 5, args


def test_an_oversized_day_cache_is_passed_over_and_stats_answer(tmp_path):
    env = isolated_env(tmp_path)
    now = datetime.now(timezone.utc)
    (tmp_path / "data" / "deskbreak").mkdir(parents=True)
    (tmp_path / "data" / "deskbreak" / "events.jsonl").write_bytes(line(now - timedelta(days=2)) + line(now - timedelta(hours=1)))
    sparse(tmp_path / "data" / "deskbreak" / "events.days.json", 2048 * MIB)
    run, took = deskbreak(env, "stats")
    assert run.returncode == 0, run.stderr
    assert took < 5


def test_a_daemon_over_an_oversized_log_starts_answers_and_stops(tmp_path):
    daemon = Daemon(tmp_path)
    now = datetime.now(timezone.utc)
    sparse(daemon.log_file, 600 * MIB, line(now - timedelta(days=3)), line(now - timedelta(minutes=5)))
    started = time.monotonic()
    daemon.start()
    try:
        assert time.monotonic() - started < 15
        assert daemon.cli("pause", "1m").returncode == 0
    finally:
        daemon.stop()
    assert daemon.proc.returncode == 0
