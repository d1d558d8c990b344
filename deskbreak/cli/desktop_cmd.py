"""`deskbreak autostart`, `deskbreak desktop` and `deskbreak doctor`: the desktop around deskbreak.

doctor probes every piece the way the daemon would (leaving nothing running) and prints one
line each: ok or problem, and what to do about a problem.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import click

from deskbreak.cli import user_settings
from deskbreak.config import paths
from deskbreak.config.i18n import N_, _, ngettext
from deskbreak.config.safe_text import control
from deskbreak.core.exits import Exit
from deskbreak.platform.choice import reasons

if TYPE_CHECKING:
    from deskbreak.config.settings import Settings
    from deskbreak.platform.session import Session


@click.group()
def autostart() -> None:
    """Start deskbreak when you log in to the desktop (XDG autostart)."""


@autostart.command()
def enable() -> None:
    """Start deskbreak with every desktop session."""
    from deskbreak.platform import autostart as entry
    from deskbreak.ui.icons import app_icon

    where = _autostart(lambda: entry.enable(app_icon()))
    click.echo(_("deskbreak will start when you log in ({file}).").format(file=where))


@autostart.command()
def disable() -> None:
    """Stop starting deskbreak with the desktop session."""
    from deskbreak.platform import autostart as entry

    removed = _autostart(entry.disable)
    click.echo(_("Removed {file}.").format(file=removed) if removed else _("Autostart was not enabled; nothing to remove."))


@autostart.command(name="status")
def autostart_status() -> None:
    """Say whether deskbreak starts with the desktop session."""
    from deskbreak.platform import autostart as entry

    enabled, where = _autostart(entry.status)
    click.echo(_("enabled ({file})").format(file=where) if enabled else _("disabled (deskbreak autostart enable turns it on)"))


@click.group()
def desktop() -> None:
    """Put deskbreak in the application menu, or take it off the desktop."""


@desktop.command(name="install")
def desktop_install() -> None:
    """Add deskbreak to the application menu (entry, icon and software-centre listing, for you only)."""
    from deskbreak.platform import app_menu

    entry, icons = _app_menu(app_menu.install)
    click.echo(
        _(
            "deskbreak is in the application menu ({entry}; {count} icon sizes in {folder}; listed for software centres in "
            "{metainfo}). Choosing it starts deskbreak, or opens its home window when it runs already."
        ).format(entry=entry, count=len(icons), folder=icons[0].parents[2], metainfo=app_menu.metainfo_path())
    )


@desktop.command(name="uninstall")
@click.pass_context
def desktop_uninstall(ctx: click.Context) -> None:
    """Remove the menu entry, its icons and the autostart entry; keep your settings and history."""
    from deskbreak.platform import app_menu

    removed = _app_menu(app_menu.uninstall)
    for path in removed:
        click.echo(_("Removed {file}").format(file=path))
    if not removed:
        click.echo(_("Nothing to remove: deskbreak was not in the menu or autostart."))
    config = paths.config_file((ctx.find_root().obj or {}).get("config_path"))
    click.echo(
        _(
            "Kept your settings ({config}) and your history ({history}); delete them by hand "
            "if you want them gone. Installed with pipx? `pipx uninstall deskbreak` removes the program."
        ).format(config=config, history=paths.event_log())
    )


def _app_menu(action: Callable):  # type: ignore[no-untyped-def,type-arg]
    from deskbreak.platform.app_menu import MenuUnsupported

    return _desktop_file(action, MenuUnsupported, _("the application-menu entry"))


def _autostart(action: Callable):  # type: ignore[no-untyped-def,type-arg]
    from deskbreak.platform.autostart import AutostartUnsupported

    return _desktop_file(action, AutostartUnsupported, _("the autostart entry"))


def _desktop_file(action: Callable, unsupported: type[Exception], what: str):  # type: ignore[no-untyped-def,type-arg]
    """Run `action`; a system without it, or a file that cannot be written, is one line for the user."""
    try:
        return action()
    except unsupported as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(_("cannot change {what}: {problem}").format(what=what, problem=exc)) from None


def _width(text: str) -> int:
    """Columns on a terminal: Japanese and Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@dataclass(frozen=True)
class Check:
    piece: str
    ok: bool
    detail: str
    fix: str = ""
    others: tuple[tuple[str, str], ...] = ()  # (adapter, why it was not chosen)


