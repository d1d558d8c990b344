"""Never interrupt a call: on the rig's real PulseAudio and dunst, a due reminder waits while
the microphone is recorded, a camera is held open or Do Not Disturb is on, and comes as soon as
the call ends. No kernel video device can be made here, so the camera probe is given a
stand-in path that a real process holds open."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime

from Xlib import Xatom, display

from deskbreak.platform.busy.camera import CameraInUse
from deskbreak.platform.busy.choose import choose_busy_probe, probe_reports
from deskbreak.platform.busy.dnd import desktop_dnd
from deskbreak.platform.busy.meeting_windows import MeetingWindows
from deskbreak.platform.busy.microphone import PulseMicrophone
from tests.desktop.rig import poll

SAMPLE_S = 3
SHORT = f"""
[reminders]
sit_limit = "2s"
renotify_every = "1h"
[presence]
sample_every = "{SAMPLE_S}s"
"""


def deferred(daemon) -> list[dict]:
    return [e for e in daemon.events() if e["event"] == "deferred"]


def sitting_s(daemon) -> int:
    return json.loads(daemon.cli("status", "--json").stdout)["status"]["sitting_s"]


def shown_at(daemon) -> float:
    shown = [e for e in daemon.events() if e["event"] == "reminder_shown"][0]
    return datetime.fromisoformat(shown["ts"]).timestamp()


def test_a_recording_client_is_a_call_and_a_monitor_a_level_bar_or_a_paused_stream_is_not(sound):
    probe = PulseMicrophone()
    assert probe.busy() is None
    monitor = sound.record("LevelMeter", device="rig_speaker.monitor")  # a visualiser or screen recorder
    assert probe.busy() is None
    sound.open_stream("peak", "VolumeControl")  # a level bar on the microphone itself
    assert "Resample method: peaks" in sound.pactl("list", "source-outputs").stdout
    assert probe.busy() is None
    sound.open_stream("corked", "PausedRecorder")
    assert "Corked: yes" in sound.pactl("list", "source-outputs").stdout
    assert probe.busy() is None
    call = sound.record("FakeMeet")
    assert probe.busy() == "microphone: FakeMeet"
    sound.stop_recording(call, "FakeMeet")
    assert probe.busy() is None
    sound.stop_recording(monitor, "LevelMeter")


def test_a_meeting_app_counts_even_when_it_only_records_a_monitor(sound):
    sound.record("FakeZoom", device="rig_speaker.monitor")
    assert PulseMicrophone(meeting_apps=("fakezoom",)).busy() == "meeting app: FakeZoom"
    assert PulseMicrophone(meeting_apps=("teams",)).busy() is None


def test_without_a_sound_server_the_microphone_probe_says_why(desktop_env, monkeypatch, tmp_path):
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'nothing'}")
    report = next(r for r in probe_reports() if r.kind == "microphone")
    assert not report.works and "no PulseAudio or PipeWire sound server" in report.detail
    assert PulseMicrophone(check=False).busy() is None  # the daemon's probe: no server, no call


def test_a_process_holding_the_camera_is_a_call(tmp_path):
    device = tmp_path / "video0"  # a stand-in: no kernel video device can exist here
    device.write_bytes(b"")
    probe = CameraInUse(str(tmp_path / "video*"))
    assert probe.busy() is None
    with device.open("rb") as held:
        holder = subprocess.Popen(["sleep", "60"], stdin=held)
    try:
        poll(lambda: probe.busy() is not None, what="the camera probe to see the holder")
        assert probe.busy() == "camera: sleep"
    finally:
        holder.terminate()
        holder.wait(5)
    assert probe.busy() is None


def test_dunst_paused_is_do_not_disturb(dunst):
    probe = desktop_dnd()
    assert probe.name == "do not disturb (dunst)"
    assert probe.busy() is None
    dunst.ctl("set-paused", "true")
    try:
        assert probe.busy() == "dnd: dunst paused"
    finally:
        dunst.ctl("set-paused", "false")
    assert probe.busy() is None


def test_each_kind_can_be_turned_off(sound, dunst):
    chosen = choose_busy_probe(defer_on=("fullscreen",))
    assert chosen.candidate == "fullscreen"
    assert dict(chosen.rejected)["microphone"] == "turned off in the config (desktop.defer_on)"
    sound.record("FakeMeet")
    assert chosen.adapter.busy() is None


def test_the_daemon_holds_the_reminder_through_a_call_and_shows_it_within_a_sample_of_its_end(sound, desktop_daemon, dunst):
    call = sound.record("FakeMeet")
    daemon = desktop_daemon(SHORT)
    daemon.wait_for_event("deferred")
    assert deferred(daemon)[0]["reason"] == "microphone: FakeMeet"
    status = daemon.cli("status")
    assert "waiting: you are in a call — microphone in use by FakeMeet" in status.stdout, status.stdout
    sat = sitting_s(daemon)
    poll(lambda: sitting_s(daemon) > sat, what="sitting time to keep counting during the call")
    assert "reminder_shown" not in daemon.kinds() and dunst.displayed() == 0
    sound.stop_recording(call, "FakeMeet")
    ended = daemon.wall().timestamp()
    daemon.wait_for_event("reminder_shown")
    poll(lambda: dunst.displayed() == 1, what="the reminder on dunst")
    # the first sample after the call, not the second; log times are whole seconds, cut down
    assert shown_at(daemon) - ended < SAMPLE_S + 1.5
    assert len(deferred(daemon)) == 1
    stats = json.loads(daemon.cli("stats", "--today", "--json").stdout)
    assert stats["deferred"] == 1 and stats["deferred_by_reason"] == {"microphone": 1}


def test_dunst_paused_holds_reminders_back_until_it_is_unpaused(desktop_daemon, dunst):
    dunst.ctl("set-paused", "true")
    try:
        daemon = desktop_daemon(SHORT)
        daemon.wait_for_event("deferred")
        assert deferred(daemon)[0]["reason"] == "dnd: dunst paused"
        assert "Do Not Disturb is on (dunst paused)" in daemon.cli("status").stdout
    finally:
        dunst.ctl("set-paused", "false")
    daemon.wait_for_event("reminder_shown")
    poll(lambda: dunst.displayed() == 1, what="the reminder on dunst")


def test_doctor_lists_every_probe_and_why_one_cannot_work(sound, dunst, tmp_path):
    from tests.daemon.harness import Daemon

    daemon = Daemon(tmp_path, config="", display=True)
    result = daemon.cli("doctor")
    lines = {
        line.split()[3].rstrip(":") if "hold back:" in line else "": line for line in result.stdout.splitlines() if "hold back:" in line
    }
    assert set(lines) == {"fullscreen", "inhibit", "microphone", "camera", "dnd", "meeting"}, result.stdout
    assert "microphone (pulseaudio recording streams); now: not busy" in lines["microphone"]
    assert "do not disturb (dunst); now: not busy" in lines["dnd"]
    assert "not here: gnome-inhibit: no GNOME session manager" in lines["inhibit"]
    assert "not here: no meeting_apps in the config" in lines["meeting"]


def test_a_meeting_apps_window_is_a_call(desktop_env):
    """Xvfb has no window manager, so the test lists the window in _NET_CLIENT_LIST as one would."""
    conn = display.Display()
    root = conn.screen().root
    clients = conn.intern_atom("_NET_CLIENT_LIST")
    window = root.create_window(0, 0, 200, 100, 0, conn.screen().root_depth)
    try:
        window.set_wm_class("zoom_linux_float_video_window", "zoom")
        root.change_property(clients, Xatom.WINDOW, 32, [window.id])
        conn.flush()
        assert MeetingWindows(("Zoom",)).busy() == "meeting app: zoom"
        assert MeetingWindows(("teams",)).busy() is None
        root.change_property(clients, Xatom.WINDOW, 32, [])
        conn.flush()
        assert MeetingWindows(("zoom",)).busy() is None
    finally:
        root.delete_property(clients)
        window.destroy()
        conn.close()
