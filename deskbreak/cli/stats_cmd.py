"""`deskbreak stats`: what the event log says about breaks and sitting, as a table, JSON or a chart.

Reads the log directly (no daemon needed). matplotlib is imported only for --plot.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deskbreak.cli import user_settings
from deskbreak.config.i18n import _
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
    from deskbreak.cli.stats_report import LogUnreadable, report
    from deskbreak.stats.periods import PeriodError

    if span and since:
        raise click.UsageError(f"--{span} and --since both choose the period; give one of them.")
    settings = user_settings.load(ctx)
    try:
        done = report(span, since, as_json, settings.weekly_full_target)
    except PeriodError as exc:
        raise click.UsageError(str(exc)) from None
    except LogUnreadable as exc:
        click.echo(str(exc), err=True)
        sys.exit(Exit.FAILED)
    for note in done.notes:
        click.echo(note, err=True)
    click.echo(done.text)
    if plot_file is not None:
        _plot(done.stats, plot_file, settings.sit_limit.total_seconds(), to_stderr=as_json)


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
    click.echo(_("Chart saved to {file}").format(file=plot_file), err=to_stderr)
