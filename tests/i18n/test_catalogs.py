"""The catalogs, checked as a translator's tools check them (Babel): every message of the code
in every language, placeholders kept, plural forms valid, nothing fuzzy, and every caution of
the built-in routines said in every language.

The template is extracted afresh from the code, so a string added (through _() or ngettext)
and not yet translated fails here, listed by language for the next translator.
"""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from deskbreak.config.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "deskbreak" / "locale"
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")
PLURALS = {"de": 2, "fr": 3, "es": 3, "pt_BR": 3, "it": 3, "pl": 3, "ja": 1, "zh_CN": 1}  # CLDR's, as Babel writes them


@cache
def template(tmp: Path) -> Catalog:
    out = tmp / "deskbreak.pot"
    done = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-o", str(out), "--no-wrap", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    with out.open("rb") as f:
        return read_po(f)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return template(tmp_path_factory.mktemp("pot"))


def catalog(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "deskbreak.po").open("rb") as f:
        return read_po(f, locale=language)


def forms(message_id: str | tuple[str, ...]) -> tuple[str, ...]:
    return message_id if isinstance(message_id, tuple) else (message_id,)


def test_the_committed_template_is_what_the_code_says(extracted: Catalog) -> None:
    with (LOCALE / "deskbreak.pot").open("rb") as f:
        committed = {m.id for m in read_po(f) if m.id}
    wanted = {m.id for m in extracted if m.id}
    assert wanted == committed, (
        "deskbreak/locale/deskbreak.pot is out of date; re-extract it (README, Languages):\n"
        f"  new: {sorted(map(str, wanted - committed))}\n  gone: {sorted(map(str, committed - wanted))}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language: str, extracted: Catalog) -> None:
    po = catalog(language)
    missing = []
    for message in (m for m in extracted if m.id):
        found = po.get(message.id)
        if found is None or found.fuzzy or not all(forms(found.string)):
            missing.append(forms(message.id)[0])
    assert not missing, f"{language}: {len(missing)} messages untranslated or fuzzy:\n" + "\n".join(f"  {m!r}" for m in missing)


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_and_plural_forms_are_kept(language: str) -> None:
    po = catalog(language)
    assert po.num_plurals == PLURALS[language]
    problems = [f"{m.id!r}: {', '.join(map(str, errors))}" for m, errors in po.check()]  # Babel's checkers: formats, plural counts
    for message in (m for m in po if m.id):
        wanted = {tuple(sorted(set(PLACEHOLDER.findall(text)))) for text in forms(message.id)}
        for text in forms(message.string):
            if tuple(sorted(set(PLACEHOLDER.findall(text)))) not in wanted:
                problems.append(f"{message.id!r}: {text!r} has placeholders {sorted(set(PLACEHOLDER.findall(text)))}")
        if isinstance(message.id, tuple):
            assert len(message.string) == po.num_plurals, f"{language}: {message.id!r} needs {po.num_plurals} plural forms"
    assert not problems, f"{language}:\n" + "\n".join(problems)


def test_plural_rules_pick_the_forms_each_language_counts_with() -> None:
    """Polish counts 1 krok, 2 kroki, 5 kroków, 22 kroki, 25 kroków; Japanese has one form."""
    polish = gettext.c2py(catalog("pl").plural_expr)
    assert [polish(n) for n in (1, 2, 4, 5, 12, 22, 25)] == [0, 1, 1, 2, 2, 1, 2]
    assert {gettext.c2py(catalog("ja").plural_expr)(n) for n in (1, 2, 5)} == {0}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_caution_of_the_built_in_routines_is_said_in_every_language(language: str) -> None:
    po = catalog(language)
    cautions = [
        step["caution"]
        for file in sorted((ROOT / "deskbreak" / "routines" / "data").glob("*.toml"))
        for step in tomllib.loads(file.read_text())["steps"]
        if "caution" in step
    ]
    assert len(cautions) >= 4
    unsaid = [c for c in cautions if po.get(c) is None or not po.get(c).string or po.get(c).string == c or po.get(c).fuzzy]
    assert not unsaid, f"{language}: cautions without a translation: {unsaid}"


def test_the_spoken_guide_says_its_words_in_the_routines_language() -> None:
    from deskbreak.routines.guide import ENGLISH, phrases_in

    german = phrases_in("de")
    assert german.left_side == "Linke Seite." and german.done_next.format(title="X") == "Geschafft. Als Nächstes: X."
    assert phrases_in("pt-BR").switch_sides == "Troque de lado."
    assert phrases_in("en") == ENGLISH and phrases_in("xx") == ENGLISH  # a language deskbreak lacks: English


@pytest.mark.parametrize("language", LANGUAGES)
def test_deskbreaks_catalog_reader_says_what_gettext_says(language: str) -> None:
    """i18n reads the .mo itself (gettext's import would cost the quick status path): every
    message, and every count of every plural, reads as gettext's own reader gives it."""
    from deskbreak.config.i18n import LOCALE_DIR, _Compiled

    mo = Path(LOCALE_DIR) / language / "LC_MESSAGES" / "deskbreak.mo"
    ours = _Compiled(str(mo))
    with mo.open("rb") as f:
        theirs = gettext.GNUTranslations(f)
    for message in (m for m in catalog(language) if m.id):
        if isinstance(message.id, tuple):
            for n in (0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 101, 1000000):
                assert ours.ngettext(*message.id, n) == theirs.ngettext(*message.id, n), (message.id, n)
        else:
            assert ours.gettext(message.id) == theirs.gettext(message.id), message.id
