"""Issue 13, class 9: what a user meets when the daemon comes back after a crash (SIGKILL): the
reminder it left on screen is closed (its buttons would answer no one), and the sitting clock
goes on from where it was, so a break that was due stays due."""

from __future__ import annotations

import signal
from datetime import datetime, timedelta

from tests.daemon.harness import Daemon
from tests.desktop import rig

CONFIG = (
    '[reminders]\nsit_limit = "6s"\nrenotify_every = "1h"\n[presence]\nsample_every = "1s"\n'
    '[desktop]\nnotifier = "desktop"\ntray = "none"\n'
)


def test_after_a_crash_the_old_reminder_is_closed_and_the_break_stays_due(desktop_env, dunst, tmp_path):
    first = Daemon(tmp_path, config=CONFIG, display=True).start()
    first.wait_for_event("reminder_shown")
    rig.poll(lambda: dunst.displayed() == 1, what="the reminder on screen")
    first.proc.send_signal(signal.SIGKILL)
    first.proc.wait(10)
    first.stamp(tmp_path / "data" / "deskbreak" / "daemon.pid")  # its heartbeat, on its clock: it was alive just now
    second = Daemon(tmp_path, config=CONFIG, display=True)
    try:
        second.start()
        started = [e for e in second.events() if e["event"] == "started"][-1]
        assert started["sat_s"] >= 6  # restored, not counted from zero
        second.wait_for_event("reminder_shown", count=2)
        shown = [e for e in second.events() if e["event"] == "reminder_shown"][-1]
        waited = datetime.fromisoformat(shown["ts"]) - datetime.fromisoformat(started["ts"])
        assert waited < timedelta(seconds=4)  # due at once, not after another 6 s of sitting
        rig.poll(lambda: dunst.displayed() == 1, what="only the new reminder on screen")
    finally:
        second.stop()
    assert dunst.displayed() == 0  # a clean stop takes its reminder down too
