"""Change the config file the way a settings window does: every key's value as the file writes
it, a check of each through the one schema, and the new text with only the changed keys
rewritten, so the user's comments, order and untouched keys stay as they were (tomlkit).

Nothing here writes unless `save` is called; leaving without it leaves every byte alone.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit

from deskbreak.config import toml_text
from deskbreak.config.i18n import _
from deskbreak.config.loader import KEYS, ConfigError, Key, KnownRoutines, file_value, parse_config
from deskbreak.config.regular_file import MIB, read_regular, write_own
from deskbreak.config.schema import Invalid, check
from deskbreak.config.settings import Settings

BY_DOTTED = {key.dotted: key for key in KEYS}


@dataclass
class Draft:
    """The file as found: its text (None: no file yet), each key's value as the file writes it
    (the default where the file leaves it out), and what is wrong with it, if anything."""

    path: Path
    text: str | None
    values: dict[str, Any]
    problem: str | None = None  # the whole `config check` message for a file that fails it
    marked: dict[str, str] = field(default_factory=dict)  # key -> why its value is refused
    readable: bool = True  # False: the file is not TOML (or not readable), so it cannot be edited in place
    routines: KnownRoutines | None = None  # the routines the default routine may name


def defaults() -> dict[str, Any]:
    """Every key's default value, as the file writes it."""
    return {key.dotted: file_value(key, Settings()) for key in KEYS}


def open_draft(path: Path, routines: KnownRoutines | None = None) -> Draft:
    """The file at `path` ready to edit; a broken file names its problem and marks its keys."""
    values = defaults()
    try:
        text = read_regular(path, MIB).decode("utf-8-sig")
    except FileNotFoundError:
        return Draft(path, None, values, routines=routines)
    except (OSError, UnicodeDecodeError) as exc:
        why = _("{path}: cannot read the config file ({why}); check that it is a readable UTF-8 text file.").format(path=path, why=exc)
        return Draft(path, None, values, problem=why, readable=False, routines=routines)
    try:
        document = toml_text.loads(text)
    except tomllib.TOMLDecodeError:
        return Draft(path, text, values, problem=_problem(text, path, routines), readable=False, routines=routines)
    marked: dict[str, str] = {}
    for key in KEYS:
        table = document.get(key.section)
        if isinstance(table, dict) and key.name in table:
            values[key.dotted] = table[key.name]
            refused_why = refusal(key, table[key.name])
            if refused_why:
                marked[key.dotted] = refused_why
    problem = _problem(text, path, routines)
    return Draft(path, text, values, problem=problem, marked={**marks(problem), **marked}, routines=routines)


def refusal(key: Key, value: Any) -> str | None:
    """Why `config check` would refuse this value for the key (its own words), or None."""
    try:
        check(key.field, value)
    except Invalid as exc:
        return str(exc)
    return None


_PROBLEM_LINE = re.compile(r"^\s*\d+\. (?:line \d+, )?([a-z_]+\.[a-z_]+)(?: = .*?)?: (.+)$")


def marks(problem: str | None) -> dict[str, str]:
    """The keys a `config check` message names, each with its reason (rules between keys too)."""
    found: dict[str, str] = {}
    for line in (problem or "").splitlines():
        match = _PROBLEM_LINE.match(line)
        if match and match.group(1) in BY_DOTTED:
            found.setdefault(match.group(1), match.group(2))
    return found


def _problem(text: str, path: Path, routines: KnownRoutines | None) -> str | None:
    try:
        parse_config(text, path, routines)
    except ConfigError as exc:
        return str(exc)
    return None


def new_text(draft: Draft, values: dict[str, Any]) -> str:
    """The file with the keys whose value differs from the draft's set to the new value; every
    other byte as it was. A key the file lacks is added at the end of its section."""
    document = tomlkit.parse(draft.text) if draft.text is not None else tomlkit.document()
    for dotted, value in values.items():
        key = BY_DOTTED[dotted]
        if _same(key, value, draft.values.get(dotted)):
            continue
        table = document.get(key.section)
        if table is None:
            table = tomlkit.table()
            document.add(key.section, table)
        table[key.name] = _item(value)
    return tomlkit.dumps(document)


def _same(key: Key, new: Any, old: Any) -> bool:
    """The same setting, however written ("90m" and "1h30m"): an untouched key keeps its text."""
    if new == old:
        return True
    try:
        return bool(check(key.field, new) == check(key.field, old))
    except Invalid:
        return False


def _item(value: Any) -> Any:
    """A value as one TOML item; lists stay on one line, as the example file writes them."""
    if isinstance(value, list):
        array = tomlkit.array()
        array.extend(value)
        return array
    return value


def refused(draft: Draft, text: str) -> str | None:
    """The `config check` message for the draft's new text, or None when it may be saved."""
    return _problem(text, draft.path, draft.routines)


def save(path: Path, text: str) -> None:
    """Write the new text whole (a reader never sees half of it), making the folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_own(path, text.encode("utf-8"))
