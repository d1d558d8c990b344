"""No tray host on the desktop: the daemon runs on, and its icon docks once a tray appears; a tray
that cannot work here is passed over with the reason."""

from __future__ import annotations

import json

from deskbreak.config.settings import Settings
from deskbreak.platform.tray.choose import choose_tray
from tests.daemon.harness import Daemon, wait_until
from tests.desktop import tray_driver as tray
from tests.desktop.rig import window_ids

CALM = """
[reminders]
sit_limit = "1h"
[presence]
sample_every = "1s"
"""


def test_without_a_tray_host_the_daemon_runs_and_docks_when_one_appears(desktop_daemon, tray_host):
    tray_host.stop()
    wait_until(lambda: not window_ids("^panel$"), what="trayer to go")
    daemon = desktop_daemon(CALM)
    assert daemon.cli("pause", "30m").returncode == 0
    assert json.loads(daemon.cli("status", "--json").stdout)["status"]["phase"] == "paused"
    assert not tray.is_docked()
    tray_host.start()
    wait_until(tray.is_docked, what="the icon to dock in the new tray")
    assert daemon.proc.poll() is None


def test_a_session_bus_without_a_watcher_or_display_gives_an_sni_item_waiting_for_a_host(desktop_env, monkeypatch):
    from deskbreak.platform.tray.choose import WAITING

    monkeypatch.delenv("DISPLAY", raising=False)
    chosen = choose_tray(Settings(), lambda message: None)
    chosen.adapter.stop()
    assert chosen.candidate == WAITING and chosen.adapter.name == "StatusNotifierItem" and chosen.adapter.waiting
    assert dict(chosen.rejected) == {
        "sni": "no StatusNotifierWatcher on the session bus (no SNI tray host is running)",
        "pystray": "no X display (DISPLAY is not set, or its socket is gone) for an XEmbed tray",
    }


def test_the_gtk_tray_without_a_session_bus_is_passed_over_and_the_daemon_still_stops(tray_host, tmp_path):
    """pystray's GTK backends fail as they start without a session bus, and then kept the
    daemon from exiting; now they are refused up front, like any tray that cannot work here."""
    daemon = Daemon(tmp_path, config=f'{CALM}[desktop]\nnotifier = "console"\ntray = "gtk"\n', display=True)
    daemon.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    try:
        daemon.start()
        assert daemon.events()[0]["tray"] == "none"
        assert "pystray's GTK backends need" in daemon.output()
    finally:
        daemon.stop()
    assert daemon.proc is not None and daemon.proc.wait(0) == 0
    assert daemon.events()[-1] == {**daemon.events()[-1], "event": "stopped", "reason": "user"}
