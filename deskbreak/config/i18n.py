"""The one translation function every user-facing string goes through.

`_("text")` and `ngettext("1 step", "{n} steps", n)` look the text up in deskbreak's compiled
catalogs (deskbreak/locale/<lang>/LC_MESSAGES/deskbreak.mo), in the language gettext reads from
the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG); a language deskbreak lacks falls back to
English silently. Machine output (--json, --csv, the event log, config keys) never goes through it.
"""

from __future__ import annotations

import gettext
import os

LOCALE_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "locale")
_translation = gettext.translation("deskbreak", localedir=LOCALE_DIR, fallback=True)


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)
