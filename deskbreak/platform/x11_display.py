"""Opening the X display for the X11 adapters, with the reason when there is none."""

from __future__ import annotations

import os
from typing import Any

from deskbreak.platform.choice import Unavailable


def open_display(display_name: str | None = None) -> tuple[Any, str]:
    """A python-xlib connection and the display's name; Unavailable outside an X11 session."""
    display_name = display_name or os.environ.get("DISPLAY")
    if not display_name:
        raise Unavailable("no DISPLAY: not an X11 session")
    from Xlib import display, error

    try:
        return display.Display(display_name), display_name
    except (error.DisplayError, error.ConnectionClosedError, OSError) as exc:
        raise Unavailable(f"cannot open X display {display_name}: {exc}") from None
