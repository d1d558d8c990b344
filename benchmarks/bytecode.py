"""Byte-compile deskbreak before timing start-up, as pip does when it installs a package.

An editable install writes .pyc files on first import, unless PYTHONDONTWRITEBYTECODE is set (it
is on this project's machines); then every start would compile deskbreak from source, which no
installed copy does, and start-up figures would measure the compiler.
"""

from __future__ import annotations

import compileall
from pathlib import Path


def compile_deskbreak() -> None:
    compileall.compile_dir(Path(__file__).resolve().parents[1] / "deskbreak", quiet=1)
