"""Screenshots of the reminder on the Wayland desktops, for the README.

Each desktop is started headless by the test rig's recipe (tests/desktop/rigs), one after the
other: GNOME Shell, KDE Plasma, sway with waybar and mako. The reminder is the real desktop
notifier showing a 52-minute reminder on that desktop's own notification server, and the picture
is taken the way the desktop allows (Shell.Screenshot, spectacle, grim). On GNOME the pointer
rests on the banner, which is when the Shell draws its buttons. Saves
docs/screenshots/notification-gnome.png, notification-kde.png and notification-mako.png.
Run: .venv/bin/python scripts/wayland_screenshots.py [gnome] [kde] [sway] [--language fr]
With --language CODE the reminder speaks that language and the files are notification-KIND-CODE.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deskbreak.core.model import Reminder  # noqa: E402
from deskbreak.platform.notify.desktop import DesktopNotifier  # noqa: E402
from deskbreak.ui.icons import app_icon  # noqa: E402
from tests.desktop import desktops  # noqa: E402  (the rig lives with the tests)

OUT = ROOT / "docs" / "screenshots"
REMINDER = Reminder(sat_s=52 * 60, repeat=0, snooze_minutes=10, snoozes_left=2)
# what to keep of the 1280x800 screen: the notification and a little of the desktop around it
CROPS = {
    "gnome": ("notification-gnome.png", (360, 0, 920, 200)),
    "kde": ("notification-kde.png", (880, 560, 1280, 800)),
    "sway": ("notification-mako.png", (900, 0, 1280, 160)),
}


def shoot(kind: str, scratch: Path, language: str = "") -> None:
    desktop = desktops.start(kind)
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(desktop.env)
        notifier = DesktopNotifier(lambda action: None, app_icon())
        try:
            notifier.show(REMINDER)
            time.sleep(1.5)  # the server animates the notification in
            if kind == "gnome":
                desktop.move(640, 70)
                time.sleep(1.0)
            name, box = CROPS[kind]
            if language:
                name = name.replace(".png", f"-{language}.png")
            with Image.open(desktop.screenshot(scratch / f"{kind}.png")) as screen:
                OUT.mkdir(parents=True, exist_ok=True)
                screen.convert("RGB").crop(box).save(OUT / name)
            print(f"wrote {OUT / name} ({notifier.server}; buttons drawn: {notifier.draws_buttons})")
            notifier.withdraw()
        finally:
            notifier.close()
    finally:
        os.environ.clear()
        os.environ.update(saved)
        desktops.finish(desktop)


def main(args: list[str]) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="deskbreak-wayland-shots-"))
    language = args[args.index("--language") + 1] if "--language" in args else ""
    if language:
        from deskbreak.config.i18n import use_language

        use_language(language)
    kinds = [arg for arg in args if arg in CROPS]
    for kind in kinds or list(CROPS):
        shoot(kind, scratch, language)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
