"""ruff (lint and format) over deskbreak/ and tests/, and mypy --strict over every package, as
part of the one test command, so `python -m pytest` and CI fail on the same things. Their settings are in
pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def check(*command: str) -> None:
    run = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"`{' '.join(command)}` found problems:\n{run.stdout}{run.stderr}"


def test_ruff_finds_nothing_to_fix():
    check("ruff", "check", "--no-cache", "deskbreak", "tests")


def test_the_code_is_formatted_as_ruff_format_would():
    check("ruff", "format", "--check", "--no-cache", "deskbreak", "tests")


def test_the_packages_listed_in_pyproject_pass_mypy_strict():
    check("mypy")
