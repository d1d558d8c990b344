"""What every Wayland desktop's module checks the same way: presence from the compositor, a
natural break logged by the real daemon, and `doctor` naming the session and its adapters."""

from __future__ import annotations

import re
import subprocess
import sys
import time
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


# presence by events: a natural break 3 s after input stops. sample_every must be below the
# threshold, but with an idle source that tells of input the daemon's steady sample is its
# 1-minute safety sample, so only events (and the core's look at the threshold) are on time
BY_EVENTS = """
[reminders]
sit_limit = "1h"
[presence]
break_after_idle = "3s"
sample_every = "2s"
[desktop]
notifier = "console"
tray = "none"
"""


def presence_by_events(desktop: desktops.Desktop, daemon_inside: Callable[..., Any], touch: Callable[[], None]) -> None:
    """Idle begins and ends within a second of input stopping and starting, with the daemon's
    steady sample far slower than that: `touch` gives one input as a hand would."""
    touch()
    daemon = daemon_inside(desktop, BY_EVENTS)
    daemon.wait_for_event("started", timeout=30)
    started = next(e for e in daemon.events() if e["event"] == "started")
    assert "input by" in started["idle_source"], started["idle_source"]
    for round_ in (1, 2):
        touch()
        stopped = time.monotonic()
        daemon.wait_for_event("natural_break", count=round_, timeout=15)
        began = time.monotonic() - stopped
        assert 3.0 - 0.5 <= began <= 3.0 + 1.0, f"idle began {began:.1f} s after input stopped, not 3 s"
        time.sleep(2)
        assert daemon.kinds().count("back") == round_ - 1  # no sample brings the user back unasked
        touch()
        came = time.monotonic()
        daemon.wait_for_event("back", count=round_, timeout=15)
        back = time.monotonic() - came
        assert back <= 1.0, f"the user's return was noticed {back:.1f} s after the input, not within 1 s"
