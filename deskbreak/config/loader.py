"""TOML config -> validated, frozen Settings, with one message that names every problem.

Each problem names the file, the line (when known), the key, the bad value, what is allowed
and a line that would work. Unknown keys suggest the closest known one. The file is only read.

Ranges (wide enough for tests that use seconds; the example file gives the sensible values):
  reminders.sit_limit 1s..4h · snooze 1s..2h · snoozes_per_day 0..50
  reminders.renotify_every "0s" (show once) or 30s..4h
  presence.break_after_idle 1s..4h · sample_every 1s..5m and shorter than break_after_idle
  routines.weekly_full_target 0..14 · desktop.defer_fullscreen_max 0s..4h
  desktop.defer_on: a list drawn from fullscreen, inhibit, microphone, camera, dnd
  desktop.meeting_apps: a list of application names (up to 20, each up to 100 characters)
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path
from typing import Any, Callable

from deskbreak.config import toml_text
from deskbreak.config.durations import ALLOWED as DURATION_FORMS
from deskbreak.config.durations import DurationError, parse_duration
from deskbreak.config.regular_file import MIB, BrokenLink, NotRegularFile, TooLarge, read_regular
from deskbreak.config.settings import DEFER_KINDS, NOTIFIERS, TRAYS, WEEKDAYS, Settings, WorkHours

_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_NAMES = {name: n for n, names in enumerate(zip(WEEKDAYS, _FULL_DAYS, strict=True)) for name in names}
_ZERO = timedelta(0)
MAX_CONFIG_BYTES = MIB


class ConfigError(Exception):
    """A config file deskbreak cannot use; str() is the whole message for the user."""


class _Bad(ValueError):
    """One value is wrong: the text says what is allowed; `fix` is a better line than the key's example."""

    def __init__(self, why: str, fix: str | None = None) -> None:
        super().__init__(why)
        self.fix = fix


@dataclass(frozen=True)
class Key:
    section: str
    name: str
    field: str  # the Settings attribute it sets; work_days/work_hours are folded into WorkHours
    read: Callable[[Any], Any]
    example: str  # the default as a TOML value, shown in fix hints

    @property
    def dotted(self) -> str:
        return f"{self.section}.{self.name}"


def _duration(low: timedelta, high: timedelta, zero_means: str = "") -> Callable[[Any], timedelta]:
    """A quoted duration in [low, high]; with `zero_means`, 0 is also allowed and means that."""

    def read(value: Any) -> timedelta:
        if zero_means and value in (0, "0") and not isinstance(value, bool):
            return _ZERO
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise _Bad(f"expected a duration in quotes, {DURATION_FORMS}")
        if not isinstance(value, str):
            raise _Bad(f'a bare number has no unit: did you mean "{value}m"? Put the duration in quotes with a unit', fix=f'"{value}m"')
        try:
            parsed = parse_duration(value)
        except DurationError as exc:
            raise _Bad(str(exc)) from None
        if parsed == _ZERO and zero_means:
            return _ZERO
        if not low <= parsed <= high:
            zero = f' (or "0s" = {zero_means})' if zero_means else ""
            raise _Bad(f"must be from {_exact(low)} to {_exact(high)}{zero}")
        return parsed

    return read


