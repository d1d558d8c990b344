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
    import gettext as _gettext
    from collections.abc import Callable

LOCALE_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "locale")
DOMAIN = "deskbreak"
LANGUAGES = ("de", "fr", "es", "pt_BR", "it", "pl", "ja", "zh_CN")  # the catalogs deskbreak ships
CHOICES = ("auto", "en", *LANGUAGES)  # what `[desktop] language` accepts
_chosen: str = "auto"
_translation: _gettext.NullTranslations | None = None
_language = "en"


def use_language(code: str) -> None:
    """Speak `code` ("de", "pt_BR"; "en" for English) from now on; "auto": the environment's."""
    global _chosen, _translation
    _chosen, _translation = code, None


def _catalog() -> _gettext.NullTranslations:
    global _translation, _language
    if _translation is None:
        import gettext

        languages = None if _chosen == "auto" else [_chosen]
        found = gettext.find(DOMAIN, LOCALE_DIR, languages)
        _language = found.split(os.sep)[-3] if found else "en"
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages, fallback=True)
    return _translation


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
