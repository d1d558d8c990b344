"""What every busy probe offers, and how several become one."""

from __future__ import annotations

from typing import Protocol

from deskbreak.platform.threads import owner_only


class BusyProbe(Protocol):
    """Threading rule: busy() on the owner thread only; a probe with an event source of its own
    (sway's IPC) posts what it hears to the owner."""

    name: str

    def busy(self) -> str | None:
        """Why a reminder should wait now ("kind" or "kind: detail"), or None."""
        ...


class NeverBusy:
    name = "none"

    @owner_only
    def busy(self) -> str | None:
        return None


class AnyBusy:
    """Busy when any of the probes says so; the first one's reason is given. A probe that
    fails is passed over (the others still count) and the failure is raised after them, so the
    daemon logs it once without losing the answer of the probes that work."""

    def __init__(self, probes: list[BusyProbe]) -> None:
        self.probes = probes
        self.name = " + ".join(probe.name for probe in probes)

    @owner_only
    def busy(self) -> str | None:
        failure: Exception | None = None
        for probe in self.probes:
            try:
                reason = probe.busy()
            except Exception as exc:
                failure = failure or exc
                continue
            if reason:
                return reason
        if failure is not None:
            raise failure
        return None
