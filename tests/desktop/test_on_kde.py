"""deskbreak on KDE Plasma 5.27 (Wayland), KWin and plasmashell started headless once for this
module. Input is KWin's fake input (Desktop.move). On Wayland, org.freedesktop.ScreenSaver's
GetSessionIdleTime answers NotSupported, so presence comes from KWin's idle protocol."""

from __future__ import annotations

import itertools

from deskbreak.platform.idle.choose import choose_idle_source
from deskbreak.platform.idle.wayland_idle import WaylandIdle
from deskbreak.platform.session import current
from tests.desktop import wayland_checks


def test_the_session_is_wayland_on_kde_and_idle_comes_from_kwin(kde, monkeypatch):
    kde.enter(monkeypatch)
    session = current()
    assert session.kind == "wayland" and session.desktop == "kde"
    chosen = choose_idle_source(session)
    try:
        assert chosen.candidate == "wayland" and chosen.adapter.name == (
            "wayland compositor (ext_idle_notifier_v1), input by its resumed events"
        )
    finally:
        chosen.adapter.close()


def test_idle_time_grows_without_input_and_resets_on_fake_input(kde, monkeypatch):
    kde.enter(monkeypatch)
    source = WaylandIdle(resolution_s=1.0)
    try:
        wayland_checks.idle_grows_without_input_and_resets_on_input(kde, source)
    finally:
        source.close()


def test_the_daemon_logs_a_natural_break_after_break_after_idle_without_input(kde, daemon_inside):
    wayland_checks.natural_break_after_idle(kde, daemon_inside, "ext_idle_notifier_v1")


def test_presence_by_events_idle_begins_and_ends_within_a_second(kde, daemon_inside):
    places = itertools.cycle([(300, 300), (340, 320)])
    wayland_checks.presence_by_events(kde, daemon_inside, lambda: kde.move(*next(places)))


def test_doctor_names_kde_its_adapters_and_why_not_the_others(kde, tmp_path):
    out = wayland_checks.doctor(kde, tmp_path)
    assert "session Wayland (kde)" in out
    assert "wayland compositor (ext_idle_notifier_v1)" in out
    assert "not x11: a Wayland session: XWayland sees only X clients" in out
    assert "sway-fullscreen: not a sway session" in out
    assert "Plasma" in out  # the notification server


def test_plasmas_do_not_disturb_holds_reminders_back_while_an_inhibition_is_held(kde, monkeypatch):
    """Plasma's Do Not Disturb is its notification server's `Inhibited` property; an application
    (a presentation, a call) inhibits it for as long as its bus connection holds the cookie."""
    from deskbreak.platform.busy.dnd import NOTIFICATIONS, NOTIFICATIONS_PATH, desktop_dnd
    from deskbreak.platform.dbus_sync import SyncBus
    from tests.desktop import rig

    kde.enter(monkeypatch)
    probe = desktop_dnd()
    assert probe.name == "do not disturb (Plasma)" and probe.busy() is None
    holder = SyncBus()
    try:
        (cookie,) = holder.call(
            NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS, "Inhibit", "ssa{sv}", ["deskbreak-tests", "a presentation", {}]
        )
        rig.poll(lambda: probe.busy() == "dnd: KDE", what="Plasma's Do Not Disturb to be on")
        holder.call(NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS, "UnInhibit", "u", [cookie])
    finally:
        holder.close()
    rig.poll(lambda: probe.busy() is None, what="Plasma's Do Not Disturb to be off again")
