"""A routine process the daemon opened that dies without reporting leaves no break open."""

from __future__ import annotations

import os
import signal

from tests.daemon.harness import children, wait_until


def test_a_killed_routine_window_is_closed_as_an_abandoned_break_by_the_daemon(make_daemon):
    daemon = make_daemon(display=True).start()
    assert daemon.cli("break").returncode == 0
    daemon.wait_for_event("break_started")
    wait_until(lambda: bool(children(daemon.proc.pid)), what="the routine process")
    for pid in children(daemon.proc.pid):
        os.kill(pid, signal.SIGKILL)  # no chance to report: only the daemon can close the break
    daemon.wait_for_event("break_abandoned", timeout=15)
    abandoned = [e for e in daemon.events() if e["event"] == "break_abandoned"][-1]
    assert abandoned["routine"] == "desk" and "ended by signal 9" in abandoned["reason"]
    assert daemon.kinds().count("break_abandoned") == 1
