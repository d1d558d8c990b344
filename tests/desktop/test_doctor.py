"""`deskbreak doctor` names every piece and says what to do about problems."""

from __future__ import annotations

import subprocess
import sys

from tests.daemon.harness import isolated_env
from tests.desktop.rig import end_speech_dispatcher, poll

PIECES = ("config", "event log", "session", "break window", "idle time", "notifications", "tray", "autostart", "daemon")


def doctor(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deskbreak", "doctor"], env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )


def lines_for(output: str) -> dict[str, str]:
    found = {}
    for line in output.splitlines():
        for piece in PIECES:
            if line[8:].startswith(piece + " "):
                found[piece] = line
    return found


def test_on_the_full_desktop_every_piece_is_ok_but_the_missing_daemon(desktop_env, dunst, tray_host, tmp_path):
    env = isolated_env(tmp_path, display=True)
    run = doctor(env)
    lines = lines_for(run.stdout)
    assert set(lines) == set(PIECES), run.stdout
    for piece in ("config", "event log", "session", "break window", "idle time", "notifications", "tray", "autostart"):
        assert lines[piece].startswith("ok"), lines[piece]
    assert "dunst" in lines["notifications"] and "BUTTONS" in lines["notifications"]
    assert "no buttons drawn, the text says how to snooze or skip" in lines["notifications"]
    assert "x11" in lines["idle time"]
    assert lines["daemon"].startswith("problem") and "deskbreak run" in run.stdout
    assert run.returncode == 1


def test_headless_doctor_says_what_is_missing_and_what_to_do(tmp_path):
    run = doctor(isolated_env(tmp_path, display=False))
    lines = lines_for(run.stdout)
    assert lines["session"].startswith("problem") and lines["break window"].startswith("problem")
    assert lines["notifications"].startswith("problem")
    assert lines["tray"].startswith("problem")
    assert run.stdout.count("->") >= 4
    assert run.returncode == 1


def test_doctor_notify_puts_a_real_test_notification_on_screen(desktop_env, dunst, tray_host, tmp_path):
    env = isolated_env(tmp_path, display=True)
    run = subprocess.run(
        [sys.executable, "-m", "deskbreak", "doctor", "--notify"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    line = lines_for(run.stdout)["notifications"]
    assert line.startswith("ok") and "a test notification was sent" in line, run.stdout
    poll(lambda: dunst.displayed() == 1, what="the test notification on screen")
    dunst.close_all()
    poll(lambda: bool(dunst.history()), what="the test notification in dunst's history")
    assert dunst.history()[0]["summary"] == "deskbreak can reach you"


def test_doctor_checks_the_notifier_and_tray_the_config_chooses(desktop_env, dunst, tray_host, tmp_path):
    env = isolated_env(tmp_path, display=True)
    config = tmp_path / "deskbreak.toml"
    config.write_text('[desktop]\nnotifier = "console"\ntray = "none"\n')
    env["DESKBREAK_CONFIG"] = str(config)
    run = doctor(env)
    lines = lines_for(run.stdout)
    assert lines["notifications"].startswith("problem") and "as the config's notifier says" in lines["notifications"]
    assert lines["tray"].startswith("problem")
    assert 'set notifier = "auto"' in run.stdout and 'set tray = "auto"' in run.stdout
    assert dunst.displayed() == 0


def test_doctor_says_whether_the_routine_can_speak_and_play_sounds_here(desktop_env, sound, tmp_path):
    env = {**isolated_env(tmp_path, display=True), "PULSE_SERVER": sound.server}
    try:
        lines = {line[8:].split()[0]: line for line in doctor(env).stdout.splitlines() if line[8:].startswith(("speech ", "sound "))}
        assert lines["speech"].startswith("ok") and "speech-dispatcher answers; the full routine is guided aloud" in lines["speech"]
        assert lines["sound"].startswith("ok") and "through paplay from the freedesktop sound theme" in lines["sound"]
        quiet = {**env, "PULSE_SERVER": f"unix:{tmp_path / 'no-server'}"}
        (tmp_path / "config" / "deskbreak").mkdir(parents=True)
        (tmp_path / "config" / "deskbreak" / "config.toml").write_text('[routines]\nvoice = "off"\n')
        run = doctor(quiet)
        assert "ok      speech" in run.stdout and 'off in the config (voice = "off")' in run.stdout
        assert "problem sound" in run.stdout and "no sound server answers" in run.stdout and "or set sound = false" in run.stdout
    finally:
        end_speech_dispatcher(tmp_path / "runtime")
