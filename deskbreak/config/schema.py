"""One description of each value a file or a message may hold, and the words its errors use.

Config keys (deskbreak.config.loader.KEYS), routine files (deskbreak.routines.loader) and control
messages (deskbreak.daemon.commands.SCHEMAS) each list their fields once, as `Field`s: a kind
with its bounds, and the words for what it holds. The check of a value (`check`) and the one
sentence that says what is wrong and what is allowed (`Invalid`, `allowed`) both come from that
description, and a settings window can read it as data. Each shape puts the sentence in its own
layout (the file, line and key first); `KeyLines` finds a key's line in TOML text for both files.

Plain data checked in Python rather than msgspec structs: the config is read by `deskbreak stats`,
where importing msgspec would add about 10 ms to a 40 ms start, to check seventeen values.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, Literal

from deskbreak.config.durations import ALLOWED as DURATION_FORMS
from deskbreak.config.durations import DurationError, parse_duration
from deskbreak.config.i18n import N_, _
from deskbreak.config.settings import WEEKDAYS

Kind = Literal["whole", "number", "flag", "true", "choice", "text", "duration", "choices", "days", "texts", "spans", "moment"]
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_NUMBERS = {name: n for n, names in enumerate(zip(WEEKDAYS, _FULL_DAYS, strict=True)) for name in names}
_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class Field:
    """One field: its kind and bounds, and the words errors and a settings window use for it."""

    name: str
    kind: Kind
    low: float = 0  # whole, number, duration (seconds): the smallest value
    high: float = 0  # whole, number, duration (seconds): the largest value
    options: tuple[str, ...] = ()  # choice, choices: the allowed words
    chars: int = 600  # text, texts: the most characters of one text
    items: int = 100  # choices, texts: the most items of the list
    noun: str = ""  # text: what it is ("a routine name"); lists: what each item is ("kind")
    pattern: str = ""  # text: a regular expression the whole text must match ...
    pattern_words: str = ""  # ... and the same in words
    empty: str = ""  # lists: what [] means; duration: what "0s" means (then 0 is allowed too)
    unit: str = ""  # number: what it counts ("seconds")
    one_line: bool = False  # text: printable characters only, no line breaks or tabs
    required: bool = False
    default: Any = None  # the value when the field is left out (None: no value)
    example: str = ""  # a value that works, written as in the file, for "e.g." hints


ROUTINE_NAME = Field(
    "name",
    "text",
    chars=40,
    noun=N_("a routine name"),
    pattern=r"[a-z0-9][a-z0-9_-]{0,39}",
    pattern_words=N_("lower-case letters, digits, - and _ (up to 40 characters)"),
    example='"desk"',
)  # a routine file's name, the config's default routine and the routine a control message names


class Invalid(ValueError):
    """A value breaks its field's rule: str() says what is wrong and what is allowed in one
    sentence; `fix` is a better value than the field's example, when the bad one suggests it."""

    def __init__(self, why: str, fix: str | None = None) -> None:
        super().__init__(why)
        self.fix = fix


def allowed(field: Field) -> str:
    """What the field holds, in words ("a whole number from 0 to 50")."""
    low, high = field.low, field.high
    if field.kind == "whole":
        return _("a whole number from {low} to {high}").format(low=_n(low), high=_n(high))
    if field.kind == "number":
        if field.unit:
            return _("a number of {unit} from {low} to {high}").format(unit=_(field.unit), low=_n(low), high=_n(high))
        return _("a number from {low} to {high}").format(low=_n(low), high=_n(high))
    if field.kind in ("flag", "true"):
        return _("true or false") if field.kind == "flag" else "true"
    if field.kind == "choice":
        return _("one of {options}").format(options=_quoted(field.options))
    if field.kind == "text":
        what = _(field.noun) if field.noun else _("text")
        if field.pattern_words:
            return _("{what} in quotes, {rule}").format(what=what, rule=_(field.pattern_words))
        return _("{what} in quotes, at most {count} characters").format(what=what, count=field.chars)
    if field.kind == "duration":
        if field.empty:
            return _('a duration in quotes from {low} to {high} (or "0s" = {zero})').format(
                low=exact(low), high=exact(high), zero=_(field.empty)
            )
        return _("a duration in quotes from {low} to {high}").format(low=exact(low), high=exact(high))
    if field.kind == "moment":
        return _("an ISO-8601 time with a UTC offset, e.g. {example}").format(example="2026-11-24T14:30:00+01:00")
    if field.kind == "spans":
        return _('a list of "HH:MM-HH:MM" spans in quotes, or [] {empty}').format(empty=_(field.empty))
    if field.kind == "days":
        return _("a list of day names in quotes from {days}, or [] {empty}").format(days=", ".join(WEEKDAYS), empty=_(field.empty))
    if field.kind == "choices":
        return _("a list drawn from {options} in quotes, or [] {empty}").format(options=_quoted(field.options), empty=_(field.empty))
    return _("a list of up to {count} {what} in quotes, or []").format(count=field.items, what=_(field.noun))