def _whole(low: int, high: int) -> Callable[[Any], int]:
    def read(value: Any) -> int:
        if isinstance(value, str) and value.strip().isdigit():
            raise _Bad(f"expected a whole number from {low} to {high} without quotes", fix=value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Bad(f"expected a whole number from {low} to {high}, without quotes")
        if not low <= value <= high:
            raise _Bad(f"must be from {low} to {high}")
        return value

    return read


def _choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        allowed = ", ".join(f'"{o}"' for o in options)
        if not isinstance(value, str):
            raise _Bad(f"expected one of {allowed}, in quotes")
        if value not in options:
            close = difflib.get_close_matches(value.lower(), options, n=1, cutoff=0.75)
            hint = f'did you mean "{close[0]}"? It ' if close else ""
            raise _Bad(f"{hint}must be one of {allowed}", fix=f'"{close[0]}"' if close else None)
        return value

    return read


def _flag(value: Any) -> bool:
    if isinstance(value, str) and value.lower() in ("true", "false"):
        raise _Bad("expected true or false without quotes", fix=value.lower())
    if not isinstance(value, bool):
        raise _Bad("expected true or false, without quotes")
    return value


def _name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad('expected a routine name in quotes, e.g. "desk" (`deskbreak routines` lists them)')
    return value.strip()


def _defer_on(value: Any) -> tuple[str, ...]:
    allowed = ", ".join(f'"{kind}"' for kind in DEFER_KINDS)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(f"expected a list drawn from {allowed} in quotes, or [] to never hold a reminder back")
    unknown = [v for v in value if v not in DEFER_KINDS]
    if unknown:
        close = difflib.get_close_matches(unknown[0].lower(), DEFER_KINDS, n=1, cutoff=0.6)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        raise _Bad(f'unknown kind "{unknown[0]}"{hint}; use {allowed}')
    return tuple(kind for kind in DEFER_KINDS if kind in value)


def _apps(value: Any) -> tuple[str, ...]:
    if (
        not isinstance(value, list)
        or not all(isinstance(v, str) and v.strip() for v in value)
        or len(value) > 20
        or any(len(v) > 100 for v in value)
    ):
        raise _Bad('expected a list of up to 20 application names in quotes, e.g. ["zoom", "teams"], or []')
    return tuple(v.strip() for v in value)


def _days(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(f"expected a list of day names in quotes from {', '.join(WEEKDAYS)}, or [] for every day")
    unknown = [v for v in value if v.strip().lower() not in _DAY_NAMES]
    if unknown:
        raise _Bad(f'unknown day "{unknown[0]}"; use {", ".join(WEEKDAYS)}')
    return tuple(sorted({_DAY_NAMES[v.strip().lower()] for v in value}))


def _spans(value: Any) -> tuple[tuple[time, time], ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad('expected a list of "HH:MM-HH:MM" spans in quotes, or [] for all day')
    spans = []
    for text in value:
        match = _SPAN.match(text)
        try:
            if not match:
                raise ValueError
            h1, m1, h2, m2 = map(int, match.groups())
            start, end = time(h1, m1), (time.max if (h2, m2) == (24, 0) else time(h2, m2))
        except ValueError:
            raise _Bad(f'"{text}" is not a span; write "HH:MM-HH:MM" on the 24-hour clock, e.g. "09:00-12:30"') from None
        if start >= end:
            raise _Bad(
                f'"{text}" ends before it starts; a span cannot cross midnight, so split it in two (e.g. "22:00-24:00", "00:00-02:00")'
            )
        spans.append((start, end))
    return tuple(sorted(spans))


KEYS = (
    Key("reminders", "sit_limit", "sit_limit", _duration(timedelta(seconds=1), timedelta(hours=4)), '"50m"'),
    Key("reminders", "snooze", "snooze", _duration(timedelta(seconds=1), timedelta(hours=2)), '"10m"'),
    Key("reminders", "snoozes_per_day", "snoozes_per_day", _whole(0, 50), "3"),
    Key(
        "reminders",
        "renotify_every",
        "renotify_every",
        _duration(timedelta(seconds=30), timedelta(hours=4), zero_means="show it once"),
        '"5m"',
    ),
    Key("presence", "break_after_idle", "break_after_idle", _duration(timedelta(seconds=1), timedelta(hours=4)), '"5m"'),
    Key("presence", "sample_every", "sample_every", _duration(timedelta(seconds=1), timedelta(minutes=5)), '"30s"'),
    Key("schedule", "work_days", "", _days, '["mon", "tue", "wed", "thu", "fri"]'),
    Key("schedule", "work_hours", "", _spans, '["09:00-12:30", "13:30-18:00"]'),
    Key("routines", "default", "default_routine", _name, '"desk"'),
    Key("routines", "weekly_full_target", "weekly_full_target", _whole(0, 14), "3"),
    Key("routines", "sound", "sound", _flag, "true"),
    Key("desktop", "notifier", "notifier", _choice(NOTIFIERS), '"auto"'),
    Key("desktop", "tray", "tray", _choice(TRAYS), '"auto"'),
    Key(
        "desktop",
        "defer_fullscreen_max",
        "defer_fullscreen_max",
        _duration(_ZERO, timedelta(hours=4), zero_means="never hold it back"),
        '"20m"',
    ),
    Key("desktop", "defer_on", "defer_on", _defer_on, '["fullscreen", "inhibit", "microphone", "camera", "dnd"]'),
    Key("desktop", "meeting_apps", "meeting_apps", _apps, '["zoom", "teams"]'),
)
SECTIONS = tuple(dict.fromkeys(key.section for key in KEYS))
_BY_SECTION = {s: {k.name: k for k in KEYS if k.section == s} for s in SECTIONS}
_BY_NAME = {k.name: k for k in KEYS}
_SECTION_LIST = ", ".join(f"[{s}]" for s in SECTIONS)


@dataclass(frozen=True)
class Loaded:
    """Settings plus which keys the file set ("reminders.sit_limit"), so `config show` can say so."""

    settings: Settings
    from_file: frozenset[str]


def load_settings(path: Path) -> Settings:
    """The settings in `path`; a missing file means every default."""
    return read_config(path).settings


def read_config(path: Path) -> Loaded:
    """Read and validate `path` (never write it); a missing file means every default."""
    try:
        text = read_regular(path, MAX_CONFIG_BYTES).decode("utf-8-sig")
    except BrokenLink as exc:
        raise ConfigError(f"{exc}; until then the defaults would apply.") from None
    except FileNotFoundError:
        return Loaded(Settings(), frozenset())
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: byte {exc.start} is not UTF-8 text; save the file as UTF-8.") from None
    except NotRegularFile as exc:
        raise ConfigError(f"{path} is {exc.kind}, not a config file; point --config or DESKBREAK_CONFIG at a .toml file.") from None
    except TooLarge as exc:
        raise ConfigError(f"{exc} (the config file is a few hundred bytes).") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror}); check its permissions.") from None
    return parse_config(text, path)


def parse_config(text: str, path: Path) -> Loaded:
    """Validate TOML text; `path` only names the file in messages."""
    try:
        document = toml_text.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_syntax_message(exc, text, path)) from None
    lines = _Lines(text)
    values, problems = _read(document, lines)
    problems.extend(_cross_check(values, {p.key for p in problems}, lines))
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        listed = "\n".join(f"  {n}. {p}" for n, p in enumerate(problems, 1))
        raise ConfigError(f"{path}: {count} in the config file:\n{listed}\nFix these lines, then run: deskbreak config check")
    from_file = frozenset(k.dotted for k in KEYS if (k.field or k.name) in values)
    hours = WorkHours(values.pop("work_days", ()), values.pop("work_hours", ()))
    return Loaded(Settings(**values, work_hours=hours), from_file)


