"""The sound player contract shared by every sound backend."""

from __future__ import annotations

from typing import Protocol


class SoundPlayer(Protocol):
    """Plays a named event sound of the freedesktop sound theme ("bell", "complete"). play()
    may be called from any thread and returns at once (the sound plays in a child process);
    a sound that cannot play is logged, never raised. close() waits briefly for sounds still
    playing so the last one is not cut off."""

    name: str

    def play(self, sound: str) -> None: ...

    def close(self) -> None: ...
