"""The speaker contract shared by every speech backend."""

from __future__ import annotations

from typing import Protocol


class Speaker(Protocol):
    """Speaks short texts in the language it was made for, with the user's own voice, rate and
    volume. say() may be called from any thread and returns at once (the backend's own thread
    talks to the speech service); a failure is logged, never raised, so a routine goes on
    silently. close() waits a bounded time for what is queued, then lets go."""

    name: str

    def say(self, text: str, interrupt: bool = False) -> None:
        """Queue `text`; with interrupt, first drop what is still being said or waiting."""

    def close(self, wait_s: float = 5.0) -> None: ...
