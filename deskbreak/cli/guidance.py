"""The routine's voice and sounds, wired from the settings: the speaker and the sound player the
guide hands its cues to. Speech lives in the routine's own process (terminal or window), never
in the daemon, so the daemon's idle budget is untouched."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Callable

from deskbreak.config.i18n import _
from deskbreak.config.settings import Settings
from deskbreak.platform.choice import reasons
from deskbreak.platform.sound.base import SoundPlayer
from deskbreak.platform.sound.choose import choose_player
from deskbreak.platform.speech.base import Speaker
from deskbreak.platform.speech.choose import choose_speaker
from deskbreak.routines.guide import Guidance, phrases_in
from deskbreak.routines.model import Routine


@contextlib.contextmanager
def routine_guidance(routine: Routine, settings: Settings, tell: Callable[[str], None]) -> Iterator[Guidance | None]:
    """Guidance for `routine` (None when neither voice nor sound is on or works here); `tell`
    gets one line for each output that is on but cannot work, saying why. The speaker and
    player are closed on the way out, after the last words are spoken."""
    speaker: Speaker | None = None
    player: SoundPlayer | None = None
    if settings.speaks(routine.name):
        chosen = choose_speaker(routine.language)
        speaker = chosen.adapter
        if speaker is None:
            tell(_("Spoken guidance is off here: {why}.").format(why=_why(chosen.rejected)))
    if settings.sound:
        played = choose_player()
        player = played.adapter
        if player is None:
            tell(_("Sounds are off here: {why}.").format(why=_why(played.rejected)))
    try:
        if speaker is None and player is None:
            yield None
        else:
            yield Guidance(speaker.say if speaker else None, player.play if player else None, phrases_in(routine.language))
    finally:
        if player is not None:
            player.close()
        if speaker is not None:
            speaker.close()


def _why(rejected: tuple[tuple[str, str], ...]) -> str:
    return reasons(rejected) or "no backend"
