"""The compiled catalogs the tests read are the .po sources of this checkout: compiled again at
the start of the session when a source is newer (as the build hook compiles them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "deskbreak" / "locale"


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs() -> None:
    for po in LOCALE.glob("*/LC_MESSAGES/deskbreak.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source:
                catalog = read_po(source, locale=po.parts[-3])
            with mo.open("wb") as out:
                write_mo(out, catalog)
