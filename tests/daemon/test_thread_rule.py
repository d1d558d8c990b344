"""The daemon's threading rule, enforced: every input is applied on the one owner thread, and an
owner-only method entered from any other thread fails loudly (WrongThread), in tests and in use.
The real daemon under concurrent inputs is in tests/desktop/test_one_owner.py."""

from __future__ import annotations

import importlib
import inspect
import threading
import time
from datetime import timedelta

import pytest

from deskbreak.config.settings import Settings
from deskbreak.core.model import Sample
from deskbreak.daemon.controller import Controller
from deskbreak.daemon.owner import NotNow, Owner
from deskbreak.platform.idle.none import NoIdleSource
from deskbreak.platform.notify.console import ConsoleNotifier
from deskbreak.platform.threads import OWNER, WrongThread
from tests.core.sim import FakeClock, desk

# every adapter class the daemon holds, with the methods its contract gives to the owner
ADAPTERS = {
    "deskbreak.platform.idle.x11:X11Idle": ("idle_seconds", "watch_input", "watch_gone", "close"),
    "deskbreak.platform.idle.dbus_idle:DBusIdle": ("idle_seconds", "watch_input", "close"),
    "deskbreak.platform.idle.wayland_idle:WaylandIdle": ("idle_seconds", "watch_input", "watch_idle", "close"),
    "deskbreak.platform.idle.none:NoIdleSource": ("idle_seconds", "close"),
    "deskbreak.platform.busy.base:NeverBusy": ("busy",),
    "deskbreak.platform.busy.base:AnyBusy": ("busy",),
    "deskbreak.platform.busy.camera:CameraInUse": ("busy",),
    "deskbreak.platform.busy.dnd:DoNotDisturb": ("busy",),
    "deskbreak.platform.busy.fullscreen_x11:X11Fullscreen": ("busy",),
    "deskbreak.platform.busy.gnome_inhibit:GnomeIdleInhibited": ("busy",),
    "deskbreak.platform.busy.meeting_windows:MeetingWindows": ("busy",),
    "deskbreak.platform.busy.microphone:PulseMicrophone": ("busy",),
    "deskbreak.platform.busy.sway_fullscreen:SwayFullscreen": ("busy",),
    "deskbreak.platform.notify.choose:FallbackNotifier": ("show", "notice", "withdraw", "close"),
    "deskbreak.platform.notify.desktop:DesktopNotifier": ("show", "notice", "withdraw", "close"),
    "deskbreak.platform.notify.plyer_notify:PlyerNotifier": ("show", "notice", "withdraw", "close"),
    "deskbreak.platform.notify.console:ConsoleNotifier": ("show", "notice", "withdraw", "close"),
    "deskbreak.platform.tray.sni.tray:SniTray": ("update", "tell", "open_path"),
    "deskbreak.platform.tray.pystray_tray:PystrayTray": ("update", "tell", "open_path"),
    "deskbreak.platform.tray.headless:HeadlessTray": ("update", "tell", "open_path"),
    "deskbreak.daemon.controller:Controller": ("handle", "record", "use_settings", "status", "restore_sitting"),
    "deskbreak.daemon.launcher:RoutineLauncher": ("open",),
    "deskbreak.daemon.routine_exits:RoutineExits": ("started", "exited"),
    "deskbreak.daemon.today:TodayLine": ("text", "week", "use_target"),
    "deskbreak.daemon.timing:Timing": ("wake_in", "sample_every"),
}


def on_another_thread(fn) -> BaseException | None:
    """What `fn` raised when called from a thread of its own (None if nothing)."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            fn()
        except BaseException as exc:
            raised.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    return raised[0] if raised else None


@pytest.mark.parametrize("where", sorted(ADAPTERS))
def test_every_part_of_the_daemons_state_is_marked_as_the_owners(where):
    module, name = where.split(":")
    cls = getattr(importlib.import_module(module), name)
    for method in ADAPTERS[where]:
        assert getattr(inspect.getattr_static(cls, method), "__owner_only__", False), f"{name}.{method} is not @owner_only"


def test_an_adapter_entered_from_another_thread_fails_loudly(owner_here):
    idle, notifier = NoIdleSource(), ConsoleNotifier()
    assert idle.idle_seconds() is None  # on the owner: as ever
    broken = owner_here.broken
    assert isinstance(on_another_thread(idle.idle_seconds), WrongThread)
    assert isinstance(on_another_thread(notifier.withdraw), WrongThread)
    assert owner_here.broken == broken + 2


def test_the_controller_refuses_an_input_from_another_thread(owner_here):
    clock: FakeClock = desk().clock
    events: list[str] = []

    class Log:
        def append(self, event, when) -> None:
            events.append(event.kind)

    controller = Controller(Settings(sit_limit=timedelta(minutes=50)), clock, Log(), ConsoleNotifier(), lambda s: None, lambda w: None)
    raised = on_another_thread(lambda: controller.handle(Sample(idle_s=0.0)))
    assert isinstance(raised, WrongThread) and "Controller.handle" in str(raised)
    controller.handle(Sample(idle_s=0.0))  # the owner's own input is applied


def test_outside_the_daemon_no_owner_is_bound_and_adapters_work_from_any_thread():
    assert not OWNER.bound
    assert on_another_thread(NoIdleSource().idle_seconds) is None


def test_inputs_posted_from_many_threads_are_applied_one_at_a_time_on_the_owner():
    owner = Owner()
    broken = OWNER.broken
    try:
        seen: list[int] = []
        inside = [0]
        overlaps = [0]

        def apply(n: int) -> None:
            inside[0] += 1
            overlaps[0] += inside[0] > 1
            OWNER.check("test input")
            seen.append(n)
            inside[0] -= 1

        threads = [threading.Thread(target=lambda n=n: owner.post(lambda: apply(n))) for n in range(200)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert owner.call(lambda: len(seen), 5) == 200
        assert sorted(seen) == list(range(200)) and overlaps[0] == 0 and OWNER.broken == broken
    finally:
        owner.stop()
    assert not OWNER.bound


def test_an_input_the_owner_cannot_begin_in_time_is_withdrawn_never_applied_late():
    owner = Owner()
    try:
        applied: list[str] = []
        owner.post(lambda: time.sleep(0.6))  # a slow service holds the owner
        with pytest.raises(NotNow):
            owner.call(lambda: applied.append("late"), 0.1)
        assert owner.call(lambda: list(applied), 5) == []  # the withdrawn one never ran
    finally:
        owner.stop()
