"""TOML config -> validated, frozen Settings, with one message that names every problem.

Each problem names the file, the line (when known), the key, the bad value, what is allowed
and a line that would work. Unknown keys suggest the closest known one. The file is only read.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path
from typing import Any, Callable

from deskbreak.config.settings import NOTIFIERS, TRAYS, WEEKDAYS, Settings, WorkHours
from deskbreak.durations import ALLOWED as DURATION_FORMS
from deskbreak.durations import DurationError, format_duration, parse_duration

_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


class ConfigError(Exception):
    """A config file deskbreak cannot use; str() is the whole message for the user."""


class _Bad(ValueError):
    """One value is wrong; the text says what is allowed."""


@dataclass(frozen=True)
class Key:
    section: str
    name: str
    field: str  # the Settings attribute it sets ("" for keys folded into another field)
    read: Callable[[Any], Any]
    example: str  # a line that works, shown in the fix hint


def _duration(low: timedelta, high: timedelta) -> Callable[[Any], timedelta]:
    def read(value: Any) -> timedelta:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise _Bad(f"expected a duration in quotes, {DURATION_FORMS}")
        if not isinstance(value, str):
            raise _Bad(f'a bare number has no unit; write it in quotes with one, e.g. "{value}m" or "{value}s"')
        try:
            parsed = parse_duration(value)
        except DurationError as exc:
            raise _Bad(str(exc)) from None
        if not low <= parsed <= high:
            raise _Bad(f"must be between {format_duration(low) if low else '0s'} and {format_duration(high)}")
        return parsed

    return read


def _whole(low: int, high: int) -> Callable[[Any], int]:
    def read(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Bad(f"expected a whole number from {low} to {high}, without quotes")
        if not low <= value <= high:
            raise _Bad(f"must be from {low} to {high}")
        return value

    return read


def _choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        if value not in options:
            raise _Bad(f"must be one of {', '.join(repr(o) for o in options)}")
        return value

    return read


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Bad("expected true or false, without quotes")
    return value


def _name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad('expected a routine name in quotes, e.g. "desk" (see `deskbreak routines`)')
    return value.strip()


def _days(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(f"expected a list of day names from {', '.join(WEEKDAYS)}")
    unknown = [v for v in value if v.lower()[:3] not in WEEKDAYS or len(v) < 3]
    if unknown:
        raise _Bad(f"unknown day {unknown[0]!r}; use {', '.join(WEEKDAYS)}")
    return tuple(sorted({WEEKDAYS.index(v.lower()[:3]) for v in value}))


def _spans(value: Any) -> tuple[tuple[time, time], ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad('expected a list of "HH:MM-HH:MM" spans')
    spans = []
    for text in value:
        match = _SPAN.match(text)
        try:
            if not match:
                raise ValueError
            h1, m1, h2, m2 = map(int, match.groups())
            start, end = time(h1, m1), time(h2, m2) if (h2, m2) != (24, 0) else time.max
        except ValueError:
            raise _Bad(f'{text!r} is not a span; write "HH:MM-HH:MM" on the 24-hour clock') from None
        if start >= end:
            raise _Bad(f"{text!r} ends before it starts; spans cannot cross midnight, split them in two")
        spans.append((start, end))
    return tuple(sorted(spans))


KEYS = (
    Key("reminders", "sit_limit", "sit_limit", _duration(timedelta(seconds=1), timedelta(hours=8)), 'sit_limit = "50m"'),
    Key("reminders", "snooze", "snooze", _duration(timedelta(seconds=1), timedelta(hours=4)), 'snooze = "10m"'),
    Key("reminders", "snoozes_per_day", "snoozes_per_day", _whole(0, 50), "snoozes_per_day = 3"),
    Key("reminders", "renotify_every", "renotify_every", _duration(timedelta(0), timedelta(hours=4)), 'renotify_every = "5m"'),
    Key("presence", "break_after_idle", "break_after_idle", _duration(timedelta(seconds=1), timedelta(hours=4)), 'break_after_idle = "5m"'),
    Key("presence", "sample_every", "sample_every", _duration(timedelta(seconds=1), timedelta(minutes=5)), 'sample_every = "30s"'),
    Key("schedule", "work_days", "", _days, 'work_days = ["mon", "tue", "wed", "thu", "fri"]'),
    Key("schedule", "work_hours", "", _spans, 'work_hours = ["09:00-12:30", "13:30-18:00"]'),
    Key("routines", "default", "default_routine", _name, 'default = "desk"'),
    Key("routines", "weekly_full_target", "weekly_full_target", _whole(0, 14), "weekly_full_target = 3"),
    Key("routines", "sound", "sound", _flag, "sound = true"),
    Key("desktop", "notifier", "notifier", _choice(NOTIFIERS), 'notifier = "auto"'),
    Key("desktop", "tray", "tray", _choice(TRAYS), 'tray = "auto"'),
    Key("desktop", "defer_fullscreen_max", "defer_fullscreen_max", _duration(timedelta(0), timedelta(hours=4)), 'defer_fullscreen_max = "20m"'),
)
SECTIONS = tuple(dict.fromkeys(key.section for key in KEYS))


def load_settings(path: Path) -> Settings:
    """The settings in `path`; a missing file means every default."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return Settings()
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: byte {exc.start} is not UTF-8 text; save the file as UTF-8.") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror}); check its permissions.") from None
    return parse_settings(text, path)


