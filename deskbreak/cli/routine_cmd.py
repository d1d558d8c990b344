"""`deskbreak routines` (what there is) and `deskbreak routine [NAME]` (do one).

The window is imported only when it is opened, so this module stays free of GUI toolkits.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Callable

import click

from deskbreak.cli import user_settings
from deskbreak.config import paths
from deskbreak.config.durations import format_duration
from deskbreak.config.i18n import _, ngettext
from deskbreak.config.settings import Settings
from deskbreak.core.exits import Exit
from deskbreak.routines.loader import Catalog, find_routines
from deskbreak.routines.model import Routine
from deskbreak.routines.session import Ended

ENDED_BY = {
    "SIGTERM": "the routine was ended by SIGTERM (logout or shutdown)",
    "SIGHUP": "the routine's session or terminal went away (SIGHUP)",
}

OPENERS = ("cli", "tray", "notification", "window", "terminal", "schedule")


@click.command()
def routines() -> None:
    """List the routines (built-in and your own) with their steps, time and equipment."""
    catalog = find_routines()
    for routine in catalog.routines.values():
        where = "" if routine.origin == "built-in" else f"  [{routine.origin}]"
        count = len(routine.steps)
        said = ngettext("{title} — {count} step, about {time}", "{title} — {count} steps, about {time}", count)
        click.echo(
            f"{routine.name:<10} {said.format(title=routine.title, count=count, time=format_duration(routine.total_seconds))}{where}"
        )
        equipment = ", ".join(routine.equipment) or _("none")
        needs = _("equipment: {things}").format(things=equipment)
        click.echo(f"{'':<10} {needs}")
    click.echo(
        "\n" + _("Your own routines go in {folder} (*.toml, see `deskbreak routine --help`).").format(folder=paths.user_routines_dir())
    )
    _report_errors(catalog)


@click.command()
@click.argument("name", required=False)
@click.option("--terminal", is_flag=True, help="Guide the routine here in the terminal instead of a window.")
@click.option(
    "--source", type=click.Choice(OPENERS), default="cli", hidden=True, help="Who opened the routine (the daemon passes notification/tray)."
)
@click.pass_context
def routine(ctx: click.Context, name: str | None, terminal: bool, source: str) -> None:
    """Do a routine now, step by step (NAME: desk, full, or one of yours; default from the config).

    Your own routines are TOML files in the folder `deskbreak routines` shows, written like the
    built-in desk.toml and full.toml (format in the README and in deskbreak/routines/loader.py).
    """
    settings = user_settings.load(ctx)
    catalog = find_routines()
    chosen = name or settings.default_routine
    found = catalog.routines.get(chosen)
    if found is None:
        _report_errors(catalog)
        known = ", ".join(catalog.routines)
        raise click.UsageError(
            _("No routine named {name}. Known: {known}. See `deskbreak routines`.").format(name=repr(chosen), known=known)
        )
    _end_on_signals()
    if terminal:
        sys.exit(_run_terminal(found, settings, source))
    sys.exit(_run_window(found, settings, source))


def _run_window(found: Routine, settings: Settings, source: str) -> int:
    """The window, on the Qt platform the session calls for (Wayland natively, else X11)."""
    from deskbreak.platform.session import current

    session = current()
    if not session.window:
        _no_window(found, settings, source, session.no_window)
    if session.qt_platform:
        os.environ["QT_QPA_PLATFORM"] = session.qt_platform
    try:
        from deskbreak.ui.routine_window import run_window
    except ImportError as exc:
        _no_window(
            found,
            settings,
            source,
            _("Qt for Python is missing ({problem}); reinstall deskbreak, which depends on PySide6-Essentials").format(problem=exc),
        )
    except Ended as ended:  # ended from outside while Qt was still loading: nothing was shown yet
        click.echo(f"deskbreak: {ended.reason}; the routine window was not shown.", err=True)
        return 1
    from deskbreak.cli.guidance import routine_guidance

    with routine_guidance(found, settings, lambda line: click.echo(line, err=True)) as guidance:
        return run_window(
            found, settings, opened_by=source, cannot_connect=lambda reason: _not_shown(found, source, reason, os._exit), guidance=guidance
        )


def _no_window(found: Routine, settings: Settings, source: str, reason: str) -> None:
    """No window can be shown. In a terminal, guide the routine there; anywhere else (the daemon
    starts this with no terminal) log why and exit Exit.NO_WINDOW, so nothing is started and
    abandoned unseen."""
    if sys.stdin.isatty():
        click.echo(_("No window can be shown ({reason}); guiding the routine here in the terminal.").format(reason=reason), err=True)
        sys.exit(_run_terminal(found, settings, source))
    _not_shown(found, source, reason, sys.exit)


def _not_shown(found: Routine, source: str, reason: str, leave: Callable[[int], object]) -> None:
    """Log break_not_shown with the reason, say so, and leave with Exit.NO_WINDOW. Qt's platform
    failing to connect calls this with os._exit, from inside Qt, where nothing may unwind."""
    from datetime import datetime

    from deskbreak.core.model import Event
    from deskbreak.eventlog import EventLog

    event = Event("break_not_shown", {"routine": found.name, "source": source, "reason": reason})
    try:
        EventLog(paths.event_log()).append(event, datetime.now().astimezone())
    except OSError as exc:
        click.echo(_("deskbreak: could not log it: {problem}").format(problem=exc), err=True)
    click.echo(
        _(
            "deskbreak: the routine window cannot be shown: {reason}.\nRun it in a terminal with: deskbreak routine {name} --terminal"
        ).format(reason=reason, name=found.name),
        err=True,
    )
    sys.stderr.flush()
    leave(Exit.NO_WINDOW)


def _run_terminal(found: Routine, settings: Settings, source: str) -> int:
    from deskbreak.cli.guidance import routine_guidance
    from deskbreak.eventlog import EventLog
    from deskbreak.routines.terminal import TerminalRunner

    with routine_guidance(found, settings, lambda line: click.echo(line, err=True)) as guidance:
        runner = TerminalRunner(
            found,
            EventLog(paths.event_log()),
            snooze_minutes=settings.snooze_minutes,
            sound=settings.sound,
            opened_by=source,
            guidance=guidance,
        )
        return runner.run()


def _end_on_signals() -> None:
    """Logout ends the routine's process; the break must still end in the log (abandoned, with
    the reason), so the runners turn these signals into Ended."""

    def end(signum: int, _frame: object) -> None:
        raise Ended(ENDED_BY[signal.Signals(signum).name])

    for name in ENDED_BY:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), end)


def _report_errors(catalog: Catalog) -> None:
    if catalog.errors:
        count = len(catalog.errors)
        said = ngettext("{count} of your routine files could not be used:", "{count} of your routine files could not be used:", count)
        click.echo("\n" + said.format(count=count), err=True)
        for error in catalog.errors:
            click.echo(str(error), err=True)
