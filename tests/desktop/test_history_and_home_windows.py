"""The history and home windows through the accessibility bus alone (rig.AccessibilityBus, pyatspi
under /usr/bin/python3), as a screen reader or voice control uses them.

History: on the benchmark's ten-year log it opens within the `stats` budget (1.0 s, the cold
`stats --since` target of benchmarks/stats_bench.py, over what a bare Qt window takes to map on
the same display), and "The chart in words" says the figures `stats --json` gives. Home: what
`deskbreak open` shows once the daemon runs; Pause, Resume and Start break work when pressed
through AT-SPI, and the daemon's status says so."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date

import pytest

from benchmarks.stats_bench import TZ, generate
from deskbreak.config.durations import format_duration
from tests.daemon.harness import LATE_WEEK, Daemon, at, isolated_env, wait_until
from tests.desktop import rig

pytestmark = pytest.mark.desktop
STATS_BUDGET_S = 1.0
BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QWidget; a = QApplication([]); w = QWidget(); w.setWindowTitle('bare'); w.show(); a.exec()"
)


def accessible_env(env: dict[str, str], bus: rig.AccessibilityBus) -> dict[str, str]:
    env = {**env, "DBUS_SESSION_BUS_ADDRESS": bus.env["DBUS_SESSION_BUS_ADDRESS"], "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
    env.pop("NO_AT_BRIDGE", None)
    return env


def mapped_after(argv: list[str], env: dict[str, str], title: str) -> tuple[float, subprocess.Popen[str]]:
    """Seconds from starting `argv` until a window named `title` is mapped on the display."""
    began = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    subprocess.run(
        [rig.need("xdotool"), "search", "--sync", "--onlyvisible", "--name", f"^{title}$"],
        env=env,
        timeout=60,
        check=True,
        capture_output=True,
    )
    return time.monotonic() - began, proc


def labels(bus: rig.AccessibilityBus, of: int) -> list[str]:
    return [name for app, role, name, _depth in bus.tree(of=of) if app == "deskbreak" and role == "label"]


def buttons(bus: rig.AccessibilityBus, of: int) -> list[str]:
    return [name for app, role, name, _depth in bus.tree(of=of) if app == "deskbreak" and role == "push button"]


def stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.terminate()
        proc.wait(10)


def day_sentence(day: dict) -> str:
    """What "The chart in words" says of a day, from `stats --json`'s numbers."""
    when = date.fromisoformat(day["date"])
    breaks = f"{day['breaks_done']} break{'s' if day['breaks_done'] != 1 else ''} done"
    natural = f"{day['natural_breaks']} natural break{'s' if day['natural_breaks'] != 1 else ''}"
    return (
        f"{when:%a %d %b}: sitting {format_duration(day['sitting_s'])}, longest stretch "
        f"{format_duration(day['longest_stretch_s'])}, {breaks}, {natural}."
    )


def test_the_history_window_opens_within_the_stats_budget_and_says_the_figures_of_stats_json(a11y_bus, tmp_path):
    now = LATE_WEEK.astimezone(TZ)
    generate(tmp_path / "data" / "deskbreak" / "events.jsonl", 10, now)
    env = accessible_env({**isolated_env(tmp_path, display=True), **at(LATE_WEEK), "TZ": "Europe/Berlin"}, a11y_bus)
    deskbreak = [sys.executable, "-m", "deskbreak"]
    week = json.loads(subprocess.run([*deskbreak, "stats", "--json"], env=env, capture_output=True, text=True, check=True).stdout)
    bare, proc = mapped_after([sys.executable, "-c", BARE_WINDOW], env, "bare")
    stop(proc)
    took, proc = mapped_after([*deskbreak, "history"], env, "deskbreak — History")
    try:
        assert took - bare <= STATS_BUDGET_S, f"the history window took {took:.2f} s, a bare Qt window {bare:.2f} s"
        wait_until(lambda: any(text.startswith("Week of") for text in labels(a11y_bus, proc.pid)), timeout=30, what="the week's figures")
        words = next(text for text in labels(a11y_bus, proc.pid) if text.startswith(day_sentence(week["days"][0])[:10]))
        for day in week["days"]:
            assert day_sentence(day) in words
        target = week["full_this_week"]["target"]
        weeks = ", ".join(f"{date.fromisoformat(w['start']):%d %b} {w['full_done']}" for w in week["weeks"][-16:])
        assert f"Full routines per week, against a target of {target}: {weeks}." in words
        shown = labels(a11y_bus, proc.pid)
        assert str(week["breaks_done"]["total"]) in shown and f"{week['full_this_week']['done']} of {target}" in shown
        assert {"Open log file", "Close"} <= set(buttons(a11y_bus, proc.pid))
        a11y_bus.press("^Close$", of=proc.pid)
        proc.wait(15)
    finally:
        stop(proc)


def test_the_home_window_shows_the_status_and_its_buttons_pause_resume_and_start_a_break(a11y_bus, desktop_env, tmp_path):
    daemon = Daemon(tmp_path, config='[desktop]\nnotifier = "console"\ntray = "none"\n', display=True)
    daemon.env = accessible_env(daemon.env, a11y_bus)
    daemon.start()
    home = subprocess.Popen(
        [*daemon.command, "open"], env=daemon.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        wait_until(lambda: "Start break" in buttons(a11y_bus, home.pid), timeout=30, what="the home window on the accessibility bus")
        assert any(text.startswith("Sitting for") for text in labels(a11y_bus, home.pid))
        assert any(text.startswith("Next break in") for text in labels(a11y_bus, home.pid))
        a11y_bus.press("^Pause$", of=home.pid)
        wait_until(lambda: json.loads(daemon.cli("status", "--json").stdout)["status"]["phase"] == "paused", what="paused")
        wait_until(lambda: "Resume reminders" in buttons(a11y_bus, home.pid), what="the Resume button")
        a11y_bus.press("^Resume reminders$", of=home.pid)
        wait_until(lambda: json.loads(daemon.cli("status", "--json").stdout)["status"]["phase"] != "paused", what="resumed")
        a11y_bus.press("^Start break$", of=home.pid)
        daemon.wait_for_event("break_started")
        started = [e for e in daemon.events() if e["event"] == "break_started"][-1]
        assert started["routine"] == "desk"
        assert [e["source"] for e in daemon.events() if e["event"] in ("paused", "resumed")] == ["window", "window"]
    finally:
        stop(home)
        daemon.stop()
