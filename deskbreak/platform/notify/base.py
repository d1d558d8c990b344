"""The notifier contract and the reminder's words, shared by every notifier."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

from deskbreak.config.durations import format_minutes
from deskbreak.core.model import Reminder

Action = str  # "start" | "full" | "snooze" | "skip" | "dismissed"
OnAction = Callable[[Action], None]
TITLE = "Time for an upper-back break"


class NotifyFailed(Exception):
    """The reminder did not reach the user through this notifier; try the next one."""


class Notifier(Protocol):
    """Shows and takes down the one reminder. show/withdraw may be called from any thread and
    must not block for long; actions arrive through the on_action callback given at creation,
    on the notifier's own thread."""

    name: str
    has_actions: bool

    def show(self, reminder: Reminder) -> None: ...

    def notice(self, title: str, body: str) -> None:
        """A plain message without buttons (e.g. why the routine window could not open)."""

    def withdraw(self) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Words:
    title: str
    body: str
    start: str
    snooze: str | None  # None: no snoozes left today
    skip: str
    full: str | None  # a button for the full routine, when the week is behind on it


def words(reminder: Reminder, with_buttons: bool, clickable: bool = False) -> Words:
    """What the reminder says. Without buttons it tells how to act from the tray or terminal.
    A notification that reports a click but draws no buttons (mako, dunst) starts the break on a
    click; such servers show little text (mako: 300x100 px), so that body is short and says
    first what the click does, then how to snooze or skip."""
    sat = format_minutes(reminder.sat_s)
    if not with_buttons and clickable:
        answers, commands = ("snooze or skip", "deskbreak snooze / skip") if reminder.snoozes_left != 0 else ("skip", "deskbreak skip")
        body = (
            f"{'Still sitting' if reminder.repeat else 'Sitting'} for {sat}. Click to start the break; "
            f"{answers} from the tray menu or with {commands}."
        )
        if reminder.offer_full:
            body += " The week is behind on the full routine: deskbreak break full"
        return _said(reminder, body)
    body = f"You have been sitting for {sat}. A few minutes of upper-back movement undoes the hunch."
    if reminder.repeat:
        body = f"Still sitting: {sat} now. A short break for your upper back is overdue."
    if reminder.offer_full:
        body += " The week is behind on the full floor routine: today is a good day for it."
    if not with_buttons:
        body += " Start it from the tray menu or with: deskbreak break" if reminder.tray_menu else " Start it with: deskbreak break"
        if reminder.offer_full:
            body += " (or: deskbreak break full)"
    return _said(reminder, body)


def _said(reminder: Reminder, body: str) -> Words:
    snooze = f"Snooze {reminder.snooze_minutes} min" if reminder.snoozes_left != 0 else None
    return Words(TITLE, body, "Start break", snooze, "Skip", "Full routine" if reminder.offer_full else None)
