"""Reporting a routine's outcome when no daemon is running: it still reaches the log."""

import json
from datetime import datetime, timezone

import pytest

from deskbreak.eventlog import EventLog
from deskbreak.routines import report

WHEN = datetime(2026, 3, 2, 10, 30, tzinfo=timezone.utc)


@pytest.fixture
def log(tmp_path):
    """No daemon answers: every test's runtime dir starts empty (tests/conftest.py)."""
    return EventLog(tmp_path / "events.jsonl")


def read(tmp_path):
    return [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]


def test_a_done_break_is_logged_directly_when_no_daemon_answers(log, tmp_path):
    said = report.report_outcome("done", "desk", 4, 151.26, "window", log, WHEN)
    assert said.startswith("Break done") and "deskbreak run" in said
    [event] = read(tmp_path)
    assert event["event"] == "break_done" and event["ts"] == "2026-03-02T10:30:00+00:00"
    assert {k: event[k] for k in ("routine", "steps", "duration_s", "source")} == {
        "routine": "desk",
        "steps": 4,
        "duration_s": 151.3,
        "source": "window",
    }


def test_an_abandoned_break_is_logged_as_abandoned(log, tmp_path):
    said = report.report_outcome("abandoned", "full", 1, 30, "terminal", log, WHEN)
    assert "1 step;" in said
    assert read(tmp_path)[0]["event"] == "break_abandoned"


def test_start_snooze_and_skip_fall_back_to_the_log_too(log, tmp_path):
    report.report_start("desk", "notification", log, WHEN)
    report.report_snooze("window", log, 10, WHEN)
    report.report_skip("window", log, WHEN)
    assert [(e["event"], e["source"]) for e in read(tmp_path)] == [
        ("break_started", "notification"),
        ("snoozed", "window"),
        ("skipped", "window"),
    ]
    assert read(tmp_path)[1]["minutes"] == 10


@pytest.fixture
def refusing_daemon(tmp_path, monkeypatch):
    """A control channel whose daemon answers every command as deskbreak's does a refused one."""
    from deskbreak.ipc.endpoint import endpoint
    from deskbreak.ipc.server import ControlServer

    runtime = tmp_path / "runtime-refusing"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    where = endpoint(create=True)
    asked: list[dict] = []
    server = ControlServer(
        where, where.write_new_authkey(), lambda message: asked.append(message) or {"ok": False, "error": "no snoozes left"}
    )
    server.start()
    yield asked
    server.close()


def test_a_refused_snooze_or_skip_writes_nothing_and_says_why(refusing_daemon, tmp_path):
    log = EventLog(tmp_path / "events.jsonl")
    with pytest.raises(report.Refused, match="no snoozes left"):
        report.report_snooze("window", log, 10, WHEN)
    with pytest.raises(report.Refused, match="no snoozes left"):
        report.report_skip("window", log, WHEN)
    assert [m["cmd"] for m in refusing_daemon] == ["snooze", "skip"]
    assert not (tmp_path / "events.jsonl").exists()


def test_a_refused_outcome_is_not_written_by_the_window_either_but_the_user_hears_why(refusing_daemon, tmp_path):
    log = EventLog(tmp_path / "events.jsonl")
    said = report.report_outcome("done", "desk", 4, 150, "window", log, WHEN)
    assert "no snoozes left" in said
    assert report.report_start("desk", "cli", log, WHEN) and not (tmp_path / "events.jsonl").exists()
