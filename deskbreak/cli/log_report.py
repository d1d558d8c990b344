"""What `deskbreak log` prints, without click: the click command and the lean path
(deskbreak.cli.lean) both use these, so they say the same words."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, TextIO

from deskbreak.config import localformat
from deskbreak.config.durations import DurationError, OutOfRange, format_duration, parse_duration, parse_moment
from deskbreak.config.i18n import _, ngettext
from deskbreak.config.safe_text import for_json_line, for_spreadsheet, for_terminal

if TYPE_CHECKING:
    from pathlib import Path

    from deskbreak.eventlog import Record

SINCE_FORMS = "2h, 7d, 1h30m (a duration back from now), 2026-11-01 or 2026-11-01T09:00 (local time)"


def since_moment(text: str) -> datetime:
    """A duration back from now, or a local date / date and time; ValueError says what is allowed."""
    text = text.strip()
    now = datetime.now().astimezone()
    readers: tuple[Callable[[], datetime], ...] = (lambda: now - parse_duration(text), lambda: parse_moment(text))
    for read in readers:
        try:
            return read()
        except OutOfRange:
            raise
        except DurationError:
            pass
    raise ValueError(f"{text[:64]!r} is neither a duration nor a date; use {SINCE_FORMS}")


def lines(records: list[Record], since_given: bool, as_json: bool, where: Path) -> Iterator[str]:
    """The lines of the table or of the JSON Lines export (not CSV: see write_csv)."""
    if as_json:
        for record in records:
            yield for_json_line(json.dumps(record.as_dict(), ensure_ascii=False))
    elif not records:
        none = (
            _("No events in that time. The log ({file}) fills as deskbreak runs: start it with `deskbreak run`.")
            if since_given
            else _("No events. The log ({file}) fills as deskbreak runs: start it with `deskbreak run`.")
        )
        yield none.format(file=where)
    else:
        for record in records:
            line = f"{localformat.day_and_time(record.ts.astimezone())}  {record.kind:<16} {summary(record.data)}"
            yield for_terminal(line.rstrip())


def damaged_note(damaged: int, where: Path) -> str:
    return ngettext(
        "{count} damaged line (not JSON, or not a valid event) skipped in {file}; the file was left as it is.",
        "{count} damaged lines (not JSON, or not a valid event) skipped in {file}; the file was left as it is.",
        damaged,
    ).format(count=damaged, file=where)


def summary(data: Mapping[str, Any]) -> str:
    """A short human reading of an event's fields: "desk · 4 steps · 2m50s · from window"."""
    parts = []
    if "routine" in data:
        parts.append(str(data["routine"]))
    if "name" in data:
        parts.append(str(data["name"]))
    if data.get("steps") is not None:
        parts.append(ngettext("{count} step", "{count} steps", int(data["steps"])).format(count=data["steps"]))
    if data.get("duration_s"):
        parts.append(format_duration(float(data["duration_s"])))
    if data.get("sat_s"):
        parts.append(_("after {time} sitting").format(time=format_duration(float(data["sat_s"]))))
    if data.get("away_s"):
        parts.append(_("away {time} ({reason})").format(time=format_duration(float(data["away_s"])), reason=data.get("reason", "")))
    if "minutes" in data:
        parts.append(f"{format_duration(timedelta(minutes=float(data['minutes'])))}")
    if "until" in data:
        parts.append(_("until {time}").format(time=data["until"]) if data["until"] else _("until resumed"))
    if "message" in data:
        parts.append(str(data["message"]))
    if data.get("source"):
        parts.append(_("from {source}").format(source=data["source"]))
    return " · ".join(parts)


def write_csv(records: list[Record], out: TextIO) -> None:
    keys = sorted({key for record in records for key in record.data})
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["ts", "event", *(for_spreadsheet(key) for key in keys)])
    for record in records:
        writer.writerow([record.ts.isoformat(), record.kind, *(_cell(record.data.get(key)) for key in keys)])


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list, bool)):
        return for_spreadsheet(json.dumps(value))
    if isinstance(value, str):
        return for_spreadsheet(value)
    return str(value)
