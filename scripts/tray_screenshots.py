"""Screenshots of deskbreak's tray icon with its menu open on GNOME, KDE, sway and XFCE, for the
README.

Each desktop starts headless from its recipe (tests/desktop/rigs), one after the other; the real
daemon starts inside its session; the desktop's tray driver finds the icon and right-clicks it;
the part of the screen with the icon and the menu is saved as docs/screenshots/tray-menu-<desktop>.png.
Run: .venv/bin/python scripts/tray_screenshots.py [gnome] [kde] [sway] [xfce]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.daemon.harness import Daemon  # noqa: E402  (the rig lives with the tests)
from tests.desktop import desktops, tray_drivers  # noqa: E402
from tests.desktop.test_tray_on_each_desktop import CALM, DESKBREAK, our_item  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
KINDS = ("gnome", "kde", "sway", "xfce")
MARGIN = 16


def shoot(kind: str, scratch: Path) -> Path:
    (scratch / f"{kind}-daemon").mkdir()
    desktop = desktops.start(kind)
    try:
        driver = tray_drivers.driver(desktop, DESKBREAK, scratch / kind)
        daemon = Daemon(scratch / f"{kind}-daemon", config=CALM, desktop=desktop.env)
        try:
            daemon.start()
            driver.service = our_item(desktop, daemon)
            x, _ = driver.find_icon()
            shown = driver.open_menu()
        finally:
            daemon.stop()
            driver.close()
    finally:
        desktops.finish(desktop)
    left, top, _, bottom = tray_drivers.changed_box(driver.before_menu, shown, driver.strip)
    strip = driver.strip
    box = (max(min(left, x - 24) - MARGIN, 0), max(min(top, strip[1]) - MARGIN, 0),
           1280, min(max(bottom, strip[3]) + MARGIN, 800))  # every one of these trays is at the right
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"tray-menu-{kind}.png"
    shown.crop(box).save(path)
    return path


def main(kinds: list[str]) -> int:
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise SystemExit(f"unknown desktop {sorted(unknown)}: choose from {' '.join(KINDS)}")
    scratch = Path(tempfile.mkdtemp(prefix="deskbreak-tray-shots-"))
    try:
        for kind in kinds or KINDS:
            print(f"wrote {shoot(kind, scratch)}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
