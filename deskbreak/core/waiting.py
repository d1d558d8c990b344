"""Why a due reminder is waiting, in words, from the busy reason the core keeps.

A reason is "kind" or "kind: detail" ("microphone: Firefox"), the kind being one of the
`defer_on` names or "meeting app". Logs written before the kinds existed said "idle inhibited".
Plain strings only, so the quick `status` path can use it.
"""

from __future__ import annotations

from deskbreak.config.i18n import _

LEGACY = {"idle inhibited": "inhibit"}


def kind_of(reason: str) -> str:
    """The reason's kind, for counting deferred reminders by why they waited."""
    kind = reason.split(":", 1)[0].strip()
    return LEGACY.get(kind, kind) or "unknown"


def words(reason: str) -> str:
    """ "you are in a call — microphone in use by Firefox" """
    kind = kind_of(reason)
    detail = reason.split(":", 1)[1].strip() if ":" in reason else ""
    if kind == "microphone":
        return (
            _("you are in a call — microphone in use by {app}").format(app=detail) if detail else _("you are in a call — microphone in use")
        )
    if kind == "camera":
        return _("you are in a call — camera in use by {app}").format(app=detail) if detail else _("you are in a call — camera in use")
    if kind == "meeting app":
        return _("you are in a call — {app} is open").format(app=detail) if detail else _("you are in a call — a meeting app is open")
    if kind == "dnd":
        return _("Do Not Disturb is on ({detail})").format(detail=detail) if detail else _("Do Not Disturb is on")
    if kind == "fullscreen":
        return _("a fullscreen window is active")
    if kind == "inhibit":
        return _("an application asked the desktop not to go idle")
    return reason
