"""What a routine says and plays as it goes: pure rules over the step walker's views.

A runner hands the guide the session's View after every key and every tick; the guide answers
with the cues for that moment, once each: at a new step its title and the one cue that matters
(the step's caution, else its breath), "switch sides" or the round between parts of a step, the
reps counted as they are counted, the last three seconds of a timed step counted down, a bell
when a countdown runs out, "done — next: …" between steps, and the end. The runner only passes
the cues on to a speaker and a sound player; both are optional, so the same rules serve voice
and sound on, either, or neither (the runners then skip the guide).

Numbers are spoken as digits, so the speech service says them in the routine's language; the
guide's own few words are in the routine's language too (phrases_in: deskbreak's catalogs).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Callable, Union

from deskbreak.config.i18n import N_, translator
from deskbreak.routines.model import Routine, Step
from deskbreak.routines.session import View

COUNTDOWN = 3  # the last seconds of a timed step said aloud
STEP_ENDS = "bell"  # freedesktop sound theme names
ROUTINE_DONE = "complete"
_EARLY_S = 0.05  # a wake-up this much before a whole second still counts as on it


LEAD_IN_S = 5  # hands-free: time to get down on the floor before the first step


@dataclass(frozen=True)
class Say:
    text: str
    interrupt: bool = False  # drop what is still being said first (it belongs to a part now over)


@dataclass(frozen=True)
class Play:
    sound: str  # a name in the freedesktop sound theme


Cue = Union[Say, Play]


@dataclass(frozen=True)
class Phrases:
    """The guide's own words, with {placeholders}."""

    opening: str = N_("{title}. Starting in {seconds} seconds.")
    first: str = N_("{title}.")
    done_next: str = N_("Done. Next: {title}.")
    skipped_next: str = N_("Next: {title}.")
    again: str = N_("Again: {title}.")
    switch_sides: str = N_("Switch sides.")
    left_side: str = N_("Left side.")
    right_side: str = N_("Right side.")
    round: str = N_("Round {round} of {rounds}.")
    finished: str = N_("All done. Well moved.")


ENGLISH = Phrases()


def phrases_in(language: str) -> Phrases:
    """The guide's words in a routine's language ("de", "pt-BR"), from deskbreak's catalogs;
    English where deskbreak lacks the language."""
    word = translator(language.replace("-", "_"))
    return Phrases(**{f.name: word(getattr(ENGLISH, f.name)) for f in fields(Phrases)})


def spoken_cue(step: Step) -> str:
    """The one thing to hear at a step's start: its caution, or else how to breathe."""
    return step.caution or step.breath


class Guide:
    """Remembers which part it last announced and what it has counted, so each cue comes once."""

    def __init__(self, voice: bool = True, sound: bool = True, phrases: Phrases = ENGLISH) -> None:
        self.voice, self.sound, self.words = voice, sound, phrases
        self._entry: tuple[int, float] | None = None  # (part_index, entered_at) last announced
        self._last: View | None = None
        self._counted = 0  # reps said for the current part
        self._counted_down: set[int] = set()

    def opening(self, routine: Routine, seconds: int) -> list[Cue]:
        """Before a hands-free start: the routine's title and when it begins."""
        return self._said(self.words.opening.format(title=routine.title, seconds=seconds), interrupt=False)

    def follow(self, view: View, now: float) -> list[Cue]:
        """The cues due at this view (now: the session's clock)."""
        if (view.part_index, view.entered_at) != self._entry:
            cues = self._entered(view)
            self._entry, self._counted, self._counted_down = (view.part_index, view.entered_at), 0, set()
        else:
            cues = self._counting(view)
        self._last = view
        return cues

    def _entered(self, view: View) -> list[Cue]:
        before = self._last
        cues: list[Cue] = []
        if self.sound and (view.finished or view.entered_by == "time"):
            cues.append(Play(ROUTINE_DONE if view.finished else STEP_ENDS))
        words = [f"{before.step.reps}."] if view.entered_by == "reps" and before is not None and before.step.reps else []
        if view.finished:
            words.append(self.words.finished)
        elif before is None or before.number != view.number:
            lead = {
                "time": self.words.done_next,
                "reps": self.words.done_next,
                "next": self.words.done_next,
                "skip": self.words.skipped_next,
            }
            form = lead.get(view.entered_by, self.words.first) if before is not None else self.words.first
            words += [form.format(title=view.step.name), *self._where(view), spoken_cue(view.step)]
        elif view.entered_by == "back":
            words += [self.words.again.format(title=view.step.name), *self._where(view)]
        elif view.round == before.round and view.side != before.side:
            words.append(self.words.switch_sides)
        else:
            words += self._where(view)
        return cues + self._said(" ".join(words), interrupt=True)

    def _where(self, view: View) -> list[str]:
        """The round and side a part is on, for a step that has them."""
        said = []
        if view.step.rounds > 1:
            said.append(self.words.round.format(round=view.round, rounds=view.step.rounds))
        if view.side:
            said.append(self.words.left_side if view.side == "left" else self.words.right_side)
        return said

    def _counting(self, view: View) -> list[Cue]:
        """Within a part: the reps as they are counted, the last seconds of a countdown."""
        if view.finished:
            return []
        if view.remaining_s is None:
            if view.reps_done > self._counted:
                self._counted = view.reps_done
                return self._said(str(view.reps_done), interrupt=False)
            return []
        if view.paused or view.step.seconds is None:
            return []
        for second in range(COUNTDOWN, 0, -1):
            due = second - 1 + _EARLY_S < view.remaining_s <= second + _EARLY_S
            if due and second < view.step.seconds and second not in self._counted_down:
                self._counted_down.add(second)
                return self._said(str(second), interrupt=False)
        return []

    def _said(self, text: str, interrupt: bool) -> list[Cue]:
        return [Say(text, interrupt)] if self.voice and text else []


class Guidance:
    """A guide with its outputs, as a runner holds it: `say` and `play` are the speaker's and
    the sound player's own methods (None: that output is off or cannot work here)."""

    def __init__(self, say: Callable[[str, bool], None] | None, play: Callable[[str], None] | None, phrases: Phrases = ENGLISH) -> None:
        self.guide = Guide(voice=say is not None, sound=play is not None, phrases=phrases)
        self._say, self._play = say, play

    @property
    def hands_free(self) -> bool:
        """Reps count themselves when the voice is there to count them."""
        return self._say is not None

    @property
    def plays(self) -> bool:
        return self._play is not None

    def opening(self, routine: Routine, seconds: int) -> None:
        self.perform(self.guide.opening(routine, seconds))

    def follow(self, view: View, now: float) -> None:
        self.perform(self.guide.follow(view, now))

    def perform(self, cues: list[Cue]) -> None:
        for cue in cues:
            if isinstance(cue, Say) and self._say is not None:
                self._say(cue.text, cue.interrupt)
            elif isinstance(cue, Play) and self._play is not None:
                self._play(cue.sound)
