"""`deskbreak run`: the daemon in the foreground."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.option("-v", "--verbose", is_flag=True, help="Log debug detail to stderr and the daemon log.")
@click.pass_context
def run(ctx: click.Context, verbose: bool) -> None:
    """Run deskbreak in the foreground: tray icon, reminders, control channel."""
    from deskbreak.config.loader import ConfigError, load_settings
    from deskbreak.daemon.instance import AlreadyRunning

    config_path = ctx.obj["config_path"]
    try:
        settings = load_settings(Path(config_path) if config_path else None)
    except ConfigError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    from deskbreak.daemon.app import run_daemon

    try:
        sys.exit(run_daemon(settings, config_path, verbose))
    except AlreadyRunning as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
