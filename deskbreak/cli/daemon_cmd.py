"""`deskbreak run`: the daemon in the foreground; `deskbreak open`: the same from the application menu,
or the home window when the daemon runs already."""

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
    except (AlreadyRunning, OSError) as exc:  # OSError: a folder or file of ours in the way, said in one line
        click.echo(str(exc), err=True)
        sys.exit(Exit.FAILED)


@click.command(name="open")
@click.pass_context
def open_(ctx: click.Context) -> None:
    """What the application-menu entry runs: start deskbreak (after the welcome, the first time),
    or open the home window if it runs already."""
    from deskbreak.cli.window_cmd import home
    from deskbreak.ipc.client import DaemonUnavailable, request

    try:
        reply = request({"cmd": "status"})
    except DaemonUnavailable:
        _welcome_first(ctx)
        ctx.invoke(run, verbose=False)
        return
    sys.exit(home(user_settings.load(ctx), reply))


def _welcome_first(ctx: click.Context) -> None:
    """On a fresh home, the welcome (its own Qt process: the daemon never loads Qt) before the
    daemon starts; whatever it ends with, the daemon starts after it."""
    import subprocess

    from deskbreak.cli.settings_cmd import first_start

    if first_start(ctx.obj["config_path"]):
        chosen = ctx.obj["config_path"]
        command = [sys.executable, "-m", "deskbreak", *(["--config", chosen] if chosen else []), "welcome"]
        subprocess.run(command, stdin=subprocess.DEVNULL, check=False)
