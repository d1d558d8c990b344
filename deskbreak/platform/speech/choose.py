"""Pick the speaker for this platform; why there is none is kept for doctor and the runners."""

from __future__ import annotations

import sys

from deskbreak.platform.choice import Chosen, Unavailable, first_available
from deskbreak.platform.speech.base import Speaker

NOT_BUILT = "not built on this platform yet"


def choose_speaker(language: str, platform: str = sys.platform) -> Chosen[Speaker | None]:
    """speech-dispatcher on Linux and the BSDs. Windows (SAPI) and macOS (AVSpeechSynthesizer)
    belong behind this same seam but are not written: they could not be tested here."""

    def speech_dispatcher() -> Speaker:
        from deskbreak.platform.speech.ssip import SpeechDispatcher

        return SpeechDispatcher(language)

    def not_built() -> Speaker:
        raise Unavailable(NOT_BUILT)

    if platform == "win32":
        candidates = [("sapi", not_built)]
    elif platform == "darwin":
        candidates = [("avspeech", not_built)]
    else:
        candidates = [("speech-dispatcher", speech_dispatcher)]
    return first_available(candidates, None)
