"""Compiles the translation catalogs (deskbreak/locale/*/LC_MESSAGES/deskbreak.po) into the
.mo files gettext reads, for every build: the wheel carries them, and an editable install
(scripts/setup) gets them beside their sources. The .mo files are build output, not sources
(.gitignore), so they are named to the wheel here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def compile_catalogs(root: Path) -> list[Path]:
    """Compile every .po under deskbreak/locale into its .mo (fuzzy entries are left out, as
    msgfmt does); the .mo files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted((root / "deskbreak" / "locale").glob("*/LC_MESSAGES/deskbreak.po")):
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parts[-3])
        mo = po.with_suffix(".mo")
        with mo.open("wb") as out:
            write_mo(out, catalog)
        written.append(mo)
    return written


class CatalogHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        for mo in compile_catalogs(root):
            if version != "editable":  # an editable install reads them beside their sources
                build_data["force_include"][str(mo)] = str(mo.relative_to(root))