@click.command()
@click.option("--notify", is_flag=True, help="Also show a test notification, the way a reminder would reach you.")
@click.pass_context
def doctor(ctx: click.Context, notify: bool) -> None:
    """Check every piece deskbreak needs, and say what to do about any problem."""
    from deskbreak.platform.session import current

    session = current()
    settings = _settings(ctx)
    checks = [
        _config(ctx),
        _log(),
        _session(session),
        _window(session),
        _idle(session),
        *_busy(settings, session),
        _notifier(settings, notify),
        _speech(settings),
        _sound(settings),
        _tray(settings),
        _autostart_check(),
        _daemon(),
    ]
    pieces = [_(check.piece) for check in checks]
    width = max(map(_width, pieces))
    marks = (_("ok"), _("problem"))
    mark_width = max(map(_width, marks))
    indent = " " * (mark_width + 1)
    for check, piece in zip(checks, pieces, strict=True):
        mark = marks[0] if check.ok else marks[1]
        _mark(check.ok, mark + " " * (mark_width - _width(mark)))
        click.echo(f" {piece}{' ' * (width - _width(piece))}  {check.detail}")
        for name, reason in check.others:
            click.echo(f"{indent}{'':<{width}}  " + _("not {name}: {reason}").format(name=name, reason=reason))
        if check.fix:
            click.echo(f"{indent}{'':<{width}}  -> {check.fix}")
    sys.exit(Exit.OK if all(c.ok for c in checks) else Exit.FAILED)


def _mark(ok: bool, word: str) -> None:
    """The check's coloured mark: deskbreak's own colour codes, past the output's filter (deskbreak.config.safe_text)."""
    if sys.stdout.isatty():
        control(sys.stdout, click.style(word, fg="green" if ok else "red"))
    else:
        click.echo(word, nl=False)


def _settings(ctx: click.Context) -> Settings:
    """The user's settings, as the daemon would run with them; the defaults when the config is
    broken (its own line names the problem)."""
    from deskbreak.config.settings import Settings

    try:
        return user_settings.load(ctx)
    except click.ClickException:
        return Settings()


def _config(ctx: click.Context) -> Check:
    try:
        user_settings.load(ctx)
    except click.ClickException as exc:
        return Check(N_("config"), False, exc.message.splitlines()[0], _("deskbreak config check shows every problem"))
    where = paths.config_file((ctx.find_root().obj or {}).get("config_path"))
    return Check(N_("config"), True, f"{where}" if where.is_file() else _("defaults ({file} does not exist)").format(file=where))


def _log() -> Check:
    from deskbreak.eventlog import EventLog

    where = paths.event_log()
    try:
        read = EventLog(where).read()
    except OSError as exc:
        return Check(
            N_("event log"),
            False,
            _("cannot read {file}: {reason}").format(file=where, reason=exc.strerror),
            _("check the file's permissions"),
        )
    detail = ngettext("{count} event in {file}", "{count} events in {file}", len(read.records)).format(count=len(read.records), file=where)
    if read.damaged:
        detail += "; " + ngettext(
            "{count} damaged line is skipped (left as it is)", "{count} damaged lines are skipped (left as they are)", read.damaged
        ).format(count=read.damaged)
    trouble = _log_not_written(where)
    if trouble:
        return Check(
            N_("event log"), False, f"{detail}; {trouble}", _("make the file and its folder writable by you, or free some disk space")
        )
    return Check(N_("event log"), True, detail)


def _log_not_written(where: Path) -> str | None:
    """Why the log is not being written, or None. The running daemon knows from its last write;
    without one, the file is opened for appending (nothing is written: the log records only
    what happened) and the disk asked for room."""
    from deskbreak.ipc.client import DaemonUnavailable, request

    try:
        reply = request({"cmd": "status"}, timeout=2)
    except DaemonUnavailable:
        reply = None
    if reply is not None and reply.get("ok"):
        trouble = reply.get("event_log")
        return _("the daemon cannot write it ({trouble})").format(trouble=trouble) if trouble else None
    folder = where.parent
    while not folder.is_dir() and folder != folder.parent:  # deskbreak makes the missing ones at its first write
        folder = folder.parent
    try:
        if where.exists():
            os.close(os.open(where, os.O_WRONLY | os.O_APPEND | os.O_NOFOLLOW | os.O_NONBLOCK))
        elif not os.access(folder, os.W_OK):
            return _("its folder {folder} is not writable").format(folder=folder)
        if os.statvfs(folder).f_bavail == 0:
            return _("the disk is full")
    except OSError as exc:
        return _("it cannot be opened for writing ({reason})").format(reason=exc.strerror or exc)
    return None


