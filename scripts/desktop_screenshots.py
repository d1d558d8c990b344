"""Screenshots of the tray menu and a reminder notification for the README.

On the test rig (a session bus, dunst and trayer on an X display): the notification is the
real desktop notifier showing a 52-minute reminder on dunst (the daemon's own first reminder
would say "0 min" after a demo-length limit); the menu is the running daemon's, opened with a
right click. Saves docs/screenshots/notification.png, notification-full-offer.png (the week behind on the
full routine) and tray-menu.png. Run: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/desktop_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PIL import ImageGrab

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deskbreak.core.model import Reminder  # noqa: E402
from deskbreak.platform.notify.desktop import DesktopNotifier  # noqa: E402
from deskbreak.ui.icons import app_icon  # noqa: E402
from tests.daemon.harness import Daemon  # noqa: E402  (the rig lives with the tests)
from tests.desktop import rig, tray_driver  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
CONFIG = """
[reminders]
sit_limit = "5s"
snooze = "10m"
[presence]
sample_every = "1s"
"""


def grab(name: str, box: tuple[int, int, int, int]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).crop(box).save(OUT / name)
    print(f"wrote {OUT / name}")


def main() -> int:
    if not os.environ.get("DISPLAY"):
        raise SystemExit("needs an X display: run it under xvfb-run (see the docstring)")
    root = Path(tempfile.mkdtemp(prefix="deskbreak-shots-"))
    bus = rig.SessionBus(root / "bus")
    os.environ.update(DBUS_SESSION_BUS_ADDRESS=bus.address, NO_AT_BRIDGE="1")
    env = dict(os.environ)
    pieces: list = [bus]
    try:
        dunst = rig.Dunst(root / "dunst", env)
        pieces.append(dunst)
        pieces.append(rig.Tray(env))
        (root / "daemon").mkdir()
        daemon = Daemon(root / "daemon", config=CONFIG, display=True).start()
        pieces.append(daemon)
        daemon.wait_for_event("reminder_shown", timeout=90)
        daemon.cli("snooze")
        dunst.close_all()
        notifier = DesktopNotifier(lambda action: None, app_icon())
        notifier.show(Reminder(sat_s=52 * 60, repeat=0, snooze_minutes=10, snoozes_left=2))
        rig.poll(lambda: dunst.displayed() == 1, what="the reminder on screen")
        time.sleep(0.5)
        grab("notification.png", (760, 0, 1280, 170))
        notifier.withdraw()
        rig.poll(lambda: dunst.displayed() == 0, what="the reminder to go")
        notifier.show(Reminder(sat_s=52 * 60, repeat=0, snooze_minutes=10, snoozes_left=2, offer_full=True))
        rig.poll(lambda: dunst.displayed() == 1, what="the reminder offering the full routine")
        time.sleep(0.5)
        grab("notification-full-offer.png", (760, 0, 1280, 190))
        offered = dunst.invoke("nothing")
        print("its buttons:", [line.split(" (")[0].lstrip("#") for line in offered])
        notifier.withdraw()
        notifier.close()
        tray_driver.open_menu()
        tray_driver.xdotool("key", "Down", "Down", "Down", "Down", "Right")  # snoozed: Pause is the fourth item
        time.sleep(0.5)
        grab("tray-menu.png", (760, 0, 1280, 290))
        tray_driver.xdotool("key", "Escape", "Escape", "Escape")
    finally:
        for piece in reversed(pieces):
            piece.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
