"""Screenshots of the routine window for the README: docs/screenshots/routine-*.png.

Every screen, in the light and the dark colour scheme, at scale 1 and 2 (QT_SCALE_FACTOR=2,
what a 200 % desktop gives). Starts a private Xvfb (needs xvfb: see DESKTOP-RIG) large enough
for scale 2, and for each scheme and scale runs the window in a child process with a throw-away
home and a fake clock, walking it through its screens with the same calls its buttons make, and
grabbing what Qt drew. The dark scheme is asked for the way a desktop's theme tells Qt (the
colour scheme, and a dark palette where the platform keeps the scheme to itself). Light at scale 1 keeps the plain names the README shows;
the others are routine-NAME-dark.png, routine-NAME@2x.png and routine-NAME-dark@2x.png.
Run: .venv/bin/python scripts/routine_screenshots.py

With language codes (`scripts/routine_screenshots.py de ja`): the light scheme at scale 1 in each
language (LANG set as a desktop sets it), as routine-NAME-LANG.png, to check that no translation
is clipped (German is the longest, Japanese needs its fonts: fonts-noto-cjk).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SIZE = "2560x1600x24"


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", SIZE, "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL
    )
    os.close(write)
    number = os.read(read, 16).decode().strip()
    os.close(read)
    deadline = time.monotonic() + 10  # Xvfb tells its number a moment before its socket is there
    while not Path(f"/tmp/.X11-unix/X{number}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, f":{number}"


def main(languages: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    server, display = start_xvfb()
    runs = [(scheme, scale, "") for scheme in ("light", "dark") for scale in ("1", "2")] if not languages else []
    runs += [("light", "1", language) for language in languages]
    try:
        for scheme, scale, language in runs:
            with tempfile.TemporaryDirectory() as home:
                env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "DESKBREAK_", "WAYLAND_"))}
                env.update(
                    DISPLAY=display,
                    QT_QPA_PLATFORM="xcb",
                    QT_SCALE_FACTOR=scale,
                    XDG_CONFIG_HOME=f"{home}/config",
                    XDG_DATA_HOME=f"{home}/data",
                    XDG_STATE_HOME=f"{home}/state",
                    XDG_RUNTIME_DIR=f"{home}/run",
                )
                if language:
                    env.update(LANG=f"{language}.UTF-8", LANGUAGE=language)
                os.makedirs(f"{home}/run", mode=0o700)
                subprocess.run([sys.executable, __file__, "--one", scheme, scale, f"{home}/events.jsonl", language], env=env, check=True)
    finally:
        server.terminate()
        server.wait(10)


def one(scheme: str, scale: str, log_path: str, language: str = "") -> None:
    """Inside the child: one scheme at one scale, every screen."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from deskbreak.config.settings import Settings
    from deskbreak.eventlog import EventLog
    from deskbreak.routines.loader import load_routines
    from deskbreak.ui.routine_window import RoutineWindow

    app = QApplication(["deskbreak"])
    if scheme == "dark":  # what a dark desktop theme gives Qt: the scheme where the platform takes it, else a dark palette
        app.styleHints().setColorScheme(Qt.ColorScheme.Dark)
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
        app.setPalette(palette)
    suffix = ("-dark" if scheme == "dark" else "") + ("@2x" if scale == "2" else "") + (f"-{language}" if language else "")
    now = [1000.0]
    routines = load_routines()

    def window(name: str) -> RoutineWindow:
        w = RoutineWindow(routines[name], Settings(sound=False), EventLog(Path(log_path)), "cli", clock=lambda: now[0])
        w.show()
        return w

    def shot(w: RoutineWindow, name: str) -> None:
        for _ in range(5):
            app.processEvents()
        path = OUT / f"routine-{name}{suffix}.png"
        w.grab().save(str(path))
        print(f"wrote {path}")

    desk = window("desk")
    shot(desk, "start-desk")
    desk.start()
    desk.pause_or_rep(), desk.pause_or_rep()
    shot(desk, "reps")
    for _ in range(4):
        desk.pause_or_rep()
    now[0] += 3
    desk._tick()
    shot(desk, "timed")
    desk.next()
    for _ in range(7):
        desk.pause_or_rep()
    shot(desk, "per-side")
    desk.next(), desk.next(), desk.next()
    shot(desk, "end")
    desk.close()
    full = window("full")
    shot(full, "start-full")
    full.start()
    for _ in range(5):
        full.skip_step()
    shot(full, "caution")
    full.reported = True  # a picture, not a break
    full.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        one(*sys.argv[2:6])
    else:
        main(sys.argv[1:])
