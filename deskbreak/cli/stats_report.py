"""What `deskbreak stats` prints, without click: the click command and the lean path
(deskbreak.cli.lean) both call `report`, so they say the same words."""

from __future__ import annotations

import gc
import json
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from deskbreak.config import paths

if TYPE_CHECKING:
    from deskbreak.stats.compute import Stats


class LogUnreadable(OSError):
    """The event log exists but cannot be read; str() is the whole message for the user."""


class Report(NamedTuple):
    stats: Stats
    notes: list[str]  # for stderr, in order
    text: str  # for stdout


def report(span: str | None, since: str | None, as_json: bool, weekly_target: int) -> Report:
    """The figures and their text. Raises periods.PeriodError for a --since it cannot read, and
    LogUnreadable."""
    import tzlocal

    from deskbreak.eventlog import EventLog
    from deskbreak.stats import periods, render
    from deskbreak.stats.load import load_stats

    tz = tzlocal.get_localzone()
    now = datetime.now(tz)
    spans = {"today": periods.today, "week": periods.week, "month": periods.month}
    period = periods.since(since, now, tz) if since else spans[span or "week"](now, tz)
    log_path = paths.event_log()
    gc.disable()  # years of log are ~10^6 objects that all stay alive: collecting them only costs time
    try:
        result = load_stats(EventLog(log_path), period, now, tz, weekly_target)
    except OSError as exc:
        raise LogUnreadable(
            f"deskbreak: cannot read the event log {log_path}: {exc.strerror or exc}; check that the file is readable by you."
        ) from None
    finally:
        gc.enable()
    notes = []
    if not log_path.exists():
        notes.append(f"deskbreak: no event log yet at {log_path}; start deskbreak with: deskbreak run")
    if result.damaged_lines:
        lines = "line" if result.damaged_lines == 1 else "lines"
        notes.append(
            f"deskbreak: skipped {result.damaged_lines} damaged {lines} in {log_path}; the figures leave "
            "them out and the file is left as it is (open it to look at them)."
        )
    text = json.dumps(render.to_json(result), indent=2) if as_json else render.table(result)
    return Report(result, notes, text)
