"""Issue 13, class 9: small things a user meets — the sitting clock survives a crash (not a clean
stop), one daemon per data folder even across runtime folders, and the CLI's words."""

from __future__ import annotations

import json
import signal

from click.testing import CliRunner

from deskbreak.cli.group import cli
from tests.daemon.harness import Daemon, wait_until

SLOW = '[reminders]\nsit_limit = "1h"\n[presence]\nsample_every = "1s"\n[desktop]\nnotifier = "console"\ntray = "none"\n'


def sitting(daemon: Daemon) -> int:
    return json.loads(daemon.cli("status", "--json").stdout)["status"]["sitting_s"]


def test_the_sitting_clock_survives_a_crash_but_not_a_clean_stop(tmp_path):
    first = Daemon(tmp_path, config=SLOW).start()
    wait_until(lambda: sitting(first) >= 4, what="four seconds of sitting")
    first.proc.send_signal(signal.SIGKILL)
    first.proc.wait(10)
    first.stamp(tmp_path / "data" / "deskbreak" / "daemon.pid")  # its heartbeat, on its clock: it was alive just now
    second = Daemon(tmp_path, config=SLOW).start()
    try:
        assert sitting(second) >= 4
    finally:
        second.stop()
    third = Daemon(tmp_path, config=SLOW).start()
    try:
        assert sitting(third) < 4
        assert "sat_s" not in [e for e in third.events() if e["event"] == "started"][-1]
    finally:
        third.stop()


def test_a_crash_long_enough_ago_is_a_natural_break(tmp_path):
    first = Daemon(tmp_path, config=SLOW.replace('sample_every = "1s"', 'sample_every = "1s"\nbreak_after_idle = "5s"'))
    first.start()
    wait_until(lambda: sitting(first) >= 3, what="three seconds of sitting")
    first.proc.send_signal(signal.SIGKILL)
    first.proc.wait(10)
    alive = tmp_path / "data" / "deskbreak" / "daemon.pid"
    first.stamp(alive, seconds_ago=60)  # the crash was a minute ago: the user left
    second = Daemon(tmp_path, config=first.config).start()
    try:
        assert sitting(second) < 3
    finally:
        second.stop()


def test_two_daemons_on_the_same_data_cannot_both_run_even_with_different_runtime_folders(tmp_path):
    first = Daemon(tmp_path, config=SLOW).start()
    try:
        other_runtime = tmp_path / "other-runtime"
        other_runtime.mkdir(mode=0o700)
        second = Daemon(tmp_path, config=SLOW)
        second.env["XDG_RUNTIME_DIR"] = str(other_runtime)
        result = second.cli("run", timeout=30)
        assert result.returncode == 1
        assert "already running" in result.stderr and "same data" in result.stderr
        assert first.cli("status").returncode == 0
    finally:
        first.stop()


def test_one_step_is_one_step_in_the_log(tmp_path):
    path = tmp_path / "deskbreak" / "events.jsonl"
    path.parent.mkdir()
    path.write_text('{"v":1,"ts":"2026-11-02T09:00:00+00:00","event":"break_abandoned","routine":"desk","steps":1}\n')
    out = CliRunner().invoke(cli, ["log"], env={"XDG_DATA_HOME": str(tmp_path)}).stdout
    assert "1 step " in out or out.rstrip().endswith("1 step") or "1 step ·" in out
    assert "1 steps" not in out
