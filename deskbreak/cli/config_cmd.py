"""`deskbreak config path|show|init|check`: find, read, create and check the config file.

`init` creates a file only where none exists; nothing here ever rewrites the user's file.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deskbreak.cli import user_settings
from deskbreak.config import paths
from deskbreak.config.i18n import _

if TYPE_CHECKING:
    from deskbreak.config.loader import KnownRoutines


def _chosen(ctx: click.Context) -> str | None:
    return (ctx.find_root().obj or {}).get("config_path")


def _path(ctx: click.Context) -> Path:
    return paths.config_file(_chosen(ctx))


def _command(ctx: click.Context, rest: str) -> str:
    """The command line to suggest, naming the file when the user chose one."""
    chosen = _chosen(ctx)
    return f"deskbreak --config {_path(ctx)} {rest}" if chosen else f"deskbreak {rest}"


@click.group()
def config() -> None:
    """Find, show, create and check the config file."""


@config.command()
@click.pass_context
def path(ctx: click.Context) -> None:
    """Print where the config file is; whether it exists goes to stderr, so $(deskbreak config path) works."""
    where = _path(ctx)
    click.echo(str(where))
    if where.is_file():
        click.echo(_("(exists)"), err=True)
    else:
        click.echo(_("(does not exist yet: `{command}` writes a documented one)").format(command=_command(ctx, "config init")), err=True)


@config.command()
@click.pass_context
def show(ctx: click.Context) -> None:
    """Print the settings in effect as TOML, each marked as set in the file or a default."""
    from deskbreak.config.loader import as_toml, read_config

    settings = user_settings.load(ctx)  # the shared CLI rules: a named file must exist, problems exit 2
    where = _path(ctx)
    from_file = read_config(where).from_file if where.is_file() else frozenset()
    origin = (
        f"# settings in effect: {where} over the defaults"
        if where.is_file()
        else f"# settings in effect: all defaults ({where} does not exist)"
    )
    click.echo(origin)
    click.echo(as_toml(settings, from_file), nl=False)


@config.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Write a documented config file holding every default, if none exists yet (never overwrites)."""
    where = _path(ctx)
    if where.exists():
        raise click.ClickException(
            f"{where} already exists and is left as it is. Edit it (then run `{_command(ctx, 'config check')}`),\n"
            "or move it away and run this again to get a fresh documented copy."
        )
    text = resources.files("deskbreak.config").joinpath("example.toml").read_text(encoding="utf-8")
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.ClickException(
            f"cannot create the folder {where.parent} ({exc.strerror}); choose another place with --config FILE."
        ) from None
    try:
        with where.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise click.ClickException(f"{where} appeared while writing and is left as it is; edit that one.") from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {where} ({exc.strerror}); choose a writable place with --config FILE.") from None
    click.echo(_("Wrote {file}. Edit it, then check it with: {command}").format(file=where, command=_command(ctx, "config check")))


def known_routines() -> KnownRoutines:
    """The routines a config file may name: every one that loads, and the user files that do not."""
    from deskbreak.config.loader import KnownRoutines
    from deskbreak.routines.loader import find_routines

    catalog = find_routines()
    broken = {Path(error.file).name.removesuffix(".toml"): error.file for error in catalog.errors}
    return KnownRoutines(tuple(catalog.routines), {name: file for name, file in broken.items() if name not in catalog.routines})


@config.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Check the config file: exit 0 if deskbreak can use it, else exit 2 naming every problem."""
    user_settings.load(ctx, known_routines())
    where = _path(ctx)
    click.echo(
        _("{file}: ok").format(file=where) if where.is_file() else _("{file} does not exist: ok, the defaults apply.").format(file=where)
    )
