"""What every Wayland desktop's module checks the same way: presence from the compositor, a
natural break logged by the real daemon, and `doctor` naming the session and its adapters."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

from tests.desktop import desktops, rig

# a natural break after 3 s without input; nothing else happens (no reminder within the test)
NATURAL_BREAK = """
[reminders]
sit_limit = "1h"
[presence]
break_after_idle = "3s"
sample_every = "1s"
[desktop]
notifier = "console"
tray = "none"
"""

# a reminder due 2 s after the start
DUE_SOON = """
[reminders]
sit_limit = "2s"
renotify_every = "1h"
[presence]
sample_every = "1s"
[desktop]
notifier = "{notifier}"
tray = "none"
"""


def idle_grows_without_input_and_resets_on_input(desktop: desktops.Desktop, source: Any) -> None:
    desktop.move(40, 40)
    rig.poll(lambda: source.idle_seconds() >= 2.0, timeout=20, what="idle time to grow without input")
    grown = source.idle_seconds()
    desktop.move(400, 300)
    rig.poll(lambda: source.idle_seconds() < 1.0, timeout=10, what="idle time to reset on pointer motion")
    assert grown >= 2.0


def natural_break_after_idle(desktop: desktops.Desktop, daemon_inside: Callable[..., Any], idle_source: str) -> None:
    desktop.move(60, 60)
    daemon = daemon_inside(desktop, NATURAL_BREAK)
    daemon.wait_for_event("natural_break", timeout=30)
    started = next(e for e in daemon.events() if e["event"] == "started")
    assert idle_source in started["idle_source"]
    assert started["session"].startswith("Wayland")
    natural = next(e for e in daemon.events() if e["event"] == "natural_break")
    assert natural["reason"] == "idle" and natural["away_s"] >= 3


def doctor(desktop: desktops.Desktop, root: Path) -> str:
    """`deskbreak doctor` inside the desktop, its columns' padding squeezed to one space (the
    width follows the longest check's name)."""
    run = subprocess.run(
        [sys.executable, "-m", "deskbreak", "doctor"],
        env=desktop.client_env(root),
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    return re.sub(r" {2,}", " ", run.stdout)
