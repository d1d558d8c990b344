"""The one translation function every user-facing string goes through.

`_("text")` and `ngettext("1 step", "{n} steps", n)` look the text up in deskbreak's compiled
catalogs (deskbreak/locale/<lang>/LC_MESSAGES/deskbreak.mo, compiled from the .po sources when
the wheel is built), in the language gettext reads from the environment (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG) unless the config's `[desktop] language` names one (use_language); a
language deskbreak lacks falls back to English silently. Machine output (--json, --csv, the
event log, config keys) never goes through it.

The catalog is opened on the first lookup, not at import, so a process that sets its language
from the config pays for one catalog only, and a process that prints nothing pays for none.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing and gettext stay out of the quick `status` path until a lookup
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Literal

LOCALE_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "locale")
DOMAIN = "deskbreak"
LANGUAGES = ("de", "fr", "es", "pt_BR", "it", "pl", "ja", "zh_CN")  # the catalogs deskbreak ships
CHOICES = ("auto", "en", *LANGUAGES)  # what `[desktop] language` accepts
_chosen: str = "auto"
_translation: _Untranslated | None = None
_language = "en"


def use_language(code: str) -> None:
    """Speak `code` ("de", "pt_BR"; "en" for English) from now on; "auto": the environment's."""
    global _chosen, _translation
    _chosen, _translation = code, None


def _catalog() -> _Untranslated:
    global _translation, _language
    if _translation is None:
        found = _find(_requested())
        _language = found[1] if found else "en"
        _translation = _UNTRANSLATED if found is None else _Compiled(found[0])  # gettext stays unloaded
    return _translation


def _requested() -> list[str]:
    """The languages asked for, in order: the config's, or the environment's as gettext reads it."""
    if _chosen != "auto":
        return [_chosen]
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return value.split(":")
    return []


def _find(languages: list[str]) -> tuple[str, str] | None:
    """The first catalog deskbreak has for `languages` ("de_AT.UTF-8" finds de), as gettext.find
    looks; the C and POSIX locales (English) end the search. (path, the catalog's language)."""
    for asked in languages:
        if asked in ("C", "POSIX") or asked.startswith("C."):
            return None
        code = asked.split(".")[0].split("@")[0]
        for candidate in (code, code.split("_")[0], _ALIASES.get(code, "")):
            path = os.path.join(LOCALE_DIR, candidate, "LC_MESSAGES", DOMAIN + ".mo")
            if candidate and os.path.isfile(path):
                return path, candidate
    return None


class _Untranslated:
    """English: every text as written (gettext's NullTranslations, without importing gettext)."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural


class _Compiled(_Untranslated):
    """One compiled catalog (.mo, as Babel writes it: UTF-8), read without the gettext module,
    whose import (with re) would cost the quick `status` path more than the lookup: the table of
    texts is read at once, the plural rule (gettext.c2py) only at the first ngettext."""

    def __init__(self, path: str) -> None:
        with open(path, "rb") as f:
            data = f.read()
        order: Literal["little", "big"] = "little" if data[:4] == b"\xde\x12\x04\x95" else "big"
        count, originals, translations = (int.from_bytes(data[at : at + 4], order) for at in (8, 12, 16))
        self._texts: dict[str, str] = {}
        self._plurals: dict[str, list[str]] = {}  # by the singular: one text per plural form
        for n in range(count):
            key = self._string(data, originals + 8 * n, order)
            value = self._string(data, translations + 8 * n, order)
            if "\x00" in key:
                self._plurals[key.split("\x00")[0]] = value.split("\x00")
            else:
                self._texts[key] = value
        header = self._texts.pop("", "")
        self._rule = next((line.split("plural=", 1)[1].rstrip(";") for line in header.splitlines() if "plural=" in line), "n != 1")
        self._plural: Callable[[int], int] | None = None

    @staticmethod
    def _string(data: bytes, entry: int, order: Literal["little", "big"]) -> str:
        length, offset = (int.from_bytes(data[at : at + 4], order) for at in (entry, entry + 4))
        return data[offset : offset + length].decode("utf-8")

    def gettext(self, message: str) -> str:
        return self._texts.get(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self._plurals.get(singular)
        if not found:
            return super().ngettext(singular, plural, n)
        if self._plural is None:
            import gettext

            self._plural = gettext.c2py(self._rule)
        return found[min(self._plural(n), len(found) - 1)] or super().ngettext(singular, plural, n)


_UNTRANSLATED = _Untranslated()
_ALIASES = {"zh": "zh_CN", "zh_SG": "zh_CN", "pt": "pt_BR"}  # as locale.normalize maps a bare code (pt: deskbreak has only Brazil's)


def translator(code: str) -> Callable[[str], str]:
    """The lookup of one named language ("de", "pt_BR"), whatever the process speaks: spoken
    guidance follows the routine's language, which may not be the user's."""
    import gettext

    return gettext.translation(DOMAIN, LOCALE_DIR, [code], fallback=True).gettext


def language() -> str:
    """The language words are shown in: a catalog's code ("de", "zh_CN") or "en". Dates and
    numbers are formatted for it too, so a sentence and the date in it agree."""
    _catalog()
    return _language


def _(message: str) -> str:
    return _catalog().gettext(message) if message else message  # "" would look up the catalog's header


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a text for extraction where it is defined; it is translated with _() where shown."""
    return message
