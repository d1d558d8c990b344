"""The tray's Settings… starts the settings window as a process of its own, once, and hears in
one line when it could not show it."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from deskbreak.daemon.windows import WindowLauncher
from deskbreak.platform.session import Session
from tests.daemon.harness import wait_until


def quiet_config(tmp_path: Path) -> str:
    path = tmp_path / "config.toml"
    path.write_text('[desktop]\ntray = "none"\nnotifier = "console"\n')
    return str(path)


def test_without_a_window_nothing_is_started_and_the_reason_comes_back(tmp_path, owner_here):
    launcher = WindowLauncher(quiet_config(tmp_path), lambda reason: None, Session("none"))
    assert (launcher.open("settings") or "").startswith("no display")


def test_a_settings_window_with_no_display_to_open_on_says_so_in_one_line(tmp_path, monkeypatch, owner_here):
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":987")  # no such X server
    heard: list[str] = []
    done = threading.Event()
    launcher = WindowLauncher(quiet_config(tmp_path), lambda reason: (heard.append(reason), done.set()), Session("x11", x_display=":987"))
    assert launcher.open("settings") is None
    assert done.wait(60), "the window process did not report"
    assert heard[0].startswith("deskbreak: no window can be shown here (no display"), heard


def test_asking_again_while_the_window_is_open_starts_no_second_one(tmp_path, owner_here):
    assert os.environ.get("DISPLAY"), "pytest-xvfb gives the session an X display"
    launcher = WindowLauncher(quiet_config(tmp_path), lambda reason: None, Session("x11", x_display=os.environ["DISPLAY"]))
    assert launcher.open("settings") is None
    first = launcher._open["settings"]
    try:
        assert launcher.open("settings") is None
        assert launcher._open["settings"] is first and first.poll() is None
    finally:
        first.terminate()
        wait_until(lambda: first.poll() is not None, what="the settings window to end")
    assert launcher.open("settings") is None  # closed: the next Settings… opens a new one
    second = launcher._open["settings"]
    assert second is not first
    second.terminate()
    second.wait(10)
