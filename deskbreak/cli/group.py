"""The `deskbreak` command. Subcommands load lazily so `deskbreak status` imports only what it uses
(no GUI toolkit, no scheduler): each entry names the module that defines it."""

from __future__ import annotations

import importlib
from typing import Any

import click

from deskbreak.cli.help_texts import translated
from deskbreak.config.i18n import _

# name -> "module:attribute"; one line per command, grouped by the module that owns them.
COMMANDS = {
    "run": "deskbreak.cli.daemon_cmd:run",
    "status": "deskbreak.cli.control_cmd:status",
    "pause": "deskbreak.cli.control_cmd:pause",
    "resume": "deskbreak.cli.control_cmd:resume",
    "snooze": "deskbreak.cli.control_cmd:snooze",
    "skip": "deskbreak.cli.control_cmd:skip",
    "done": "deskbreak.cli.control_cmd:done",
    "break": "deskbreak.cli.control_cmd:break_",
    "stand": "deskbreak.cli.control_cmd:stand",
    "sit": "deskbreak.cli.control_cmd:sit",
    "stop": "deskbreak.cli.control_cmd:stop",
    "reload": "deskbreak.cli.control_cmd:reload",
    "config": "deskbreak.cli.config_cmd:config",
    "log": "deskbreak.cli.log_cmd:log",
    "stats": "deskbreak.cli.stats_cmd:stats",
    "routines": "deskbreak.cli.routine_cmd:routines",
    "routine": "deskbreak.cli.routine_cmd:routine",
    "autostart": "deskbreak.cli.desktop_cmd:autostart",
    "desktop": "deskbreak.cli.desktop_cmd:desktop",
    "open": "deskbreak.cli.daemon_cmd:open_",
    "history": "deskbreak.cli.window_cmd:history",
    "doctor": "deskbreak.cli.desktop_cmd:doctor",
    "settings": "deskbreak.cli.settings_cmd:settings",
    "welcome": "deskbreak.cli.settings_cmd:welcome",
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attr)
        return translated(command)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise _with_what_is_allowed(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _with_what_is_allowed(exc) from None

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        if args and not args[0].startswith("-") and args[0] not in COMMANDS:
            known = ", ".join(sorted(COMMANDS))
            raise click.UsageError(
                _("No such command {name}. Commands: {known}. See 'deskbreak --help'.").format(name=repr(args[0]), known=known)
            )
        return super().resolve_command(ctx, args)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    envvar="DESKBREAK_CONFIG",
    help="Config file to use (default: the user config dir; env DESKBREAK_CONFIG).",
)
@click.version_option(package_name="deskbreak")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """deskbreak: notices long sitting and guides a short upper-back break."""
    ctx.obj = {"config_path": config_path}
    _speak_the_configs_language(config_path)


def _speak_the_configs_language(config_path: str | None) -> None:
    """Every command speaks the config's `[desktop] language` (loading the settings sets it); a
    file with problems leaves the environment's language, and the command says what is wrong."""
    from deskbreak.config import paths
    from deskbreak.config.loader import ConfigError, load_settings

    try:
        load_settings(paths.config_file(config_path))
    except ConfigError:
        pass


def main() -> None:
    translated(cli)(prog_name="deskbreak")


def _with_what_is_allowed(exc: click.UsageError) -> click.UsageError:
    """click says what was wrong; add what the command accepts (its options, or its subcommands)."""
    ctx = exc.ctx
    if ctx is None or "allowed:" in exc.message.lower():
        return exc
    command = ctx.command
    # click's stubs call `message` Final, but format_message reads it when the error is shown:
    # adding to it is how to extend click's words and keep its exception (type, context, exit 2)
    if isinstance(exc, click.NoSuchOption):
        names = sorted(name for param in command.params if isinstance(param, click.Option) for name in param.opts)
        exc.message += f" Allowed: {', '.join(names + ['--help'])}."  # type: ignore[misc]
    elif exc.message.startswith("No such command") and isinstance(command, click.Group):
        exc.message += f" Allowed: {', '.join(command.list_commands(ctx))}."  # type: ignore[misc]
    return exc
