"""Which texts of a routine are words for people, and how they reach the user's language.

A built-in routine's texts are msgids in deskbreak's catalogs (`pybabel extract` reads them
from the TOML with extract() below) and are translated as the routine loads. A user routine is
shown as its author wrote it, unless the file carries a translation for the language in use::

    title = "Evening wind-down"
    [translations.de]                  # any of title, summary, frequency, equipment
    title = "Abendliches Entspannen"

    [[steps]]
    id = "overhead_reach"
    name = "Overhead reach"
    [steps.translations.de]            # under its [[steps]] table: any of name, cue, breath, caution
    name = "Strecken über Kopf"

A text left out of a translation stays as written.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import IO, Any

from deskbreak.routines.model import Routine, Step

ROUTINE_TEXTS = ("title", "summary", "frequency", "equipment")
STEP_TEXTS = ("name", "cue", "breath", "caution")


def translate(routine: Routine, word: Callable[[str], str], language: str) -> Routine:
    """The routine with every text passed through `word` (a catalog lookup for `language`, a
    catalog's code such as "pt_BR"), and spoken in that language."""
    steps = tuple(replace(step, **_texts(step, STEP_TEXTS, word)) for step in routine.steps)
    return replace(routine, **_texts(routine, ROUTINE_TEXTS, word), steps=steps, language=voice_language(language))


def voice_language(code: str) -> str:
    """A catalog's code as the speech service takes it: "pt_BR" -> "pt-BR"."""
    return code.replace("_", "-")


def own_translation(routine: Routine, top: dict[str, Any], steps: list[dict[str, Any]], language: str) -> Routine:
    """The routine in the file's own translation for `language` (checked texts by field), where it has one."""
    if language not in top and not any(language in table for table in steps):
        return routine
    by_step = [table.get(language, {}) for table in steps]
    new_steps = tuple(replace(step, **by_step[n]) for n, step in enumerate(routine.steps))
    return replace(routine, **top.get(language, {}), steps=new_steps, language=voice_language(language))


def _texts(thing: Routine | Step, names: tuple[str, ...], word: Callable[[str], str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in names:
        value = getattr(thing, name)
        if isinstance(value, tuple):
            out[name] = tuple(word(item) for item in value)
        elif value:
            out[name] = word(value)
    return out


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extraction method for routine TOML (babel.cfg): every text, with its line."""
    text = fileobj.read().decode("utf-8")
    data = tomllib.loads(text)
    lines = text.splitlines()
    start = 0

    def line_of(key: str) -> int:
        nonlocal start
        for number in range(start, len(lines)):
            if lines[number].split("=")[0].strip() == key:
                start = number
                return number + 1
        return 0

    tables = [(data, ROUTINE_TEXTS, "routine"), *((step, STEP_TEXTS, f"step {step.get('id')}") for step in data.get("steps", []))]
    for table, names, where in tables:
        for name in names:
            value = table.get(name)
            for item in value if isinstance(value, list) else [value] if value else []:
                note = "A caution: keep it exactly as strong as the English." if name == "caution" else f"The {where}'s {name}."
                yield line_of(name), "_", item, [note]
