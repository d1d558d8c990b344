"""deskbreak on GNOME Shell 43 (Wayland) with gnome-session, started headless once for this
module. Input goes through Mutter's RemoteDesktop (Desktop.move); idle time is Mutter's
IdleMonitor (GNOME 43 offers no Wayland idle protocol); inhibitors are gnome-session's own."""

from __future__ import annotations

import datetime
import itertools
import os
import signal
import subprocess

from deskbreak.platform.busy.base import AnyBusy
from deskbreak.platform.busy.choose import choose_busy_probe
from deskbreak.platform.busy.gnome_inhibit import GnomeIdleInhibited
from deskbreak.platform.idle.choose import choose_idle_source
from deskbreak.platform.idle.dbus_idle import GNOME, DBusIdle
from deskbreak.platform.session import Session, current
from tests.desktop import rig, wayland_checks


def inhibit_idle(gnome) -> subprocess.Popen:  # type: ignore[type-arg]
    """gnome-session-inhibit holding idle, as a video player would, until it is ended."""
    holder = subprocess.Popen(["gnome-session-inhibit", "--inhibit", "idle", "--reason", "a video", "sleep", "600"], env=gnome.env)
    rig.poll(
        lambda: (
            "true"
            in gnome.run(
                "gdbus",
                "call",
                "--session",
                "-d",
                "org.gnome.SessionManager",
                "-o",
                "/org/gnome/SessionManager",
                "-m",
                "org.gnome.SessionManager.IsInhibited",
                "8",
            ).stdout
        ),
        what="gnome-session to hold idle",
    )
    return holder


def test_idle_comes_from_mutter_because_gnome_offers_no_wayland_idle_protocol(gnome, monkeypatch):
    gnome.enter(monkeypatch)
    chosen = choose_idle_source(current())
    try:
        assert chosen.candidate == "gnome"
        assert dict(chosen.rejected)["wayland"].startswith("the compositor offers no idle protocol")
    finally:
        chosen.adapter.close()


def test_idle_time_grows_without_input_and_resets_on_remote_desktop_input(gnome, monkeypatch):
    gnome.enter(monkeypatch)
    source = DBusIdle(GNOME)
    try:
        wayland_checks.idle_grows_without_input_and_resets_on_input(gnome, source)
    finally:
        source.close()


def test_the_daemon_logs_a_natural_break_after_break_after_idle_without_input(gnome, daemon_inside):
    wayland_checks.natural_break_after_idle(gnome, daemon_inside, "GNOME Mutter IdleMonitor")


def test_an_idle_inhibitor_is_busy_only_while_it_is_held(gnome, monkeypatch):
    gnome.enter(monkeypatch)
    probe = GnomeIdleInhibited()
    assert probe.busy() is None
    holder = inhibit_idle(gnome)
    try:
        assert probe.busy() == "inhibit"
    finally:
        rig.end(holder)
    rig.poll(lambda: probe.busy() is None, what="the inhibitor to be released")


def test_on_x11_with_gnome_both_fullscreen_and_inhibitors_are_watched(gnome, desktop_env, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", gnome.env["DBUS_SESSION_BUS_ADDRESS"])
    x11 = Session("x11", "gnome", x_display=desktop_env["DISPLAY"], bus=True)  # the rig's Xvfb, GNOME's bus
    chosen = choose_busy_probe(("fullscreen", "inhibit"), session=x11)
    assert isinstance(chosen.adapter, AnyBusy)
    assert chosen.adapter.name == "x11 fullscreen window (EWMH) + idle inhibitor (org.gnome.SessionManager)"
    holder = inhibit_idle(gnome)
    try:
        assert chosen.adapter.busy() == "inhibit"
    finally:
        rig.end(holder)


def test_an_inhibitor_holds_a_due_reminder_back_and_it_comes_when_released(gnome, daemon_inside):
    holder = inhibit_idle(gnome)
    try:
        daemon = daemon_inside(gnome, wayland_checks.DUE_SOON.format(notifier="console"))
        daemon.wait_for_event("deferred")
        deferred = next(e for e in daemon.events() if e["event"] == "deferred")
        assert deferred["reason"] == "inhibit"
        assert "reminder_shown" not in daemon.kinds()
    finally:
        rig.end(holder)
    daemon.wait_for_event("reminder_shown")
    assert daemon.kinds().count("deferred") == 1  # logged when the wait began, not on every sample


def test_presence_by_events_idle_begins_and_ends_within_a_second(gnome, daemon_inside):
    places = itertools.cycle([(300, 300), (340, 320)])
    wayland_checks.presence_by_events(gnome, daemon_inside, lambda: gnome.move(*next(places)))


def test_doctor_names_gnome_its_adapters_and_why_not_the_others(gnome, tmp_path):
    out = wayland_checks.doctor(gnome, tmp_path)
    assert "session Wayland (gnome)" in out
    assert "session bus (GNOME Mutter IdleMonitor)" in out
    assert "not wayland: the compositor offers no idle protocol" in out
    assert "idle inhibitor (org.gnome.SessionManager); now: not busy" in out
    assert "sway-fullscreen: not a sway session" in out
    assert "gnome-shell 43" in out


def test_a_session_manager_that_stops_answering_for_a_while_does_not_let_a_held_reminder_through(gnome, daemon_inside):
    """The cause of an earlier flaky test: under load one IsInhibited call outlasted its 1 s
    timeout, the reading failed, and the daemon took that as not busy and showed the reminder.
    Here gnome-session is stopped (SIGSTOP) for a few samples while it holds idle."""
    gsm = int((gnome.state / "gsm.pid").read_text())
    holder = inhibit_idle(gnome)
    try:
        daemon = daemon_inside(gnome, wayland_checks.DUE_SOON.format(notifier="console"))
        daemon.wait_for_event("deferred")
        os.kill(gsm, signal.SIGSTOP)
        try:
            rig.poll(lambda: _error(daemon, "busy") is not None, timeout=20, what="the busy reading to fail")
            rig.poll(lambda: _seconds_since(daemon, _error(daemon, "busy")) >= 3, what="three more samples")
        finally:
            os.kill(gsm, signal.SIGCONT)
        assert "reminder_shown" not in daemon.kinds()
    finally:
        rig.end(holder)
    daemon.wait_for_event("reminder_shown")


def _error(daemon, where: str) -> dict | None:
    return next((e for e in daemon.events() if e["event"] == "error" and e["where"] == where), None)


def _seconds_since(daemon, event) -> float:
    """Seconds since a logged event, on the daemon's clock; with sample_every = 1 s, about the samples taken since."""
    return (daemon.wall() - datetime.datetime.fromisoformat(event["ts"])).total_seconds()
