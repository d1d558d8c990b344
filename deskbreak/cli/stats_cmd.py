"""`deskbreak stats`: what the event log says about breaks and sitting, as a table, JSON or a chart.

Reads the log directly (no daemon needed). matplotlib is imported only for --plot.
"""

from __future__ import annotations

import gc
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deskbreak.cli import user_settings
from deskbreak.core.exits import Exit

if TYPE_CHECKING:
    from deskbreak.stats.compute import Stats

PLOT_HINT = "the chart needs matplotlib: pip install 'deskbreak[plot]'"


@click.command()
@click.option("--today", "span", flag_value="today", help="Today since midnight.")
@click.option("--week", "span", flag_value="week", help="This week, Monday to Sunday (the default).")
@click.option("--month", "span", flag_value="month", help="This calendar month.")
@click.option("--since", "since", metavar="DATE", help='From a date (2026-10-01) or a time back ("30d") until now.')
@click.option("--json", "as_json", is_flag=True, help="Stable JSON (documented in deskbreak/stats/render.py).")
@click.option(
    "--plot",
    "plot_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.png",
    help="Also draw a 1200×600 chart of the period to FILE.png.",
)
@click.pass_context
def stats(ctx: click.Context, span: str | None, since: str | None, as_json: bool, plot_file: Path | None) -> None:
    """Breaks, reminders, sitting stretches and streaks for a period (default: this week)."""
    import tzlocal

    from deskbreak.config import paths
    from deskbreak.eventlog import EventLog
    from deskbreak.stats import periods, render
    from deskbreak.stats.load import load_stats

    if span and since:
        raise click.UsageError(f"--{span} and --since both choose the period; give one of them.")
    settings = user_settings.load(ctx)
    tz = tzlocal.get_localzone()
    now = datetime.now(tz)
    spans = {"today": periods.today, "week": periods.week, "month": periods.month}
    try:
        period = periods.since(since, now, tz) if since else spans[span or "week"](now, tz)
    except periods.PeriodError as exc:
        raise click.UsageError(str(exc)) from None

    log_path = paths.event_log()
    gc.disable()  # years of log are ~10^6 objects that all stay alive: collecting them only costs time
    try:
        result = load_stats(EventLog(log_path), period, now, tz, settings.weekly_full_target)
    except OSError as exc:
        click.echo(
            f"deskbreak: cannot read the event log {log_path}: {exc.strerror or exc}; check that the file is readable by you.", err=True
        )
        sys.exit(Exit.FAILED)
    finally:
        gc.enable()
    if not log_path.exists():
        click.echo(f"deskbreak: no event log yet at {log_path}; start deskbreak with: deskbreak run", err=True)
    if result.damaged_lines:
        lines = "line" if result.damaged_lines == 1 else "lines"
        click.echo(
            f"deskbreak: skipped {result.damaged_lines} damaged {lines} in {log_path}; the figures leave "
            "them out and the file is left as it is (open it to look at them).",
            err=True,
        )
    if as_json:
        click.echo(json.dumps(render.to_json(result), indent=2))
    else:
        click.echo(render.table(result))
    if plot_file is not None:
        _plot(result, plot_file, settings.sit_limit.total_seconds(), to_stderr=as_json)


def _plot(result: Stats, plot_file: Path, sit_limit_s: float, to_stderr: bool) -> None:
    try:
        from deskbreak.stats.plot import draw
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] != "matplotlib":
            raise
        click.echo(f"deskbreak: {PLOT_HINT}", err=True)
        sys.exit(Exit.FAILED)
    try:
        draw(result, plot_file, sit_limit_s)
    except OSError as exc:
        click.echo(f"deskbreak: cannot write the chart to {plot_file}: {exc.strerror or exc}; choose a writable path for --plot.", err=True)
        sys.exit(Exit.FAILED)
    click.echo(f"Chart saved to {plot_file}", err=to_stderr)
