"""The routine window (Qt, on X11 here) as its own process on Xvfb, driven by real clicks and keys through xdotool."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from Xlib import X, protocol
from Xlib import display as xdisplay

from deskbreak.config.settings import Settings
from deskbreak.eventlog import EventLog
from deskbreak.routines.loader import load_routines
from tests.daemon.harness import EARLY_WEEK, at, isolated_env, wait_until

DESK_STEPS = ["chair_back_extension", "overhead_reach", "seated_open_book", "desk_hips_back_reach"]


def xdotool(*args: str) -> str:
    return subprocess.run(["xdotool", *args], capture_output=True, text=True, check=True, timeout=10).stdout


class Window:
    """`deskbreak routine NAME` in a subprocess, with its X window found by title."""

    def __init__(self, root: Path, name: str) -> None:
        self.env = {**isolated_env(root, display=True), **at(EARLY_WEEK)}  # a Monday: no offer of the full routine
        self.log_file = root / "data" / "deskbreak" / "events.jsonl"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "deskbreak", "routine", name],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        found: list[str] = []
        earlier = set(self.search())

        def shown() -> bool:
            assert self.proc.poll() is None, self.proc.communicate()
            found[:] = [wid for wid in self.search() if wid not in earlier]
            return bool(found)

        wait_until(shown, what="the routine window")
        self.wid = found[-1]
        geometry = dict(line.split("=") for line in xdotool("getwindowgeometry", "--shell", self.wid).split())
        self.x, self.y = int(geometry["X"]), int(geometry["Y"])
        self.w, self.h = int(geometry["WIDTH"]), int(geometry["HEIGHT"])
        xdotool("mousemove", str(self.x + self.w // 2), str(self.y + self.h // 3))  # no WM: focus follows the pointer
        wait_until(self.under_pointer, what="the pointer over the window")

    @staticmethod
    def search() -> list[str]:
        run = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^deskbreak "], capture_output=True, text=True)
        return run.stdout.split()

    def under_pointer(self) -> bool:
        """The X server has the pointer over this window (the root's child under it), so keys go to it."""
        conn = xdisplay.Display()
        try:
            return conn.screen().root.query_pointer().child.id == int(self.wid)
        finally:
            conn.close()

    def wait_title(self, text: str) -> None:
        """The title names the step and side on screen, set once they are drawn."""
        wait_until(lambda: text in xdotool("getwindowname", self.wid), what=f"{text!r} in the title")

    def key(self, *keys: str) -> None:
        xdotool("key", "--delay", "30", *keys)

    def click_primary(self) -> None:
        """The main action (Start / Next / Finish / Close) always sits in the bottom-right corner.
        The pointer rests on it briefly first, as a hand would."""
        xdotool("mousemove", str(self.x + self.w - 70), str(self.y + self.h - 40), "sleep", "0.15", "click", "1")
        xdotool("mousemove", str(self.x + self.w // 2), str(self.y + self.h // 3))

    def events(self) -> list[dict]:
        if not self.log_file.exists():
            return []
        return [json.loads(line) for line in self.log_file.read_text().splitlines()]

    def wait_for(self, kind: str, count: int = 1) -> None:
        wait_until(lambda: [e["event"] for e in self.events()].count(kind) >= count, what=f"{count}× {kind}")

    def wait_step(self, number: int, count: int) -> None:
        """The window's title names the step on screen; wait until it is this one."""
        wait_until(lambda: f"Step {number} of {count}" in xdotool("getwindowname", self.wid), what=f"step {number}")

    def close_button(self) -> None:
        """What a window manager sends when the title bar's close button is clicked; clicked
        again, as a user would, while the window is still there."""

        def closed() -> bool:
            conn = xdisplay.Display()
            window = conn.create_resource_object("window", int(self.wid))
            wm_protocols, wm_delete = conn.intern_atom("WM_PROTOCOLS"), conn.intern_atom("WM_DELETE_WINDOW")
            message = protocol.event.ClientMessage(window=window, client_type=wm_protocols, data=(32, [wm_delete, X.CurrentTime, 0, 0, 0]))
            window.send_event(message, event_mask=X.NoEventMask)
            conn.flush()
            conn.close()
            try:
                self.proc.wait(3)
            except subprocess.TimeoutExpired:
                return False
            return True

        wait_until(closed, what="the window to close")

    def exit_code(self) -> int:
        return self.proc.wait(15)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)


@pytest.fixture
def window(tmp_path):
    opened: list[Window] = []

    def open_(name: str = "desk") -> Window:
        opened.append(Window(tmp_path, name))
        return opened[-1]

    yield open_
    for w in opened:
        w.stop()


def test_desk_is_clicked_through_to_done_and_every_step_is_logged(window):
    w = window("desk")
    w.click_primary()  # Start
    w.key(*["space"] * 6)  # six reps leaning over the chair
    w.wait_for("step_done", 1)
    w.wait_step(2, 4)
    w.click_primary()  # Next: cut the 30 s reach short
    w.wait_for("step_done", 2)
    w.wait_step(3, 4)
    w.key(*["space"] * 5)  # left side
    w.wait_title("Right side")
    w.key(*["space"] * 5)
    w.wait_for("step_done", 3)
    w.wait_step(4, 4)
    w.click_primary()  # Finish
    w.wait_for("break_done")
    w.click_primary()  # Close on the end screen
    assert w.exit_code() == 0
    events = w.events()
    assert [e["event"] for e in events] == ["break_started"] + ["step_done"] * 4 + ["break_done"]
    assert [e["step"] for e in events if e["event"] == "step_done"] == DESK_STEPS
    assert events[-1]["steps"] == 4 and events[-1]["source"] == "window"


def test_snooze_in_the_window_logs_a_snooze_and_closes(window):
    w = window("desk")
    w.key("s")
    assert w.exit_code() == 0
    assert [e["event"] for e in w.events()] == ["break_started", "snoozed"]


def test_skip_break_logs_a_skip(window):
    w = window("desk")
    w.key("Return")
    w.key("x")
    assert w.exit_code() == 0
    assert [e["event"] for e in w.events()][-1] == "skipped"


def test_closing_the_window_midway_is_an_abandoned_break(window):
    w = window("desk")
    w.key("Return", *["space"] * 6)
    w.wait_for("step_done")
    w.close_button()
    assert w.exit_code() == 1
    last = w.events()[-1]
    assert last["event"] == "break_abandoned" and last["steps"] == 1


SCREENS = {
    "start": (),  # before the first step: nothing done yet
    "step": ("Return", *["space"] * 6),  # one step done, on the second
    "end": ("Return", "d"),  # Done pressed: the break is over and the window shows the week
}


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_routine_window_ended_from_outside_logs_an_abandoned_break_with_the_reason_on_every_screen(window, screen, signum):
    """Logout sends SIGTERM (or the session's end SIGHUP): the break ends as abandoned, with why,
    quietly; on the end screen the break already has its outcome and nothing more is written."""
    w = window("desk")
    if SCREENS[screen]:
        w.key(*SCREENS[screen])
        w.wait_for("step_done" if screen == "step" else "break_done")
    w.proc.send_signal(signum)
    code = w.exit_code()
    assert "Traceback" not in w.proc.stderr.read()
    last = w.events()[-1]
    if screen == "end":
        assert code == 0 and last["event"] == "break_done"
        return
    assert code == 1 and last["event"] == "break_abandoned" and signum.name in last["reason"]
    assert last["steps"] == (1 if screen == "step" else 0)


def test_a_routine_window_whose_display_goes_away_logs_an_abandoned_break(tmp_path):
    """Its own X server, killed under it: Xlib ends the process, after the window logs why."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "800x600x24"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        number = os.read(read, 16).decode().strip()
        env = {**isolated_env(tmp_path, display=True), **at(EARLY_WEEK), "DISPLAY": f":{number}"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "deskbreak", "routine", "desk"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        log_file = tmp_path / "data" / "deskbreak" / "events.jsonl"
        search = ["xdotool", "search", "--onlyvisible", "--name", "^deskbreak "]
        wait_until(lambda: subprocess.run(search, env=env, capture_output=True).returncode == 0, what="the window")
        server.terminate()
        server.wait(10)
        proc.wait(15)
    finally:
        os.close(read)
        if server.poll() is None:
            server.kill()
            server.wait(5)
    last = json.loads(log_file.read_text().splitlines()[-1])
    assert last["event"] == "break_abandoned" and "lost its display" in last["reason"]


def test_a_display_qt_cannot_connect_to_logs_why_the_window_was_not_shown(tmp_path):
    """The session names a display, but nothing answers there: Qt would abort the process; the
    window process logs break_not_shown with the reason first and exits Exit.NO_WINDOW."""
    env = {**isolated_env(tmp_path, display=True), "DISPLAY": "127.0.0.1:95"}  # a remote display: taken on trust, nobody there
    run = subprocess.run(
        [sys.executable, "-m", "deskbreak", "routine", "desk"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert run.returncode == 3 and "Traceback" not in run.stderr
    [event] = [json.loads(line) for line in (tmp_path / "data" / "deskbreak" / "events.jsonl").read_text().splitlines()]
    assert event["event"] == "break_not_shown" and "cannot connect to the display" in event["reason"]


def test_the_cautioned_step_of_full_can_be_left_out(window):
    w = window("full")
    w.key("Return")
    for number in range(1, 6):  # skip steps until the lunge flow, the step with the back arch
        w.wait_step(number, 6)
        w.key("k")
    w.wait_step(6, 6)
    w.key("k")
    w.wait_for("break_done")
    assert w.events()[-1]["steps"] == 0


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def in_process(tmp_path, monkeypatch):
    """A RoutineWindow in this process (Qt on pytest-xvfb's display) with a fake clock; no
    daemon (empty runtime dir)."""
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    from PySide6.QtWidgets import QApplication

    from deskbreak.ui.routine_window import RoutineWindow

    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    for kind in ("STATE", "DATA", "CONFIG"):
        monkeypatch.setenv(f"XDG_{kind}_HOME", str(tmp_path / kind.lower()))
    app = QApplication.instance() or QApplication(["deskbreak-tests"])
    clock = FakeClock()
    made = []
    monday = time_machine.travel(EARLY_WEEK, tick=True)  # the week line and the full routine's offer read the date
    monday.start()

    def make(name: str) -> RoutineWindow:
        made.append(
            RoutineWindow(load_routines(tmp_path)[name], Settings(sound=False), EventLog(tmp_path / "events.jsonl"), "cli", clock=clock)
        )
        return made[-1]

    yield make, clock
    for window in made:
        window.reported = True  # a test's unfinished window is not an abandoned break
        window.close()
        window.deleteLater()
    app.processEvents()
    monday.stop()


def test_window_countdown_follows_the_clock_and_pauses(in_process):
    make, clock = in_process
    w = make("desk")
    w.start()
    for _ in range(6):
        w.pause_or_rep()
    assert w.counter.text() == "0:30"
    clock.now += 12
    w._tick()
    assert w.counter.text() == "0:18"
    w.pause_or_rep()  # Space on a timed step pauses
    clock.now += 100
    w._tick()
    assert w.counter.text() == "0:18" and w.action.text() == "Resume (Space)"
    w.pause_or_rep()
    clock.now += 18
    w._tick()
    assert w.session.view(clock.now).step.id == "seated_open_book"


def test_window_counts_reps_per_side(in_process):
    make, clock = in_process
    w = make("desk")
    w.start()
    w.skip_step()
    w.skip_step()
    assert w.counter.text() == "0 / 5"
    for _ in range(3):
        w.pause_or_rep()
    assert w.counter.text() == "3 / 5"
    w.pause_or_rep(), w.pause_or_rep()
    assert w.session.view(clock.now).side == "right" and w.counter.text() == "0 / 5"


def test_window_walks_the_rounds_of_the_flow(in_process):
    make, clock = in_process
    w = make("full")
    w.start()
    for _ in range(5):
        w.skip_step()
    seen = []
    while not w.session.finished:
        view = w.session.view(clock.now)
        seen.append(view.part_label)
        w.pause_or_rep()
    assert seen == [f"{side} side · round {n} of 3" for n in (1, 2, 3) for side in ("Left", "Right")]
    assert w.reported and w.exit_code == 0


def test_snooze_in_the_window_says_the_same_minutes_as_the_reminder(in_process, tmp_path):
    make, _clock = in_process
    w = make("desk")
    w.settings = Settings(snooze=timedelta(seconds=90), sound=False)
    w.snooze()
    snoozed = [r.data for r in EventLog(tmp_path / "events.jsonl").read().records if r.kind == "snoozed"]
    assert snoozed[-1]["minutes"] == 2


def test_a_snooze_the_daemon_refuses_keeps_the_break_going_and_the_window_says_why(in_process, tmp_path, monkeypatch):
    """No snoozes left: the daemon says no, nothing is logged by the window, and it stays open."""
    from deskbreak.ipc.endpoint import endpoint
    from deskbreak.ipc.server import ControlServer

    make, _clock = in_process
    where = endpoint(create=True)
    server = ControlServer(where, where.write_new_authkey(), lambda message: {"ok": False, "error": "no snoozes left"})
    server.start()
    try:
        w = make("desk")
        w.start()
        w.snooze()
        assert not w.reported and w.notice.isVisibleTo(w) and "no snoozes left" in w.notice.text()
        assert not (tmp_path / "events.jsonl").exists()
    finally:
        server.close()


def focus_chain(w) -> list[str]:
    """The push buttons in Tab order, from the window itself round to it again."""
    from PySide6.QtWidgets import QPushButton

    names, widget = [], w.nextInFocusChain()
    while widget is not w:
        if isinstance(widget, QPushButton) and widget.isVisibleTo(w) and widget.focusPolicy() != 0:
            names.append(widget.accessibleName())
        widget = widget.nextInFocusChain()
    return names


def test_tab_goes_through_the_buttons_in_reading_order_and_focus_starts_on_the_counters_button(in_process):
    from PySide6.QtWidgets import QApplication

    make, _clock = in_process
    w = make("full")
    w.show()
    assert focus_chain(w) == ["Snooze (S)", "Skip this break (X)", "Start ▶ (Enter)"]
    w.start()
    for _ in range(5):
        w.skip_step()  # to the step with a caution: its button comes where it is read
    QApplication.processEvents()  # a layout shows the widgets added to it on the next turn of the loop
    assert focus_chain(w) == [
        "Leave this step out (K)",
        "+1 rep (Space)",
        "◀ Back (B)",
        "Skip step (K)",
        "Snooze (S)",
        "Skip break (X)",
        "Done (D)",
        "Next ▶ (Enter)",
    ]
    assert w.focusWidget() is w.action


def test_the_text_follows_the_desktops_font_size(in_process):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    make, _clock = in_process
    app = QApplication.instance()
    before = QFont(app.font())
    try:
        small = make("desk").font_of("body").pointSizeF()
        bigger = QFont(before)
        bigger.setPointSizeF(before.pointSizeF() * 2)
        app.setFont(bigger)
        assert make("desk").font_of("body").pointSizeF() == pytest.approx(small * 2)
    finally:
        app.setFont(before)
