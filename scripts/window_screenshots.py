"""Screenshots of the history and home windows for the README and the AppStream metainfo:
docs/screenshots/history-{today,week,weeks}[-dark][@2x].png and home[-dark][@2x].png.

Like scripts/routine_screenshots.py: a private Xvfb, and for each scheme and scale a child process
with a throw-away home. The history window reads a year of the benchmark's log
(benchmarks/stats_bench.py), generated up to a fixed Friday afternoon; the home window is shown
a fixed status (a reminder waiting while the user is in a call), the reply the daemon gives.
Run: .venv/bin/python scripts/window_screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.routine_screenshots import OUT, start_xvfb  # noqa: E402

NOW = datetime(2026, 12, 4, 16, 30, tzinfo=ZoneInfo("Europe/Berlin"))
STATUS = {
    "ok": True,
    "status": {
        "phase": "due",
        "sitting_s": 3180,
        "paused_until": None,
        "snoozed_until": None,
        "next_reminder_at": "2026-12-04T16:20:00+01:00",
        "due_in_s": 0,
        "waiting_for": "microphone: Firefox",
        "in_work_hours": True,
        "snoozes_left": 2,
        "standing": False,
    },
    "today": "Today: 9 breaks · full routine 2/3 this week",
}


def main() -> None:
    from benchmarks.stats_bench import generate

    OUT.mkdir(parents=True, exist_ok=True)
    server, display = start_xvfb()
    for _ in range(100):  # the server answers a moment after it names its display
        if subprocess.run(["xdpyinfo", "-display", display], capture_output=True).returncode == 0:
            break
        time.sleep(0.1)
    try:
        with tempfile.TemporaryDirectory() as home:
            generate(Path(home, "data", "deskbreak", "events.jsonl"), 1, NOW)
            for scheme in ("light", "dark"):
                for scale in ("1", "2"):
                    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "DESKBREAK_", "WAYLAND_"))}
                    env.update(
                        DISPLAY=display,
                        QT_QPA_PLATFORM="xcb",
                        QT_SCALE_FACTOR=scale,
                        TZ="Europe/Berlin",
                        XDG_CONFIG_HOME=f"{home}/config",
                        XDG_DATA_HOME=f"{home}/data",
                        XDG_STATE_HOME=f"{home}/state",
                    )
                    subprocess.run([sys.executable, __file__, "--one", scheme, scale], env=env, check=True)
    finally:
        server.terminate()
        server.wait(10)


def one(scheme: str, scale: str) -> None:
    """Inside the child: both windows in one scheme at one scale."""
    import time_machine
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication, QWidget

    from deskbreak.cli.window_cmd import _figures
    from deskbreak.config import paths
    from deskbreak.config.settings import Settings
    from deskbreak.ui import qt_look
    from deskbreak.ui.history_window import HistoryWindow
    from deskbreak.ui.home_window import HomeWindow

    app = QApplication(["deskbreak"])
    if scheme == "dark":  # as scripts/routine_screenshots.py asks for it
        app.styleHints().setColorScheme(Qt.ColorScheme.Dark)
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
        app.setPalette(palette)
    suffix = ("-dark" if scheme == "dark" else "") + ("@2x" if scale == "2" else "")

    def shot(window: QWidget, name: str) -> None:
        for _ in range(10):
            app.processEvents()
        path = OUT / f"{name}{suffix}.png"
        window.grab().save(str(path))
        print(f"wrote {path}")

    settings = Settings()
    with time_machine.travel(NOW, tick=False):
        limit = settings.sit_limit.total_seconds()
        history = HistoryWindow(lambda period: _figures(period, settings), paths.event_log(), limit, qt_look.colours())
        history.resize(1000, 820)
        history.show()
        for index, name in enumerate(("today", "week", "weeks")):
            history.tabs.setCurrentIndex(index)
            shot(history, f"history-{name}")
        history.close()
        home = HomeWindow(lambda message, timeout=1.0: STATUS, ["desk", "full"], lambda command: None, qt_look.colours())
        home.timer.stop()
        home.show()
        shot(home, "home")
        home.close()
    sys.stdout.flush()
    os._exit(0)  # Qt's teardown after time-machine's travel can crash the child (SIGBUS); every picture is written


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        one(*sys.argv[2:4])
    else:
        main()
