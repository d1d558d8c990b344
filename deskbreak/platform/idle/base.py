"""The idle-source contract."""

from __future__ import annotations

from typing import Protocol


class IdleSource(Protocol):
    """Seconds since the last keyboard or mouse input.

    Called from the scheduler's thread only, once per sample; must return quickly (no
    subprocesses). None means "cannot tell": the time counts as sitting.
    """

    name: str

    def idle_seconds(self) -> float | None: ...

    def close(self) -> None: ...
