"""The idle-source contract."""

from __future__ import annotations

from typing import Callable, Protocol


class IdleSource(Protocol):
    """Seconds since the last keyboard or mouse input.

    Called on the daemon's owner thread only (enforced: `@owner_only`), once per sample; must
    return quickly (no subprocesses). None means "cannot tell": the time counts as sitting. A
    source with an event thread of its own (Wayland) posts what it hears to the owner.
    """

    name: str

    def idle_seconds(self) -> float | None: ...

    def close(self) -> None: ...


class TellsInput(Protocol):
    """An idle source that can tell of returning input by an event (GNOME's IdleMonitor, the
    Wayland idle protocols, X11's XInput2 raw events), so the daemon need not sample steadily.
    Such a source has `tells_input = True` and this method."""

    def watch_input(self, on_input: Callable[[], None]) -> None:
        """On the owner: run `on_input` on the owner once, at the next keyboard or mouse input
        (at once if input came since the last reading). Arming again replaces the callback.
        A source whose readings are coarse (Wayland: 0 below its resolution) also has
        `watch_idle(on_idle)`: run `on_idle` on the owner whenever its reading stops being 0;
        one whose event connection can end on its own (X11) has `watch_gone(on_gone)`."""