def _session(session: Session) -> Check:
    if session.kind == "none":
        return Check(
            N_("session"),
            False,
            session.describe() + _(" (no DISPLAY or WAYLAND_DISPLAY with a live socket)"),
            _("reminders go to the console and the log; run inside a desktop session for the rest"),
        )
    return Check(N_("session"), True, session.describe())


def _window(session: Session) -> Check:
    if session.window:
        return Check(N_("break window"), True, _("Qt on {window}").format(window=session.window))
    return Check(N_("break window"), False, session.no_window, _("run inside a desktop session, or use `deskbreak routine --terminal`"))


def _idle(session: Session) -> Check:
    from deskbreak.platform.idle.choose import choose_idle_source

    chosen = choose_idle_source(session)
    source = chosen.adapter
    try:
        reading = source.idle_seconds()
    finally:
        source.close()
    if reading is None:
        return Check(
            N_("idle time"),
            False,
            _("no idle source: all time counts as sitting"),
            _("use an X11 session, or GNOME, KDE Plasma or sway on Wayland"),
            chosen.rejected,
        )
    return Check(
        N_("idle time"),
        True,
        _("{source}, idle now {seconds} s").format(source=source.name, seconds=f"{reading:.0f}"),
        others=chosen.rejected,
    )


def _busy(settings: Settings, session: Session) -> list[Check]:
    """One line per probe that can hold a due reminder back: what it watches now, or why not."""
    from deskbreak.platform.busy.choose import probe_reports

    checks = []
    for report in probe_reports(settings.defer_on, settings.meeting_apps, session=session):
        if report.probe is None:
            checks.append(
                Check(_("hold back: {kind}").format(kind=report.kind), True, _("not here: {detail}").format(detail=report.detail))
            )
            continue
        try:
            now = report.probe.busy() or _("not busy")
        except Exception as exc:
            checks.append(
                Check(
                    _("hold back: {kind}").format(kind=report.kind),
                    False,
                    _("{detail} fails to read: {problem}").format(detail=report.detail, problem=exc),
                    _("reminders are not held back for this; `deskbreak run -v` logs the details"),
                )
            )
            continue
        checks.append(
            Check(_("hold back: {kind}").format(kind=report.kind), True, _("{detail}; now: {now}").format(detail=report.detail, now=now))
        )
    return checks


TEST_TITLE = N_("deskbreak can reach you")
TEST_BODY = N_("This is how a break reminder will appear. Nothing to do: doctor sent it as a test.")


def _notifier(settings: Settings, notify: bool) -> Check:
    """The notifier the daemon would use (from the config's `notifier`), and with `notify` a
    real test message through it: a server that answers the probe may still refuse to show."""
    from deskbreak.platform.notify.choose import choose_notifier

    notifier = choose_notifier(settings.notifier, lambda action: None)
    try:
        check = _notifier_check(notifier.name, notifier.current, notifier.rejected, settings.notifier)
        if not notify or notifier.name == "console":
            return check  # the console is this terminal: nothing to test
        chosen = notifier.name
        delivered = notifier.notice(_(TEST_TITLE), _(TEST_BODY))
        if delivered != chosen:
            return Check(
                N_("notifications"),
                False,
                _("the test notification failed on {chosen} and went to {delivered} instead").format(chosen=chosen, delivered=delivered),
                _("`deskbreak run -v` logs why; restart your desktop's notification server (e.g. dunst)"),
            )
        return replace(check, detail=_("{detail}; a test notification was sent: check that it appeared").format(detail=check.detail))
    finally:
        notifier.close()


def _notifier_check(name: str, current: object, rejected: tuple[tuple[str, str], ...], setting: str) -> Check:
    why = reasons(rejected)
    if name == "desktop-notifier":
        caps = ", ".join(getattr(current, "capabilities", []))
        server = getattr(current, "server", "")
        return Check(N_("notifications"), True, f"{server}: {current.answers()} ({caps})".strip(), others=rejected)  # type: ignore[attr-defined]
    if name == "plyer":
        return Check(
            N_("notifications"),
            False,
            _("plain notifications only ({why})").format(why=why),
            _("start a notification server with action support (most desktops have one; e.g. dunst)"),
        )
    if setting == "console":
        return Check(
            N_("notifications"),
            False,
            _("console only, as the config's notifier says"),
            _('set notifier = "auto" to be reminded on the desktop'),
        )
    return Check(
        N_("notifications"),
        False,
        _("console only ({why})").format(why=why),
        _("start a notification server (e.g. dunst) in your desktop session"),
    )


