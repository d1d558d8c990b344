"""Why a due reminder is waiting, in words, from the busy reason the core keeps.

A reason is "kind" or "kind: detail" ("microphone: Firefox"), the kind being one of the
`defer_on` names or "meeting app". Logs written before the kinds existed said "idle inhibited".
Plain strings only, so the quick `status` path can use it.
"""

from __future__ import annotations

LEGACY = {"idle inhibited": "inhibit"}


def kind_of(reason: str) -> str:
    """The reason's kind, for counting deferred reminders by why they waited."""
    kind = reason.split(":", 1)[0].strip()
    return LEGACY.get(kind, kind) or "unknown"


def words(reason: str) -> str:
    """ "you are in a call — microphone in use by Firefox" """
    kind = kind_of(reason)
    detail = reason.split(":", 1)[1].strip() if ":" in reason else ""
    if kind in ("microphone", "camera"):
        return f"you are in a call — {kind} in use by {detail or 'an application'}"
    if kind == "meeting app":
        return f"you are in a call — {detail or 'a meeting app'} is open"
    if kind == "dnd":
        return f"Do Not Disturb is on ({detail})" if detail else "Do Not Disturb is on"
    if kind == "fullscreen":
        return "a fullscreen window is active"
    if kind == "inhibit":
        return "an application asked the desktop not to go idle"
    return reason
