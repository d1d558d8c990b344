"""`deskbreak settings` and `deskbreak welcome`: the windows that set deskbreak up without a text
editor. This module wires them: it reads what the windows show (the routines, doctor's words on
the tray and notifier, the session entries) and does what they ask (reload the daemon, send a
test reminder the way `doctor --notify` does, add or remove the autostart and menu entries);
the windows (deskbreak.ui) only draw. Each window is a Qt process of its own.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from deskbreak.config import paths
from deskbreak.config.i18n import _
from deskbreak.core.exits import Exit


@click.command()
@click.pass_context
def settings(ctx: click.Context) -> None:
    """Change the settings in a window; Save writes config.toml and reloads deskbreak."""
    from deskbreak.cli.config_cmd import known_routines
    from deskbreak.config import edit

    routines = known_routines()
    draft = edit.open_draft(paths.config_file(ctx.obj["config_path"]), routines)
    _qt_platform()
    from deskbreak.ui.settings_window import Actions, Facts, run_settings

    facts = Facts(routines.names, _about(ctx), _autostart_state(), _app_menu_state())
    actions = Actions(_reload, lambda: _test_reminder(ctx), _set_autostart, _set_app_menu)
    sys.exit(run_settings(draft, facts, actions, lambda reason: _cannot_show(_("the settings window"), reason)))


@click.command()
@click.pass_context
def welcome(ctx: click.Context) -> None:
    """The first-run welcome: what deskbreak does, your sit limit and hours; writes the config."""
    from deskbreak.cli.config_cmd import known_routines
    from deskbreak.config import edit
    from deskbreak.platform.tray.choose import tray_host

    path = paths.config_file(ctx.obj["config_path"])
    if path.exists():
        raise click.ClickException(
            _("{path} exists already: change it with `deskbreak settings`, or move it away to start afresh.").format(path=path)
        )
    draft = edit.open_draft(path, known_routines())
    _qt_platform()
    from deskbreak.ui.settings_window import Actions
    from deskbreak.ui.welcome_window import Welcome, run_welcome

    facts = Welcome(tray_host() is not None, None if _autostart_state() is None else True)
    actions = Actions(_reload, lambda: _test_reminder(ctx), _set_autostart, _set_app_menu)
    sys.exit(run_welcome(draft, facts, actions, lambda reason: _cannot_show(_("the welcome"), reason)))


def first_start(config_path: str | None) -> bool:
    """No config file and nothing in the log: deskbreak has never been set up here."""
    log = paths.event_log()
    return not paths.config_file(config_path).exists() and (not log.exists() or log.stat().st_size == 0)


def _cannot_show(window: str, reason: str) -> None:
    """Qt cannot reach the display and is about to abort: one line, then Exit.NO_WINDOW at once
    (called from inside Qt, where nothing may unwind)."""
    click.echo(_("deskbreak: {window} cannot be shown: {why}; use `deskbreak config` instead.").format(window=window, why=reason), err=True)
    sys.stderr.flush()
    os._exit(Exit.NO_WINDOW)


def _qt_platform() -> None:
    """The Qt platform the session calls for (Wayland natively, else X11), or one line and exit."""
    from deskbreak.platform.session import current

    session = current()
    if not session.window:
        click.echo(
            _("deskbreak: no window can be shown here ({why}); use `deskbreak config` instead.").format(why=session.no_window), err=True
        )
        sys.exit(Exit.NO_WINDOW)
    if session.qt_platform:
        os.environ["QT_QPA_PLATFORM"] = session.qt_platform


def _about(ctx: click.Context) -> dict[str, str]:
    """What doctor says of the tray and the notifier here, in doctor's own words."""
    from deskbreak.cli.desktop_cmd import _notifier, _settings, _tray

    current = _settings(ctx)
    return {"desktop.tray": _line(_tray(current)), "desktop.notifier": _line(_notifier(current, False))}


def _line(check: Any) -> str:
    return f"{check.detail}" + (f" ({_('what to do')}: {check.fix})" if check.fix else "")


def _reload() -> str:
    from deskbreak.ipc.client import DaemonUnavailable, request

    try:
        reply = request({"cmd": "reload"})
    except DaemonUnavailable:
        return _("Saved. deskbreak is not running: the settings apply when it starts.")
    if not reply.get("ok"):
        return _("Saved, but deskbreak kept its settings: {why}").format(why=reply.get("error", ""))
    return _("Saved; deskbreak uses the new settings now.")


def _test_reminder(ctx: click.Context) -> str:
    """A test notification through the notifier the daemon would use (`doctor --notify`)."""
    from deskbreak.cli.desktop_cmd import _notifier, _settings

    return _line(_notifier(_settings(ctx), True))


def _autostart_state() -> bool | None:
    from deskbreak.platform.autostart import AutostartUnsupported, status

    try:
        return status()[0]
    except AutostartUnsupported:
        return None


def _set_autostart(on: bool) -> str:
    from deskbreak.platform import autostart
    from deskbreak.ui.icons import app_icon

    try:
        if on:
            return _("deskbreak will start when you log in ({where}).").format(where=autostart.enable(app_icon()))
        autostart.disable()
        return _("deskbreak no longer starts when you log in.")
    except (OSError, autostart.AutostartUnsupported) as exc:
        return _("Could not change the autostart entry: {why}").format(why=exc)


def _app_menu_state() -> bool | None:
    from deskbreak.platform import app_menu

    try:
        return app_menu.entry_path().is_file()
    except app_menu.MenuUnsupported:
        return None


def _set_app_menu(on: bool) -> str:
    from deskbreak.platform import app_menu

    try:
        if on:
            return _("deskbreak is in the application menu ({where}).").format(where=app_menu.install()[0])
        app_menu.entry_path().unlink(missing_ok=True)
        return _("deskbreak is no longer in the application menu.")
    except (OSError, app_menu.MenuUnsupported) as exc:
        return _("Could not change the application-menu entry: {why}").format(why=exc)
