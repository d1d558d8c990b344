"""The settings window through the accessibility bus alone, as a screen reader or voice control
uses it: fields found by their labels, set through AT-SPI, Save and Cancel pressed; against a real
daemon (tests/daemon/harness.py), which takes the saved settings without a restart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.daemon.harness import Daemon, children, isolated_env, wait_until
from tests.desktop import rig

COMMENTED = """\
# my deskbreak settings: keep this line
[reminders]
# fifty minutes suits me
sit_limit = "50m"  # the default
snooze = "10m"

[presence]
sample_every = "1s"

[schedule]
# office hours, all day for now
work_hours = []

[desktop]
notifier = "console"
tray = "none"
"""


class SettingsWindow:
    """`deskbreak settings` for a daemon's config, with Qt's accessibility bridge on."""

    def __init__(self, daemon: Daemon, bus: rig.AccessibilityBus) -> None:
        self.bus = bus
        env = {**daemon.env, "DBUS_SESSION_BUS_ADDRESS": bus.env["DBUS_SESSION_BUS_ADDRESS"], "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
        env.pop("NO_AT_BRIDGE", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "deskbreak", "settings"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_until(lambda: "Save" in self.names("push button"), timeout=30, what="the settings window on the accessibility bus")

    def nodes(self) -> list[tuple[str, str]]:
        return [(role, name) for app, role, name, _depth in self.bus.tree(of=self.proc.pid) if app == "deskbreak"]

    def names(self, role: str) -> list[str]:
        return [name for r, name in self.nodes() if r == role]

    def set(self, pattern: str, text: str) -> None:
        run = self.bus.tool("settext", pattern, text, of=self.proc.pid)
        assert run.returncode == 0, run.stdout + run.stderr

    def press(self, pattern: str) -> None:
        self.bus.press(pattern, of=self.proc.pid)

    def ended(self) -> tuple[int, str]:
        out, err = self.proc.communicate(timeout=20)
        return self.proc.returncode, out + err

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)


@pytest.fixture
def daemon(desktop_env, tmp_path):
    started = Daemon(tmp_path, config=COMMENTED, display=True).start()
    yield started
    started.stop()


@pytest.fixture
def settings_window(daemon, a11y_bus):
    opened: list[SettingsWindow] = []

    def open_() -> SettingsWindow:
        opened.append(SettingsWindow(daemon, a11y_bus))
        return opened[-1]

    yield open_
    for window in opened:
        window.stop()


def status(daemon: Daemon) -> dict:
    run = daemon.cli("status", "--json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_a_new_sit_limit_and_work_hours_saved_in_the_window_reach_the_running_daemon_and_keep_the_comments(daemon, settings_window):
    assert status(daemon)["status"]["due_in_s"] > 45 * 60
    w = settings_window()
    w.set(r"^Sit limit$", "40")
    w.press(r"^Work hours: add a span$")
    wait_until(lambda: "Work hours, span 1: from" in w.names("text"), what="the new span's fields")
    w.set(r"^Work hours, span 1: from$", "00:00")
    w.set(r"^Work hours, span 1: to$", "01:00")
    w.press(r"^Save$")
    code, said = w.ended()
    assert code == 0, said
    assert "deskbreak uses the new settings now" in said
    expected = COMMENTED.replace('sit_limit = "50m"', 'sit_limit = "40m"').replace("work_hours = []", 'work_hours = ["00:00-01:00"]')
    assert daemon.config_file.read_text() == expected  # every comment and untouched line as it was
    shown = daemon.cli("config", "show").stdout
    assert 'sit_limit = "40m"' in shown and 'work_hours = ["00:00-01:00"]' in shown
    now = status(daemon)["status"]  # the daemon's day is a Monday at 10:00 UTC: outside 00:00-01:00
    assert now["in_work_hours"] is False
    assert "Outside work hours" in daemon.cli("status").stdout


def test_an_out_of_range_sit_limit_is_refused_beside_the_field_in_config_checks_words_and_nothing_is_written(daemon, settings_window):
    before = daemon.config_file.read_bytes()
    w = settings_window()
    w.set(r"^Sit limit$", "500")  # 500 minutes
    w.press(r"^Save$")
    wait_until(lambda: "Not saved: must be from 1s to 4h" in w.names("label"), what="the refusal beside the field")
    assert "Nothing was saved: fix the marked settings first." in w.names("label")
    assert w.proc.poll() is None
    assert daemon.config_file.read_bytes() == before
    w.press(r"^Cancel$")
    assert w.ended()[0] == 1
    assert daemon.config_file.read_bytes() == before


def test_cancel_after_changes_leaves_every_byte_of_the_file(daemon, settings_window):
    before = daemon.config_file.read_bytes()
    w = settings_window()
    w.set(r"^Sit limit$", "30")
    w.set(r"^Snooze for$", "3")
    w.press(r"^Cancel$")
    assert w.ended()[0] == 1
    assert daemon.config_file.read_bytes() == before


def test_a_broken_file_opens_the_window_with_the_problem_named_and_the_field_marked(daemon, settings_window):
    daemon.config_file.write_text(COMMENTED.replace('snooze = "10m"', "snooze = 10"))
    w = settings_window()
    labels = w.names("label")
    assert any("1 problem in the config file" in label and "reminders.snooze = 10" in label for label in labels), labels
    assert any(label.startswith('Not saved: a bare number has no unit: did you mean "10m"?') for label in labels), labels
    assert "Traceback" not in "".join(labels)
    w.set(r"^Snooze for$", "10")  # fixed in the window: 10 minutes
    w.press(r"^Save$")
    assert w.ended()[0] == 0
    assert daemon.config_file.read_text() == COMMENTED


def test_every_field_has_a_name_and_every_label_names_its_field(daemon, settings_window):
    w = settings_window()
    nodes = w.nodes()
    for role in ("push button", "check box", "spin button", "combo box", "text"):
        assert all(name.strip() for r, name in nodes if r == role), (role, [n for r, n in nodes if r == role])
    for name in ("Sit limit", "Snoozes per day", "Work days: Monday", "Default routine", "Tray icon", "Notifier"):
        assert name in [n for _r, n in nodes], name
    assert "Send a test reminder" in w.names("push button")
    checks = w.names("check box")
    assert "camera: one of your processes has the camera (/dev/video*) open" in checks  # what each defer_on name detects
    assert [name for name in checks if name.startswith("Work days: ")] == [f"Work days: {day}day" for day in DAYS]
    labels = w.names("label")
    assert any('Here now: no tray icon (tray: tray = "none" in the config)' in label for label in labels), labels  # doctor's words
    assert any("Here now: console only, as the config's notifier says" in label for label in labels), labels


DAYS = ("Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun")


def test_send_a_test_reminder_goes_the_doctor_notify_way_to_the_notification_server(desktop_env, dunst, a11y_bus, tmp_path):
    daemon = Daemon(tmp_path, config=COMMENTED.replace('notifier = "console"', 'notifier = "auto"'), display=True)
    w = SettingsWindow(daemon, a11y_bus)
    try:
        w.press(r"^Send a test reminder$")
        rig.poll(lambda: dunst.displayed() == 1, what="the test reminder on screen", timeout=20)
        dunst.ctl("close-all")
        rig.poll(lambda: bool(dunst.history()), what="the test reminder in dunst's history")
        assert dunst.history()[0]["summary"] == "deskbreak can reach you"
        wait_until(lambda: any("a test notification was sent" in label for label in w.names("label")), what="the window to say so")
    finally:
        w.stop()


def test_the_keyboard_alone_changes_a_setting_and_saves_and_escape_cancels(daemon, settings_window):
    from Xlib import display as xdisplay

    def focus_the_window() -> None:
        wait_until(lambda: bool(windows()), what="the settings window on the X display")
        wid = windows()[-1]
        shell = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid], capture_output=True, text=True, check=True).stdout
        geometry = dict(line.split("=") for line in shell.split())
        x, y, width = int(geometry["X"]), int(geometry["Y"]), int(geometry["WIDTH"])
        subprocess.run(["xdotool", "mousemove", str(x + width // 2), str(y + 40)], check=True)  # no WM: focus follows the pointer

        def under_pointer() -> bool:
            conn = xdisplay.Display()
            try:
                return conn.screen().root.query_pointer().child.id == int(wid)
            finally:
                conn.close()

        wait_until(under_pointer, what="the pointer over the window")

    def windows() -> list[str]:
        run = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^deskbreak settings$"], capture_output=True, text=True)
        return run.stdout.split()

    def keys(*names: str) -> None:
        subprocess.run(["xdotool", "key", "--delay", "40", *names], check=True, timeout=20)

    before = daemon.config_file.read_bytes()
    w = settings_window()
    focus_the_window()
    keys("ctrl+a", "3", "0", "Escape")  # the sit limit has the focus first; Escape leaves without saving
    assert w.ended()[0] == 1
    assert daemon.config_file.read_bytes() == before
    w = settings_window()
    focus_the_window()
    keys("ctrl+a", "4", "5", "ctrl+s")
    code, said = w.ended()
    assert code == 0, said
    assert daemon.config_file.read_text() == COMMENTED.replace('sit_limit = "50m"', 'sit_limit = "45m"')


FITS = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from deskbreak.config import edit
from deskbreak.ui.settings_window import Actions, Facts, SettingsWindow
from deskbreak.ui.welcome_window import Welcome, WelcomeWindow, example_draft

app = QApplication(["deskbreak"])
actions = Actions(lambda: "", lambda: "", lambda on: "", lambda on: "")
draft = edit.open_draft(Path(sys.argv[1]))
settings = SettingsWindow(draft, Facts(("desk", "full"), {"desktop.tray": "sni with a menu"}, False, True), actions)
welcome = WelcomeWindow(example_draft(draft), Welcome(False, True), actions)
for window in (settings, welcome):
    window.show()
    for _ in range(5):
        app.processEvents()
scroll = settings.findChild(QScrollArea)
content = settings.findChild(QWidget, "content")
print(content.minimumSizeHint().width(), scroll.viewport().width())
print(welcome.minimumSizeHint().width(), welcome.width(), welcome.minimumSizeHint().height(), welcome.height())
"""


