"""`deskbreak log`: the event log as a readable table, JSON Lines or CSV.

`--since` reads only the tail it needs (the log is in time order), so it stays fast on years
of history. Damaged lines are skipped and counted on stderr; the file is never changed.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Mapping

import click

from deskbreak.cli.safe_text import for_json_line, for_spreadsheet, for_terminal
from deskbreak.config import paths
from deskbreak.config.durations import DurationError, OutOfRange, format_duration, parse_duration, parse_moment

if TYPE_CHECKING:
    from deskbreak.eventlog import Record

SINCE_FORMS = "2h, 7d, 1h30m (a duration back from now), 2026-11-01 or 2026-11-01T09:00 (local time)"


class Since(click.ParamType):
    """A point in time: a duration back from now, or a local date / date and time."""

    name = "since"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        now = datetime.now().astimezone()
        for read in (lambda: now - parse_duration(text), lambda: parse_moment(text)):
            try:
                return read()
            except OutOfRange as exc:
                self.fail(str(exc), param, ctx)
            except DurationError:
                pass
        self.fail(f"{text[:64]!r} is neither a duration nor a date; use {SINCE_FORMS}", param, ctx)


@click.command()
@click.option("--since", type=Since(), help=f"Only events from then on: {SINCE_FORMS}.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, every field of every event.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a column for every field.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the last N events.")
def log(since: datetime | None, as_json: bool, as_csv: bool, limit: int | None) -> None:
    """Show the event log (every reminder, snooze, skip and break)."""
    from deskbreak.eventlog import EventLog

    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    where = paths.event_log()
    try:
        read = EventLog(where).read(since=since)
    except OSError as exc:
        click.echo(f"deskbreak: cannot read the event log {where}: {exc.strerror or exc}.", err=True)
        sys.exit(1)
    records = read.records[-limit:] if limit else read.records
    if as_json:
        for record in records:
            click.echo(for_json_line(json.dumps(record.as_dict(), ensure_ascii=False)))
    elif as_csv:
        _write_csv(records)
    elif not records:
        scope = " in that time" if since else ""
        click.echo(f"No events{scope}. The log ({where}) fills as deskbreak runs: start it with `deskbreak run`.")
    else:
        for record in records:
            line = f"{record.ts.astimezone().strftime('%a %d %b %H:%M')}  {record.kind:<16} {summary(record.data)}"
            click.echo(for_terminal(line.rstrip()))
    if read.damaged:
        click.echo(
            f"{read.damaged} damaged line{'s' if read.damaged != 1 else ''} (not JSON, or not a valid event) "
            f"skipped in {where}; the file was left as it is.",
            err=True,
        )


def summary(data: Mapping[str, Any]) -> str:
    """A short human reading of an event's fields: "desk · 4 steps · 2m50s · from window"."""
    parts = []
    if "routine" in data:
        parts.append(str(data["routine"]))
    if "name" in data:
        parts.append(str(data["name"]))
    if data.get("steps") is not None:
        parts.append(f"{data['steps']} step{'' if data['steps'] == 1 else 's'}")
    if data.get("duration_s"):
        parts.append(format_duration(float(data["duration_s"])))
    if data.get("sat_s"):
        parts.append(f"after {format_duration(float(data['sat_s']))} sitting")
    if data.get("away_s"):
        parts.append(f"away {format_duration(float(data['away_s']))} ({data.get('reason', '')})")
    if "minutes" in data:
        parts.append(f"{format_duration(timedelta(minutes=float(data['minutes'])))}")
    if "until" in data:
        parts.append(f"until {data['until']}" if data["until"] else "until resumed")
    if "message" in data:
        parts.append(str(data["message"]))
    if data.get("source"):
        parts.append(f"from {data['source']}")
    return " · ".join(parts)


def _write_csv(records: list[Record]) -> None:
    keys = sorted({key for record in records for key in record.data})
    writer = csv.writer(sys.stdout, lineterminator="\n")
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