def parse_settings(text: str, path: Path) -> Settings:
    """Validate TOML text; `path` only names the file in messages."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{path}: the file is not valid TOML: {exc}.\n"
            "  Values need quotes unless they are numbers, true/false or lists, e.g. sit_limit = \"50m\".\n"
            "  Fix that line, then run: deskbreak config check"
        ) from None
    values, problems = _read(document, _Lines(text))
    if "sample_every" in values or "break_after_idle" in values:
        sample = values.get("sample_every", Settings.sample_every)
        idle = values.get("break_after_idle", Settings.break_after_idle)
        if sample >= idle and not problems:
            problems.append(_Problem(None, "presence.sample_every", format_duration(sample),
                                     f"must be shorter than presence.break_after_idle ({format_duration(idle)}), "
                                     "or away time could never be noticed", 'sample_every = "30s"'))
    if problems:
        listed = "\n".join(f"  {n}. {p}" for n, p in enumerate(problems, 1))
        raise ConfigError(
            f"{path}: {len(problems)} problem{'s' if len(problems) > 1 else ''} in the config file:\n{listed}\n"
            "Fix the file (every key is explained in config.example.toml; `deskbreak config show` prints the defaults),\n"
            "then run: deskbreak config check"
        )
    hours = WorkHours(values.pop("work_days", ()), values.pop("work_hours", ()))
    return Settings(**values, work_hours=hours)


@dataclass(frozen=True)
class _Problem:
    line: int | None
    key: str
    value: str
    why: str
    fix: str | None

    def __str__(self) -> str:
        where = f"line {self.line}, " if self.line else ""
        shown = f" = {self.value}" if self.value else ""
        fix = f"\n     e.g. {self.fix}" if self.fix else ""
        return f"{where}{self.key}{shown}: {self.why}{fix}"


class _Lines:
    """Finds the line of a key in the text (tomllib does not report lines for values)."""

    def __init__(self, text: str) -> None:
        self._where: dict[tuple[str, str], int] = {}
        section = ""
        for number, line in enumerate(text.splitlines(), 1):
            header = re.match(r"^\s*\[\s*([A-Za-z0-9_\-]+)\s*\]", line)
            if header:
                section = header.group(1)
                self._where.setdefault((section, ""), number)
                continue
            key = re.match(r"^\s*([A-Za-z0-9_\-]+)\s*=", line)
            if key:
                self._where.setdefault((section, key.group(1)), number)

    def of(self, section: str, key: str = "") -> int | None:
        return self._where.get((section, key))


def _read(document: dict[str, Any], lines: _Lines) -> tuple[dict[str, Any], list[_Problem]]:
    by_section = {s: {k.name: k for k in KEYS if k.section == s} for s in SECTIONS}
    values: dict[str, Any] = {}
    problems: list[_Problem] = []
    for section, table in document.items():
        if section not in by_section:
            hint = _closest(section, SECTIONS)
            problems.append(_Problem(lines.of(section), f"[{section}]", "", f"unknown section{hint}; known: "
                                     + ", ".join(f"[{s}]" for s in SECTIONS), None))
            continue
        if not isinstance(table, dict):
            problems.append(_Problem(lines.of("", section), section, _show(table),
                                     f"must be a [{section}] section, not a single value", f"[{section}]"))
            continue
        for name, raw in table.items():
            key = by_section[section].get(name)
            if key is None:
                hint = _closest(name, tuple(by_section[section]))
                problems.append(_Problem(lines.of(section, name), f"{section}.{name}", "",
                                         f"unknown key{hint}; [{section}] has {', '.join(by_section[section])}", None))
                continue
            try:
                values[key.field or key.name] = key.read(raw)
            except _Bad as exc:
                problems.append(_Problem(lines.of(section, name), f"{section}.{name}", _show(raw), str(exc), key.example))
    return values, problems


def _closest(word: str, known: tuple[str, ...]) -> str:
    match = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f' (did you mean "{match[0]}"?)' if match else ""


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    if isinstance(value, bool):
        text = str(value).lower()
    return text if len(text) <= 60 else text[:57] + "..."


def as_toml(settings: Settings) -> str:
    """The effective settings in the config file's own layout (for `deskbreak config show`)."""
    values = {
        "sit_limit": settings.sit_limit, "snooze": settings.snooze, "snoozes_per_day": settings.snoozes_per_day,
        "renotify_every": settings.renotify_every, "break_after_idle": settings.break_after_idle,
        "sample_every": settings.sample_every,
        "work_days": [WEEKDAYS[d] for d in settings.work_hours.days],
        "work_hours": [f"{a.strftime('%H:%M')}-{'24:00' if b == time.max else b.strftime('%H:%M')}"
                       for a, b in settings.work_hours.spans],
        "default": settings.default_routine, "weekly_full_target": settings.weekly_full_target,
        "sound": settings.sound, "notifier": settings.notifier, "tray": settings.tray,
        "defer_fullscreen_max": settings.defer_fullscreen_max,
    }
    out: list[str] = []
    for section in SECTIONS:
        out.append(f"[{section}]")
        out.extend(f"{key.name} = {_toml_value(values[key.name])}" for key in KEYS if key.section == section)
        out.append("")
    return "\n".join(out)


def _toml_value(value: Any) -> str:
    if isinstance(value, timedelta):
        return f'"{format_duration(value)}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)
