"""Dates, weekdays and numbers written the way the user's language writes them (Babel's CLDR
data), in the language the words are shown in (i18n.language()), so a sentence and the date in
it agree. English keeps deskbreak's own compact forms ("Thu 26 Nov 09:00") without loading
Babel; Babel is imported on the first date or number in another language, never at start-up.
"""

from __future__ import annotations

from deskbreak.config import i18n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, datetime

_ENGLISH = {
    "MMMEd Hm": "%a %d %b %H:%M",
    "E Hm": "%a %H:%M",
    "MMMEd": "%a %d %b",
    "MMMd": "%d %b",
    "E": "%a",
    "yMMMEd": "%a %d %b %Y",
    "yMMMM": "%B %Y",
    "yMMMd": "%d %b %Y",
    "yMMMd Hm": "%d %b %Y %H:%M",
}


def _skeleton(moment: date | datetime, skeleton: str) -> str:
    """CLDR's form of `skeleton` ("MMMEd"; with " Hm": and the time, joined as the language
    joins a date and a time)."""
    language = i18n.language()
    if language == "en":
        return moment.strftime(_ENGLISH[skeleton])
    from babel import Locale
    from babel.dates import format_skeleton

    day_part, _, time_part = skeleton.partition(" ")
    when = format_skeleton(day_part, moment, locale=language)
    if not time_part:
        return when
    clock = format_skeleton(time_part, moment, locale=language)
    joined: str = Locale.parse(language).datetime_formats["short"]
    return joined.replace("{1}", when).replace("{0}", clock)


def day_and_time(moment: datetime) -> str:
    """ "Thu 26 Nov 09:00"; "Do., 26. Nov., 09:00" in German; "11月26日(木) 9:00" in Japanese."""
    return _skeleton(moment, "MMMEd Hm")


def weekday_and_time(moment: datetime) -> str:
    """ "Thu 09:00": a time later this week."""
    return _skeleton(moment, "E Hm")


def day(moment: date) -> str:
    """ "Thu 26 Nov": a day in a list of days."""
    return _skeleton(moment, "MMMEd")


def short_date(moment: date) -> str:
    """ "26 Nov" """
    return _skeleton(moment, "MMMd")


def day_with_year(moment: date) -> str:
    """ "Mon 19 Oct 2026" """
    return _skeleton(moment, "yMMMEd")


def month(moment: date) -> str:
    """ "October 2026" """
    return _skeleton(moment, "yMMMM")


def full_date(moment: date) -> str:
    """ "19 Oct 2026" """
    return _skeleton(moment, "yMMMd")


def date_and_time(moment: datetime) -> str:
    """ "19 Oct 2026 09:00" """
    return _skeleton(moment, "yMMMd Hm")


def weekday(moment: date) -> str:
    """ "Thu" """
    return _skeleton(moment, "E")


def number(value: float, digits: int = 1) -> str:
    """A number with at most `digits` decimals: "2.5", "2,5" in German."""
    language = i18n.language()
    if language == "en":
        return f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    from babel.numbers import format_decimal

    return format_decimal(round(value, digits), format=f"#,##0.{'#' * digits}" if digits else "#,##0", locale=language)
