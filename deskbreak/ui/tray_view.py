"""Everything the tray shows, built in one place from the status and the settings: the view
the daemon hands to whichever tray backend runs (see deskbreak/core/view.py and deskbreak/platform/tray/base.py)."""

from __future__ import annotations

from datetime import datetime

from deskbreak.core.view import TrayIcon, TrayView
from deskbreak.ui import icon_art, icons, tray_menu, tray_text


def build(state: tray_menu.MenuInput, now: datetime) -> TrayView:
    status = state.status
    key = icon_art.icon_key(status.phase, status.progress)
    return TrayView(
        icon=TrayIcon(key, icon_art.draw, icon_art.KEYS, kept=icons.tray_looks_file()),
        title="deskbreak",
        tooltip=tray_text.tooltip(status, now) + tray_text.log_trouble(state.log_trouble),
        label=tray_text.label(status),
        menu=tray_menu.build(state),
        default={"cmd": "break", "routine": state.default_routine},
        attention=status.phase == "due",
    )
