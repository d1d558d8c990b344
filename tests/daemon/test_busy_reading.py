"""The controller asks whether the user is busy only when a reminder would otherwise be shown:
the probes cost nothing while the user simply sits, and a due reminder still waits for a call."""

from datetime import datetime, timedelta

from deskbreak.config.settings import Settings
from deskbreak.core.model import Event, Pause, Reminder, Resume, Sample
from deskbreak.daemon.controller import Controller
from tests.core.sim import BERLIN, FakeClock

SETTINGS = Settings(
    sit_limit=timedelta(minutes=50),
    sample_every=timedelta(seconds=30),
    renotify_every=timedelta(minutes=5),
    defer_fullscreen_max=timedelta(minutes=20),
)


class Log:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def append(self, event: Event, when: datetime) -> None:
        self.events.append(event)


class Notifier:
    def __init__(self) -> None:
        self.shown: list[Reminder] = []

    def show(self, reminder: Reminder) -> None:
        self.shown.append(reminder)

    def withdraw(self) -> None:
        pass


class Probe:
    def __init__(self) -> None:
        self.reason: str | None = None
        self.reads = 0

    def busy(self) -> str | None:
        self.reads += 1
        return self.reason


def make() -> tuple[Controller, FakeClock, Log, Notifier, Probe]:
    clock = FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=BERLIN))
    log, notifier, probe = Log(), Notifier(), Probe()
    controller = Controller(SETTINGS, clock, log, notifier, lambda status: None, lambda seconds: None, probe.busy)
    return controller, clock, log, notifier, probe


def sit(controller: Controller, clock: FakeClock, minutes: float) -> None:
    for _ in range(round(minutes * 2)):
        clock.advance(30)
        controller.handle(Sample(idle_s=0))


def test_busy_is_not_read_while_the_user_just_sits():
    controller, clock, _, _, probe = make()
    sit(controller, clock, 49)
    assert probe.reads == 0


def test_a_call_holds_the_due_reminder_and_the_status_says_why():
    controller, clock, log, notifier, probe = make()
    probe.reason = "microphone: Firefox"
    sit(controller, clock, 52)
    assert notifier.shown == []
    assert [e.data["reason"] for e in log.events if e.kind == "deferred"] == ["microphone: Firefox"]
    status, _ = controller.status()
    assert status.phase == "due" and status.waiting_for == "microphone: Firefox"
    assert status.sat_s >= 52 * 60 - 1  # sitting keeps counting through the call
    probe.reason = None
    sit(controller, clock, 0.5)
    assert len(notifier.shown) == 1
    assert controller.status()[0].waiting_for is None


def test_a_call_that_outlasts_the_cap_gets_the_reminder_once_the_cap_is_reached():
    controller, clock, log, notifier, probe = make()
    probe.reason = "camera: zoom"
    sit(controller, clock, 50 + 19.5)
    assert notifier.shown == []
    sit(controller, clock, 1)
    assert len(notifier.shown) == 1


def test_resuming_during_a_call_does_not_pop_the_reminder_up():
    controller, clock, log, notifier, probe = make()
    sit(controller, clock, 45)
    controller.handle(Pause(until=None))
    sit(controller, clock, 10)
    probe.reason = "dnd: KDE"
    controller.handle(Resume())
    assert notifier.shown == []
    assert controller.status()[0].waiting_for == "dnd: KDE"
