"""The tray contract: what every tray backend does, and the finished view it is handed.

The daemon builds everything the tray shows (menu, tooltip, label, icon) in `deskbreak/ui` from
the settings and the status, and hands the backend a `TrayView` (deskbreak/core/view.py). A backend only renders a view
and turns clicks into the `Command` dicts the view carries; it never imports `deskbreak/ui`.

Threading rule:
- `run()` is called once, on the main thread, and blocks until `stop()`: pystray's loop lives
  there (GTK, Cocoa or win32; macOS requires the main thread); the SNI tray publishes its item
  on the daemon's bus loop and waits. Python signal handlers run on the main thread, so every
  backend must let them run (a wait on a threading.Event does; GTK's loop does for PyGObject).
- `update()` and `tell()` come from the owner thread, `stop()` from any thread. A backend hands
  each call to its own loop: the bus loop for the SNI tray; pystray's GTK backends marshal
  through `GLib.idle_add` themselves. pystray's win32 and darwin backends are not thread-safe
  for updates: there the adapter is the only thing that must change to marshal them.
- `on_command` (given to the backend's constructor) is called on the backend's loop thread;
  the daemon's handler only posts the command to the owner, so the menu never waits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from deskbreak.core.view import TrayView


class Tray(Protocol):
    """Every backend. Capability flags are class attributes (an instance may narrow them once
    it knows its backend, e.g. pystray falling back to its icon-only X11 backend)."""

    name: str
    has_menu: bool  # a right-click (or left-click) menu
    has_default_action: bool  # activating the icon runs `TrayView.default`
    has_tooltip: bool
    has_label: bool  # text beside the icon (`TrayView.label`)

    def run(self) -> None:
        """Block on the main thread until stop(); show the latest view meanwhile."""

    def stop(self) -> None:
        """End run(). Any thread; safe to call twice."""

    def update(self, view: TrayView) -> None:
        """Show this view. Any thread; cheap when nothing changed."""

    def tell(self, text: str) -> None:
        """A short message the user should see (a refused command). Any thread."""

    def open_path(self, path: Path) -> None:
        """Open a file (or its folder, when it does not exist yet) in the desktop's default app."""


def open_with_desktop(path: Path) -> None:
    """Open a file (or, if it does not exist yet, its folder) with the desktop's default app."""
    import logging
    import subprocess
    import sys
    import threading

    target = path
    if not path.exists():
        target = path.parent
        target.mkdir(parents=True, exist_ok=True)
    opener = {"darwin": ["open"], "win32": ["explorer"]}.get(sys.platform, ["xdg-open"])
    try:
        child = subprocess.Popen([*opener, str(target)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError as exc:
        logging.getLogger(__name__).warning("cannot open %s: %s", target, exc)
        return
    threading.Thread(target=child.wait, name="reap-opener", daemon=True).start()  # no <defunct> left
