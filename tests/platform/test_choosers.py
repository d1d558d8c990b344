"""Adapters are chosen by probing, and every rejected candidate says why."""

from deskbreak.config.settings import Settings
from deskbreak.platform.busy import choose_busy_probe
from deskbreak.platform.choice import Unavailable, first_available
from deskbreak.platform.idle.choose import choose_idle_source
from deskbreak.platform.tray.choose import choose_tray


def test_first_available_keeps_the_reason_of_each_rejected_candidate():
    def broken():
        raise Unavailable("no server here")

    def missing():
        raise ImportError("no module", name="gi")

    chosen = first_available([("a", broken), ("b", missing), ("c", lambda: "C")], "last")
    assert chosen.adapter == "C" and chosen.candidate == "c"
    assert chosen.rejected == (("a", "no server here"), ("b", "a library is missing (gi)"))


def test_without_a_display_or_bus_idle_time_is_unknown_and_all_time_counts(monkeypatch):
    for key in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(key, raising=False)
    chosen = choose_idle_source()
    assert chosen.adapter.idle_seconds() is None
    assert [name for name, _ in chosen.rejected] == ["x11", "wayland", "gnome", "screensaver"]
    assert "DISPLAY" in chosen.rejected[0][1]


def test_without_a_display_the_tray_is_headless_and_says_why(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    chosen = choose_tray(Settings(), lambda message: None)
    assert chosen.adapter.name == "none"
    assert "no DISPLAY" in chosen.adapter.reason


def test_tray_none_in_the_config_is_headless():
    chosen = choose_tray(Settings(tray="none"), lambda message: None)
    assert chosen.adapter.name == "none" and "config" in chosen.adapter.reason


def test_without_a_display_nothing_is_ever_busy(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    assert choose_busy_probe().adapter.busy() is None
