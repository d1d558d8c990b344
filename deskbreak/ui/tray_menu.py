"""The tray's right-click menu as plain data, rebuilt from the status each time it opens.

Each item carries the control message it sends (the same dicts the CLI sends), so the menu
is tested without a tray and every backend renders the same menu.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from deskbreak.core.model import Status

Command = dict[str, Any]


@dataclass(frozen=True)
class Item:
    label: str
    command: Command | None = None  # None: a label or a submenu
    submenu: tuple["Item", ...] = ()
    checked: bool | None = None  # None: not a check item
    enabled: bool = True
    default: bool = False  # what a left click does, where the backend has one
    visible: bool = True


SEPARATOR = Item("-")


@dataclass(frozen=True)
class MenuInput:
    status: Status
    today: str = ""
    snooze_minutes: int = 10
    routines: tuple[str, ...] = ("desk", "full")
    default_routine: str = "desk"


def build(state: MenuInput) -> tuple[Item, ...]:
    status = state.status
    answerable = status.phase in ("due", "snoozed", "on_break")
    can_snooze = answerable and status.snoozes_left != 0
    paused = status.phase == "paused"
    items = [
        Item("Start break", {"cmd": "break", "routine": state.default_routine}, default=True, visible=False),
        Item("Start break now", submenu=tuple(
            Item(f"{name.capitalize()} routine", {"cmd": "break", "routine": name}) for name in state.routines
        )),
        Item(f"Snooze {state.snooze_minutes} min", {"cmd": "snooze"}, enabled=can_snooze),
        Item("Skip this break", {"cmd": "skip"}, enabled=answerable),
        SEPARATOR,
    ]
    if paused:
        items.append(Item("Resume reminders", {"cmd": "resume"}))
    else:
        items.append(Item("Pause", submenu=(
            Item("30 minutes", {"cmd": "pause", "for_s": 1800}),
            Item("1 hour", {"cmd": "pause", "for_s": 3600}),
            Item("Until tomorrow", {"cmd": "pause", "until_tomorrow": True}),
            Item("Until I resume", {"cmd": "pause", "indefinitely": True}),
        )))
    items += [
        Item("I'm standing", {"cmd": "sit" if status.standing else "stand"}, checked=status.standing),
        SEPARATOR,
        Item(state.today or "Today: no breaks yet", enabled=False),
        SEPARATOR,
        Item("Open log", {"cmd": "open_log"}),
        Item("Settings", {"cmd": "open_settings"}),
        Item("Quit deskbreak", {"cmd": "quit"}),
    ]
    return tuple(items)


def labels(items: tuple[Item, ...], depth: int = 0) -> list[str]:
    """The menu as indented text lines (for logs, tests and `doctor`)."""
    out: list[str] = []
    for item in (i for i in items if i.visible):
        mark = {True: "[x] ", False: "[ ] ", None: ""}[item.checked]
        out.append("  " * depth + mark + item.label + ("" if item.enabled else " (disabled)"))
        out.extend(labels(item.submenu, depth + 1))
    return out



