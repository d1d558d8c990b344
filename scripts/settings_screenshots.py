"""Screenshots of the settings window and the welcome for the README: docs/screenshots/settings*.png
and welcome-*.png.

In the light and the dark colour scheme, at scale 1 and 2 (QT_SCALE_FACTOR=2), on a private Xvfb
(xvfb-run), each in a child process with a throw-away
home. The settings window is shown on a config file with one refused value, so the refusal beside
the field and the problem at the top are in the picture; its whole length is grabbed by making it
as tall as its content. Light at scale 1 keeps the plain names; the others add -dark and @2x.
Run: .venv/bin/python scripts/settings_screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from routine_screenshots import OUT, SIZE  # noqa: E402

BROKEN = """\
[reminders]
# I tried five hours once
sit_limit = "5h"

[schedule]
work_days = ["mon", "tue", "wed", "thu", "fri"]
work_hours = ["09:00-12:30", "13:30-18:00"]
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        for scale in ("1", "2"):
            with tempfile.TemporaryDirectory() as home:
                env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "DESKBREAK_", "WAYLAND_"))}
                env.update(
                    QT_QPA_PLATFORM="xcb",
                    QT_SCALE_FACTOR=scale,
                    XDG_CONFIG_HOME=f"{home}/config",
                    XDG_DATA_HOME=f"{home}/data",
                    XDG_STATE_HOME=f"{home}/state",
                    XDG_RUNTIME_DIR=f"{home}/run",
                )
                os.makedirs(f"{home}/run", mode=0o700)
                command = [sys.executable, __file__, "--one", scheme, scale, home]
                subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {SIZE}", *command], env=env, check=True)


def one(scheme: str, scale: str, home: str) -> None:
    """Inside the child: one scheme at one scale, both windows."""
    import shiboken6
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication, QWidget

    from deskbreak.config import edit
    from deskbreak.config.loader import KnownRoutines
    from deskbreak.ui.settings_window import Actions, Facts, SettingsWindow
    from deskbreak.ui.welcome_window import Welcome, WelcomeWindow, example_draft

    app = QApplication(["deskbreak"])
    if scheme == "dark":
        app.styleHints().setColorScheme(Qt.ColorScheme.Dark)
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
        app.setPalette(palette)
    suffix = ("-dark" if scheme == "dark" else "") + ("@2x" if scale == "2" else "")
    actions = Actions(lambda: "", lambda: "", lambda on: "", lambda on: "")
    routines = KnownRoutines(("desk", "full"))

    def shot(window: QWidget, name: str) -> None:
        for _ in range(5):
            app.processEvents()
        path = OUT / f"{name}{suffix}.png"
        window.grab().save(str(path))
        print(f"wrote {path}")

    config = Path(home) / "config.toml"
    config.write_text(BROKEN)
    about = {"desktop.tray": "sni with a menu", "desktop.notifier": "dunst: answers (actions, body, sound)"}
    settings = SettingsWindow(edit.open_draft(config, routines), Facts(("desk", "full"), about, False, True), actions)
    settings.show()
    shot(settings, "settings")
    settings.resize(settings.width(), settings.findChild(QWidget, "content").sizeHint().height() + 160)
    shot(settings, "settings-all")
    settings.close()
    shiboken6.delete(settings)  # as run_settings does: before the interpreter's teardown
    welcome = WelcomeWindow(example_draft(edit.open_draft(Path(home) / "new.toml", routines)), Welcome(False, True), actions)
    welcome.show()
    shot(welcome, "welcome-what")
    welcome._forward()
    shot(welcome, "welcome-limits")
    welcome._forward()
    shot(welcome, "welcome-ready")
    welcome.close()
    shiboken6.delete(welcome)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        one(*sys.argv[2:5])
    else:
        main()
