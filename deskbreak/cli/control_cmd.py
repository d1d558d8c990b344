"""Commands that talk to the running daemon over the control channel.

Kept light: importing this module pulls in click and the IPC client only, so `deskbreak status`
starts fast and never loads a GUI toolkit or the scheduler.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from deskbreak.cli.status_text import clock_text
from deskbreak.config.durations import DurationError, parse_duration
from deskbreak.config.i18n import _
from deskbreak.core.exits import Exit
from deskbreak.ipc.client import DaemonUnavailable, request


def send(message: dict[str, Any]) -> dict[str, Any]:
    """One request; no daemon or a refused command ends the CLI with a one-line reason."""
    try:
        reply = request(message)
    except DaemonUnavailable as exc:
        click.echo(str(exc), err=True)
        sys.exit(Exit.NOT_RUNNING)
    if not reply.get("ok"):
        click.echo(_("deskbreak: {error}").format(error=reply.get("error", _("the daemon refused the command"))), err=True)
        sys.exit(Exit.FAILED)
    return reply


def say(reply: dict[str, Any], fallback: str) -> None:
    click.echo(reply.get("message") or fallback)


def _seconds(text: str, what: str) -> float:
    try:
        return parse_duration(text).total_seconds()
    except DurationError as exc:
        raise click.BadParameter(str(exc), param_hint=what) from None


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
def status(as_json: bool) -> None:
    """Show sitting time, the next break, pause and snooze state."""
    from deskbreak.cli.entry import quick_status

    sys.exit(quick_status(as_json))


@click.command()
@click.argument("duration", required=False)
@click.option("--until-tomorrow", is_flag=True, help="Until the next work day starts (or midnight).")
@click.option("--indefinitely", is_flag=True, help="Until you run `deskbreak resume`.")
def pause(duration: str | None, until_tomorrow: bool, indefinitely: bool) -> None:
    """Pause reminders: for DURATION (30m, 1h), --until-tomorrow or --indefinitely."""
    chosen = [bool(duration), until_tomorrow, indefinitely]
    if sum(chosen) > 1:
        raise click.UsageError(_("Give one of DURATION, --until-tomorrow or --indefinitely."))
    if duration:
        message: dict[str, Any] = {"cmd": "pause", "for_s": _seconds(duration, "DURATION")}
    elif until_tomorrow:
        message = {"cmd": "pause", "until_tomorrow": True}
    elif indefinitely:
        message = {"cmd": "pause", "indefinitely": True}
    else:
        raise click.UsageError(_("Say how long: e.g. `deskbreak pause 30m`, `--until-tomorrow` or `--indefinitely`."))
    reply = send(message)
    until = reply["status"]["paused_until"]
    say(reply, _("Paused until {time}.").format(time=clock_text(until)) if until else _("Paused until you run `deskbreak resume`."))


@click.command()
def resume() -> None:
    """Resume reminders after a pause."""
    say(send({"cmd": "resume"}), _("Reminders are back on."))


@click.command()
@click.argument("duration", required=False)
def snooze(duration: str | None) -> None:
    """Put the break off by DURATION (default: the configured snooze)."""
    message: dict[str, Any] = {"cmd": "snooze"}
    if duration:
        message["for_s"] = _seconds(duration, "DURATION")
    say(send(message), _("Snoozed."))


@click.command()
def skip() -> None:
    """Skip this break; the next reminder comes after another full sitting stretch."""
    say(send({"cmd": "skip"}), _("Break skipped."))


@click.command()
@click.option("--routine", default="unrecorded", show_default=True, help="Which routine you did, if any.")
def done(routine: str) -> None:
    """Record a break you took (away from deskbreak's guide); resets the sitting clock."""
    say(send({"cmd": "done", "routine": routine}), _("Break recorded. The sitting clock starts again."))


@click.command(name="break")
@click.argument("routine", required=False)
@click.option("--terminal", is_flag=True, help="Guide the routine here in the terminal.")
@click.pass_context
def break_(ctx: click.Context, routine: str | None, terminal: bool) -> None:
    """Start a break now: opens the guided routine (ROUTINE: desk, full, or one of yours)."""
    from deskbreak.cli.routine_cmd import routine as routine_command

    if not terminal:
        reply = send({"cmd": "break", **({"routine": routine} if routine else {})})
        if reply.get("opened"):
            say(reply, _("Opening the routine."))
            return
        click.echo(_("No display for the routine window; guiding it here in the terminal."))
    ctx.invoke(routine_command, name=routine, terminal=True)


@click.command()
def stand() -> None:
    """You are standing: stop the sitting clock until `deskbreak sit`."""
    say(send({"cmd": "stand"}), _("Standing: the sitting clock is stopped."))


@click.command()
def sit() -> None:
    """You sat down again: the sitting clock runs."""
    say(send({"cmd": "sit"}), _("Sitting: the clock runs again."))


@click.command()
def stop() -> None:
    """Stop the running deskbreak daemon."""
    say(send({"cmd": "stop"}), _("deskbreak is stopping."))


@click.command()
def reload() -> None:
    """Read the config file again (a broken file keeps the settings in use)."""
    say(send({"cmd": "reload"}), _("Settings reloaded."))
