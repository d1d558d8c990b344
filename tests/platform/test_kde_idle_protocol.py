"""The org_kde_kwin_idle bindings in the tree are what pywayland's scanner makes of the protocol
XML Debian ships (scripts/kde_idle_protocol.py regenerates them)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tests.desktop import rig

SCRIPT = Path(__file__).parents[2] / "scripts" / "kde_idle_protocol.py"


def test_the_generated_bindings_are_current():
    spec = importlib.util.spec_from_file_location("kde_idle_protocol_script", SCRIPT)
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for xml in (script.WAYLAND_XML, script.IDLE_XML):
        if not xml.is_file():
            rig.missing(f"{xml} is missing")
    assert script.TARGET.read_text() == script.generate()
