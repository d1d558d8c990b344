"""No idle source: every minute counts as sitting (said once in the log and in `doctor`)."""

from __future__ import annotations

from deskbreak.platform.threads import owner_only


class NoIdleSource:
    name = "none (all time counts as sitting)"

    @owner_only
    def idle_seconds(self) -> float | None:
        return None

    @owner_only
    def close(self) -> None:
        pass
