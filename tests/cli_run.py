"""The one in-process way tests run `deskbreak ARGS`: click's CliRunner on the real command group.

Tests that need the real process (exit status from the quick `status` path, signals) run
`python -m deskbreak` instead (tests/daemon/harness.py).
"""

from __future__ import annotations

from click.testing import CliRunner, Result

from deskbreak.cli.group import cli


def deskbreak(*args: str, env: dict[str, str] | None = None, catch_exceptions: bool = True) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=catch_exceptions)
