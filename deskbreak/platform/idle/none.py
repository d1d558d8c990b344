"""No idle source: every minute counts as sitting (said once in the log and in `doctor`)."""

from __future__ import annotations


class NoIdleSource:
    name = "none (all time counts as sitting)"

    def idle_seconds(self) -> float | None:
        return None

    def close(self) -> None:
        pass
