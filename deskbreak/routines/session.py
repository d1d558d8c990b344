"""The step walker shared by the terminal runner and the routine window: pure state, no I/O.

A routine unrolls into parts: each step, each round of it, each side of that round. A timed part
counts down and completes itself (on tick); a rep part completes when its last rep is counted,
by a key or, hands-free, by itself at the step's tempo (tick counts a rep each `pace` seconds;
a key still counts at once and restarts the beat). Every method takes `now` (monotonic seconds)
so tests drive it with a fake clock, and returns the StepDone records for steps that just
finished, which the runner logs.
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
    part_index: int = 0  # which part of the unrolled routine (len(parts) when finished)
    entered_at: float = 0.0  # when this part began (or began again)
    entered_by: str = "start"  # how: "start", "time", "reps", "next", "back" or "skip"
    next_rep_s: float | None = None  # hands-free rep parts: seconds until the next rep counts itself

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
    def __init__(self, routine: Routine, now: float, hands_free: bool = False) -> None:
        self.routine = routine
        self.hands_free = hands_free
        self.started = now
        self.parts = [
            Part(index, round_, side)
            for index, step in enumerate(routine.steps)
            for round_ in range(1, step.rounds + 1)
            for side in step.sides
        ]
        self._at = 0
        self._reps = 0
        self._left = 0.0  # seconds left on the part's clock (a countdown, or a hands-free rep) as of _since
        self._since: float | None = None  # when the part's clock last (re)started; None while paused
        self._paused = False
        self.completed: list[StepDone] = []
        self.skipped: list[int] = []
        self._ended_at: float | None = None
        self._entered = (now, "start")
        self._enter(now, "start")

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
        return self._clock(now)

    def next_rep(self, now: float) -> float | None:
        """Hands-free: seconds until the current rep counts itself (None on timed parts)."""
        if self.finished or self.step.timed or not self.hands_free:
            return None
        return self._clock(now)

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
            part_index=self._at,
            entered_at=self._entered[0],
            entered_by=self._entered[1],
            next_rep_s=self.next_rep(now),
        )

    # --- acting ---------------------------------------------------------------------------
    def tick(self, now: float) -> list[StepDone]:
        """Complete a timed part whose countdown has run out and, hands-free, count the reps
        that are due (call it at least once a second, and when next_rep says)."""
        if self.finished or self._paused or self._clock(now) > 0:
            return []
        if self.step.timed:
            return self._move(now, "time")
        if not self.hands_free:
            return []
        done: list[StepDone] = []
        while not self.finished and not self.step.timed and self._clock(now) == 0:
            due = (now if self._since is None else self._since) + self._left  # counted when it was due, so the beat never drifts
            done += self._count(due)
        return done

    def count_rep(self, now: float) -> list[StepDone]:
        """One more rep; the last one completes the part. On a timed part it means "go on"."""
        if self.finished:
            return []
        if self.step.timed:
            return self.next(now)
        return self._count(now)

    def next(self, now: float) -> list[StepDone]:
        """Finish the current part now and go to the next one."""
        return self._move(now, "next")

    def _count(self, now: float) -> list[StepDone]:
        self._reps += 1
        if self._reps >= (self.step.reps or 0):
            return self._move(now, "reps")
        self._start_clock(now)
        return []

    def _move(self, now: float, by: str) -> list[StepDone]:
        if self.finished:
            return []
        done: list[StepDone] = []
        current = self.part
        self._at += 1
        if self.finished or self.part.step_index != current.step_index:
            record = StepDone(self.routine.name, current.step_index, self.routine.steps[current.step_index])
            self.completed.append(record)
            done.append(record)
        self._enter(now, by)
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
        self._enter(now, "back")

    def skip_step(self, now: float) -> None:
        """Leave out the rest of this step (e.g. one with a caution); it is not recorded as done."""
        if self.finished:
            return
        index = self.part.step_index
        self.skipped.append(index)
        while not self.finished and self.part.step_index == index:
            self._at += 1
        self._enter(now, "skip")

    def pause(self, now: float) -> None:
        if not self._paused:
            self._left = self._clock(now)
            self._since = None
            self._paused = True

    def resume(self, now: float) -> None:
        if self._paused:
            self._paused = False
            self._since = now

    def toggle_pause(self, now: float) -> None:
        self.resume(now) if self._paused else self.pause(now)

    # --- inside -------------------------------------------------------------------------
    def _enter(self, now: float, by: str) -> None:
        """Start the part at _at afresh (full countdown, no reps); `by` says what moved there."""
        self._reps = 0
        self._entered = (now, by)
        if self.finished:
            self._since = None
            self._ended_at = now
            return
        self._ended_at = None
        self._start_clock(now)

    def _start_clock(self, now: float) -> None:
        """The part's clock from the top: the countdown, or (hands-free) one rep at the step's pace."""
        self._left = float(self.step.seconds) if self.step.seconds is not None else (self.step.pace if self.hands_free else 0.0)
        self._since = None if self._paused else now

    def _clock(self, now: float) -> float:
        if self._since is None:
            return self._left
        return max(0.0, self._left - (now - self._since))

    def _started_part(self, now: float) -> bool:
        if self.step.timed:
            remaining = self.remaining(now)
            return remaining is not None and self.step.seconds is not None and self.step.seconds - remaining >= 2
        return self._reps > 0