def check(field: Field, value: Any) -> Any:
    """The value as the program uses it (a duration as timedelta, days as numbers 0-6), or
    Invalid saying what is wrong."""
    return _CHECKS[field.kind](field, value)


def _whole(field: Field, value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        raise Invalid(_("expected {allowed} without quotes").format(allowed=allowed(field)), fix=value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(_("expected {allowed}, without quotes").format(allowed=allowed(field)))
    if not field.low <= value <= field.high:
        raise Invalid(_("must be from {low} to {high}").format(low=_n(field.low), high=_n(field.high)))
    return value


def _number(field: Field, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (isinstance(value, float) and not math.isfinite(value)):
        raise Invalid(_("expected {allowed}, without quotes").format(allowed=allowed(field)))
    if not field.low <= value <= field.high:
        raise Invalid(
            _("must be from {low} to {high} {unit}").format(low=_n(field.low), high=_n(field.high), unit=_(field.unit))
            if field.unit
            else _("must be from {low} to {high}").format(low=_n(field.low), high=_n(field.high))
        )
    return float(value)


def _flag(field: Field, value: Any) -> bool:
    if isinstance(value, str) and value.lower() in ("true", "false"):
        raise Invalid(_("expected true or false without quotes"), fix=value.lower())
    if not isinstance(value, bool):
        raise Invalid(_("expected true or false, without quotes"))
    return value


def _true(field: Field, value: Any) -> bool:
    if value is not True:
        raise Invalid(_("must be true when given"))
    return True


def _choice(field: Field, value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid(_("expected {allowed}, in quotes").format(allowed=allowed(field)))
    if value not in field.options:
        close = difflib.get_close_matches(value.lower(), field.options, n=1, cutoff=0.75)
        if close:
            raise Invalid(
                _('did you mean "{match}"? It must be {allowed}').format(match=close[0], allowed=allowed(field)), fix=f'"{close[0]}"'
            )
        raise Invalid(_("must be {allowed}").format(allowed=allowed(field)))
    return value


def _text(field: Field, value: Any) -> str:
    """Text with its runs of white space made one space; nothing that could drive a terminal."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid(_("expected {allowed}").format(allowed=allowed(field)))
    if len(value) > field.chars or any(_control(c) for c in value) or (field.one_line and not value.isprintable()):
        raise Invalid(_("is too long or holds control characters; use plain text of up to {count} characters").format(count=field.chars))
    if field.pattern and not re.fullmatch(field.pattern, value.strip()):
        what = _(field.noun) if field.noun else _("usable")
        raise Invalid(_("is not {what}: use {rule}").format(what=what, rule=_(field.pattern_words)))
    return " ".join(value.split())


def _control(char: str) -> bool:
    """A character that could drive a terminal or reorder text (the emoji joiner is fine)."""
    return unicodedata.category(char) in ("Cc", "Cf") and not char.isspace() and char != "\u200d"


def _duration(field: Field, value: Any) -> timedelta:
    """A quoted duration in the field's range; with `empty`, 0 is also allowed and means that."""
    zero = timedelta(0)
    if field.empty and value in (0, "0") and not isinstance(value, bool):
        return zero
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Invalid(_("expected a duration in quotes, {forms}").format(forms=_(DURATION_FORMS)))
    if not isinstance(value, str):
        raise Invalid(
            _('a bare number has no unit: did you mean "{value}m"? Put the duration in quotes with a unit').format(value=value),
            fix=f'"{value}m"',
        )
    try:
        parsed = parse_duration(value)
    except DurationError as exc:
        raise Invalid(str(exc)) from None
    if parsed == zero and field.empty:
        return zero
    if not field.low <= parsed.total_seconds() <= field.high:
        if field.empty:
            raise Invalid(
                _('must be from {low} to {high} (or "0s" = {zero})').format(
                    low=exact(field.low), high=exact(field.high), zero=_(field.empty)
                )
            )
        raise Invalid(_("must be from {low} to {high}").format(low=exact(field.low), high=exact(field.high)))
    return parsed


def _names(field: Field, value: Any, known: dict[str, Any]) -> list[Any]:
    """A list of words drawn from `known` (what each word stands for), or Invalid naming the first stranger."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or len(value) > field.items:
        raise Invalid(_("expected {allowed}").format(allowed=allowed(field)))
    unknown = [v for v in value if v.strip().lower() not in known]
    if unknown:
        quoted = field.kind == "choices"
        close = closest(unknown[0].lower(), field.options) if quoted else None
        words = _quoted(field.options) if quoted else ", ".join(field.options)
        what, name = _(field.noun), unknown[0]
        if close:
            raise Invalid(
                _('unknown {what} "{name}" (did you mean "{match}"?); use {words}').format(what=what, name=name, match=close, words=words)
            )
        raise Invalid(_('unknown {what} "{name}"; use {words}').format(what=what, name=name, words=words))
    return [known[v.strip().lower()] for v in value]


def _choices(field: Field, value: Any) -> tuple[str, ...]:
    chosen = _names(field, value, {option: option for option in field.options})
    return tuple(option for option in field.options if option in chosen)


def _days(field: Field, value: Any) -> tuple[int, ...]:
    return tuple(sorted(set(_names(field, value, DAY_NUMBERS))))


def _texts(field: Field, value: Any) -> tuple[str, ...]:
    if (
        not isinstance(value, list)
        or len(value) > field.items
        or not all(isinstance(v, str) and v.strip() and len(v) <= field.chars and not any(map(_control, v)) for v in value)
    ):
        raise Invalid(_("expected {allowed}").format(allowed=allowed(field)))
    return tuple(" ".join(v.split()) for v in value)


def _spans(field: Field, value: Any) -> tuple[tuple[time, time], ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or len(value) > field.items:
        raise Invalid(_("expected {allowed}").format(allowed=allowed(field)))
    spans = []
    for text in value:
        match = _SPAN.match(text)
        try:
            if not match:
                raise ValueError
            h1, m1, h2, m2 = map(int, match.groups())
            start, end = time(h1, m1), (time.max if (h2, m2) == (24, 0) else time(h2, m2))
        except ValueError:
            raise Invalid(
                _('"{text}" is not a span; write "HH:MM-HH:MM" on the 24-hour clock, e.g. "09:00-12:30"').format(text=text)
            ) from None
        if start >= end:
            raise Invalid(
                _(
                    '"{text}" ends before it starts; a span cannot cross midnight, so split it in two (e.g. "22:00-24:00", "00:00-02:00")'
                ).format(text=text)
            )
        spans.append((start, end))
    return tuple(sorted(spans))


def _moment(field: Field, value: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise Invalid(_("must be {allowed}").format(allowed=allowed(field))) from None
    if moment.tzinfo is None:
        raise Invalid(_("must include a UTC offset, e.g. {example}").format(example="2026-11-24T14:30:00+01:00"))
    return moment


_CHECKS = {
    "whole": _whole,
    "number": _number,
    "flag": _flag,
    "true": _true,
    "choice": _choice,
    "text": _text,
    "duration": _duration,
    "choices": _choices,
    "days": _days,
    "texts": _texts,
    "spans": _spans,
    "moment": _moment,
}


def exact(seconds: float) -> str:
    """A duration as text that reads back to the same value (format_duration rounds for people)."""
    if seconds != int(seconds):
        return f"{seconds:g}s"
    rest = int(seconds)
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts) or "0s"


def closest(word: str, known: tuple[str, ...] | list[str]) -> str | None:
    """The known word `word` was most likely meant to be, if any is close."""
    match = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return match[0] if match else None


def _n(number: float) -> str:
    return str(int(number)) if number == int(number) else f"{number:g}"


def _quoted(words: tuple[str, ...]) -> str:
    return ", ".join(f'"{word}"' for word in words)


class KeyLines:
    """The line of each key in TOML text (tomllib reports lines only for syntax errors): under a
    [table] header, the n-th [[table]] header, or at the top (table "")."""

    def __init__(self, text: str) -> None:
        self._where: dict[tuple[str, int, str], int] = {}
        seen: dict[str, int] = {}
        table, index = "", 0
        for number, line in enumerate(text.splitlines(), 1):
            header = re.match(r"^\s*(\[\[?)\s*([A-Za-z0-9_\-]+)\s*\]", line)
            if header:
                table = header.group(2)
                index = seen[table] = seen.get(table, -1) + 1 if header.group(1) == "[[" else 0
                self._where.setdefault((table, index, ""), number)
                continue
            key = re.match(r"^\s*([A-Za-z0-9_\-]+)\s*=", line)
            if key:
                self._where.setdefault((table, index, key.group(1)), number)

    def of(self, table: str, key: str = "", index: int = 0) -> int | None:
        """The line of `key` in the table (with key "": of the table's header), None if absent."""
        return self._where.get((table, index, key))


def syntax_line(exc: tomllib.TOMLDecodeError, text: str) -> int | None:
    """The line a TOML syntax error points at (the last line with text for "end of document")."""
    where = re.search(r"at line (\d+)", str(exc))
    if where:
        return int(where.group(1))
    if "end of document" in str(exc):
        lines = text.splitlines()
        return next((n for n in range(len(lines), 0, -1) if lines[n - 1].strip()), None)
    return None
