"""Routines from TOML: the built-in ones shipped in the package and the user's own files.

Format (one routine per file; the file name without .toml is the routine's name)::

    name = "desk"                      # optional; letters, digits, - and _; must match the file name
    title = "Desk break"               # required: shown as the heading
    summary = "What it does and why."  # required: one or two sentences
    equipment = ["foam roller"]        # optional: shown before the first step
    frequency = "Twice a week."        # optional: how often to do it
    rep_seconds = 4                    # optional: estimated seconds per rep, for total times (default 4)

    [[steps]]                          # one table per step, in order
    id = "seated_open_book"            # required: names the illustration (an unknown id gets none)
    name = "Seated open book"          # required
    cue = "What to do, in plain words."
    breath = "When to breathe out."
    caution = "When to leave it out."  # optional: shown prominently, with a way to skip the step
    reps = 5                           # either reps (1-100) ...
    # seconds = 30                     # ... or seconds (1-600), not both
    per_side = true                    # optional: left side, then right side
    rounds = 3                         # optional: repeat the whole step (1-10)
    rep_seconds = 6                    # optional: overrides the file's estimate for this step

A broken user file never hides the other routines: find_routines() collects one RoutineError per
bad file, and the CLI prints them next to the routines that did load.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from deskbreak.config import paths, toml_text
from deskbreak.config.regular_file import MIB, BrokenLink, NotRegularFile, TooLarge, read_regular
from deskbreak.routines.model import Routine, Step

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
ID_PATTERN = re.compile(r"^[a-z0-9_]{1,60}$")
TOP_KEYS = ("name", "title", "summary", "equipment", "frequency", "rep_seconds", "steps")
STEP_KEYS = ("id", "name", "cue", "breath", "caution", "seconds", "reps", "per_side", "rounds", "rep_seconds")
DEFAULT_REP_SECONDS = 4.0
MAX_ROUTINE_BYTES = MIB
MAX_STEPS = 40  # the window and the log are made for a few minutes' routine, not thousands of steps
MAX_TOTAL_S = 2 * 3600
MAX_TEXT = 600


class RoutineError(Exception):
    """A routine file that cannot be used; str() is the whole message for the user."""

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        line: int | None = None,
        key: str | None = None,
        value: Any = None,
        allowed: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.file, self.line, self.key, self.value = file, line, key, value
        where = f"{file}:{line}" if line else file
        parts = [f"{where}: {f'{key}: ' if key else ''}{problem}"]
        if value is not None:
            parts.append(f"  found: {value!r}")
        if allowed:
            parts.append(f"  allowed: {allowed}")
        if fix:
            parts.append(f"  fix: {fix}")
        super().__init__("\n".join(parts))


@dataclass(frozen=True)
class Catalog:
    routines: dict[str, Routine]
    errors: list[RoutineError] = field(default_factory=list)


def load_routines(user_dir: Path | None = None) -> dict[str, Routine]:
    """Every usable routine by name (built-in first, then the user's). Errors: see find_routines."""
    return find_routines(user_dir).routines


def find_routines(user_dir: Path | None = None) -> Catalog:
    """Built-in routines plus valid user routines, and the errors of the user files that failed."""
    routines: dict[str, Routine] = {}
    for entry in sorted(resources.files("deskbreak.routines").joinpath("data").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            routine = parse_routine(entry.read_text(encoding="utf-8"), entry.name, origin="built-in")
            routines[routine.name] = routine
    errors: list[RoutineError] = []
    folder = user_dir if user_dir is not None else paths.user_routines_dir()
    for file in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            routine = parse_routine(_read(file), str(file), origin=str(file))
        except RoutineError as exc:
            errors.append(exc)
            continue
        if routine.name in routines:
            errors.append(
                RoutineError(
                    str(file),
                    f"the name {routine.name!r} is already taken by the {routines[routine.name].origin} routine",
                    fix=f"rename the file (and its name key) to something else, e.g. {routine.name}-mine.toml",
                )
            )
            continue
        routines[routine.name] = routine
    return Catalog(routines, errors)


def _read(file: Path) -> str:
    try:
        return read_regular(file, MAX_ROUTINE_BYTES).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RoutineError(str(file), f"is not UTF-8 text ({exc.reason})", fix="save the file as UTF-8") from None
    except (NotRegularFile, TooLarge, BrokenLink) as exc:
        raise RoutineError(str(file), "cannot be used as a routine", fix=str(exc)) from None
    except OSError as exc:
        raise RoutineError(str(file), f"cannot be read ({exc.strerror})", fix="check the file's permissions") from None


def parse_routine(text: str, file: str, origin: str = "built-in") -> Routine:
    """One routine from TOML text; `file` names it in errors and gives the default name."""
    try:
        data = toml_text.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _decode_error_line(str(exc))
        raise RoutineError(file, f"is not valid TOML ({exc})", line=line, fix="correct the TOML syntax where the parser points") from None
    check = _Checker(file, text)
    check.known_keys(data, TOP_KEYS, step=None)
    stem = Path(file).name.removesuffix(".toml")
    name = check.text(data, "name", step=None, default=stem)
    if not NAME_PATTERN.match(name):
        check.fail(
            "name",
            None,
            name,
            "is not a usable routine name",
            "lower-case letters, digits, - and _ (up to 40 characters)",
            'pick a short name such as "evening"',
        )
    if name != stem:
        check.fail(
            "name",
            None,
            name,
            f"does not match the file name {Path(file).name!r}",
            f'"{stem}" (the file name without .toml)',
            f'rename the file to {name}.toml or set name = "{stem}"',
        )
    rep_seconds = check.number(data, "rep_seconds", None, DEFAULT_REP_SECONDS, 1, 120)
    equipment = data.get("equipment", [])
    if not isinstance(equipment, list) or not all(isinstance(item, str) and item.strip() for item in equipment):
        check.fail(
            "equipment",
            None,
            equipment,
            "must be a list of words",
            'e.g. ["foam roller", "floor space"]',
            "write each item in quotes inside [ ]; use [] for none",
        )
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        check.fail(
            "steps",
            None,
            None,
            "no steps found",
            "one or more [[steps]] tables",
            "add a [[steps]] table with id, name, cue, breath and reps or seconds",
        )
    if len(raw_steps) > MAX_STEPS:
        check.fail(
            "steps", None, len(raw_steps), "has too many steps", f"1 to {MAX_STEPS} [[steps]] tables", "split it into shorter routines"
        )
    steps = tuple(_step(check, raw, index, rep_seconds) for index, raw in enumerate(raw_steps))
    seen: set[str] = set()
    for index, step in enumerate(steps):
        if step.id in seen:
            check.fail("id", index, step.id, "is used by an earlier step too", "a different id for every step", "give each step its own id")
        seen.add(step.id)
    routine = Routine(
        name=name,
        title=check.text(data, "title", None),
        summary=check.text(data, "summary", None),
        steps=steps,
        equipment=tuple(item.strip() for item in equipment),
        frequency=check.text(data, "frequency", None, default="") or None,
        origin=origin,
    )
    if routine.total_seconds > MAX_TOTAL_S:
        check.fail(
            "steps",
            None,
            f"about {round(routine.total_seconds / 60)} minutes",
            "takes too long",
            f"a routine of at most {MAX_TOTAL_S // 60} minutes",
            "use fewer steps, reps, seconds or rounds",
        )
    return routine


def _step(check: _Checker, raw: Any, index: int, rep_seconds: float) -> Step:
    if not isinstance(raw, dict):
        check.fail("steps", None, raw, "each step must be a table", "[[steps]] sections", "write each step under its own [[steps]] line")
    check.known_keys(raw, STEP_KEYS, step=index)
    step_id = check.text(raw, "id", index)
    if not ID_PATTERN.match(step_id):
        check.fail(
            "id",
            index,
            step_id,
            "is not a usable step id",
            "lower-case letters, digits and _",
            'use the illustration name, e.g. "overhead_reach"',
        )
    has_seconds, has_reps = "seconds" in raw, "reps" in raw
    if has_seconds == has_reps:
        check.fail(
            "seconds" if has_seconds else "reps",
            index,
            None,
            "a step needs exactly one of seconds or reps" + (" (it has both)" if has_seconds else ""),
            "seconds = 30 (a timed hold) or reps = 8 (counted moves)",
            "keep one of the two keys",
        )
    return Step(
        id=step_id,
        name=check.text(raw, "name", index),
        cue=check.text(raw, "cue", index),
        breath=check.text(raw, "breath", index),
        caution=check.text(raw, "caution", index, default="") or None,
        seconds=check.whole(raw, "seconds", index, 1, 600) if has_seconds else None,
        reps=check.whole(raw, "reps", index, 1, 100) if has_reps else None,
        per_side=check.flag(raw, "per_side", index),
        rounds=check.whole(raw, "rounds", index, 1, 10, default=1),
        rep_seconds=check.number(raw, "rep_seconds", index, rep_seconds, 1, 120),
    )


class _Checker:
    """Typed reads from one file's tables, raising RoutineError with the line where the key sits."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.lines = text.splitlines()

    def fail(self, key: str, step: int | None, value: Any, problem: str, allowed: str, fix: str) -> None:
        label = key if step is None else f"steps[{step + 1}].{key}"
        raise RoutineError(self.file, problem, line=self.line_of(key, step), key=label, value=value, allowed=allowed, fix=fix)

    def line_of(self, key: str, step: int | None) -> int | None:
        """The line of `key` at the top (step None) or inside the step-th [[steps]] table."""
        headers = [i for i, line in enumerate(self.lines) if line.strip().startswith("[[steps]]")]
        if step is None:
            start, end = 0, headers[0] if headers else len(self.lines)
        elif step < len(headers):
            start = headers[step]
            end = headers[step + 1] if step + 1 < len(headers) else len(self.lines)
        else:
            return None
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for i in range(start, end):
            if pattern.match(self.lines[i]):
                return i + 1
        return start + 1 if step is not None else None

    def known_keys(self, table: dict[str, Any], known: tuple[str, ...], step: int | None) -> None:
        for key in table:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                hint = f'did you mean "{close[0]}"?' if close else "remove it"
                self.fail(key, step, None, "is not a known key", ", ".join(known), hint)

    def text(self, table: dict[str, Any], key: str, step: int | None, default: str | None = None) -> str:
        if key not in table:
            if default is not None:
                return default
            self.fail(key, step, None, "is missing", "a text in quotes", f'add {key} = "..."')
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            self.fail(key, step, value, "must be non-empty text", "a text in quotes", f'write {key} = "..."')
        if len(value) > MAX_TEXT or any(_control(c) for c in value):
            self.fail(
                key,
                step,
                value[:60],
                "is too long or holds control characters",
                f"plain text of up to {MAX_TEXT} characters",
                "shorten it to a sentence or two",
            )
        return " ".join(value.split())

    def whole(self, table: dict[str, Any], key: str, step: int | None, low: int, high: int, default: int | None = None) -> int:
        value = table.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            self.fail(
                key,
                step,
                value,
                "is out of range" if isinstance(value, int) else "must be a whole number",
                f"a whole number from {low} to {high}",
                f"write e.g. {key} = {max(low, min(high, 5))}",
            )
        return value  # type: ignore[return-value]

    def number(self, table: dict[str, Any], key: str, step: int | None, default: float, low: float, high: float) -> float:
        value = table.get(key, default)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not low <= value <= high:
            self.fail(key, step, value, "must be a number of seconds", f"a number from {low:g} to {high:g}", f"write e.g. {key} = 5")
        return float(value)

    def flag(self, table: dict[str, Any], key: str, step: int | None) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.fail(key, step, value, "must be true or false", "true or false (no quotes)", f"write {key} = true")
        return value


def _control(char: str) -> bool:
    """A character that could drive a terminal or reorder text (the emoji joiner is fine)."""
    return unicodedata.category(char) in ("Cc", "Cf") and not char.isspace() and char != "\u200d"


def _decode_error_line(message: str) -> int | None:
    found = re.search(r"at line (\d+)", message)
    return int(found.group(1)) if found else None
