"""When the compositor goes away under a running daemon (a crash, a logout), the Wayland
adapters say so instead of reporting a stale answer. A sway of this module's own is started
(in about 0.4 s) and stopped midway, so the shared desktops of other modules stay up."""

from __future__ import annotations

import pytest

from deskbreak.platform.busy.sway_fullscreen import SwayFullscreen
from deskbreak.platform.idle.wayland_idle import WaylandIdle
from tests.desktop import desktops, rig


def test_idle_and_fullscreen_readings_fail_once_sway_is_gone(monkeypatch):
    sway = desktops.start("sway")
    try:
        sway.enter(monkeypatch)
        idle = WaylandIdle(resolution_s=1.0)
        fullscreen = SwayFullscreen()
        assert idle.idle_seconds() is not None and fullscreen.busy() is None
        sway.stop()
        rig.poll(lambda: _fails(idle.idle_seconds) and _fails(fullscreen.busy), what="the readings to fail")
        with pytest.raises(RuntimeError, match="the Wayland compositor went away"):
            idle.idle_seconds()
        with pytest.raises(RuntimeError, match="sway's IPC connection ended"):
            fullscreen.busy()
        idle.close()
        fullscreen.close()
    finally:
        desktops.finish(sway)


def _fails(reading) -> bool:
    try:
        reading()
    except RuntimeError:
        return True
    return False


def test_a_routine_window_whose_compositor_goes_away_ends_the_break_as_abandoned(tmp_path):
    """The window on sway natively, sway stopped under it: Qt ends the process at once, and its
    warning is where the window logs the break abandoned, with the reason."""
    import json
    import subprocess
    import sys

    from tests.desktop import reminder_checks as wr

    sway = desktops.start("sway")
    try:
        env = sway.client_env(tmp_path)
        proc = subprocess.Popen(
            [sys.executable, "-m", "deskbreak", "routine", "desk"], env=env, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        wr.wait_for_sway_window(sway)
        sway.stop()
        assert proc.wait(20) != 0  # Qt ends the process itself (255)
        said = proc.stderr.read() if proc.stderr else ""
        assert "Traceback" not in said and "The Wayland connection broke" in said
    finally:
        desktops.finish(sway)
    last = json.loads((tmp_path / "data" / "deskbreak" / "events.jsonl").read_text().splitlines()[-1])
    assert last["event"] == "break_abandoned" and "lost its display" in last["reason"]
