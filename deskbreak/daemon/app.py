"""The one place that wires deskbreak together and runs it.

Threads (docs/ARCHITECTURE.md, "Processes and threads"): one owner thread holds every piece of
state (daemon/owner.py); every input reaches it as a posted function — APScheduler's jobs, the
control channel's commands, tray clicks, notification buttons, SIGHUP, routine exits, the bus or
X going away. The main thread runs the tray's run() (pystray's loop, or a wait) and the signal
handlers; the bus loop (platform/bus_loop.py) carries every D-Bus conversation; the rest
(scheduler's clock, control connections, routine watchers, Wayland and sway event readers) only
wait and post. The tray is handed a finished view (ui/tray_view) after every change.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable, NoReturn

from deskbreak import __version__
from deskbreak.config import paths
from deskbreak.config.i18n import _
from deskbreak.config.settings import Settings
from deskbreak.core import model
from deskbreak.core.model import Event, Status
from deskbreak.daemon.clock import SystemClock
from deskbreak.daemon.commands import BadCommand, Commands
from deskbreak.daemon.controller import Controller
from deskbreak.daemon.instance import InstanceLock
from deskbreak.daemon.launcher import RoutineLauncher
from deskbreak.daemon.owner import NotNow, Owner
from deskbreak.daemon.reminder_offer import OfferingNotifier
from deskbreak.daemon.restore import carried_over, read_tail
from deskbreak.daemon.routine_exits import RoutineExits
from deskbreak.daemon.timing import SAFETY_SAMPLE, Timing
from deskbreak.daemon.today import TodayLine
from deskbreak.daemon.windows import WindowLauncher
from deskbreak.eventlog import EventLog
from deskbreak.ipc.endpoint import endpoint
from deskbreak.ipc.server import ControlServer
from deskbreak.platform import dbus_sync
from deskbreak.platform.bus_loop import BusLoop
from deskbreak.platform.busy.choose import choose_busy_probe
from deskbreak.platform.idle.choose import choose_idle_source
from deskbreak.platform.idle.wayland_idle import RESOLUTION_S
from deskbreak.platform.notify.choose import choose_notifier
from deskbreak.platform.session import current as current_session
from deskbreak.platform.threads import OWNER, owner_only
from deskbreak.platform.tray.choose import choose_tray
from deskbreak.stats.full_offer import FullOffer
from deskbreak.ui import tray_view
from deskbreak.ui.icons import app_icon
from deskbreak.ui.tray_menu import MenuInput

log = logging.getLogger(__name__)


COMMAND_WAIT_S = 1.5  # within the control channel's MESSAGE_S: an answer, or "busy" and nothing done
START_WAIT_S = 60.0  # the adapters' probes at start (each bounded by its own timeout)


class Daemon:
    def __init__(self, settings: Settings, config_path: str | None, instance: InstanceLock) -> None:
        self._instance = instance
        self._stopping = threading.Event()  # before the adapters: a lost session bus may stop the daemon from theirs
        self._stop_reason = "user"
        self._where = endpoint(create=True)
        self._clock = SystemClock()
        self._events = EventLog(paths.event_log())
        self._session = current_session()
        self._config_path = config_path
        self._server: ControlServer | None = None
        self._shut_down = False
        self._failing: set[str] = set()
        self._busy_reading: str | None = None
        self._owner = Owner()
        self._bus_loop = BusLoop(on_gone=self._bus_gone)
        dbus_sync.share(self._bus_loop)
        self._owner.call(lambda: self._build(settings), START_WAIT_S)
        # the tray is built on the main thread, where its toolkit's loop will run
        self._tray = choose_tray(
            settings, on_command=self._on_tray_said, bus_loop=self._bus_loop, on_display_gone=self._end_with_the_display
        ).adapter

    @owner_only
    def _build(self, settings: Settings) -> None:
        """The adapters and the state's parts, made on the owner thread that will use them."""
        resolution_s = min(RESOLUTION_S, settings.break_after_idle.total_seconds())
        self._idle = choose_idle_source(self._session, resolution_s).adapter
        self._by_events = bool(getattr(self._idle, "tells_input", False))  # presence by events, else steady samples
        if self._by_events and hasattr(self._idle, "watch_idle"):
            self._idle.watch_idle(self._tick)
        self._busy = choose_busy_probe(settings.defer_on, settings.meeting_apps, check=False, session=self._session).adapter
        self._notifier = choose_notifier(
            settings.notifier,
            self._answer,
            app_icon(),
            Path(self._where.pid_file).with_name("shown-notification"),
            bus_loop=self._bus_loop,
        )
        self._today = TodayLine(self._events, settings.weekly_full_target, self._clock)
        self._routines = _routine_names()
        self._timing = Timing(self._sample_interval(settings), self._clock.zone, self._tick, self._owner.scheduler_executor())
        offering = OfferingNotifier(
            self._notifier,
            self._today.week,
            lambda: self.controller.settings.default_routine,
            FullOffer(paths.full_offer_marker()),
            self._clock,
            tray_menu=lambda: bool(getattr(self._tray, "has_menu", False)),
        )
        follow = (
            lambda s: self._today.use_target(s.weekly_full_target),
            lambda s: self._timing.sample_every(self._sample_interval(s)),
            self._reread_routines,
        )
        self.controller = Controller(
            settings, self._clock, self._events, offering, self._on_change, self._timing.wake_in, self._read_busy, follow_settings=follow
        )
        exits = RoutineExits(self.controller)
        self._launcher = RoutineLauncher(
            self._config_path, self._on_window_not_shown, self._session, on_start=exits.started, on_exit=exits.exited
        )
        self._windows = WindowLauncher(self._config_path, lambda reason: self._tray.tell(reason), self._session)
        self._commands = Commands(self.controller, self._open_routine, self.stop, self._extras, self.reload)

    def run(self) -> int:
        self._server = ControlServer(self._where, self._where.write_new_authkey(), self._command)
        self._server.start()
        self._owner.call(self._begin, START_WAIT_S)
        self._timing.start()
        try:
            self._tray.run()
        finally:
            self._shutdown()
        return 0

    @owner_only
    def _begin(self) -> None:
        if self._by_events and hasattr(self._idle, "watch_gone") and not self._tray.name.startswith("pystray"):
            # samples are far apart, so the X server's end is heard from the watching connection;
            # a pystray tray holds an X connection of its own and ends the daemon itself (a
            # second stop racing it hangs pystray's xorg loop)
            self._idle.watch_gone(self._tick)
        restored = self._restore_after_crash()
        self.controller.record(Event("started", {**self._started_data(), **({"sat_s": round(restored)} if restored else {})}))
        for line in self._describe_adapters():
            log.info(line)
        self._tick()

    def _command(self, message: dict[str, Any]) -> dict[str, Any]:
        """On a control connection's thread: the command is applied on the owner, or, if the
        owner cannot begin it in time, not at all and the client is told so."""
        try:
            return self._owner.call(lambda: self._commands.handle(message), COMMAND_WAIT_S)
        except NotNow as exc:
            return {"ok": False, "error": f"{exc}, so nothing was done; try again in a moment"}

    def _on_tray_said(self, message: dict[str, Any]) -> None:
        """On the tray's loop thread: a click is the owner's to answer; the menu never waits."""
        OWNER.post(lambda: self._on_tray_command(message))

    def stop(self, reason: str = "user") -> None:
        """Safe from any thread (the owner, the bus loop for a signal, GTK's loop): ends the tray's
        run(), and so the daemon; `reason` goes to the log."""
        if not self._stopping.is_set():
            self._stop_reason = reason
            self._stopping.set()
            self._tray.stop()

    def _bus_gone(self) -> None:
        """The session bus the tray or the notifier runs on went away: the session is over (or
        broken beyond what deskbreak can mend), so it stops the way it does when X goes away."""
        if not self._stopping.is_set():
            log.error("the session bus went away; deskbreak stops with the session")
            self.stop("the session bus went away")

    def _end_with_the_display(self) -> NoReturn:
        """GTK met its X server gone (on the main thread, inside its loop) and cannot go back to
        it, and Xlib ends the process if this returns: so the clean stop is done here, and the
        process ends here."""
        if not self._stopping.is_set():
            log.error("the X server went away; deskbreak stops with the session")
            self.stop("the X server went away")
        self._shutdown()
        self._instance.release()
        from deskbreak.daemon import logsetup

        logsetup.finish()  # os._exit runs no atexit: the last lines would be lost
        logging.shutdown()
        os._exit(0)

    @owner_only
    def reload(self) -> str | None:
        """Read the config file again. A broken file changes nothing: the settings in use stay,
        and the reason is logged and returned. Notifier, tray, busy probes (defer_on,
        meeting_apps) and idle source (with its Wayland resolution, from break_after_idle) are
        chosen at start: they change after a restart."""
        from deskbreak.config.loader import ConfigError, load_settings

        try:
            settings = load_settings(paths.config_file(self._config_path))
        except Exception as exc:  # a ConfigError, or anything unforeseen: the settings in use stay
            log.error("config reload refused; keeping the settings in use:\n%s", exc, exc_info=not isinstance(exc, ConfigError))
            self.controller.record(Event("error", {"where": "config", "message": str(exc).splitlines()[0]}))
            return f"the config file has problems, so the settings in use were kept:\n{exc}"
        self.controller.use_settings(settings)
        log.info("settings reloaded from %s", paths.config_file(self._config_path))
        self._tick()
        return None

    def _restore_after_crash(self) -> float:
        """Today's snoozes from the log, and the sitting time a crashed previous run had counted
        (0 after a clean stop), which it returns."""
        now = self._clock.now().wall
        alive = None if self._instance.crashed_alive_at is None else datetime.fromtimestamp(self._instance.crashed_alive_at, now.tzinfo)
        carried = carried_over(list(read_tail(self._events, now)), now, self.controller.settings.break_after_idle, alive)
        self.controller.restore_sitting(carried.sat_s, carried.snoozes_used)
        if alive is not None:
            log.info("the previous run did not stop cleanly (last alive %s); sitting restored: %.0f s", alive.isoformat(), carried.sat_s)
        return carried.sat_s

    def stop_soon(self) -> None:
        """For SIGTERM/SIGINT: nothing here takes a lock; the bus loop stops the daemon, even
        while the owner is waiting on a slow service."""
        self._bus_loop.call_soon(self.stop)

    def reload_soon(self) -> None:
        """For SIGHUP: the bus loop hands the reload to the owner."""
        self._bus_loop.call_soon(lambda: OWNER.post(self._reload_quietly))

    def _reload_quietly(self) -> None:
        self.reload()

    def _shutdown(self) -> None:
        """On the main thread, once the tray's run() ended: no more ticks or commands, then the
        owner's last words (stopped, the reminder taken down), then the threads end."""
        if self._shut_down:  # GTK may meet the lost display after run() ended on a stop
            return
        self._shut_down = True
        self._timing.shutdown()
        if self._server:
            self._server.close()
        try:
            self._owner.call(self._finish, START_WAIT_S)
        except NotNow:
            log.error("the owner thread did not finish in time; stopping without its last words")
        self._owner.stop()
        self._bus_loop.close()
        dbus_sync.share(None)

    @owner_only
    def _finish(self) -> None:
        reason = self._stop_reason if self._stopping.is_set() else self._why_the_tray_closed()
        self.controller.record(Event("stopped", {"reason": reason}))
        self._notifier.withdraw()  # its buttons would answer no one
        self._notifier.close()
        try:
            self._idle.close()
        except Exception:  # closing a connection to a display that is gone
            log.debug("closing the idle source failed", exc_info=True)
        log.info("deskbreak stopped (%s)", reason)

    def _why_the_tray_closed(self) -> str:
        """The tray's loop ended by itself (pystray's xorg backend does when its X server goes):
        one reading on deskbreak's own X connection, the idle source's, tells whether X went away."""
        try:
            self._idle.idle_seconds()
        except Exception as exc:
            if _display_gone(exc):
                log.error("the X server went away (%s); deskbreak stops with the session", exc)
                return "the X server went away"
        return "tray closed"

    def _sample_interval(self, settings: Settings) -> timedelta:
        """The steady sample: `sample_every`, or with presence by events the slow safety sample
        (against a lost event; it also keeps the tray's minute label and the heartbeat)."""
        return SAFETY_SAMPLE if self._by_events else settings.sample_every

    @owner_only
    def _tick(self) -> None:
        self._instance.heartbeat()
        idle_s = self._read("idle", self._idle.idle_seconds, "counting this interval as present")
        every_s = SAFETY_SAMPLE.total_seconds() if self._by_events and idle_s is not None else None
        self.controller.handle(model.Sample(idle_s=idle_s, every_s=every_s))
        if every_s is not None and self.controller.away:
            self._read("idle", lambda: self._idle.watch_input(self._tick), "sampling until it works again")  # type: ignore[attr-defined]

    def _read_busy(self) -> str | None:
        """Asked by the controller only when a reminder would otherwise be shown. A failed reading
        keeps the last one: one slow answer (a loaded session bus) must not let a held reminder
        through; a hold is capped by defer_fullscreen_max anyway."""
        self._busy_reading = self._read("busy", self._busy.busy, "keeping its last reading", self._busy_reading)
        return self._busy_reading

    def _read(self, where: str, reading: Callable[[], Any], meanwhile: str, failed: Any = None) -> Any:
        """One adapter reading, `failed` when it fails (busy passes its last reading, see
        _read_busy). A failure is logged once when it starts, not on every sample, so a source
        that stays broken cannot flood the event log."""
        try:
            value = reading()
        except Exception as exc:
            if _display_gone(exc):
                log.error("the X server went away (%s); deskbreak stops with the session", exc)
                self.stop("the X server went away")
                return None
            if where not in self._failing:
                self._failing.add(where)
                log.exception("%s reading failed; %s until it works again", where, meanwhile)
                self.controller.record(Event("error", {"where": where, "message": str(exc)}))
            return failed
        if where in self._failing:
            self._failing.discard(where)
            log.info("%s reading works again", where)
        return value

    def _reread_routines(self, _settings: Settings) -> None:
        """A reload reads the routines again too: the menu lists the user's new ones."""
        self._routines = _routine_names()

    @owner_only
    def _on_change(self, status: Status) -> None:
        settings = self.controller.settings
        menu = MenuInput(
            status,
            self._today.text(),
            snooze_minutes=settings.snooze_minutes,
            routines=self._routines,
            default_routine=settings.default_routine,
            log_trouble=self.controller.log_trouble,
        )
        self._tray.update(tray_view.build(menu, datetime.now().astimezone()))

    def _open_routine(self, routine: str, source: str = "notification") -> str | None:
        """Open the routine window; when none can be shown, log why and say so. None when opened.
        A routine that does not exist is refused (BadCommand) before anything is logged."""
        if routine not in self._routines:
            self._routines = _routine_names()  # one added since the start counts
            if routine not in self._routines:
                raise BadCommand(f"there is no routine named {routine!r}; `deskbreak routines` lists them")
        reason = self._launcher.open(routine, source)
        if reason is not None:
            self.controller.record(Event("break_not_shown", {"routine": routine, "source": source, "reason": reason}))
            self._say_not_shown(routine, reason)
        return reason

    def _on_window_not_shown(self, routine: str, reason: str) -> None:
        """The window process could not open its window (it logged why itself)."""
        self._say_not_shown(routine, reason)

    def _say_not_shown(self, routine: str, reason: str) -> None:
        log.warning("the %s routine window cannot be shown: %s", routine, reason)
        self._notifier.notice(
            _("The break window cannot open here"),
            _("{reason}. The break is still due: do it in a terminal with `deskbreak routine {routine} --terminal`.").format(
                reason=reason, routine=routine
            ),
        )

    @owner_only
    def _answer(self, action: str) -> None:
        """A notification's button or click (posted to the owner by the notifier)."""
        if action == "start":
            self._open_routine(self.controller.settings.default_routine)
        elif action == "full":
            self._open_routine("full")
        elif action == "snooze":
            self.controller.handle(model.Snooze(source="notification"))
        elif action == "skip":
            self.controller.handle(model.Skip(source="notification"))

    @owner_only
    def _on_tray_command(self, message: dict[str, Any]) -> None:
        cmd = message.get("cmd")
        if cmd == "quit":
            self.stop()
        elif cmd == "open_history":
            reason = self._windows.open("history")
            if reason:
                self._tray.tell(_("The history window cannot be shown ({why}); use `deskbreak stats` instead.").format(why=reason))
        elif cmd == "open_settings":
            reason = self._windows.open("settings")
            if reason:
                self._tray.tell(_("The settings window cannot be shown ({why}); use `deskbreak config` instead.").format(why=reason))
        else:
            reply = self._commands.handle({**message, "source": "tray"})
            if not reply["ok"]:
                self._tray.tell(reply["error"])

    def _extras(self) -> dict[str, Any]:
        return {
            "pid": os.getpid(),
            "idle_source": self._idle.name,
            "notifier": self._notifier.name,
            "tray": self._tray.name,
            "today": self._today.text(),
            "event_log": self.controller.log_trouble,  # None: the last write succeeded
            "language": self.controller.settings.language,  # the config's: `status` speaks it too
        }

    def _started_data(self) -> dict[str, Any]:
        return {
            "version": __version__,
            "pid": os.getpid(),
            "session": self._session.describe(),
            "idle_source": self._idle.name,
            "busy": self._busy.name,
            "notifier": self._notifier.name,
            "tray": self._tray.name,
            "bus": self._bus_use(),
        }

    def _bus_use(self) -> str:
        """The event loops and session-bus connections this daemon holds, in words."""
        connections = ["deskbreak's own"] if self._bus_loop.connected else []
        if self._notifier.name == "desktop-notifier":
            connections.append("desktop-notifier's")
        held = f"{len(connections)} session-bus connection{'s' if len(connections) != 1 else ''}"
        return f"1 event loop; {held}" + (f" ({', '.join(connections)})" if connections else "")

    def _describe_adapters(self) -> list[str]:
        window = self._session.window or f"none ({self._session.no_window})"
        return [
            f"session: {self._session.describe()}",
            f"routine window: {window}",
            f"idle source: {self._idle.name}",
            f"held back while busy: {self._busy.name}",
            f"notifier: {self._notifier.name}",
            f"tray: {self._tray.name}",
            f"bus: {self._bus_use()}",
        ]


