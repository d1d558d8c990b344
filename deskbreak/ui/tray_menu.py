"""The tray's menu as plain data, rebuilt from the status and the settings after every change.

Each item carries the control message it sends (the same dicts the CLI sends), so the menu
is tested without a tray and every backend renders the same menu.
"""

from __future__ import annotations

from dataclasses import dataclass

from deskbreak.config.i18n import _
from deskbreak.core.model import Status
from deskbreak.core.view import SEPARATOR, MenuItem


@dataclass(frozen=True)
class MenuInput:
    """What the menu shows beyond the status: from the settings and the routine catalogue,
    read at start and again on every reload."""

    status: Status
    today: str
    snooze_minutes: int
    routines: tuple[str, ...]  # every routine `deskbreak routines` lists, by name
    default_routine: str
    log_trouble: str | None = None  # why the event log is not being written, when it is not


def build(state: MenuInput) -> tuple[MenuItem, ...]:
    status = state.status
    answerable = status.phase in ("due", "snoozed", "on_break")
    can_snooze = answerable and status.snoozes_left != 0
    paused = status.phase == "paused"
    ordered = (state.default_routine, *(name for name in state.routines if name != state.default_routine))
    items = [
        MenuItem(
            _("Start break now"),
            submenu=tuple(
                MenuItem(_routine_label(name, name == state.default_routine), {"cmd": "break", "routine": name}) for name in ordered
            ),
        )
    ]
    items += [
        MenuItem(_("Snooze {minutes} min").format(minutes=state.snooze_minutes), {"cmd": "snooze"}, enabled=can_snooze),
        MenuItem(_("Skip this break"), {"cmd": "skip"}, enabled=answerable),
        SEPARATOR,
    ]
    if paused:
        items.append(MenuItem(_("Resume reminders"), {"cmd": "resume"}))
    else:
        items.append(
            MenuItem(
                _("Pause"),
                submenu=(
                    MenuItem(_("30 minutes"), {"cmd": "pause", "for_s": 1800}),
                    MenuItem(_("1 hour"), {"cmd": "pause", "for_s": 3600}),
                    MenuItem(_("Until tomorrow"), {"cmd": "pause", "until_tomorrow": True}),
                    MenuItem(_("Until I resume"), {"cmd": "pause", "indefinitely": True}),
                ),
            )
        )
    items += [
        MenuItem(_("I'm standing"), {"cmd": "sit" if status.standing else "stand"}, checked=status.standing),
        SEPARATOR,
        MenuItem(state.today or _("Today: no breaks yet"), enabled=False),
        SEPARATOR,
        MenuItem(_("History…"), {"cmd": "open_history"}),
        MenuItem(_("Settings…"), {"cmd": "open_settings"}),
        MenuItem(_("Quit deskbreak"), {"cmd": "quit"}),
    ]
    return tuple(items)


def _routine_label(name: str, default: bool) -> str:
    """ "Desk routine (default)": a built-in routine's title would be long for a menu."""
    shown = name.capitalize()
    return _("{name} routine (default)").format(name=shown) if default else _("{name} routine").format(name=shown)


def labels(items: tuple[MenuItem, ...], depth: int = 0) -> list[str]:
    """The menu as indented text lines (for logs, tests and `doctor`)."""
    out: list[str] = []
    for item in (i for i in items if i.visible):
        mark = {True: "[x] ", False: "[ ] ", None: ""}[item.checked]
        out.append("  " * depth + mark + item.label + ("" if item.enabled else _(" (disabled)")))
        out.extend(labels(item.submenu, depth + 1))
    return out
