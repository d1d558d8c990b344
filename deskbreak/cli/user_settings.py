"""The user's settings for any CLI command, with one way of failing: a clear message, exit 2."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from deskbreak.config import paths
from deskbreak.config.i18n import _
from deskbreak.config.settings import Settings
from deskbreak.core.exits import Exit

if TYPE_CHECKING:
    from deskbreak.config.loader import KnownRoutines


class ConfigProblem(click.ClickException):
    exit_code = Exit.CONFIG


def load(ctx: click.Context, routines: KnownRoutines | None = None) -> Settings:
    """Settings from --config / $DESKBREAK_CONFIG / the default file. A file named explicitly
    must exist; the default one may be absent (then the defaults apply). With `routines`, the
    routine names in the file are checked against them too."""
    from deskbreak.config.loader import ConfigError, load_settings

    chosen = (ctx.find_root().obj or {}).get("config_path")
    path = paths.config_file(chosen)
    if chosen and not path.exists() and not path.is_symlink():  # a FIFO or a broken link: the loader says what it is
        raise ConfigProblem(
            _(
                "the config file {file} does not exist.\n"
                "Create it with: deskbreak --config {file} config init\n"
                "or leave out --config and DESKBREAK_CONFIG to use the default file."
            ).format(file=path)
        )
    try:
        return load_settings(path, routines)
    except ConfigError as exc:
        raise ConfigProblem(str(exc)) from None
