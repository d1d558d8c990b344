"""The idle-source contract."""

from __future__ import annotations

from typing import Protocol


class IdleSource(Protocol):
    """Seconds since the last keyboard or mouse input.

    Called on the daemon's owner thread only (enforced: `@owner_only`), once per sample; must
    return quickly (no subprocesses). None means "cannot tell": the time counts as sitting. A
    source with an event thread of its own (Wayland) posts what it hears to the owner.
    """

    name: str

    def idle_seconds(self) -> float | None: ...

    def close(self) -> None: ...
