"""Run inside a child process (Qt offscreen, LANG set): walk the routine window through its
screens as scripts/routine_screenshots.py does and print, as JSON, every text Qt cannot show
whole at the size it laid the window out at: a button or a one-line label narrower than its
text, a wrapped label shorter than its text needs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from deskbreak.config.settings import Settings
from deskbreak.eventlog import EventLog
from deskbreak.routines.loader import load_routines
from deskbreak.ui.routine_window import RoutineWindow


def clipped(window: RoutineWindow) -> list[str]:
    found = []
    for widget in window.findChildren(QPushButton) + window.findChildren(QLabel):
        if not widget.isVisible() or not widget.text():
            continue
        hint = widget.sizeHint()
        if isinstance(widget, QLabel) and widget.wordWrap():
            short = widget.heightForWidth(widget.width()) > widget.height()
        else:
            short = widget.width() < hint.width() or widget.height() < hint.height()
        if short:
            found.append(
                f"{type(widget).__name__} {widget.text()!r}: {widget.width()}x{widget.height()}, needs {hint.width()}x{hint.height()}"
            )
    return found


def main(log_path: str) -> None:
    app = QApplication(["deskbreak"])
    now = [1000.0]
    routines = load_routines()
    problems: dict[str, list[str]] = {}

    def look(window: RoutineWindow, screen: str) -> None:
        for _ in range(5):
            app.processEvents()
        problems[screen] = clipped(window)

    for name in ("desk", "full"):
        window = RoutineWindow(routines[name], Settings(sound=False), EventLog(Path(log_path)), "cli", clock=lambda: now[0])
        window.show()
        look(window, f"{name} start")
        window.start()
        for index in range(len(routines[name].steps)):
            look(window, f"{name} step {index + 1}")
            window.skip_step() if index < len(routines[name].steps) - 1 else window.finish()
        look(window, f"{name} end")
        window.reported = True
        window.close()
    print(json.dumps(problems))


if __name__ == "__main__":
    main(sys.argv[1])
