"""The notifier contract and the reminder's words, shared by every notifier."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

from deskbreak.config.durations import format_minutes
from deskbreak.config.i18n import N_, _
from deskbreak.core.model import Reminder

Action = str  # "start" | "full" | "snooze" | "skip" | "dismissed"
OnAction = Callable[[Action], None]
TITLE = N_("Time for an upper-back break")


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
        lines = [
            _("Still sitting for {time}.").format(time=sat) if reminder.repeat else _("Sitting for {time}.").format(time=sat),
            _("Click to start the break; snooze or skip from the tray menu or with deskbreak snooze / skip.")
            if reminder.snoozes_left != 0
            else _("Click to start the break; skip from the tray menu or with deskbreak skip."),
        ]
        if reminder.offer_full:
            lines.append(_("The week is behind on the full routine: deskbreak break full"))
        return _said(reminder, " ".join(lines))
    lines = [
        _("Still sitting: {time} now. A short break for your upper back is overdue.").format(time=sat)
        if reminder.repeat
        else _("You have been sitting for {time}. A few minutes of upper-back movement undoes the hunch.").format(time=sat)
    ]
    if reminder.offer_full:
        lines.append(_("The week is behind on the full floor routine: today is a good day for it."))
    if not with_buttons:
        if reminder.offer_full:
            lines.append(
                _("Start it from the tray menu or with: deskbreak break (or: deskbreak break full)")
                if reminder.tray_menu
                else _("Start it with: deskbreak break (or: deskbreak break full)")
            )
        else:
            lines.append(
                _("Start it from the tray menu or with: deskbreak break") if reminder.tray_menu else _("Start it with: deskbreak break")
            )
    return _said(reminder, " ".join(lines))


def _said(reminder: Reminder, body: str) -> Words:
    snooze = _("Snooze {minutes} min").format(minutes=reminder.snooze_minutes) if reminder.snoozes_left != 0 else None
    return Words(_(TITLE), body, _("Start break"), snooze, _("Skip"), _("Full routine") if reminder.offer_full else None)
