"""Nothing is reported done that was not recorded: while the event log cannot be written (a full
disk, a file replaced under the daemon), a command fails with the reason and what to do, changes
nothing, and status, doctor and the tray say the log is not being written — until a write
succeeds again."""

from __future__ import annotations

import errno
import json
import shutil
from datetime import timedelta

from deskbreak.config.settings import Settings
from deskbreak.core.model import Pause, Sample, Snooze, Status
from deskbreak.daemon.controller import Controller
from deskbreak.platform.notify.console import ConsoleNotifier
from tests.core.sim import MIN, desk
from tests.daemon.harness import wait_until


class FlakyLog:
    """An event log on a disk that can fill up."""

    path = "/data/deskbreak/events.jsonl"

    def __init__(self) -> None:
        self.full = False
        self.lines: list[str] = []

    def append(self, event, when) -> None:
        if self.full:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.lines.append(event.kind)


def due_controller(log: FlakyLog, seen: list[Status]) -> tuple[Controller, object]:
    clock = desk().clock
    controller = Controller(Settings(sit_limit=timedelta(minutes=50)), clock, log, ConsoleNotifier(), seen.append, lambda w: None)
    for _ in range(101):  # fifty minutes at the keyboard
        clock.advance(30)
        controller.handle(Sample(idle_s=0.0))
    return controller, clock


def test_a_command_whose_event_cannot_be_written_is_refused_and_changes_nothing():
    log, seen = FlakyLog(), []
    controller, _ = due_controller(log, seen)
    assert controller.status()[0].phase == "due"
    log.full = True
    outcome = controller.handle(Snooze(source="cli"))
    assert outcome.error is not None and "nothing was changed" in outcome.error and "No space left on device" in outcome.error
    assert "disk has room" in outcome.error  # what to do next
    assert controller.status()[0].phase == "due" and "snoozed" not in log.lines
    assert controller.log_trouble == "No space left on device"
    log.full = False
    assert controller.handle(Snooze(source="cli")).error is None
    assert log.lines[-1] == "snoozed" and controller.log_trouble is None


def test_samples_go_on_counting_while_the_log_is_full_and_say_so():
    log, seen = FlakyLog(), []
    controller, clock = due_controller(log, seen)
    log.full = True
    for _ in range(60):  # half an hour more: a re-notification's event is lost, the sitting is not
        clock.advance(30)
        controller.handle(Sample(idle_s=0.0))
    assert controller.status()[0].sat_s > 79 * MIN
    assert controller.log_trouble is not None
    assert controller.handle(Pause(None, source="tray")).error is not None


def test_the_real_daemon_refuses_commands_and_says_why_while_its_log_cannot_be_written(daemon):
    daemon.wait_for_event("reminder_shown")
    shutil.move(daemon.log_file, daemon.log_file.with_suffix(".kept"))
    daemon.log_file.mkdir()  # the log's path is no file any more: every append fails
    snoozed = daemon.cli("snooze")
    assert snoozed.returncode == 1
    assert "cannot be written" in snoozed.stderr and "nothing was changed" in snoozed.stderr, snoozed.stderr
    status = json.loads(daemon.cli("status", "--json").stdout)
    assert status["status"]["phase"] == "due" and status["event_log"]
    assert "The event log is not being written" in daemon.cli("status").stdout
    doctor = daemon.cli("doctor")
    assert doctor.returncode != 0 and "problem event log" in doctor.stdout, doctor.stdout
    daemon.log_file.rmdir()
    shutil.move(daemon.log_file.with_suffix(".kept"), daemon.log_file)
    wait_until(lambda: daemon.cli("snooze").returncode == 0, 10, "a snooze once the log can be written again")
    assert json.loads(daemon.cli("status", "--json").stdout)["event_log"] is None
    assert daemon.kinds().count("snoozed") == 1