def _syntax_message(exc: tomllib.TOMLDecodeError, text: str, path: Path) -> str:
    lines = text.splitlines()
    where = re.search(r"\(at line (\d+), column \d+\)", str(exc))
    number = int(where.group(1)) if where else None
    if number is None and "(at end of document)" in str(exc):
        number = next((n for n in range(len(lines), 0, -1) if lines[n - 1].strip()), None)
    shown = f"\n  line {number}: {lines[number - 1].strip()}" if number and 0 < number <= len(lines) else ""
    hint = (
        "  A key or [section] may appear only once: delete or merge the repeated one.\n"
        if "overwrite" in str(exc) or "twice" in str(exc)
        else ""
    )
    return (
        f"{path}: the file is not valid TOML: {exc}.{shown}\n{hint}"
        '  Text values and durations need quotes (sit_limit = "50m"); numbers and true/false do not;\n'
        '  lists are written ["mon", "tue"]. Fix that line, then run: deskbreak config check'
    )


@dataclass(frozen=True)
class _Problem:
    line: int | None
    key: str
    value: str
    why: str
    fix: str | None

    def __str__(self) -> str:
        shown = f"{self.key} = {self.value}" if self.value else self.key
        where = ", ".join(filter(None, (f"line {self.line}" if self.line else "", shown)))
        fix = f"\n     e.g. {self.fix}" if self.fix else ""
        return f"{where}: {self.why}{fix}" if where else f"{self.why}{fix}"


class _Lines:
    """Finds the line of a key in the text (tomllib reports lines only for syntax errors)."""

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
    values: dict[str, Any] = {}
    problems: list[_Problem] = []
    for section, table in document.items():
        if not isinstance(table, dict):
            problems.append(_outside_section(section, table, lines))
            continue
        if section not in _BY_SECTION:
            why = f"unknown section [{section}]{_closest(section, SECTIONS, '[{}]')} Known sections: {_SECTION_LIST}."
            problems.append(_Problem(lines.of(section), "", "", why, None))
            continue
        keys = _BY_SECTION[section]
        for name, raw in table.items():
            key = keys.get(name)
            if key is None:
                problems.append(_unknown_key(section, name, lines))
                continue
            try:
                values[key.field or key.name] = key.read(raw)
            except _Bad as exc:
                fix = f"{name} = {exc.fix or key.example}"
                problems.append(_Problem(lines.of(section, name), key.dotted, _show(raw), str(exc), fix))
    return values, problems


