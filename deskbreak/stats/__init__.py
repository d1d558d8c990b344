"""History from the event log: the one place every count is made (CLI, tray line, routine window).

Import cost stays small: matplotlib lives in deskbreak.stats.plot and loads only for a chart.
"""

from deskbreak.stats.compute import Stats
from deskbreak.stats.load import load_stats
from deskbreak.stats.render import today_summary
from deskbreak.stats.weeks import WeekProgress, should_offer_full, week_progress, week_start

__all__ = [
    "Stats",
    "WeekProgress",
    "load_stats",
    "should_offer_full",
    "today_summary",
    "week_progress",
    "week_start",
]
