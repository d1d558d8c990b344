"""The whole path on the rig: the daemon's reminder reaches dunst, and its buttons work."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

from tests.daemon.harness import children, wait_until
from tests.desktop.reminder_checks import SHORT
from tests.desktop.rig import poll


def routine_windows() -> list[str]:
    run = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^deskbreak "], capture_output=True, text=True)
    return run.stdout.split()


def close_routine_windows(daemon) -> None:
    """End the routine processes the daemon opened (its children), by their own pids."""
    for pid in children(daemon.proc.pid):
        os.kill(pid, signal.SIGTERM)
    wait_until(lambda: not routine_windows(), what="the routine windows to close")


def test_the_reminder_reaches_dunst_with_three_actions(desktop_daemon, dunst):
    daemon = desktop_daemon(SHORT)
    daemon.wait_for_event("reminder_shown")
    poll(lambda: dunst.displayed() == 1, what="the reminder on screen")
    offered = dunst.invoke("nothing")
    for title in ("Start break", "Snooze 1 min", "Skip"):
        assert any(title in line for line in offered), (title, offered)
    dunst.ctl("close-all")
    poll(lambda: bool(dunst.history()), what="dunst's history")
    assert dunst.history()[0]["summary"] == "Time for an upper-back break"


def test_snooze_from_the_notification_is_logged_and_the_reminder_returns(desktop_daemon, dunst):
    daemon = desktop_daemon(SHORT)
    daemon.wait_for_event("reminder_shown")
    poll(lambda: dunst.displayed() == 1, what="the reminder on screen")
    dunst.invoke("Snooze")
    daemon.wait_for_event("snoozed")
    snoozed = [e for e in daemon.events() if e["event"] == "snoozed"][0]
    assert snoozed["source"] == "notification"
    daemon.wait_for_event("reminder_shown", 2)
    poll(lambda: dunst.displayed() == 1, what="the reminder back after the snooze")


def test_start_break_opens_the_routine_window_which_reports_the_break(desktop_daemon, dunst):
    daemon = desktop_daemon(SHORT)
    daemon.wait_for_event("reminder_shown")
    poll(lambda: dunst.displayed() == 1, what="the reminder on screen")
    try:
        dunst.invoke("Start break")
        daemon.wait_for_event("break_started")
        started = [e for e in daemon.events() if e["event"] == "break_started"][0]
        assert started["routine"] == "desk" and started["source"] == "notification"
        wait_until(lambda: bool(routine_windows()), what="the routine window")
        assert json.loads(daemon.cli("status", "--json").stdout)["status"]["phase"] == "on_break"
    finally:
        close_routine_windows(daemon)


def test_clicking_the_notification_starts_the_break_too(desktop_daemon, dunst):
    daemon = desktop_daemon(SHORT)
    daemon.wait_for_event("reminder_shown")
    poll(lambda: dunst.displayed() == 1, what="the reminder on screen")
    try:
        dunst.click()
        daemon.wait_for_event("break_started")
        wait_until(lambda: bool(routine_windows()), what="the routine window")
        for pid in children(daemon.proc.pid):  # the tray's GDK_GL=disable stays out of what it opens
            assert not [e for e in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0") if e.startswith(b"GDK_GL=")]
    finally:
        close_routine_windows(daemon)


def test_with_dunst_killed_mid_run_the_next_reminder_falls_back_and_the_daemon_lives_on(desktop_daemon, dunst):
    daemon = desktop_daemon(SHORT)
    daemon.wait_for_event("reminder_shown")
    assert json.loads(daemon.cli("status", "--json").stdout)["notifier"] == "desktop-notifier"
    dunst.kill()
    assert daemon.cli("snooze").returncode == 0
    daemon.wait_for_event("reminder_shown", 2)
    reply = json.loads(daemon.cli("status", "--json").stdout)
    assert reply["notifier"] in ("plyer", "console")
    assert reply["status"]["phase"] == "due"
    assert daemon.proc.poll() is None


def test_a_restarted_notification_server_is_used_again_for_a_later_reminder(desktop_daemon, dunst):
    """The fallback probes the better notifier again (at most every RETRY_S) when it next shows."""
    from deskbreak.platform.notify.choose import RETRY_S

    daemon = desktop_daemon(SHORT)
    daemon.wait_for_event("reminder_shown")
    dunst.kill()
    daemon.cli("snooze")
    daemon.wait_for_event("reminder_shown", 2)
    assert json.loads(daemon.cli("status", "--json").stdout)["notifier"] in ("plyer", "console")
    dunst.start()

    def next_reminder_goes_to_dunst() -> bool:
        """Skip, and wait for the next reminder (3 s of sitting): each one shown on the fallback
        lets it probe the better notifier, once RETRY_S has passed since the last probe."""
        shown = daemon.kinds().count("reminder_shown")
        dunst.close_all()  # plyer's fallback reminders reach the restarted dunst too
        daemon.cli("skip")
        daemon.wait_for_event("reminder_shown", shown + 1)
        return json.loads(daemon.cli("status", "--json").stdout)["notifier"] == "desktop-notifier"

    wait_until(next_reminder_goes_to_dunst, timeout=RETRY_S + 30, what="a reminder through the restarted server")
    poll(lambda: dunst.displayed() == 1, what="the reminder on the restarted server")


def test_a_reload_that_changes_snooze_changes_the_button_and_the_snooze_without_a_restart(desktop_daemon, dunst):
    daemon = desktop_daemon(SHORT)
    daemon.wait_for_event("reminder_shown")
    poll(lambda: dunst.displayed() == 1, what="the reminder on screen")
    assert any("Snooze 1 min" in line for line in dunst.invoke("nothing"))
    daemon.config_file.write_text(SHORT.replace('snooze = "3s"', 'snooze = "2m"'))
    daemon.proc.send_signal(signal.SIGHUP)
    wait_until(lambda: "settings reloaded" in daemon.output(), what="the reload")
    assert daemon.cli("skip").returncode == 0
    daemon.wait_for_event("reminder_shown", 2)
    poll(lambda: dunst.displayed() == 1, what="the next reminder on screen")
    assert any("Snooze 2 min" in line for line in dunst.invoke("Snooze"))
    daemon.wait_for_event("snoozed")
    assert [e for e in daemon.events() if e["event"] == "snoozed"][-1]["minutes"] == 2


def qt_loaded(pid: int) -> bool:
    """Whether a process has Qt in it: PySide6's or Qt's shared libraries mapped."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    return "libQt6" in maps or "PySide6" in maps


def test_the_daemon_loads_no_qt_while_the_window_it_opened_runs_on_qt(desktop_daemon, dunst):
    """Qt lives only in the window's own process: `deskbreak run`, with its tray and
    notifications up and a routine window open beside it, has none of it mapped."""
    daemon = desktop_daemon(SHORT)
    try:
        assert daemon.cli("break").returncode == 0
        wait_until(lambda: bool(routine_windows()), what="the routine window")
        [window] = children(daemon.proc.pid)
        assert qt_loaded(window)
        assert not qt_loaded(daemon.proc.pid)
    finally:
        close_routine_windows(daemon)
