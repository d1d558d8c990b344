"""A reload goes through the controller's one door: under its lock, to the adapters that follow
settings, and judged at once (the real daemon's reload is in tests/desktop and test_faults)."""

from __future__ import annotations

from datetime import timedelta

from deskbreak.config.settings import Settings
from deskbreak.core.model import Sample
from deskbreak.daemon.controller import Controller
from tests.core.sim import MIN, FakeClock, desk


class Recorder:
    def __init__(self, lock_of: list[Controller]) -> None:
        self.lock_of = lock_of
        self.seen: list[tuple[str, object, bool]] = []

    def note(self, what: str, value: object) -> None:
        held = self.lock_of[0]._lock._is_owned()  # type: ignore[attr-defined]
        self.seen.append((what, value, held))

    def append(self, event, when) -> None:
        pass

    def show(self, reminder) -> None:
        self.note("show", reminder)

    def withdraw(self) -> None:
        pass


def test_a_reload_reaches_the_followers_and_is_judged_at_once_under_the_lock():
    clock: FakeClock = desk().clock
    made: list[Controller] = []
    rec = Recorder(made)
    settings = Settings(sit_limit=timedelta(minutes=50), sample_every=timedelta(seconds=30))
    controller = Controller(
        settings,
        clock,
        rec,
        rec,
        lambda status: rec.note("status", status.phase),
        lambda wait: rec.note("wake", wait),
        follow_settings=[lambda s: rec.note("follow", s.sample_every)],
    )
    made.append(controller)
    for _ in range(80):  # 40 minutes at the keyboard
        clock.advance(30)
        controller.handle(Sample(idle_s=0.0))
    rec.seen.clear()
    reloaded = Settings(sit_limit=timedelta(minutes=60), sample_every=timedelta(seconds=10))
    controller.use_settings(reloaded)
    assert [(what, value) for what, value, _ in rec.seen] == [("follow", timedelta(seconds=10)), ("status", "sitting"), ("wake", 20 * MIN)]
    assert all(held for _, _, held in rec.seen)
    assert controller.settings is reloaded