@pytest.mark.parametrize("scale", ["1", "2"])
def test_nothing_is_clipped_at_100_and_200_percent(desktop_env, tmp_path, scale):
    """The settings' content is never wider than its scrolling view (it scrolls only down), and
    the welcome's every screen fits its window, at QT_SCALE_FACTOR 1 and 2."""
    config = tmp_path / "config.toml"
    config.write_text(COMMENTED.replace("work_hours = []", 'work_hours = ["09:00-12:30", "13:30-18:00"]'))
    env = {**isolated_env(tmp_path, display=True), "QT_SCALE_FACTOR": scale, "QT_QPA_PLATFORM": "xcb"}
    run = subprocess.run([sys.executable, "-c", FITS, str(config)], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    first, second = run.stdout.splitlines()[-2:]
    needs, has = map(int, first.split())
    assert needs <= has, f"the settings need {needs} px across and get {has}"
    wide, width, tall, height = map(int, second.split())
    assert wide <= width and tall <= height, f"the welcome needs {wide}x{tall} and gets {width}x{height}"


def test_settings_in_the_tray_menu_opens_the_window_in_a_process_of_its_own(desktop_env, a11y_bus, tmp_path):
    """Clicked through the SNI item's dbusmenu, as a tray host clicks it."""
    from tests.desktop import sni_client

    config = COMMENTED.replace('tray = "none"', 'tray = "sni"')
    env_bus = a11y_bus.env["DBUS_SESSION_BUS_ADDRESS"]
    daemon = Daemon(tmp_path, config=config, display=True)
    daemon.env.pop("NO_AT_BRIDGE", None)
    daemon.env.update(DBUS_SESSION_BUS_ADDRESS=env_bus, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
    daemon.start()
    try:
        assert daemon.proc is not None
        service = f"org.kde.StatusNotifierItem-{daemon.proc.pid}-1"
        wait_until(lambda: _has_menu(env_bus, service), what="the tray item's menu on the bus")
        _, root = sni_client.menu(env_bus, service)
        sni_client.click(env_bus, service, root.find("Settings…").ident)

        def shown() -> bool:
            tree = a11y_bus.tree(of=daemon.proc.pid)
            return "Save" in [name for app, role, name, _d in tree if app == "deskbreak" and role == "push button"]

        wait_until(shown, timeout=30, what="the settings window")
        sni_client.click(env_bus, service, root.find("Settings…").ident)  # again while it is open: no second window
        windows = [pid for pid in children(daemon.proc.pid) if b"settings" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        assert len(windows) == 1
        a11y_bus.press(r"^Cancel$", of=daemon.proc.pid)
        wait_until(lambda: not children(daemon.proc.pid), what="the window process to end and be reaped")
        assert "Traceback" not in daemon.output()
    finally:
        daemon.stop()


def _has_menu(address: str, service: str) -> bool:
    from tests.desktop import sni_client

    try:
        sni_client.menu(address, service)
    except Exception:
        return False
    return True


def test_removing_a_span_renames_the_ones_after_it_as_they_now_stand(daemon, settings_window):
    w = settings_window()
    w.press(r"^Work hours: add a span$")
    w.press(r"^Work hours: add a span$")
    wait_until(lambda: "Work hours, span 2: from" in w.names("text"), what="two spans")
    w.set(r"^Work hours, span 2: from$", "13:00")
    w.set(r"^Work hours, span 2: to$", "17:00")
    w.press(r"^Work hours: remove span 1$")
    wait_until(lambda: "Work hours, span 2: from" not in w.names("text"), what="the first span to go")
    assert "Work hours, span 1: from" in w.names("text") and "Work hours: remove span 1" in w.names("push button")
    assert "Work hours: remove span 2" not in w.names("push button")
    w.press(r"^Save$")
    assert w.ended()[0] == 0
    assert 'work_hours = ["13:00-17:00"]' in daemon.config_file.read_text()