def _outside_section(name: str, value: Any, lines: _Lines) -> _Problem:
    if name in _BY_SECTION:
        return _Problem(lines.of("", name), name, _show(value), f"must be a [{name}] section, not a single value", f"[{name}]")
    key = _BY_NAME.get(name)
    if key is not None:
        why = f"this key belongs under [{key.section}]; move the line below a [{key.section}] line"
        return _Problem(lines.of("", name), name, _show(value), why, f"[{key.section}]\n          {name} = {_show(value)}")
    why = f'unknown key "{name}" outside any section{_closest(name, tuple(_BY_NAME))} Every key goes under one of {_SECTION_LIST}.'
    return _Problem(lines.of("", name), name, _show(value), why, None)


def _unknown_key(section: str, name: str, lines: _Lines) -> _Problem:
    known = tuple(_BY_SECTION[section])
    hint = _closest(name, known)
    elsewhere = _BY_NAME.get(name)
    if elsewhere is not None:
        hint = f" — it belongs under [{elsewhere.section}]."
    why = f'unknown key "{name}" in [{section}]{hint} Known keys in [{section}]: {", ".join(known)}.'
    return _Problem(lines.of(section, name), "", "", why, None)


def _cross_check(values: dict[str, Any], failed: set[str], lines: _Lines) -> list[_Problem]:
    """Rules between keys, checked only when neither key has a problem of its own."""
    if "sample_every" not in values and "break_after_idle" not in values:
        return []
    if failed & {"presence.sample_every", "presence.break_after_idle"}:
        return []
    sample = values.get("sample_every", Settings.sample_every)
    idle = values.get("break_after_idle", Settings.break_after_idle)
    if sample < idle:
        return []
    name = "sample_every" if "sample_every" in values else "break_after_idle"
    why = (
        f"presence.sample_every ({_exact(sample)}) must be shorter than presence.break_after_idle "
        f"({_exact(idle)}), or time away could never be noticed"
    )
    fix = 'sample_every = "30s"' if name == "sample_every" else 'break_after_idle = "5m"'
    return [_Problem(lines.of("presence", name), f"presence.{name}", _show(_exact(values[name])), why, fix)]


def _closest(word: str, known: tuple[str, ...], form: str = '"{}"') -> str:
    match = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f" — did you mean {form.format(match[0])}?" if match else "."


def _show(value: Any) -> str:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = f'"{value}"'
    elif isinstance(value, (dt.date, dt.time)):
        text = value.isoformat()
    elif isinstance(value, list):
        text = "[" + ", ".join(_show(v) for v in value) + "]"
    elif isinstance(value, dict):
        text = "{ " + ", ".join(f"{k} = {_show(v)}" for k, v in value.items()) + " }"
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _exact(value: timedelta) -> str:
    """A duration as text that reads back to the same value (format_duration rounds for people)."""
    seconds = value.total_seconds()
    if seconds != int(seconds):
        return f"{seconds:g}s"
    rest = int(seconds)
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts) or "0s"


def as_toml(settings: Settings, from_file: frozenset[str] | None = None) -> str:
    """The settings in the config file's own layout (for `deskbreak config show`).

    With `from_file`, each line ends in a comment saying whether the file set it or the default applies.
    """
    values = {
        "sit_limit": settings.sit_limit,
        "snooze": settings.snooze,
        "snoozes_per_day": settings.snoozes_per_day,
        "renotify_every": settings.renotify_every,
        "break_after_idle": settings.break_after_idle,
        "sample_every": settings.sample_every,
        "work_days": [WEEKDAYS[d] for d in settings.work_hours.days],
        "work_hours": [f"{a.strftime('%H:%M')}-{'24:00' if b == time.max else b.strftime('%H:%M')}" for a, b in settings.work_hours.spans],
        "default": settings.default_routine,
        "weekly_full_target": settings.weekly_full_target,
        "sound": settings.sound,
        "notifier": settings.notifier,
        "tray": settings.tray,
        "defer_fullscreen_max": settings.defer_fullscreen_max,
        "defer_on": list(settings.defer_on),
        "meeting_apps": list(settings.meeting_apps),
    }
    out: list[str] = []
    for section in SECTIONS:
        out.append(f"[{section}]")
        for key in _BY_SECTION[section].values():
            line = f"{key.name} = {_toml_value(values[key.name])}"
            if from_file is not None:
                line = f"{line:<50} # {'from the file' if key.dotted in from_file else 'default'}"
            out.append(line)
        out.append("")
    return "\n".join(out)


def _toml_value(value: Any) -> str:
    if isinstance(value, timedelta):
        return f'"{_exact(value)}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)