def _speech(settings: Settings) -> Check:
    """Whether the routines can be spoken here: the speech service answers (nothing is said)."""
    from deskbreak.platform.speech.choose import choose_speaker

    if settings.voice == "off":
        return Check(N_("speech"), True, _('off in the config (voice = "off")'))
    chosen = choose_speaker("en")
    if chosen.adapter is None:
        why = chosen.why
        return Check(
            N_("speech"),
            False,
            _("routines cannot be spoken ({why})").format(why=why),
            _('install speech-dispatcher and espeak-ng, or set voice = "off"'),
        )
    speaker = chosen.adapter
    speaker.close(wait_s=0)
    said = (
        _("{speaker} answers; every routine is guided aloud, hands-free")
        if settings.voice == "on"
        else _("{speaker} answers; the full routine is guided aloud, hands-free")
    )
    return Check(N_("speech"), True, said.format(speaker=speaker.name))


def _sound(settings: Settings) -> Check:
    """Whether the routine's sounds can play here (the player is found; nothing is played)."""
    from deskbreak.platform.sound.choose import choose_player

    if not settings.sound:
        return Check(N_("sound"), True, _("off in the config (sound = false)"))
    chosen = choose_player()
    if chosen.adapter is None:
        why = chosen.why
        return Check(
            N_("sound"),
            False,
            _("no sounds ({why})").format(why=why),
            _("start your desktop's sound server (PulseAudio or PipeWire), or set sound = false"),
        )
    player = chosen.adapter
    player.close()
    theme = getattr(player, "theme", "freedesktop")
    return Check(N_("sound"), True, _("event sounds through {player} from the {theme} sound theme").format(player=player.name, theme=theme))


def _tray(settings: Settings) -> Check:
    """The tray the daemon would use, why each one before it was not, and which were not tried."""
    from deskbreak.platform.tray.choose import WAITING, choose_tray, tray_order

    chosen = choose_tray(settings, lambda message: None)
    tray = chosen.adapter
    tray.stop()
    why = "; ".join(f"{name}: {reason}" for name, reason in chosen.rejected)
    if tray.name == "none":
        fix = (
            _(
                "start your desktop's panel with a tray (GNOME: the AppIndicator extension), or run deskbreak "
                "in an X11 session with an XEmbed tray; the deskbreak commands do everything the menu does"
            )
            if settings.tray == "auto"
            else _('use the deskbreak commands, or set tray = "auto" in the config')
        )
        return Check(N_("tray"), False, _("no tray icon ({why})").format(why=why), fix)
    if chosen.candidate == WAITING:
        return Check(
            N_("tray"),
            False,
            _("no tray host yet: the icon appears when one starts ({why})").format(why=why),
            _("start your desktop's panel (GNOME: enable the AppIndicator extension); the deskbreak commands do everything the menu does"),
        )
    order = tray_order(settings)
    later = order[order.index(chosen.candidate) + 1 :] if chosen.candidate in order else ()
    parts = [f"{tray.name}" + (_(" with a menu") if tray.has_menu else "")]
    if why:
        parts.append(_("not used: {why}").format(why=why))
    if later:
        parts.append(_("not tried: {trays} ({first} came first)").format(trays=", ".join(later), first=chosen.candidate))
    if not tray.has_menu:
        return Check(
            N_("tray"),
            False,
            _("{tray}: the icon shows but has no menu ({why})").format(tray=tray.name, why=why),
            _("install PyGObject and the AppIndicator/GTK typelibs (scripts/setup does)"),
        )
    return Check(N_("tray"), True, "; ".join(parts))


def _autostart_check() -> Check:
    from deskbreak.platform.autostart import AutostartUnsupported, status

    try:
        enabled, where = status()
    except AutostartUnsupported as exc:
        return Check(N_("autostart"), True, str(exc))
    if enabled:
        return Check(N_("autostart"), True, _("enabled ({file})").format(file=where))
    return Check(N_("autostart"), True, _("disabled"), _("deskbreak autostart enable, to start with your session"))


def _daemon() -> Check:
    from deskbreak.ipc.client import DaemonUnavailable, request

    try:
        reply = request({"cmd": "status"}, timeout=2)
    except DaemonUnavailable as exc:
        return Check(N_("daemon"), False, str(exc).splitlines()[0], "deskbreak run")
    return Check(N_("daemon"), True, _("running (pid {pid}), {phase}").format(pid=reply.get("pid"), phase=reply["status"]["phase"]))
