"""The launcher asks the session whether a window can be shown, and hears when the window
process could not show one after all."""

from __future__ import annotations

import threading

from deskbreak.daemon.launcher import RoutineLauncher
from deskbreak.platform.session import Session


def test_without_a_window_nothing_is_started_and_the_reason_comes_back():
    launcher = RoutineLauncher(None, lambda routine, reason: None, Session("none"))
    assert (launcher.open("desk") or "").startswith("no display")


def test_a_window_process_that_cannot_show_its_window_reports_why(tmp_path, monkeypatch):
    """The session said X11, but the display is gone by the time the window process looks."""
    for key in ("WAYLAND_DISPLAY", "XDG_DATA_HOME"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("DISPLAY", ":987")  # no such X server
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    heard: list[tuple[str, str]] = []
    done = threading.Event()
    launcher = RoutineLauncher(
        None, lambda routine, reason: (heard.append((routine, reason)), done.set()), Session("x11", x_display=":987")
    )
    assert launcher.open("desk") is None
    assert done.wait(30), "the window process did not report"
    assert heard[0][0] == "desk" and heard[0][1].startswith("no display")
