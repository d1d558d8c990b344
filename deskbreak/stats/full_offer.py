"""Offering the full routine when the week is behind on it, at most once a day.

The reminder and the routine window share one marker file (the day of the last offer), so a
user who was offered it in the notification is not asked again by the window that day.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from deskbreak.config.regular_file import own_dir, read_regular, write_own
from deskbreak.stats.weeks import WeekProgress, should_offer_full


class FullOffer:
    def __init__(self, marker: Path) -> None:
        self._marker = marker

    def claim(self, progress: WeekProgress, routine: str, today: date) -> bool:
        """True when the full routine should be offered now; the offer then counts for today."""
        if not should_offer_full(progress, routine, self._last_offered(), today):
            return False
        try:
            own_dir(self._marker.parent)
            write_own(self._marker, today.isoformat().encode())
        except OSError:
            return False  # without a record of the offer it could repeat all day; better not to offer
        return True

    def _last_offered(self) -> date | None:
        try:
            return date.fromisoformat(read_regular(self._marker, 64).decode().strip())
        except (OSError, ValueError):
            return None