def _routine_names() -> tuple[str, ...]:
    """Every routine `deskbreak routines` lists (built-in, then the user's valid ones), for the menu."""
    from deskbreak.routines.loader import find_routines

    return tuple(find_routines().routines)


def _display_gone(exc: BaseException) -> bool:
    """python-xlib's ConnectionClosedError: the X server (and so the session) is gone. Named, not
    imported, so a daemon without X never loads Xlib for it."""
    return type(exc).__name__ == "ConnectionClosedError" and type(exc).__module__.startswith("Xlib")


def run_daemon(settings: Settings, config_path: str | None, verbose: bool = False) -> int:
    """Take the single-instance lock, then run until stopped. Raises AlreadyRunning."""
    from deskbreak.daemon.logsetup import configure

    where = endpoint(create=True)
    lock = InstanceLock(where, paths.event_log().parent)
    lock.acquire()
    try:
        configure(paths.daemon_log(), verbose)
        daemon = Daemon(settings, config_path, lock)
        _stop_on_signals(daemon)
        return daemon.run()
    finally:
        lock.release()


def _stop_on_signals(daemon: Daemon) -> None:
    """SIGTERM/SIGINT stop cleanly; SIGHUP reloads the config. The handlers run on the main
    thread (between pystray's loop's calls, or in the tray's wait) and only hand the work on
    through the bus loop, which takes no lock a signal could interrupt."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: daemon.stop_soon())
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, lambda *_: daemon.reload_soon())
