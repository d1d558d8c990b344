"""`deskbreak run`: the daemon in the foreground; `deskbreak open`: the same from the application menu."""

from __future__ import annotations

import sys

import click

from deskbreak.cli import user_settings
from deskbreak.core.exits import Exit


@click.command()
@click.option("-v", "--verbose", is_flag=True, help="Log debug detail to stderr and the daemon log.")
@click.pass_context
def run(ctx: click.Context, verbose: bool) -> None:
    """Run deskbreak in the foreground: tray icon, reminders, control channel."""
    from deskbreak.daemon.lean import keep_out_unused

    keep_out_unused()
    settings = user_settings.load(ctx)
    from deskbreak.daemon.app import run_daemon
    from deskbreak.daemon.instance import AlreadyRunning

    try:
        sys.exit(run_daemon(settings, ctx.obj["config_path"], verbose))
    except AlreadyRunning as exc:
        click.echo(str(exc), err=True)
        sys.exit(Exit.FAILED)


@click.command(name="open")
@click.pass_context
def open_(ctx: click.Context) -> None:
    """What the application-menu entry runs: start deskbreak, or open the routine if it runs already."""
    from deskbreak.ipc.client import DaemonUnavailable, request

    try:
        reply = request({"cmd": "break", "source": "tray"})
    except DaemonUnavailable:
        ctx.invoke(run, verbose=False)
        return
    click.echo(reply.get("message") or reply.get("error") or "deskbreak is running.")
