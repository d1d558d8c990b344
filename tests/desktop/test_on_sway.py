"""deskbreak on sway 1.7 (Wayland, wlroots), the real compositor started headless once for this
module, with mako for notifications. Input is the wlroots virtual pointer (Desktop.move)."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from deskbreak.platform.busy.choose import choose_busy_probe
from deskbreak.platform.idle.wayland_idle import WaylandIdle
from deskbreak.platform.session import current
from tests.desktop import reminder_checks as wr
from tests.desktop import rig, wayland_checks

WINDOW = Path(__file__).parent / "fullscreen_window.py"
SAMPLE_S = 3
DUE_SOON_SLOWER = wayland_checks.DUE_SOON.replace('sample_every = "1s"', f'sample_every = "{SAMPLE_S}s"')


def _fullscreen_on_screen(sway) -> bool:
    tree = json.loads(sway.run("swaymsg", "-t", "get_tree", "-r").stdout)
    stack = [tree]
    while stack:
        node = stack.pop()
        if node.get("fullscreen_mode") and node.get("name") == "deskbreak-test-fullscreen":
            return True
        stack += node.get("nodes", []) + node.get("floating_nodes", [])
    return False


def _mako_summaries(sway) -> list[str]:
    listed = json.loads(sway.run("makoctl", "list").stdout)
    return [n["summary"]["data"] for n in listed["data"][0]]


def test_the_session_is_wayland_on_sway_without_xwayland(sway, monkeypatch):
    sway.enter(monkeypatch)
    session = current()
    assert session.kind == "wayland" and session.desktop == "sway" and session.sway_socket
    assert session.window == "wayland" and session.qt_platform == "wayland" and not session.no_window


def test_idle_time_grows_without_input_and_resets_on_pointer_motion(sway, monkeypatch):
    sway.enter(monkeypatch)
    source = WaylandIdle(resolution_s=1.0)
    try:
        # wlroots 0.15 has no ext_idle_notifier_v1
        assert source.name == "wayland compositor (org_kde_kwin_idle), input by its resumed events"
        wayland_checks.idle_grows_without_input_and_resets_on_input(sway, source)
    finally:
        source.close()


def test_the_daemon_logs_a_natural_break_after_break_after_idle_without_input(sway, daemon_inside):
    wayland_checks.natural_break_after_idle(sway, daemon_inside, "org_kde_kwin_idle")


def test_a_fullscreen_view_is_busy_while_it_is_on_screen(sway, monkeypatch):
    sway.enter(monkeypatch)
    chosen = choose_busy_probe(("fullscreen",))
    assert chosen.candidate == "fullscreen" and chosen.adapter.name == "sway fullscreen view (IPC)"
    assert chosen.adapter.busy() is None
    window = subprocess.Popen([sys.executable, str(WINDOW)], env=sway.env)
    try:
        rig.poll(lambda: chosen.adapter.busy() == "fullscreen", timeout=20, what="sway to report the fullscreen view")
    finally:
        rig.end(window)
    rig.poll(lambda: chosen.adapter.busy() is None, what="the fullscreen view to end")
    chosen.adapter.close()


def test_a_fullscreen_view_holds_a_due_reminder_back_and_it_comes_when_the_view_ends(sway, daemon_inside):
    window = subprocess.Popen([sys.executable, str(WINDOW)], env=sway.env)
    try:
        rig.poll(lambda: _fullscreen_on_screen(sway), timeout=20, what="the window to go fullscreen")
        daemon = daemon_inside(sway, wayland_checks.DUE_SOON.format(notifier="console"))
        daemon.wait_for_event("deferred")
        deferred = next(e for e in daemon.events() if e["event"] == "deferred")
        assert deferred["reason"] == "fullscreen"
        assert "reminder_shown" not in daemon.kinds()
    finally:
        rig.end(window)
    daemon.wait_for_event("reminder_shown")


def test_mako_do_not_disturb_holds_a_due_reminder_back_and_it_reaches_mako_within_a_sample_of_its_end(sway, daemon_inside):
    sway.run("makoctl", "dismiss", "--all")
    sway.run("makoctl", "mode", "-a", "do-not-disturb")
    try:
        daemon = daemon_inside(sway, DUE_SOON_SLOWER.format(notifier="desktop"))
        daemon.wait_for_event("deferred")
        assert next(e for e in daemon.events() if e["event"] == "deferred")["reason"] == "dnd: mako do-not-disturb mode"
        assert "Do Not Disturb is on (mako do-not-disturb mode)" in daemon.cli("status").stdout
        assert "reminder_shown" not in daemon.kinds() and _mako_summaries(sway) == []
    finally:
        sway.run("makoctl", "mode", "-r", "do-not-disturb")
    ended = daemon.wall().timestamp()
    daemon.wait_for_event("reminder_shown")
    rig.poll(lambda: "Time for an upper-back break" in _mako_summaries(sway), what="the reminder on mako")
    shown = next(e for e in daemon.events() if e["event"] == "reminder_shown")
    # the first sample after the mode ends, not the second; log times are whole seconds, cut down
    assert datetime.fromisoformat(shown["ts"]).timestamp() - ended < SAMPLE_S + 1.5
    assert [e["event"] for e in daemon.events()].count("deferred") == 1


def test_start_break_without_xwayland_opens_the_window_natively_and_closing_it_abandons_the_break(sway, daemon_inside):
    daemon = daemon_inside(sway, wayland_checks.DUE_SOON.format(notifier="desktop"))
    daemon.wait_for_event("reminder_shown")
    rig.poll(lambda: "Time for an upper-back break" in _mako_summaries(sway), what="the reminder on mako")
    sway.run("makoctl", "invoke", "default")  # a click on the reminder: Start break
    daemon.wait_for_event("break_started")
    window = wr.wait_for_sway_window(sway)
    assert window["shell"] == "xdg_shell"  # a Wayland client: sway runs no XWayland here
    assert "break_not_shown" not in daemon.kinds()
    wr.close_window(sway, "")
    daemon.wait_for_event("break_abandoned")
    rig.poll(lambda: not wr.sway_windows(sway), what="the routine window to go")


def test_doctor_names_sway_its_adapters_and_why_not_the_others(sway, tmp_path):
    out = wayland_checks.doctor(sway, tmp_path)
    assert "session Wayland (sway)" in out and "no XWayland" in out
    assert "wayland compositor (org_kde_kwin_idle)" in out
    assert "not x11: a Wayland session: XWayland sees only X clients" in out
    assert "sway fullscreen view (IPC); now: not busy" in out
    assert "gnome-inhibit: no GNOME session manager" in out
    assert "break window Qt on wayland" in out


def test_presence_by_events_idle_begins_and_ends_within_a_second(sway, daemon_inside):
    places = itertools.cycle([(200, 200), (240, 220)])
    wayland_checks.presence_by_events(sway, daemon_inside, lambda: sway.move(*next(places)))
