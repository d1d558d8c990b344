"""The whole product without a desktop: the real daemon process driven through the real CLI."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from datetime import datetime

from tests.daemon.harness import Daemon, isolated_env, wait_until


def test_reminder_snooze_reminder_done_are_logged_in_order(daemon):
    daemon.wait_for_event("reminder_shown")  # logged just before the notifier prints it
    wait_until(lambda: "Time for an upper-back break" in daemon.output(), what="the reminder in the output")

    snoozed = daemon.cli("snooze")
    assert snoozed.returncode == 0, snoozed.stderr
    assert "Snoozed" in snoozed.stdout

    daemon.wait_for_event("reminder_shown", count=2)
    done = daemon.cli("done", "--routine", "desk")
    assert done.returncode == 0, done.stderr

    stopped = daemon.cli("stop")
    assert stopped.returncode == 0
    assert daemon.proc.wait(10) == 0
    assert daemon.kinds() == ["started", "reminder_shown", "snoozed", "reminder_shown", "break_done", "stopped"]
    done_event = daemon.events()[-2]
    assert done_event["routine"] == "desk" and done_event["source"] == "cli"
    assert all(e["v"] == 1 and datetime.fromisoformat(e["ts"]).tzinfo for e in daemon.events())


def test_status_reports_sitting_time_and_next_break(daemon):
    result = daemon.cli("status", "--json")
    assert result.returncode == 0, result.stderr
    assert '"phase"' in result.stdout and '"next_reminder_at"' in result.stdout
    human = daemon.cli("status")
    assert "sitting" in human.stdout and f"pid {daemon.proc.pid}" in human.stdout


def test_pause_and_resume_through_the_cli(daemon):
    paused = daemon.cli("pause", "30m")
    assert paused.returncode == 0, paused.stderr
    assert "Paused until" in paused.stdout
    assert '"phase": "paused"' in daemon.cli("status", "--json").stdout
    resumed = daemon.cli("resume")
    assert resumed.returncode == 0, resumed.stderr
    wait_until(lambda: "resumed" in daemon.kinds(), what="resumed in the log")
    assert [k for k in daemon.kinds() if k in ("paused", "resumed")] == ["paused", "resumed"]


def test_resume_when_not_paused_is_refused_with_a_reason(daemon):
    result = daemon.cli("resume")
    assert result.returncode == 1
    assert "not paused" in result.stderr.lower()


def test_stand_stops_the_sitting_clock_and_sit_restarts_it(daemon):
    assert daemon.cli("stand").returncode == 0
    assert '"standing": true' in daemon.cli("status", "--json").stdout
    assert daemon.cli("sit").returncode == 0
    assert [k for k in daemon.kinds() if k.startswith("standing")] == ["standing_on", "standing_off"]


def test_commands_without_a_daemon_say_how_to_start_it(tmp_path):
    idle = Daemon(tmp_path)
    for args in (["status"], ["pause", "30m"], ["resume"], ["snooze"], ["skip"], ["done"], ["stand"], ["sit"], ["stop"]):
        result = idle.cli(*args)
        assert result.returncode != 0, args
        assert "deskbreak run" in result.stderr, args
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_second_daemon_names_the_first_and_exits(daemon):
    second = daemon.cli("run", timeout=20)
    assert second.returncode == 1
    assert f"pid {daemon.proc.pid}" in second.stderr
    assert daemon.cli("status").returncode == 0


def test_daemon_killed_with_sigkill_leaves_a_socket_the_next_one_recovers(make_daemon):
    first = make_daemon().start()
    socket_path = first.root / "runtime" / "deskbreak" / "control.sock"
    assert socket_path.exists()
    first.proc.send_signal(signal.SIGKILL)
    first.proc.wait(5)
    assert socket_path.exists()
    second = make_daemon().start()
    assert f"pid {second.proc.pid}" in second.cli("status").stdout


def test_control_socket_is_private(daemon):
    runtime = daemon.root / "runtime" / "deskbreak"
    assert stat.S_IMODE(os.stat(runtime).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(runtime / "control.sock").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(runtime / "authkey").st_mode) == 0o600


def test_sigterm_stops_cleanly_and_logs_stopped(daemon):
    daemon.proc.send_signal(signal.SIGTERM)
    assert daemon.proc.wait(10) == 0
    assert daemon.kinds()[-1] == "stopped"
    assert not (daemon.root / "runtime" / "deskbreak" / "control.sock").exists()


def test_broken_config_stops_the_daemon_with_file_and_key(make_daemon):
    d = make_daemon(config='[reminders]\nsit_limit = "fifty minutes"\n')
    result = d.cli("run")
    assert result.returncode == 2
    assert str(d.config_file) in result.stderr and "sit_limit" in result.stderr


def test_quick_status_says_what_the_full_command_says(daemon):
    quick = daemon.cli("status", "--json")
    full = daemon.cli("--config", str(daemon.config_file), "status", "--json")  # any global option: the click path
    assert quick.returncode == full.returncode == 0
    quick_reply, full_reply = json.loads(quick.stdout), json.loads(full.stdout)
    assert quick_reply.keys() == full_reply.keys()
    assert quick_reply["status"]["phase"] == full_reply["status"]["phase"]


def test_quick_status_without_a_daemon_matches_the_full_command(tmp_path):
    env = isolated_env(tmp_path)
    quick = subprocess.run([sys.executable, "-m", "deskbreak", "status"], env=env, capture_output=True, text=True)
    full = subprocess.run([sys.executable, "-m", "deskbreak", "status", "--help"], env=env, capture_output=True, text=True)
    assert quick.returncode == 3 and quick.stderr.strip() == "deskbreak is not running. Start it with: deskbreak run"
    assert full.returncode == 0 and "--json" in full.stdout


def test_a_later_start_maps_neither_openssl_nor_pillow(tmp_path):
    """The daemon speaks only over Unix sockets and D-Bus, and draws its icons once: asyncio's
    ssl and hashlib's OpenSSL are kept out, and Pillow is not imported once the app icon is kept.
    On the real clock (day=None): the tests' wall-clock shim imports hashlib itself."""
    daemon = Daemon(tmp_path, config='[desktop]\nnotifier = "console"\ntray = "none"\n', day=None)
    daemon.start()
    daemon.stop()
    assert list(tmp_path.glob("cache/deskbreak/deskbreak-*.png")), "the first start keeps the app icon"
    daemon.start()
    try:
        mapped = {line.rsplit("/", 1)[-1] for line in open(f"/proc/{daemon.proc.pid}/maps").read().splitlines() if "/" in line}
        assert not [name for name in mapped if name.startswith(("libssl", "libcrypto", "_ssl", "_hashlib", "_imaging"))]
    finally:
        daemon.stop()
