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
