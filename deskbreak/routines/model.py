"""A routine as frozen data: what the loader builds and what the step walker and runners read."""

from __future__ import annotations

from dataclasses import dataclass

from deskbreak.config.i18n import _, ngettext

SIDES = ("left", "right")


@dataclass(frozen=True)
class Step:
    """One movement. Either timed (seconds) or counted (reps); per_side doubles it (left, then
    right) and rounds repeats the whole thing. A rep step's tempo is the seconds per rep the
    voice counts at, hands-free; without one, rep_seconds (an estimate) stands in for it."""

    id: str  # also the name of its illustration
    name: str
    cue: str
    breath: str
    caution: str | None = None
    seconds: int | None = None
    reps: int | None = None
    per_side: bool = False
    rounds: int = 1
    rep_seconds: float = 4.0
    tempo: float | None = None

    @property
    def pace(self) -> float:
        """Seconds per rep: the tempo, else the estimate."""
        return self.tempo if self.tempo is not None else self.rep_seconds

    @property
    def timed(self) -> bool:
        return self.seconds is not None

    @property
    def sides(self) -> tuple[str | None, ...]:
        return SIDES if self.per_side else (None,)

    @property
    def part_seconds(self) -> float:
        """Time for one side of one round."""
        if self.seconds is not None:
            return float(self.seconds)
        return (self.reps or 0) * self.pace

    @property
    def total_seconds(self) -> float:
        return self.part_seconds * len(self.sides) * self.rounds

    def dose(self) -> str:
        """The amount in words: "45 s", "6 reps each side", "1 rep each side × 3 rounds"."""
        if self.seconds is not None:
            amount = _("{seconds} s each side") if self.per_side else _("{seconds} s")
        else:
            reps = self.reps or 0
            amount = (
                ngettext("{reps} rep each side", "{reps} reps each side", reps)
                if self.per_side
                else ngettext("{reps} rep", "{reps} reps", reps)
            )
        amount = amount.format(seconds=self.seconds, reps=self.reps)
        if self.rounds > 1:
            return ngettext("{amount} × {rounds} round", "{amount} × {rounds} rounds", self.rounds).format(
                amount=amount, rounds=self.rounds
            )
        return amount


@dataclass(frozen=True)
class Routine:
    name: str  # what the user types: `deskbreak routine desk`
    title: str
    summary: str
    steps: tuple[Step, ...]
    equipment: tuple[str, ...] = ()
    frequency: str | None = None
    language: str = "en"  # what language its texts are in, as the voice speaks them
    origin: str = "built-in"  # "built-in" or the user file it came from

    @property
    def total_seconds(self) -> float:
        return sum(step.total_seconds for step in self.steps)
