"""TOML config -> validated, frozen Settings, with one message that names every problem.

Each problem names the file, the line (when known), the key, the bad value, what is allowed
and a line that would work. Unknown keys suggest the closest known one. The file is only read.

KEYS describes every key once (deskbreak.config.schema): kind, bounds and a working example; the
checks and their sentences come from there, and key_help() gives each key's help from the example
file. Ranges are wide enough for tests that use seconds; the example file gives the sensible values.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field, replace
from datetime import time, timedelta
from pathlib import Path
from typing import Any

from deskbreak.config import i18n, toml_text
from deskbreak.config.i18n import N_, _, ngettext
from deskbreak.config.regular_file import MIB, BrokenLink, NotRegularFile, TooLarge, read_regular
from deskbreak.config.schema import ROUTINE_NAME, Field, Invalid, KeyLines, check, closest, exact, syntax_line
from deskbreak.config.settings import DEFER_KINDS, NOTIFIERS, TRAYS, VOICES, WEEKDAYS, Settings, WorkHours

MAX_CONFIG_BYTES = MIB
_H = 3600


class ConfigError(Exception):
    """A config file deskbreak cannot use; str() is the whole message for the user."""


@dataclass(frozen=True)
class Key:
    """One config key: its [section], its field (kind, bounds, example) and the Settings attribute
    it sets ("" for work_days and work_hours, which are folded into WorkHours)."""

    section: str
    field: Field
    attr: str

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def dotted(self) -> str:
        return f"{self.section}.{self.name}"


def _duration(name: str, low: float, high: float, example: str, zero_means: str = "") -> Field:
    return Field(name, "duration", low, high, empty=zero_means, example=example)


KEYS = (
    Key("reminders", _duration("sit_limit", 1, 4 * _H, '"50m"'), "sit_limit"),
    Key("reminders", _duration("snooze", 1, 2 * _H, '"10m"'), "snooze"),
    Key("reminders", Field("snoozes_per_day", "whole", 0, 50, example="3"), "snoozes_per_day"),
    Key("reminders", _duration("renotify_every", 30, 4 * _H, '"5m"', zero_means=N_("show it once")), "renotify_every"),
    Key("presence", _duration("break_after_idle", 1, 4 * _H, '"5m"'), "break_after_idle"),
    Key("presence", _duration("sample_every", 1, 300, '"30s"'), "sample_every"),
    Key(
        "schedule",
        Field(
            "work_days", "days", options=WEEKDAYS, noun=N_("day"), empty=N_("for every day"), example='["mon", "tue", "wed", "thu", "fri"]'
        ),
        "",
    ),
    Key("schedule", Field("work_hours", "spans", empty=N_("for all day"), example='["09:00-12:30", "13:30-18:00"]'), ""),
    Key("routines", replace(ROUTINE_NAME, name="default"), "default_routine"),
    Key("routines", Field("weekly_full_target", "whole", 0, 14, example="3"), "weekly_full_target"),
    Key("routines", Field("sound", "flag", example="true"), "sound"),
    Key("routines", Field("voice", "choice", options=VOICES, example='"full-only"'), "voice"),
    Key("desktop", Field("notifier", "choice", options=NOTIFIERS, example='"auto"'), "notifier"),
    Key("desktop", Field("tray", "choice", options=TRAYS, example='"auto"'), "tray"),
    Key("desktop", _duration("defer_fullscreen_max", 0, 4 * _H, '"20m"', zero_means=N_("never hold it back")), "defer_fullscreen_max"),
    Key(
        "desktop",
        Field(
            "defer_on",
            "choices",
            options=DEFER_KINDS,
            noun=N_("kind"),
            empty=N_("to never hold a reminder back"),
            example='["fullscreen", "inhibit", "microphone", "camera", "dnd"]',
        ),
        "defer_on",
    ),
    Key(
        "desktop",
        Field("meeting_apps", "texts", chars=100, items=20, noun=N_("application names"), example='["zoom", "teams"]'),
        "meeting_apps",
    ),
    Key("desktop", Field("language", "choice", options=i18n.CHOICES, example='"auto"'), "language"),
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


@dataclass(frozen=True)
class KnownRoutines:
    """The routines a config file may name (config/ cannot read them itself: the caller passes
    them in), and the user routine files that failed to load, by the name they would have."""

    names: tuple[str, ...]
    broken: dict[str, str] = field(default_factory=dict)  # routine name -> its file


def load_settings(path: Path, routines: KnownRoutines | None = None) -> Settings:
    """The settings in `path`; a missing file means every default. With `routines`, a routine
    the file names must be one of them. The process speaks the file's `[desktop] language` from
    now on: whoever runs with these settings shows words in that language."""
    settings = read_config(path, routines).settings
    i18n.use_language(settings.language)
    return settings


def read_config(path: Path, routines: KnownRoutines | None = None) -> Loaded:
    """Read and validate `path` (never write it); a missing file means every default."""
    try:
        text = read_regular(path, MAX_CONFIG_BYTES).decode("utf-8-sig")
    except BrokenLink as exc:
        raise ConfigError(_("{problem}; until then the defaults would apply.").format(problem=exc)) from None
    except FileNotFoundError:
        return Loaded(Settings(), frozenset())
    except UnicodeDecodeError as exc:
        raise ConfigError(_("{file}: byte {byte} is not UTF-8 text; save the file as UTF-8.").format(file=path, byte=exc.start)) from None
    except NotRegularFile as exc:
        raise ConfigError(
            _("{file} is {kind}, not a config file; point --config or DESKBREAK_CONFIG at a .toml file.").format(file=path, kind=exc.kind)
        ) from None
    except TooLarge as exc:
        raise ConfigError(_("{problem} (the config file is a few hundred bytes).").format(problem=exc)) from None
    except OSError as exc:
        raise ConfigError(
            _("{file}: cannot read the config file ({reason}); check its permissions.").format(file=path, reason=exc.strerror)
        ) from None
    return parse_config(text, path, routines)


def parse_config(text: str, path: Path, routines: KnownRoutines | None = None) -> Loaded:
    """Validate TOML text; `path` only names the file in messages."""
    try:
        document = toml_text.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_syntax_message(exc, text, path)) from None
    lines = KeyLines(text)
    values, problems = _read(document, lines)
    failed = {p.key for p in problems}
    problems.extend(_cross_check(values, failed, lines))
    if routines is not None and "routines.default" not in failed:
        problems.extend(_routine_exists(values, routines, lines))
    if problems:
        head = ngettext("{file}: {count} problem in the config file:", "{file}: {count} problems in the config file:", len(problems))
        listed = "\n".join(f"  {n}. {p}" for n, p in enumerate(problems, 1))
        end = _("Fix these lines, then run: deskbreak config check")
        raise ConfigError(f"{head.format(file=path, count=len(problems))}\n{listed}\n{end}")
    from_file = frozenset(k.dotted for k in KEYS if (k.attr or k.name) in values)
    hours = WorkHours(values.pop("work_days", ()), values.pop("work_hours", ()))
    return Loaded(Settings(**values, work_hours=hours), from_file)


def _syntax_message(exc: tomllib.TOMLDecodeError, text: str, path: Path) -> str:
    lines = text.splitlines()
    number = syntax_line(exc, text)
    shown = (
        "\n  " + _("line {number}: {text}").format(number=number, text=lines[number - 1].strip())
        if number and 0 < number <= len(lines)
        else ""
    )
    hint = (
        "  " + _("A key or [section] may appear only once: delete or merge the repeated one.") + "\n"
        if "overwrite" in str(exc) or "twice" in str(exc)
        else ""
    )
    how = _(
        'Text values and durations need quotes (sit_limit = "50m"); numbers and true/false do not;\n'
        'lists are written ["mon", "tue"]. Fix that line, then run: deskbreak config check'
    )
    head = _("{file}: the file is not valid TOML: {problem}.").format(file=path, problem=exc)
    return f"{head}{shown}\n{hint}" + "\n".join("  " + line for line in how.splitlines())


@dataclass(frozen=True)
class _Problem:
    line: int | None
    key: str
    value: str
    why: str
    fix: str | None

    def __str__(self) -> str:
        shown = f"{self.key} = {self.value}" if self.value else self.key
        where = ", ".join(filter(None, (_("line {number}").format(number=self.line) if self.line else "", shown)))
        fix = "\n     " + _("e.g. {fix}").format(fix=self.fix) if self.fix else ""
        return f"{where}: {self.why}{fix}" if where else f"{self.why}{fix}"


def _read(document: dict[str, Any], lines: KeyLines) -> tuple[dict[str, Any], list[_Problem]]:
    values: dict[str, Any] = {}
    problems: list[_Problem] = []
    for section, table in document.items():
        if not isinstance(table, dict):
            problems.append(_outside_section(section, table, lines))
            continue
        if section not in _BY_SECTION:
            match = closest(section, SECTIONS)
            why = (
                _("unknown section [{section}] — did you mean [{match}]? Known sections: {sections}.").format(
                    section=section, match=match, sections=_SECTION_LIST
                )
                if match
                else _("unknown section [{section}]. Known sections: {sections}.").format(section=section, sections=_SECTION_LIST)
            )
            problems.append(_Problem(lines.of(section), "", "", why, None))
            continue
        keys = _BY_SECTION[section]
        for name, raw in table.items():
            key = keys.get(name)
            if key is None:
                problems.append(_unknown_key(section, name, lines))
                continue
            try:
                values[key.attr or key.name] = check(key.field, raw)
            except Invalid as exc:
                fix = f"{name} = {exc.fix or key.field.example}"
                problems.append(_Problem(lines.of(section, name), key.dotted, _show(raw), str(exc), fix))
    return values, problems


def _outside_section(name: str, value: Any, lines: KeyLines) -> _Problem:
    if name in _BY_SECTION:
        why = _("must be a [{section}] section, not a single value").format(section=name)
        return _Problem(lines.of("", name), name, _show(value), why, f"[{name}]")
    key = _BY_NAME.get(name)
    if key is not None:
        why = _("this key belongs under [{section}]; move the line below a [{section}] line").format(section=key.section)
        return _Problem(lines.of("", name), name, _show(value), why, f"[{key.section}]\n          {name} = {_show(value)}")
    match = closest(name, tuple(_BY_NAME))
    why = (
        _('unknown key "{key}" outside any section — did you mean "{match}"? Every key goes under one of {sections}.')
        if match
        else _('unknown key "{key}" outside any section. Every key goes under one of {sections}.')
    ).format(key=name, match=match, sections=_SECTION_LIST)
    return _Problem(lines.of("", name), name, _show(value), why, None)


def _unknown_key(section: str, name: str, lines: KeyLines) -> _Problem:
    known = tuple(_BY_SECTION[section])
    match = closest(name, known)
    elsewhere = _BY_NAME.get(name)
    if elsewhere is not None:
        why = _('unknown key "{key}" in [{section}] — it belongs under [{other}]. Known keys in [{section}]: {keys}.')
    elif match:
        why = _('unknown key "{key}" in [{section}] — did you mean "{match}"? Known keys in [{section}]: {keys}.')
    else:
        why = _('unknown key "{key}" in [{section}]. Known keys in [{section}]: {keys}.')
    why = why.format(key=name, section=section, other=elsewhere and elsewhere.section, match=match, keys=", ".join(known))
    return _Problem(lines.of(section, name), "", "", why, None)


def _cross_check(values: dict[str, Any], failed: set[str], lines: KeyLines) -> list[_Problem]:
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
    why = _(
        "presence.sample_every ({sample}) must be shorter than presence.break_after_idle ({idle}), or time away could never be noticed"
    ).format(sample=exact(sample.total_seconds()), idle=exact(idle.total_seconds()))
    fix = f"{name} = {_BY_NAME[name].field.example}"
    return [_Problem(lines.of("presence", name), f"presence.{name}", _show(exact(values[name].total_seconds())), why, fix)]


def _routine_exists(values: dict[str, Any], routines: KnownRoutines, lines: KeyLines) -> list[_Problem]:
    """The default routine must be one that loads, or every reminder would open nothing."""
    name = values.get("default_routine")
    if name is None or name in routines.names:
        return []
    if name in routines.broken:
        why = _("the routine file {file} has a problem; `deskbreak routines` shows it, fix that file").format(file=routines.broken[name])
    else:
        why = _('there is no routine "{name}"; known: {names} (`deskbreak routines` lists them)').format(
            name=name, names=", ".join(routines.names)
        )
    fix = f'default = "{closest(name, routines.names) or Settings.default_routine}"'
    return [_Problem(lines.of("routines", "default"), "routines.default", _show(name), why, fix)]


def _show(value: Any) -> str:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = _toml_value(value)
    elif isinstance(value, (dt.date, dt.time)):
        text = value.isoformat()
    elif isinstance(value, list):
        text = "[" + ", ".join(_show(v) for v in value) + "]"
    elif isinstance(value, dict):
        text = "{ " + ", ".join(f"{k} = {_show(v)}" for k, v in value.items()) + " }"
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def as_toml(settings: Settings, from_file: frozenset[str] | None = None) -> str:
    """The settings in the config file's own layout (for `deskbreak config show`).

    With `from_file`, each line ends in a comment saying whether the file set it or the default applies.
    """
    out: list[str] = []
    for section in SECTIONS:
        out.append(f"[{section}]")
        for key in _BY_SECTION[section].values():
            line = f"{key.name} = {_toml_value(file_value(key, settings))}"
            if from_file is not None:
                line = f"{line:<50} # {'from the file' if key.dotted in from_file else 'default'}"
            out.append(line)
        out.append("")
    return "\n".join(out)


def file_value(key: Key, settings: Settings) -> Any:
    """The value of `key` as the file writes it (the inverse of its check)."""
    hours = settings.work_hours
    if key.field.kind == "days":
        return [WEEKDAYS[d] for d in hours.days]
    if key.field.kind == "spans":
        return [f"{a.strftime('%H:%M')}-{'24:00' if b == time.max else b.strftime('%H:%M')}" for a, b in hours.spans]
    value = getattr(settings, key.attr)
    if isinstance(value, timedelta):
        return exact(value.total_seconds())
    return list(value) if isinstance(value, tuple) else value


def _toml_value(value: Any) -> str:
    """One value as TOML, quoted and escaped by the TOML writer; a list stays on one line."""
    import tomli_w

    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return tomli_w.dumps({"v": value}).removeprefix("v = ").rstrip("\n")


def key_help() -> dict[str, str]:
    """Each key's help ("reminders.sit_limit" -> its comment in the example file, in one line),
    for whoever shows the keys to people: the example file is where they are explained."""
    from importlib import resources

    text = resources.files("deskbreak.config").joinpath("example.toml").read_text(encoding="utf-8")
    lines, where = text.splitlines(), KeyLines(text)
    found: dict[str, str] = {}
    for key in KEYS:
        number = where.of(key.section, key.name) or 1
        above = []
        for line in reversed(lines[: number - 1]):
            if not line.startswith("#"):
                break
            above.append(line.removeprefix("#").strip())
        found[key.dotted] = " ".join(reversed(above))
    return found
