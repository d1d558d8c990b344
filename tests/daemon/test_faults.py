"""Issue 6 faults against the real daemon: a stopped process, bad config on reload, the network."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

from tests.daemon.harness import Daemon, wait_until

SUSPENDABLE = """
[reminders]
sit_limit = "4s"
renotify_every = "1h"
[presence]
sample_every = "1s"
break_after_idle = "5s"
[desktop]
notifier = "console"
tray = "none"
"""


def status(daemon: Daemon) -> dict:
    return json.loads(daemon.cli("status", "--json").stdout)["status"]


def test_a_stopped_daemon_wakes_to_a_natural_break_not_a_burst_of_reminders(tmp_path):
    daemon = Daemon(tmp_path, config=SUSPENDABLE).start()
    try:
        daemon.wait_for_event("reminder_shown")
        os.kill(daemon.proc.pid, signal.SIGSTOP)
        time.sleep(8)  # longer than break_after_idle and the sampling gap that means "asleep"
        os.kill(daemon.proc.pid, signal.SIGCONT)
        daemon.wait_for_event("natural_break")
        natural = [e for e in daemon.events() if e["event"] == "natural_break"][0]
        assert natural["reason"] == "suspend" and natural["away_s"] >= 7
        assert daemon.kinds().count("reminder_shown") == 1
        st = status(daemon)
        assert st["phase"] in ("sitting", "due") and st["sitting_s"] < 4 + 2
        time.sleep(2)
        assert daemon.kinds().count("reminder_shown") <= 2  # at most the next one, after a fresh sitting stretch
    finally:
        daemon.stop()


def test_a_broken_config_on_reload_keeps_the_settings_in_use(tmp_path):
    daemon = Daemon(tmp_path, config=SUSPENDABLE.replace('"4s"', '"1h"')).start()
    try:
        broken = '[reminders]\nsit_limit = "soon"\n'
        daemon.config_file.write_text(broken)
        reply = daemon.cli("reload")
        assert reply.returncode == 1
        assert "settings in use were kept" in reply.stderr and "reminders.sit_limit" in reply.stderr
        assert daemon.config_file.read_text() == broken
        assert status(daemon)["due_in_s"] > 3000
        assert daemon.events()[-1]["event"] == "error" and daemon.events()[-1]["where"] == "config"

        daemon.config_file.write_text(SUSPENDABLE.replace('"4s"', '"10m"'))
        assert daemon.cli("reload").returncode == 0
        assert status(daemon)["due_in_s"] <= 600
    finally:
        daemon.stop()


def test_sighup_reloads_the_config(tmp_path):
    daemon = Daemon(tmp_path, config=SUSPENDABLE.replace('"4s"', '"1h"')).start()
    try:
        daemon.config_file.write_text(SUSPENDABLE.replace('"4s"', '"20m"'))
        os.kill(daemon.proc.pid, signal.SIGHUP)
        wait_until(lambda: status(daemon)["due_in_s"] <= 1200, what="the reloaded sit limit")
        assert daemon.proc.poll() is None
    finally:
        daemon.stop()


def socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def network_inodes() -> set[str]:
    found = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        path = Path("/proc/net") / table
        if path.exists():
            for line in path.read_text().splitlines()[1:]:
                found.add(line.split()[9])
    return found


def test_nothing_listens_on_a_network_port(daemon):
    mine = socket_inodes(daemon.proc.pid)
    assert mine, "the daemon should hold its Unix control socket"
    assert not mine & network_inodes()
