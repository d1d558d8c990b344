"""Start deskbreak with the desktop session: an XDG autostart entry on Linux.

No well-kept library does this; the XDG entry is a small .desktop file in the user's
autostart folder. Other systems say plainly that this is not supported yet.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from deskbreak.config.regular_file import own_dir, write_own
from deskbreak.platform import desktop_entry

ENTRY_NAME = "deskbreak.desktop"


class AutostartUnsupported(RuntimeError):
    """This OS has no autostart support in deskbreak yet; the text says what to do instead."""


def entry_path() -> Path:
    if not sys.platform.startswith("linux"):
        raise AutostartUnsupported(
            "autostart is only set up automatically on Linux desktops so far; add `deskbreak run` to your system's login items by hand."
        )
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config_home) / "autostart" / ENTRY_NAME


def entry_text(icon: Path | None) -> str:
    return desktop_entry.entry_text("run", str(icon or "deskbreak"), ["X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-Delay=5"])


def enable(icon: Path | None) -> Path:
    """Write the entry (again) and return where it is."""
    path = entry_path()
    own_dir(path.parent)
    write_own(path, entry_text(icon).encode("utf-8"), 0o644)
    return path


def disable() -> Path | None:
    """Remove the entry; returns the removed path, or None if there was none."""
    path = entry_path()
    if not path.exists():
        return None
    path.unlink()
    return path


def status() -> tuple[bool, Path]:
    path = entry_path()
    return path.is_file(), path
