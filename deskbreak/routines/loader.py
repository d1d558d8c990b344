"""Routines from TOML: the built-in ones shipped in the package and the user's own files.

Format (one routine per file; the file name without .toml is the routine's name)::

    name = "desk"                      # optional; letters, digits, - and _; must match the file name
    title = "Desk break"               # required: shown as the heading
    summary = "What it does and why."  # required: one or two sentences
    equipment = ["foam roller"]        # optional: shown before the first step
    frequency = "Twice a week."        # optional: how often to do it
    rep_seconds = 4                    # optional: estimated seconds per rep, for total times (default 4)
    language = "en"                    # optional: the language of its texts, for the voice (default "en")

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
    tempo = 5                          # rep steps, optional: seconds per rep (1-60); hands-free, the
                                       # voice counts the reps at this pace and the step moves on by
                                       # itself; also the step's time in totals (default: rep_seconds)

A file may carry translations of its own texts, per language ([translations.<lang>] and
[steps.translations.<lang>]: see deskbreak.routines.texts); the built-in routines are translated
through deskbreak's catalogs instead.

A broken user file never hides the other routines: find_routines() collects one RoutineError per
bad file, and the CLI prints them next to the routines that did load.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

from deskbreak.config import i18n, paths, toml_text
from deskbreak.config.i18n import N_, _
from deskbreak.config.regular_file import MIB, BrokenLink, NotRegularFile, TooLarge, read_regular
from deskbreak.config.schema import ROUTINE_NAME, Field, Invalid, KeyLines, allowed, check, closest, syntax_line
from deskbreak.routines import texts
from deskbreak.routines.model import Routine, Step

MAX_ROUTINE_BYTES = MIB
MAX_STEPS = 40  # the window and the log are made for a few minutes' routine, not thousands of steps
MAX_TOTAL_S = 2 * 3600
_SENTENCE = '"A sentence or two."'
_REP_SECONDS = Field("rep_seconds", "number", 1, 120, unit=N_("seconds"), default=4.0, example="5")
TOP = (  # the fields of a routine file, each described once; "steps" holds the [[steps]] tables
    replace(ROUTINE_NAME, example='"evening"'),
    Field("title", "text", required=True, example='"Evening wind-down"'),
    Field("summary", "text", required=True, example=_SENTENCE),
    Field("equipment", "texts", chars=100, items=20, noun=N_("things to have ready"), default=(), example='["foam roller", "floor space"]'),
    Field("frequency", "text", example='"Twice a week."'),
    _REP_SECONDS,
    Field(
        "language",
        "text",
        chars=20,
        noun="a language code",
        pattern=r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*",
        pattern_words='a language code such as "en", "de" or "pt-BR"',
        default="en",
        example='"en"',
    ),
)
STEP = (  # the fields of one [[steps]] table; exactly one of seconds and reps
    Field(
        "id",
        "text",
        chars=60,
        noun=N_("a step id"),
        pattern="[a-z0-9_]{1,60}",
        pattern_words=N_("lower-case letters, digits and _, as its illustration is named"),
        required=True,
        example='"overhead_reach"',
    ),
    Field("name", "text", required=True, example='"Overhead reach"'),
    Field("cue", "text", required=True, example=_SENTENCE),
    Field("breath", "text", required=True, example='"Breathe out as you reach."'),
    Field("caution", "text", example='"Leave it out if your shoulder hurts."'),
    Field("seconds", "whole", 1, 600, example="30"),
    Field("reps", "whole", 1, 100, example="8"),
    Field("per_side", "flag", default=False, example="true"),
    Field("rounds", "whole", 1, 10, default=1, example="3"),
    _REP_SECONDS,  # its default is the file's own estimate
    Field("tempo", "number", 1, 60, unit="seconds", example="5"),  # rep steps only
)
_TOP = {f.name: f for f in TOP}
_STEP = {f.name: f for f in STEP}
_LANGUAGE = Field("translations", "choice", options=tuple(c for c in i18n.CHOICES if c != "auto"), example='"de"')


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
            parts.append("  " + _("found: {value}").format(value=repr(value)))
        if allowed:
            parts.append("  " + _("allowed: {allowed}").format(allowed=allowed))
        if fix:
            parts.append("  " + _("fix: {fix}").format(fix=fix))
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
        line = syntax_line(exc, text)
        raise RoutineError(file, f"is not valid TOML ({exc})", line=line, fix="correct the TOML syntax where the parser points") from None
    read = _Reader(file, text)
    stem = Path(file).name.removesuffix(".toml")
    top = read.table(data, _TOP, None, extra=("steps", "translations"))
    name = top["name"] or stem
    if top["name"] is None:
        try:
            check(ROUTINE_NAME, stem)
        except Invalid as exc:
            read.fail("name", None, stem, f"the file name {exc}", allowed(ROUTINE_NAME), "rename the file, e.g. to evening.toml")
    if name != stem:
        read.fail(
            "name",
            None,
            name,
            f"does not match the file name {Path(file).name!r}",
            f'"{stem}" (the file name without .toml)',
            f'rename the file to {name}.toml or set name = "{stem}"',
        )
    steps = _steps(read, data.get("steps"), top["rep_seconds"])
    routine = Routine(
        name=name,
        title=top["title"],
        summary=top["summary"],
        steps=steps,
        equipment=top["equipment"],
        frequency=top["frequency"],
        language=top["language"],
        origin=origin,
    )
    if origin == "built-in":
        if i18n.language() != "en":  # English is what the file says
            routine = texts.translate(routine, i18n._, i18n.language())
    else:
        own = read.translations(data.get("translations"), _TOP, texts.ROUTINE_TEXTS, None)
        by_step = [read.translations(raw.get("translations"), _STEP, texts.STEP_TEXTS, n) for n, raw in enumerate(data["steps"])]
        routine = texts.own_translation(routine, own, by_step, i18n.language())
    if routine.total_seconds > MAX_TOTAL_S:
        read.fail(
            "steps",
            None,
            f"about {round(routine.total_seconds / 60)} minutes",
            "takes too long",
            f"a routine of at most {MAX_TOTAL_S // 60} minutes",
            "use fewer steps, reps, seconds or rounds",
        )
    return routine


def _steps(read: _Reader, raw_steps: Any, rep_seconds: float) -> tuple[Step, ...]:
    if not isinstance(raw_steps, list) or not raw_steps:
        read.fail(
            "steps",
            None,
            None,
            "no steps found",
            "one or more [[steps]] tables",
            "add a [[steps]] table with id, name, cue, breath and reps or seconds",
        )
    if len(raw_steps) > MAX_STEPS:
        read.fail(
            "steps", None, len(raw_steps), "has too many steps", f"1 to {MAX_STEPS} [[steps]] tables", "split it into shorter routines"
        )
    steps = tuple(_step(read, raw, index, rep_seconds) for index, raw in enumerate(raw_steps))
    seen: set[str] = set()
    for index, step in enumerate(steps):
        if step.id in seen:
            read.fail("id", index, step.id, "is used by an earlier step too", "a different id for every step", "give each step its own id")
        seen.add(step.id)
    return steps


def _step(read: _Reader, raw: Any, index: int, rep_seconds: float) -> Step:
    if not isinstance(raw, dict):
        read.fail("steps", None, raw, "each step must be a table", "[[steps]] sections", "write each step under its own [[steps]] line")
    has_seconds, has_reps = "seconds" in raw, "reps" in raw
    if has_seconds == has_reps:
        read.fail(
            "seconds" if has_seconds else "reps",
            index,
            None,
            "a step needs exactly one of seconds or reps" + (" (it has both)" if has_seconds else ""),
            "seconds = 30 (a timed hold) or reps = 8 (counted moves)",
            "keep one of the two keys",
        )
    values = read.table(raw, _STEP, index, extra=("translations",))
    if has_seconds and "tempo" in raw:
        read.fail(
            "tempo",
            index,
            raw["tempo"],
            "is for rep steps; a timed step runs for its seconds",
            "tempo on a step with reps",
            "remove tempo from this step",
        )
    return Step(**{**values, "rep_seconds": values["rep_seconds"] if "rep_seconds" in raw else rep_seconds})


class _Reader:
    """Checked reads of one file's tables against their fields, raising RoutineError with the
    line where the key sits."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.lines = KeyLines(text)

    def fail(self, key: str, step: int | None, value: Any, problem: str, allowed: str, fix: str) -> NoReturn:
        label = key if step is None else f"steps[{step + 1}].{key}"
        raise RoutineError(self.file, problem, line=self.line_of(key, step), key=label, value=value, allowed=allowed, fix=fix)

    def line_of(self, key: str, step: int | None) -> int | None:
        """The line of `key` at the top (step None) or inside the step-th [[steps]] table (else its header)."""
        if step is None:
            return self.lines.of("", key)
        return self.lines.of("steps", key, step) or self.lines.of("steps", "", step)

    def table(self, table: dict[str, Any], fields: dict[str, Field], step: int | None, extra: tuple[str, ...] = ()) -> dict[str, Any]:
        """Every field's checked value (its default when left out); the first problem raises."""
        for key in table:
            if key not in fields and key not in extra:
                close = closest(key, [*fields, *extra])
                self.fail(
                    key,
                    step,
                    None,
                    _("is not a known key"),
                    ", ".join([*fields, *extra]),
                    _('did you mean "{match}"?').format(match=close) if close else _("remove it"),
                )
        values: dict[str, Any] = {}
        for name, described in fields.items():
            if name not in table:
                if described.required:
                    self.fail(
                        name, step, None, _("is missing"), allowed(described), _("add {line}").format(line=f"{name} = {described.example}")
                    )
                values[name] = described.default
                continue
            try:
                values[name] = check(described, table[name])
            except Invalid as exc:
                fix = f"{name} = {exc.fix or described.example}"
                self.fail(name, step, table[name], str(exc), allowed(described), _("write e.g. {line}").format(line=fix))
        return values

    def translations(self, raw: Any, fields: dict[str, Field], names: tuple[str, ...], step: int | None) -> dict[str, dict[str, Any]]:
        """A [translations.<lang>] table's checked texts by language (only the text fields)."""
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.fail(
                "translations",
                step,
                raw,
                _("must be a table of languages"),
                _("[translations.de] and the like"),
                _("write [translations.de]"),
            )
        out: dict[str, dict[str, Any]] = {}
        for language, table in raw.items():
            try:
                check(_LANGUAGE, language)
            except Invalid:
                self.fail(
                    "translations", step, language, _("is not a language deskbreak speaks"), allowed(_LANGUAGE), _("use one of those codes")
                )
            if not isinstance(table, dict):
                self.fail(
                    "translations",
                    step,
                    table,
                    _("each language must be a table"),
                    f"[translations.{language}]",
                    _("write the texts under it"),
                )
            shown = {name: replace(fields[name], required=False) for name in names}  # a translation may leave any text out
            out[language] = {k: v for k, v in self.table(table, shown, step).items() if k in table}
        return out
