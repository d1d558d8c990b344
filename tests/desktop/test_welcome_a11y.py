"""The first-run welcome through the accessibility bus alone, on a fresh home: it writes the
config, "Show me a reminder now" reaches the rig's notification server (dunst), and on a session
without a tray host it says so and what to do."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from tests.daemon.harness import isolated_env, wait_until
from tests.desktop import rig
from tests.desktop.test_settings_window_a11y import SettingsWindow

EXAMPLE = resources.files("deskbreak.config").joinpath("example.toml").read_text(encoding="utf-8")
NO_TRAY_START = "No tray host is running here"


class WelcomeWindow(SettingsWindow):
    """`deskbreak welcome` on a fresh home, with Qt's accessibility bridge on."""

    def __init__(self, root: Path, bus: rig.AccessibilityBus) -> None:
        self.bus = bus
        self.config = root / "config" / "deskbreak" / "config.toml"
        env = {**isolated_env(root, display=True), "DBUS_SESSION_BUS_ADDRESS": bus.env["DBUS_SESSION_BUS_ADDRESS"]}
        env.pop("NO_AT_BRIDGE", None)
        env["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
        env["PYTHONFAULTHANDLER"] = "1"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "deskbreak", "welcome"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_until(lambda: "Next" in self.names("push button"), timeout=30, what="the welcome on the accessibility bus")

    def no_tray_said(self) -> bool:
        return any(label.startswith(NO_TRAY_START) for label in self.names("label"))


@pytest.fixture
def welcome(a11y_bus, tmp_path):
    opened: list[WelcomeWindow] = []

    def open_() -> WelcomeWindow:
        opened.append(WelcomeWindow(tmp_path, a11y_bus))
        return opened[-1]

    yield open_
    for window in opened:
        window.stop()


def test_the_welcome_sets_the_sit_limit_and_hours_shows_a_reminder_and_writes_the_documented_config(welcome, dunst, tray_host):
    w = welcome()
    assert not w.config.exists()
    assert "deskbreak reminds you to get up" in w.names("label")
    w.press(r"^Next$")
    w.set(r"^Sit limit$", "45")
    w.press(r"^Work hours: add a span$")
    wait_until(lambda: "Work hours, span 1: from" in w.names("text"), what="the new span's fields")
    w.set(r"^Work hours, span 1: from$", "08:30")
    w.set(r"^Work hours, span 1: to$", "17:00")
    w.press(r"^Next$")
    wait_until(lambda: "Finish" in w.names("push button"), what="the last screen")
    w.press(r"^Show me a reminder now$")
    rig.poll(lambda: dunst.displayed() == 1, what="the test reminder on screen", timeout=20)
    dunst.ctl("close-all")
    rig.poll(lambda: bool(dunst.history()), what="the test reminder in dunst's history")
    assert dunst.history()[0]["summary"] == "deskbreak can reach you"
    assert not w.no_tray_said()  # trayer is the tray host
    w.press(r"^Start deskbreak with the session$")  # ticked where autostart is possible: untick it
    w.press(r"^Finish$")
    code, said = w.ended()
    assert code == 0, said
    assert w.config.read_text() == EXAMPLE.replace('sit_limit = "50m"', 'sit_limit = "45m"').replace(
        "work_hours = []", 'work_hours = ["08:30-17:00"]'
    )


def test_without_a_tray_host_the_welcome_says_so_and_skip_writes_the_defaults_in_one_click(welcome, tray_host):
    tray_host.stop()
    try:
        rig.poll(lambda: not rig.window_ids("trayer", tray_host.env), what="trayer to go")
        w = welcome()
        assert w.no_tray_said()
        said = next(label for label in w.names("label") if label.startswith(NO_TRAY_START))
        assert "AppIndicator extension" in said and "application menu" in said and "tray module" in said
        w.press(r"^Skip")
        code, said = w.ended()
        assert code == 0, said
        assert w.config.read_text() == EXAMPLE
    finally:
        tray_host.start()


def test_the_application_menu_entry_shows_the_welcome_on_a_fresh_home_and_then_starts_deskbreak(a11y_bus, dunst, tmp_path):
    env = {**isolated_env(tmp_path, display=True), "DBUS_SESSION_BUS_ADDRESS": a11y_bus.env["DBUS_SESSION_BUS_ADDRESS"]}
    env.pop("NO_AT_BRIDGE", None)
    env["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
    opened = subprocess.Popen(
        [sys.executable, "-m", "deskbreak", "open"], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "deskbreak", *args], env=env, capture_output=True, text=True, timeout=30)

    def welcome_shown() -> bool:
        return "Skip, use the defaults" in [name for app, _role, name, _depth in a11y_bus.tree(of=opened.pid) if app == "deskbreak"]

    try:
        wait_until(welcome_shown, timeout=30, what="the welcome")
        assert cli("status").returncode != 0  # the daemon waits for the welcome
        a11y_bus.press(r"^Skip", of=opened.pid)
        wait_until(lambda: cli("status").returncode == 0, timeout=30, what="deskbreak to start after the welcome")
        assert (tmp_path / "config" / "deskbreak" / "config.toml").read_text() == EXAMPLE
    finally:
        cli("stop")
        try:
            opened.wait(20)
        except subprocess.TimeoutExpired:
            opened.kill()
            opened.wait(5)
