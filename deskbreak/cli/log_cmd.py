"""`deskbreak log`: the event log as a readable table, JSON Lines or CSV.

`--since` reads only the tail it needs (the log is in time order), so it stays fast on years
of history. Damaged lines are skipped and counted on stderr; the file is never changed. The
words are in deskbreak.cli.log_report, shared with the lean path (deskbreak.cli.lean).
"""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING

import click

from deskbreak.cli.log_report import SINCE_FORMS, damaged_note, lines, since_moment, write_csv
from deskbreak.config import paths

if TYPE_CHECKING:  # click's ParamType takes its value type only in newer versions than the 8.1 allowed
    _ParamType = click.ParamType[datetime]
else:
    _ParamType = click.ParamType


class Since(_ParamType):
    """A point in time: a duration back from now, or a local date / date and time."""

    name = "since"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            return since_moment(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


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
    if as_csv:
        write_csv(records, sys.stdout)
    else:
        for line in lines(records, since is not None, as_json, where):
            click.echo(line)
    if read.damaged:
        click.echo(damaged_note(read.damaged, where), err=True)
