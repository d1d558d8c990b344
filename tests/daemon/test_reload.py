"""A reload goes through the controller's one door: on the owner thread, to the adapters that
follow settings, and judged at once (the real daemon's reload is in tests/desktop and test_faults)."""

from __future__ import annotations

from datetime import timedelta

from deskbreak.config.settings import Settings
from deskbreak.core.model import Sample
from deskbreak.daemon.controller import Controller
from deskbreak.platform.threads import OWNER
from tests.core.sim import MIN, FakeClock, desk


class Recorder:
    def __init__(self) -> None:
        self.seen: list[tuple[str, object, bool]] = []

    def note(self, what: str, value: object) -> None:
        self.seen.append((what, value, OWNER.bound and OWNER.on_owner()))

    def append(self, event, when) -> None:
        pass

    def show(self, reminder) -> None:
        self.note("show", reminder)

    def withdraw(self) -> None:
        pass


def test_a_reload_reaches_the_followers_and_is_judged_at_once_on_the_owner_thread(owner_here):
    clock: FakeClock = desk().clock
    rec = Recorder()
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
    for _ in range(80):  # 40 minutes at the keyboard
        clock.advance(30)
        controller.handle(Sample(idle_s=0.0))
    rec.seen.clear()
    reloaded = Settings(sit_limit=timedelta(minutes=60), sample_every=timedelta(seconds=10))
    controller.use_settings(reloaded)
    assert [(what, value) for what, value, _ in rec.seen] == [("follow", timedelta(seconds=10)), ("status", "sitting"), ("wake", 20 * MIN)]
    assert all(held for _, _, held in rec.seen)
    assert controller.settings is reloaded
