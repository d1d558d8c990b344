"""The app icon as a file, for notifications and the autostart entry (both need a path).

Rendered from the same drawing code as the tray icon into the user cache dir, once per
version of that code.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import platformdirs

from deskbreak import __version__
from deskbreak.config.regular_file import own_dir, write_own

SIZE = 128
log = logging.getLogger(__name__)


def tray_looks_file() -> str:
    """Where a tray keeps every drawn look of its icon, named by the art's version (a new
    version draws them afresh; the files of older ones are removed by the tray)."""
    from deskbreak.ui.icon_art import version

    return str(Path(platformdirs.user_cache_dir("deskbreak")) / f"tray-looks-{version()}.bin")


def app_icon() -> Path | None:
    """A PNG of the app icon, drawn on first use; None if it cannot be written."""
    path = Path(platformdirs.user_cache_dir("deskbreak")) / f"deskbreak-{SIZE}-{__version__}.png"
    if path.is_file():
        return path
    from deskbreak.ui.icon_art import app_icon as draw

    try:
        own_dir(path.parent)
        png = io.BytesIO()
        draw(SIZE).save(png, "PNG")
        write_own(path, png.getvalue(), 0o644)
    except OSError as exc:
        log.warning("cannot write the app icon to %s: %s", path, exc)
        return None
    return path
