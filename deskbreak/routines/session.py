"""The step walker shared by the terminal runner and the routine window: pure state, no I/O.

A routine unrolls into parts: each step, each round of it, each side of that round. A timed part
counts down and completes itself (on tick); a rep part completes when its last rep is counted.
Every method takes `now` (monotonic seconds) so tests drive it with a fake clock, and returns the
StepDone records for steps that just finished, which the runner logs.
"""

from __future__ import annotations

from dataclasses import dataclass

from deskbreak.config.i18n import _
from deskbreak.routines.model import Routine, Step


class Ended(Exception):
    """The routine's process is being ended from outside (logout, shutdown, a lost display)
    before the routine has an outcome; the runner logs an abandoned break with `reason`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Part:
    step_index: int
    round: int  # 1-based
    side: str | None  # "left", "right" or None


@dataclass(frozen=True)
class StepDone:
    """A step finished (all its rounds and sides); becomes a step_done event."""

    routine: str
    index: int
    step: Step

    def event_data(self) -> dict[str, object]:
        return {"routine": self.routine, "step": self.step.id, "name": self.step.name}


@dataclass(frozen=True)
class View:
    """Everything a runner needs to draw the current moment."""

    step: Step
    number: int  # 1-based step number
    count: int  # steps in the routine
    round: int
    side: str | None
    reps_done: int
    remaining_s: float | None  # timed parts only
    paused: bool
    finished: bool

    @property
    def progress(self) -> str:
        return _("Step {number} of {count}").format(number=self.number, count=self.count)

    @property
    def part_label(self) -> str:
        """ "Left side · round 2 of 3", or "" for a plain step."""
        bits = []
        if self.side:
            bits.append(_("Left side") if self.side == "left" else _("Right side"))
        if self.step.rounds > 1:
            bits.append(_("round {number} of {count}").format(number=self.round, count=self.step.rounds))
        return " · ".join(bits)


class RoutineSession:
    def __init__(self, routine: Routine, now: float) -> None:
        self.routine = routine
        self.started = now
        self.parts = [
            Part(index, round_, side)
            for index, step in enumerate(routine.steps)
            for round_ in range(1, step.rounds + 1)
            for side in step.sides
        ]
        self._at = 0
        self._reps = 0
        self._left = 0.0  # seconds left of a timed part as of _since
        self._since: float | None = None  # when the countdown last (re)started; None while paused
        self._paused = False
        self.completed: list[StepDone] = []
        self.skipped: list[int] = []
        self._ended_at: float | None = None
        self._enter(now)

    # --- reading --------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self._at >= len(self.parts)

    @property
    def part(self) -> Part:
        return self.parts[min(self._at, len(self.parts) - 1)]

    @property
    def step(self) -> Step:
        return self.routine.steps[self.part.step_index]

    def remaining(self, now: float) -> float | None:
        if self.finished or not self.step.timed:
            return None
        if self._since is None:
            return self._left
        return max(0.0, self._left - (now - self._since))

    def elapsed(self, now: float) -> float:
        return (self._ended_at if self._ended_at is not None else now) - self.started

    def view(self, now: float) -> View:
        part = self.part
        return View(
            step=self.step,
            number=part.step_index + 1,
            count=len(self.routine.steps),
            round=part.round,
            side=part.side,
            reps_done=self._reps,
            remaining_s=self.remaining(now),
            paused=self._paused,
            finished=self.finished,
        )

    # --- acting ---------------------------------------------------------------------------
    def tick(self, now: float) -> list[StepDone]:
        """Complete a timed part whose countdown has run out (call it about once a second)."""
        if not self.finished and self.step.timed and not self._paused and self.remaining(now) == 0:
            return self.next(now)
        return []

    def count_rep(self, now: float) -> list[StepDone]:
        """One more rep; the last one completes the part. On a timed part it means "go on"."""
        if self.finished:
            return []
        if self.step.timed:
            return self.next(now)
        self._reps += 1
        return self.next(now) if self._reps >= (self.step.reps or 0) else []

    def next(self, now: float) -> list[StepDone]:
        """Finish the current part now and go to the next one."""
        if self.finished:
            return []
        done: list[StepDone] = []
        current = self.part
        self._at += 1
        if self.finished or self.part.step_index != current.step_index:
            record = StepDone(self.routine.name, current.step_index, self.routine.steps[current.step_index])
            self.completed.append(record)
            done.append(record)
        self._enter(now)
        return done

    def back(self, now: float) -> None:
        """Restart the current part, or go to the previous part if this one has not begun."""
        if self.finished:
            self._at = len(self.parts) - 1
        elif not self._started_part(now) and self._at > 0:
            self._at -= 1
        index = self.part.step_index
        self.completed = [record for record in self.completed if record.index < index]
        self.skipped = [skipped for skipped in self.skipped if skipped < index]
        self._enter(now)

    def skip_step(self, now: float) -> None:
        """Leave out the rest of this step (e.g. one with a caution); it is not recorded as done."""
        if self.finished:
            return
        index = self.part.step_index
        self.skipped.append(index)
        while not self.finished and self.part.step_index == index:
            self._at += 1
        self._enter(now)

    def pause(self, now: float) -> None:
        if not self._paused:
            self._left = self.remaining(now) or 0.0
            self._since = None
            self._paused = True

    def resume(self, now: float) -> None:
        if self._paused:
            self._paused = False
            self._since = now

    def toggle_pause(self, now: float) -> None:
        self.resume(now) if self._paused else self.pause(now)

    # --- inside -------------------------------------------------------------------------
    def _enter(self, now: float) -> None:
        """Start the part at _at afresh (full countdown, no reps)."""
        self._reps = 0
        if self.finished:
            self._since = None
            self._ended_at = now
            return
        self._ended_at = None
        self._left = float(self.step.seconds or 0)
        self._since = None if self._paused else now

    def _started_part(self, now: float) -> bool:
        if self.step.timed:
            remaining = self.remaining(now)
            return remaining is not None and self.step.seconds is not None and self.step.seconds - remaining >= 2
        return self._reps > 0
