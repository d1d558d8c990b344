"""The session is read from the environment a desktop gives its programs; what it can do, and
which adapters fit it, follow from it (platform/session.py)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from deskbreak.platform.session import X11_UNDER_WAYLAND, Session, current


@pytest.fixture
def runtime(tmp_path: Path) -> Path:
    """An XDG_RUNTIME_DIR with a listening Wayland socket (wayland-7) and a sway IPC socket."""
    for name in ("wayland-7", "sway.sock"):
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(tmp_path / name))
    return tmp_path


def test_wayland_shows_the_window_natively_even_with_xwayland_and_reads_idle_from_the_compositor(runtime):
    env = {
        "WAYLAND_DISPLAY": "wayland-7",
        "XDG_RUNTIME_DIR": str(runtime),
        "DISPLAY": "xwayland.example:0",
        "XDG_CURRENT_DESKTOP": "GNOME",
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nowhere",
    }
    session = current(env, "linux")
    assert (session.kind, session.desktop, session.window, session.qt_platform) == ("wayland", "gnome", "wayland", "wayland")
    idle = dict(session.adapters("idle"))
    assert idle["x11"] == X11_UNDER_WAYLAND and idle["wayland"] is None and idle["gnome"] is None
    assert dict(session.adapters("busy"))["x11-fullscreen"] == X11_UNDER_WAYLAND


def test_wayland_without_xwayland_still_shows_the_window(runtime):
    session = current({"WAYLAND_DISPLAY": "wayland-7", "XDG_RUNTIME_DIR": str(runtime)}, "linux")
    assert (session.window, session.qt_platform, session.no_window) == ("wayland", "wayland", "")
    assert session.describe() == "Wayland on wayland-7, no XWayland"
    assert dict(session.adapters("window"))["qt"] is None
    assert "no session bus" in dict(session.adapters("notify"))["desktop"]


def test_where_the_wayland_socket_is_gone_but_an_x_display_is_there_the_window_uses_x11(runtime):
    """A Wayland desktop whose compositor socket this process cannot reach: XWayland is all there is."""
    session = current({"WAYLAND_DISPLAY": "wayland-gone", "XDG_RUNTIME_DIR": str(runtime), "DISPLAY": "xwayland.example:0"}, "linux")
    assert (session.kind, session.window, session.qt_platform) == ("x11", "x11", "xcb")


def test_with_no_display_at_all_no_window_can_be_shown_and_it_says_so():
    session = current({}, "linux")
    assert session.window is None and session.qt_platform is None and session.no_window.startswith("no display")
    assert dict(session.adapters("window"))["qt"] == session.no_window


def test_a_wayland_display_whose_socket_is_gone_is_no_session(tmp_path):
    assert current({"WAYLAND_DISPLAY": "wayland-7", "XDG_RUNTIME_DIR": str(tmp_path)}, "linux").kind == "none"


def test_sway_fullscreen_fits_only_where_swaysock_is_a_live_socket(runtime):
    base = {"WAYLAND_DISPLAY": str(runtime / "wayland-7")}
    assert current({**base, "SWAYSOCK": str(runtime / "sway.sock")}, "linux").sway_socket
    missing = current({**base, "SWAYSOCK": str(runtime / "gone.sock")}, "linux")
    assert "not a sway session" in dict(missing.adapters("busy"))["sway-fullscreen"]


def test_an_x11_session_uses_x11_for_idle_fullscreen_and_the_window():
    session = Session("x11", "xfce", x_display=":5", bus=True)
    assert session.window == "x11"
    assert dict(session.adapters("idle")) == {
        "x11": None,
        "wayland": "not a Wayland session (WAYLAND_DISPLAY is not set)",
        "gnome": "an X11 session: the X server tells idle time",
        "screensaver": None,
    }
    assert dict(session.adapters("busy"))["x11-fullscreen"] is None


def test_a_stale_display_whose_socket_is_gone_is_no_display():
    assert current({"DISPLAY": ":987"}, "linux").kind == "none"


def test_macos_and_windows_show_windows_and_notifications_natively():
    for platform, kind in (("darwin", "macos"), ("win32", "windows")):
        session = current({}, platform)
        assert session.kind == kind and session.window == kind
        assert dict(session.adapters("notify"))["desktop"] is None
        assert "not available on" in dict(session.adapters("idle"))["x11"]
