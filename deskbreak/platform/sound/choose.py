"""Pick the sound player; why there is none is kept for doctor and the runners."""

from __future__ import annotations

import sys

from deskbreak.platform.choice import Chosen, Unavailable, first_available
from deskbreak.platform.sound.base import SoundPlayer
from deskbreak.platform.speech.choose import NOT_BUILT


def choose_player(platform: str = sys.platform) -> Chosen[SoundPlayer | None]:
    """The sound server's own client on Linux and the BSDs (PulseAudio, or PipeWire's pulse
    server). Windows and macOS are not written: they could not be tested here."""

    def pulse() -> SoundPlayer:
        from deskbreak.platform.sound.paplay import PaplayPlayer

        return PaplayPlayer()

    def not_built() -> SoundPlayer:
        raise Unavailable(NOT_BUILT)

    if platform in ("win32", "darwin"):
        return first_available([("system sounds", not_built)], None)
    return first_available([("paplay", pulse)], None)
