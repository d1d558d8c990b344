"""`deskbreak autostart` and `deskbreak doctor`: the desktop around deskbreak.

doctor probes every piece the way the daemon would (leaving nothing running) and prints one
line each: ok or problem, and what to do about a problem.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Callable

import click

from deskbreak import paths
from deskbreak.cli import user_settings
from deskbreak.cli.exits import Exit


@click.group()
def autostart() -> None:
    """Start deskbreak when you log in to the desktop (XDG autostart)."""


@autostart.command()
def enable() -> None:
    """Start deskbreak with every desktop session."""
    from deskbreak.icons import app_icon
    from deskbreak.platform import autostart as entry

    where = _autostart(lambda: entry.enable(app_icon()))
    click.echo(f"deskbreak will start when you log in ({where}).")


@autostart.command()
def disable() -> None:
    """Stop starting deskbreak with the desktop session."""
    from deskbreak.platform import autostart as entry

    removed = _autostart(entry.disable)
    click.echo(f"Removed {removed}." if removed else "Autostart was not enabled; nothing to remove.")


@autostart.command(name="status")
def autostart_status() -> None:
    """Say whether deskbreak starts with the desktop session."""
    from deskbreak.platform import autostart as entry

    enabled, where = _autostart(entry.status)
    click.echo(f"enabled ({where})" if enabled else "disabled (deskbreak autostart enable turns it on)")


def _autostart(action: Callable):  # type: ignore[no-untyped-def,type-arg]
    from deskbreak.platform.autostart import AutostartUnsupported

    try:
        return action()
    except AutostartUnsupported as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot change the autostart entry: {exc}") from None


@dataclass(frozen=True)
class Check:
    piece: str
    ok: bool
    detail: str
    fix: str = ""


@click.command()
@click.pass_context
def doctor(ctx: click.Context) -> None:
    """Check every piece deskbreak needs, and say what to do about any problem."""
    checks = [_config(ctx), _log(), _display(), _idle(), _busy(), _notifier(), _tray(), _autostart_check(), _daemon()]
    width = max(len(c.piece) for c in checks)
    for check in checks:
        mark = click.style("ok     ", fg="green") if check.ok else click.style("problem", fg="red")
        click.echo(f"{mark} {check.piece:<{width}}  {check.detail}")
        if check.fix:
            click.echo(f"        {'':<{width}}  -> {check.fix}")
    sys.exit(Exit.OK if all(c.ok for c in checks) else Exit.FAILED)


def _config(ctx: click.Context) -> Check:
    try:
        user_settings.load(ctx)
    except click.ClickException as exc:
        return Check("config", False, exc.message.splitlines()[0], "deskbreak config check shows every problem")
    where = paths.config_file((ctx.find_root().obj or {}).get("config_path"))
    return Check("config", True, f"{where}" if where.is_file() else f"defaults ({where} does not exist)")


def _log() -> Check:
    from deskbreak.eventlog import EventLog

    where = paths.event_log()
    try:
        read = EventLog(where).read()
    except OSError as exc:
        return Check("event log", False, f"cannot read {where}: {exc.strerror}", "check the file's permissions")
    detail = f"{len(read.records)} events in {where}"
    if read.damaged:
        return Check("event log", True, f"{detail}; {read.damaged} damaged lines are skipped (left as they are)")
    return Check("event log", True, detail)


def _display() -> Check:
    display = os.environ.get("DISPLAY")
    if sys.platform.startswith("linux") and not display:
        wayland = os.environ.get("WAYLAND_DISPLAY")
        return Check("display", False, "Wayland without XWayland" if wayland else "no display (headless)",
                     "reminders go to the console and the log; run inside a desktop session for the tray")
    return Check("display", True, display or sys.platform)


def _idle() -> Check:
    from deskbreak.platform.idle.choose import choose_idle_source

    chosen = choose_idle_source()
    source = chosen.adapter
    try:
        reading = source.idle_seconds()
    finally:
        source.close()
    why = "; ".join(f"{name}: {reason}" for name, reason in chosen.rejected)
    if reading is None:
        return Check("idle time", False, f"no idle source ({why})",
                     "all time counts as sitting; use an X11 session, or GNOME/KDE on Wayland")
    return Check("idle time", True, f"{source.name}, idle now {reading:.0f} s")


def _busy() -> Check:
    from deskbreak.platform.busy import choose_busy_probe

    probe = choose_busy_probe().adapter
    if probe.name == "none":
        return Check("hold back", True, "nothing to watch here: reminders are never held back "
                     "(needs X11 for fullscreen windows, or GNOME for idle inhibitors)")
    reason = probe.busy()
    return Check("hold back", True, f"{probe.name}; now: {reason or 'not busy'}")


def _notifier() -> Check:
    from deskbreak.platform.notify.choose import choose_notifier

    notifier = choose_notifier("auto", lambda action: None)
    try:
        current = notifier.current
        why = "; ".join(f"{name}: {reason}" for name, reason in notifier.rejected)
        if notifier.name == "desktop-notifier":
            caps = ", ".join(getattr(current, "capabilities", []))
            server = getattr(current, "server", "")
            return Check("notifications", True, f"{server} with buttons and clicks ({caps})".strip())
        if notifier.name == "plyer":
            return Check("notifications", False, f"plain notifications only ({why})",
                         "start a notification server with action support (most desktops have one; e.g. dunst)")
        return Check("notifications", False, f"console only ({why})",
                     "start a notification server (e.g. dunst) in your desktop session")
    finally:
        notifier.close()


def _tray() -> Check:
    from deskbreak.config.settings import Settings
    from deskbreak.platform.tray.choose import choose_tray

    chosen = choose_tray(Settings(), lambda message: None)
    tray = chosen.adapter
    why = "; ".join(f"{name}: {reason}" for name, reason in chosen.rejected)
    if tray.name == "none":
        fix = ("run deskbreak inside an X11 desktop session (or XWayland) for the tray icon"
               if "DISPLAY" in why else "use the deskbreak commands, or set tray = \"auto\" in the config")
        return Check("tray", False, f"no tray icon ({why})", fix)
    if not getattr(tray, "has_menu", False):
        return Check("tray", False, f"{tray.name}: the icon shows but has no menu ({why})",
                     "install PyGObject and the AppIndicator/GTK typelibs (scripts/setup does)")
    return Check("tray", True, f"{tray.name} with a menu")


def _autostart_check() -> Check:
    from deskbreak.platform.autostart import AutostartUnsupported, status

    try:
        enabled, where = status()
    except AutostartUnsupported as exc:
        return Check("autostart", True, str(exc))
    if enabled:
        return Check("autostart", True, f"enabled ({where})")
    return Check("autostart", True, "disabled", "deskbreak autostart enable, to start with your session")


def _daemon() -> Check:
    from deskbreak.ipc.client import DaemonUnavailable, request

    try:
        reply = request({"cmd": "status"}, timeout=2)
    except DaemonUnavailable as exc:
        return Check("daemon", False, str(exc).splitlines()[0], "deskbreak run")
    return Check("daemon", True, f"running (pid {reply.get('pid')}), {reply['status']['phase']}")
