"""Idle time and fullscreen detection against the real X server (Xvfb)."""

from __future__ import annotations

import subprocess
import threading
import time

from Xlib import Xatom, display

from deskbreak.platform.busy.fullscreen_x11 import X11Fullscreen
from deskbreak.platform.idle.x11 import X11Idle
from tests.desktop.rig import poll


def test_idle_time_grows_without_input_and_resets_on_input():
    source = X11Idle()
    try:
        subprocess.run(["xdotool", "mousemove", "100", "100"], check=True)
        start = source.idle_seconds()
        poll(lambda: source.idle_seconds() >= start + 0.5, timeout=3, what="idle time to grow")
        subprocess.run(["xdotool", "mousemove", "300", "200"], check=True)
        poll(lambda: source.idle_seconds() < 0.5, timeout=3, what="idle time to reset after input")
    finally:
        source.close()


def test_a_key_press_also_counts_as_presence():
    source = X11Idle()
    try:
        poll(lambda: source.idle_seconds() >= 0.3, timeout=3, what="some idle time")
        subprocess.run(["xdotool", "key", "shift"], check=True)
        poll(lambda: source.idle_seconds() < 0.3, timeout=3, what="idle time to reset after a key")
    finally:
        source.close()


def test_returning_input_is_told_by_one_event_within_a_second_and_then_no_more():
    source = X11Idle()
    heard: list[float] = []
    told = threading.Event()

    def on_input() -> None:
        heard.append(time.monotonic())
        told.set()

    try:
        assert source.tells_input and "XInput2" in source.name
        source.watch_input(on_input)
        time.sleep(0.5)
        assert heard == []  # armed, and no input yet
        moved = time.monotonic()
        # a device's motion (XTest), as a hand on a mouse makes; a warp (`mousemove`) is none
        subprocess.run(["xdotool", "mousemove_relative", "5", "5"], check=True)
        assert told.wait(3), "no event for the pointer's motion"
        assert heard[0] - moved < 1.0
        subprocess.run(["xdotool", "mousemove_relative", "5", "5"], check=True)
        subprocess.run(["xdotool", "key", "shift"], check=True)
        time.sleep(0.5)
        assert len(heard) == 1  # one-shot: input while present wakes no one
    finally:
        source.close()


def test_no_active_window_is_not_busy():
    probe = X11Fullscreen()
    conn = display.Display()
    conn.screen().root.delete_property(conn.intern_atom("_NET_ACTIVE_WINDOW"))
    conn.flush()
    assert probe.busy() is None


def test_an_active_fullscreen_window_is_busy():
    conn = display.Display()
    root = conn.screen().root
    window = root.create_window(0, 0, 200, 100, 0, conn.screen().root_depth)
    state, fullscreen = conn.intern_atom("_NET_WM_STATE"), conn.intern_atom("_NET_WM_STATE_FULLSCREEN")
    active = conn.intern_atom("_NET_ACTIVE_WINDOW")
    try:
        window.change_property(state, Xatom.ATOM, 32, [fullscreen])
        root.change_property(active, Xatom.WINDOW, 32, [window.id])
        conn.flush()
        probe = X11Fullscreen()
        assert probe.busy() == "fullscreen"
        window.change_property(state, Xatom.ATOM, 32, [])
        conn.flush()
        assert probe.busy() is None
    finally:
        root.delete_property(active)
        window.destroy()
        conn.flush()
        conn.close()


def test_an_active_window_that_vanished_is_not_busy():
    conn = display.Display()
    root = conn.screen().root
    root.change_property(conn.intern_atom("_NET_ACTIVE_WINDOW"), Xatom.WINDOW, 32, [0x3FFFFF])
    conn.flush()
    try:
        assert X11Fullscreen().busy() is None
    finally:
        root.delete_property(conn.intern_atom("_NET_ACTIVE_WINDOW"))
        conn.flush()
        conn.close()
