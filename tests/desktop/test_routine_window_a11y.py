"""The routine window through the accessibility bus alone, as a screen reader or voice control
uses it: every control found by role and name, pressed through AT-SPI's action interface, and
the step and counter read from the tree (rig.AccessibilityBus, pyatspi under /usr/bin/python3)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.daemon.harness import isolated_env, wait_until
from tests.desktop import rig
from tests.desktop.test_routine_window import DESK_STEPS, Window

COUNTER = re.compile(r"^(\d+ / \d+|\d+:\d\d)$")


class AccessibleWindow(Window):
    """`deskbreak routine NAME` with Qt's accessibility bridge on, seen through AT-SPI."""

    def __init__(self, root: Path, name: str, bus: rig.AccessibilityBus) -> None:
        self.bus = bus
        self.env = {**isolated_env(root, display=True), "DBUS_SESSION_BUS_ADDRESS": bus.env["DBUS_SESSION_BUS_ADDRESS"]}
        self.env.pop("NO_AT_BRIDGE", None)
        self.env["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
        self.log_file = root / "data" / "deskbreak" / "events.jsonl"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "deskbreak", "routine", name],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_until(lambda: bool(self.buttons()), timeout=30, what="the routine window on the accessibility bus")

    def nodes(self) -> list[tuple[str, str, int]]:
        """(role, name, depth) of the window's accessible objects."""
        return [(role, name, depth) for app, role, name, depth in self.bus.tree(of=self.proc.pid) if app == "deskbreak"]

    def buttons(self) -> list[str]:
        return [name for role, name, _depth in self.nodes() if role == "push button"]

    def labels(self) -> list[str]:
        return [name for role, name, _depth in self.nodes() if role == "label"]

    def counter(self, labels: list[str] | None = None) -> str:
        """The rep counter or countdown, from `labels` (one reading of the tree) or a new reading."""
        return next((name for name in (self.labels() if labels is None else labels) if COUNTER.match(name)), "")

    def press(self, pattern: str) -> None:
        self.bus.press(pattern, of=self.proc.pid)

    def wait_label(self, text: str, counter: str = "") -> None:
        """Wait for a label, and for a counter matching `counter` in the same reading of the tree (a
        timed step moves on by itself, so a second reading may already show the next step)."""

        def shown() -> bool:
            labels = self.labels()
            return text in labels and re.match(counter, self.counter(labels)) is not None

        wait_until(shown, timeout=15, what=f"{text!r} in the tree" + (f" with a counter matching {counter!r}" if counter else ""))

    def reps_to_the_end(self, reps: int) -> None:
        """Press "+1 rep" once per rep, reading the counter from the tree after each."""
        for done in range(1, reps + 1):
            self.press(r"^\+1 rep")
            if done < reps:
                wait_until(lambda done=done: self.counter() == f"{done} / {reps}", timeout=15, what=f"{done} / {reps}")


@pytest.fixture
def accessible(a11y_bus, tmp_path):
    opened: list[AccessibleWindow] = []

    def open_(name: str = "desk") -> AccessibleWindow:
        opened.append(AccessibleWindow(tmp_path, name, a11y_bus))
        return opened[-1]

    yield open_
    for w in opened:
        w.stop()


def test_the_desk_routine_is_done_through_the_accessibility_bus_alone(accessible):
    w = accessible("desk")
    assert any(name.startswith("Start") for name in w.buttons())
    w.press("^Start")
    w.wait_label("Lean back over the chair")
    assert w.counter() == "0 / 6"
    w.reps_to_the_end(6)
    w.press("^Pause")  # the timed step: paused at once, as a reader's user would, so it cannot move on by itself
    w.wait_label("Big reach up", counter=r"^0:[0-3]\d$")  # the countdown, read from the tree
    assert "Resume (Space)" in w.buttons()
    w.press("^Next")
    w.wait_label("Seated open book")
    w.reps_to_the_end(5)  # left side
    wait_until(lambda: w.counter() == "0 / 5" and any("Right side" in label for label in w.labels()), timeout=15, what="the right side")
    w.reps_to_the_end(5)
    w.wait_label("Hips back at the desk")
    assert "Finish ✓ (Enter)" in w.buttons() and "Done (D)" in w.buttons()
    w.press("^Finish")  # the last step's Next
    w.wait_label("Break done — well moved.")
    w.press("^Close")
    assert w.exit_code() == 0
    events = w.events()
    assert [e["event"] for e in events] == ["break_started"] + ["step_done"] * 4 + ["break_done"]
    assert [e["step"] for e in events if e["event"] == "step_done"] == DESK_STEPS
    assert events[-1]["source"] == "window"


def test_no_push_button_on_any_screen_is_unnamed_and_the_drawing_has_a_text_alternative(accessible):
    w = accessible("full")
    seen: dict[str, list[str]] = {}

    def screen(name: str) -> None:
        nodes = w.nodes()
        buttons = [button for role, button, _depth in nodes if role == "push button"]
        assert buttons and all(button.strip() for button in buttons), (name, buttons)
        seen[name] = buttons

    screen("start")
    w.press("^Start")
    w.wait_label("Roll the upper back")
    screen("step")
    assert any(role == "image" and name.startswith("Drawing: ") for role, name, _depth in w.nodes())
    for _ in range(5):  # to the lunge flow, the step with a caution
        before = w.labels()
        w.press("^Skip step")
        wait_until(lambda before=before: w.labels() != before, timeout=15, what="the next step")
    screen("caution")
    assert any(name.startswith("Leave this step out") for name in seen["caution"])
    w.press("^Done")
    w.wait_label("Break done — well moved.")
    screen("end")
    assert seen["end"] == ["Close (Enter)"]
    for name in ("Snooze (S)", "Skip this break (X)", "Start ▶ (Enter)"):
        assert name in seen["start"]
    for name in ("◀ Back (B)", "Skip step (K)", "Snooze (S)", "Skip break (X)", "Done (D)", "Next ▶ (Enter)"):
        assert name in seen["step"]
