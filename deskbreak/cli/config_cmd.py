"""`deskbreak config path|show|init|check`: find, read, create and check the config file.

`init` creates a file only where none exists; nothing here ever rewrites the user's file.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from deskbreak import paths
from deskbreak.cli import user_settings


def _path(ctx: click.Context) -> Path:
    return paths.config_file((ctx.find_root().obj or {}).get("config_path"))


@click.group()
def config() -> None:
    """Find, show, create and check the config file."""


@config.command()
@click.pass_context
def path(ctx: click.Context) -> None:
    """Print where the config file is (and whether it exists)."""
    where = _path(ctx)
    note = "" if where.is_file() else "  (not created yet: `deskbreak config init` writes a documented one)"
    click.echo(f"{where}{note}")


@config.command()
@click.pass_context
def show(ctx: click.Context) -> None:
    """Print the settings in effect: the file's values over the defaults."""
    from deskbreak.config.loader import as_toml

    settings = user_settings.load(ctx)
    where = _path(ctx)
    origin = f"# from {where} and the defaults" if where.is_file() else f"# defaults ({where} does not exist)"
    click.echo(origin)
    click.echo(as_toml(settings), nl=False)


@config.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Write a documented config file with every default, if none exists yet."""
    where = _path(ctx)
    if where.exists():
        raise click.ClickException(
            f"{where} already exists and is left as it is. Edit it, or move it away and run this again."
        )
    where.parent.mkdir(parents=True, exist_ok=True)
    text = resources.files("deskbreak.config").joinpath("example.toml").read_text(encoding="utf-8")
    with where.open("x", encoding="utf-8") as handle:
        handle.write(text)
    click.echo(f"Wrote {where}. Edit it, then check it with: deskbreak config check")


@config.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Check the config file; exit 2 with every problem named if it has any."""
    user_settings.load(ctx)
    where = _path(ctx)
    click.echo(f"{where}: ok" if where.is_file() else f"{where} does not exist: the defaults apply.")
