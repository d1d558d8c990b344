"""The application-menu entry on Linux desktops: a freedesktop .desktop file and the app icon in
the hicolor theme, in the user's data folder (no root, no system files).

The entry runs `deskbreak open`: it starts deskbreak, or, when it is already running, opens the
home window. Beside the entry goes the AppStream metainfo (deskbreak.metainfo.xml, in the
user's metainfo folder), so software centres list deskbreak with its description and screenshots.
Uninstalling removes the entry, the metainfo, the icons and the autostart entry; the user's
settings and event log stay where they are.
"""

from __future__ import annotations

import os
import re
import sys
from importlib import resources
from pathlib import Path

from deskbreak.config.regular_file import MIB, own_dir, read_regular, write_own
from deskbreak.platform import autostart, desktop_entry

APP_ID = "deskbreak"
ENTRY_NAME = f"{APP_ID}.desktop"
APPSTREAM_ID = "io.github.deskbreak.deskbreak"  # the component id of deskbreak.metainfo.xml
ICON_FILE = re.compile(r"deskbreak-(\d+)\.png")
MAX_ICON_BYTES = 4 * MIB


class MenuUnsupported(RuntimeError):
    """Not a freedesktop desktop; the text says what to do instead."""


def data_home() -> Path:
    if not sys.platform.startswith("linux"):
        raise MenuUnsupported(
            "the application-menu entry is only set up on Linux desktops so far; start deskbreak with `deskbreak run` or from autostart."
        )
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def entry_path() -> Path:
    return data_home() / "applications" / ENTRY_NAME


def icon_path(size: int) -> Path:
    return data_home() / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def metainfo_path() -> Path:
    return data_home() / "metainfo" / f"{APPSTREAM_ID}.metainfo.xml"


def metainfo_text() -> bytes:
    return (resources.files("deskbreak.platform") / "deskbreak.metainfo.xml").read_bytes()


def icon_sources() -> dict[int, Path]:
    """The app icon's PNGs by size: in the installed package (the wheel carries them as
    deskbreak/app_icons), else in icons/ of a source checkout."""
    packaged = Path(str(resources.files("deskbreak") / "app_icons"))
    folder = packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "icons"
    found = {}
    for path in folder.glob("deskbreak-*.png") if folder.is_dir() else ():
        match = ICON_FILE.fullmatch(path.name)
        if match:
            found[int(match.group(1))] = path
    return found


def entry_text() -> str:
    return desktop_entry.entry_text("open", APP_ID, ["Keywords=break;posture;stretch;sitting;reminder;", "StartupNotify=false"])


def install() -> tuple[Path, list[Path]]:
    """Write the menu entry, its metainfo and the icons (again); returns where the entry and the icons are."""
    sources = icon_sources()
    if not sources:
        raise MenuUnsupported("the app icons are missing from this installation; reinstall deskbreak.")
    icons = []
    for size, source in sorted(sources.items()):
        target = icon_path(size)
        own_dir(target.parent)
        write_own(target, read_regular(source, MAX_ICON_BYTES), 0o644)
        icons.append(target)
    _touch(data_home() / "icons" / "hicolor")  # icon caches look at the theme folder's time
    path = entry_path()
    own_dir(path.parent)
    write_own(path, entry_text().encode("utf-8"), 0o644)
    own_dir(metainfo_path().parent)
    write_own(metainfo_path(), metainfo_text(), 0o644)
    return path, icons


def uninstall() -> list[Path]:
    """Remove the menu entry, its metainfo, the icons and the autostart entry; returns what was removed."""
    removed = []
    icons = sorted((data_home() / "icons" / "hicolor").glob(f"*/apps/{APP_ID}.png"))
    for path in [entry_path(), metainfo_path(), *icons]:
        if path.exists():
            path.unlink()
            removed.append(path)
    gone = autostart.disable()
    if gone is not None:
        removed.append(gone)
    return removed


def _touch(folder: Path) -> None:
    if folder.is_dir():
        os.utime(folder)
