"""The one place that wires deskbreak together and runs it.

Threads: the main thread runs the tray loop (macOS requires it); APScheduler's threads sample
presence and run a reload asked for by SIGHUP; the notifier has its own asyncio thread; the
control channel has a listener thread; a routine's exit is seen on a thread per routine process.
All of them reach state only through the Controller (handle, record, use_settings).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from typing import Any, Callable

from deskbreak import __version__, paths
from deskbreak.config.settings import Settings
from deskbreak.core import model
from deskbreak.core.model import Event, Status
from deskbreak.daemon.clock import SystemClock
from deskbreak.daemon.commands import Commands
from deskbreak.daemon.controller import Controller
from deskbreak.daemon.instance import InstanceLock
from deskbreak.daemon.launcher import RoutineLauncher
from deskbreak.daemon.reminder_offer import OfferingNotifier
from deskbreak.daemon.routine_exits import RoutineExits
from deskbreak.daemon.timing import Timing
from deskbreak.daemon.today import TodayLine
from deskbreak.eventlog import EventLog
from deskbreak.full_offer import FullOffer
from deskbreak.icons import app_icon
from deskbreak.ipc.endpoint import endpoint
from deskbreak.ipc.server import ControlServer
from deskbreak.platform.busy import choose_busy_probe
from deskbreak.platform.idle.choose import choose_idle_source
from deskbreak.platform.notify.choose import choose_notifier
from deskbreak.platform.tray.choose import choose_tray

log = logging.getLogger(__name__)


class Daemon:
    def __init__(self, settings: Settings, config_path: str | None) -> None:
        self._where = endpoint(create=True)
        self._clock = SystemClock()
        self._events = EventLog(paths.event_log())
        self._idle = choose_idle_source().adapter
        self._busy = choose_busy_probe().adapter
        self._notifier = choose_notifier(settings.notifier, self._on_notification_action, app_icon())
        self._tray = choose_tray(settings, on_command=self._on_tray_command).adapter
        self._today = TodayLine(self._events, settings.weekly_full_target, self._clock)
        self._timing = Timing(settings.sample_every, self._clock.zone, self._tick)
        offering = OfferingNotifier(self._notifier, self._today.week, lambda: self.controller.settings.default_routine,
                                    FullOffer(paths.full_offer_marker()), self._clock)
        follow = (lambda s: self._today.use_target(s.weekly_full_target), lambda s: self._timing.sample_every(s.sample_every))
        self.controller = Controller(settings, self._clock, self._events, offering, self._on_change, self._timing.wake_in,
                                     follow_settings=follow)
        self._launcher = RoutineLauncher(config_path, on_start=RoutineExits(self.controller).watch)
        self._config_path = config_path
        self._commands = Commands(self.controller, self._launcher.open, self.stop, self._extras, self.reload)
        self._server: ControlServer | None = None
        self._stopping = threading.Event()
        self._failing: set[str] = set()

    def run(self) -> int:
        self._server = ControlServer(self._where, self._where.write_new_authkey(), self._commands.handle)
        self._server.start()
        self.controller.record(Event("started", self._started_data()))
        for line in self._describe_adapters():
            log.info(line)
        self._timing.start()
        self._tick()
        try:
            self._tray.run()
        finally:
            self._shutdown()
        return 0

    def stop(self) -> None:
        """Safe from any thread: ends the tray loop, which ends run()."""
        if not self._stopping.is_set():
            self._stopping.set()
            self._tray.stop()

    def reload(self) -> str | None:
        """Read the config file again. A broken file changes nothing: the settings in use stay,
        and the reason is logged and returned. Notifier and tray choices apply after a restart."""
        from deskbreak.config.loader import ConfigError, load_settings

        try:
            settings = load_settings(paths.config_file(self._config_path))
        except ConfigError as exc:
            log.error("config reload refused; keeping the settings in use:\n%s", exc)
            self.controller.record(Event("error", {"where": "config", "message": str(exc).splitlines()[0]}))
            return f"the config file has problems, so the settings in use were kept:\n{exc}"
        self.controller.use_settings(settings)
        log.info("settings reloaded from %s", paths.config_file(self._config_path))
        self._tick()
        return None

    def reload_soon(self) -> None:
        """For SIGHUP: a signal handler must not take locks, so the reload runs on the scheduler."""
        self._timing.soon(self.reload, "reload")

    def _shutdown(self) -> None:
        self._timing.shutdown()
        if self._server:
            self._server.close()
        self.controller.record(Event("stopped", {"reason": "user" if self._stopping.is_set() else "tray closed"}))
        self._notifier.close()
        self._idle.close()
        log.info("deskbreak stopped")

    def _tick(self) -> None:
        idle_s = self._read("idle", self._idle.idle_seconds, "counting this interval as present")
        busy = self._read("busy", self._busy.busy, "not holding reminders back")
        self.controller.handle(model.Sample(idle_s=idle_s, busy=busy))

    def _read(self, where: str, reading: Callable[[], Any], meanwhile: str) -> Any:
        """One adapter reading, None when it fails. A failure is logged once when it starts,
        not on every sample, so a source that stays broken cannot flood the event log."""
        try:
            value = reading()
        except Exception as exc:
            if where not in self._failing:
                self._failing.add(where)
                log.exception("%s reading failed; %s until it works again", where, meanwhile)
                self.controller.record(Event("error", {"where": where, "message": str(exc)}))
            return None
        if where in self._failing:
            self._failing.discard(where)
            log.info("%s reading works again", where)
        return value

    def _on_change(self, status: Status) -> None:
        self._tray.update(status, self._today.text())

    def _on_notification_action(self, action: str) -> None:
        if action == "start":
            self._launcher.open(self.controller.settings.default_routine)
        elif action == "full":
            self._launcher.open("full")
        elif action == "snooze":
            self.controller.handle(model.Snooze(source="notification"))
        elif action == "skip":
            self.controller.handle(model.Skip(source="notification"))

    def _on_tray_command(self, message: dict[str, Any]) -> None:
        cmd = message.get("cmd")
        if cmd == "quit":
            self.stop()
        elif cmd == "open_log":
            self._tray.open_path(paths.event_log())
        elif cmd == "open_settings":
            self._tray.open_path(paths.config_file())
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
        }

    def _started_data(self) -> dict[str, Any]:
        return {"version": __version__, "pid": os.getpid(), "idle_source": self._idle.name,
                "notifier": self._notifier.name, "tray": self._tray.name}

    def _describe_adapters(self) -> list[str]:
        return [f"idle source: {self._idle.name}", f"held back while busy: {self._busy.name}",
                f"notifier: {self._notifier.name}", f"tray: {self._tray.name}"]


def run_daemon(settings: Settings, config_path: str | None, verbose: bool = False) -> int:
    """Take the single-instance lock, then run until stopped. Raises AlreadyRunning."""
    from deskbreak.daemon.logsetup import configure

    where = endpoint(create=True)
    lock = InstanceLock(where)
    lock.acquire()
    try:
        configure(paths.daemon_log(), verbose)
        daemon = Daemon(settings, config_path)
        _stop_on_signals(daemon)
        return daemon.run()
    finally:
        lock.release()


def _stop_on_signals(daemon: Daemon) -> None:
    """SIGTERM/SIGINT stop cleanly; SIGHUP reloads the config. Python handlers run on the main
    thread; PyGObject wakes a GTK main loop for them, and the headless loop waits interruptibly."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: daemon.stop())
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, lambda *_: daemon.reload_soon())
