"""`deskbreak history` (the history window) and the home window that `deskbreak open` shows when
deskbreak runs already: each a Qt window in this process, on the Qt platform the session calls
for. The windows are imported only when opened, so this module stays free of GUI toolkits.
"""

from __future__ import annotations

import os
import sys
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import click

from deskbreak.cli import user_settings
from deskbreak.config import paths
from deskbreak.config.i18n import _
from deskbreak.config.settings import Settings
from deskbreak.core.exits import Exit

if TYPE_CHECKING:
    from deskbreak.stats.compute import Stats

WEEKS_BACK = 16  # "Past weeks": as many as the chart's weekly bars show


@click.command()
@click.pass_context
def history(ctx: click.Context) -> None:
    """Open the history window: today, this week and past weeks, as figures and a chart."""
    settings = user_settings.load(ctx)
    cannot = _(
        "deskbreak: the history window cannot be shown: {why}. Run it in a desktop session, or see the figures with `deskbreak stats`."
    )
    _window_platform(cannot)
    from deskbreak.ui.history_window import run_history

    limit = settings.sit_limit.total_seconds()
    sys.exit(run_history(lambda period: _figures(period, settings), paths.event_log(), limit, lambda why: _cannot_connect(cannot, why)))


def _figures(period: str, settings: Settings) -> tuple[Stats | None, list[str]]:
    """A period's figures with the notes `deskbreak stats` gives (damaged lines, no log yet)."""
    from deskbreak.cli.stats_report import LogUnreadable, report

    since = None
    if period == "weeks":
        today = date.today()
        since = (today - timedelta(days=today.weekday(), weeks=WEEKS_BACK - 1)).isoformat()
    try:
        done = report(None if since else period, since, False, settings.weekly_full_target)
    except LogUnreadable as exc:
        return None, [str(exc)]
    return done.stats, done.notes


def home(settings: Settings, status: dict[str, Any]) -> int:
    """The home window, for a running daemon whose status is `status`. Where no window can be
    shown (a terminal without a display) it prints what the window would show: the status."""
    from deskbreak.platform.session import current

    session = current()
    if not session.window:
        from deskbreak.cli.status_text import describe

        click.echo(_("deskbreak is running; the home window cannot be shown here ({why}).").format(why=session.no_window), err=True)
        click.echo(describe(status) if status.get("ok") else status.get("error", ""))
        return Exit.OK
    if session.qt_platform:
        os.environ["QT_QPA_PLATFORM"] = session.qt_platform
    from deskbreak.ipc.client import request
    from deskbreak.routines.loader import find_routines
    from deskbreak.ui.home_window import run_home

    catalog = find_routines()
    ordered = [settings.default_routine, *(name for name in catalog.routines if name != settings.default_routine)]
    cannot = _("deskbreak: the home window cannot be shown: {why}. Run `deskbreak status` for what it would show.")
    return run_home(request, ordered, launch, lambda why: _cannot_connect(cannot, why))


def launch(command: str) -> str | None:
    """Start `deskbreak COMMAND` (another window) as its own process; None when it started, else why not."""
    import subprocess

    try:
        subprocess.Popen(
            [sys.executable, "-m", "deskbreak", command],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        return _("could not start `deskbreak {command}`: {why}").format(command=command, why=exc.strerror or exc)
    return None


def _cannot_connect(cannot: str, why: str) -> None:
    """Qt cannot reach the display and is about to abort: one line, then Exit.NO_WINDOW at once
    (called from inside Qt, where nothing may unwind)."""
    click.echo(cannot.format(why=why), err=True)
    sys.stderr.flush()
    os._exit(Exit.NO_WINDOW)


def _window_platform(cannot: str) -> None:
    """Choose Qt's platform from the session, or end saying `cannot` with why no window can be shown."""
    from deskbreak.platform.session import current

    session = current()
    if not session.window:
        click.echo(cannot.format(why=session.no_window), err=True)
        sys.exit(Exit.NO_WINDOW)
    if session.qt_platform:
        os.environ["QT_QPA_PLATFORM"] = session.qt_platform
