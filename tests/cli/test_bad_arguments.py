"""A mistyped command line says what was wrong and what the command accepts, and exits 2."""

from __future__ import annotations

import pytest

from tests.cli_run import deskbreak


@pytest.mark.parametrize(
    ("argv", "allowed"),
    [
        (["pause", "--foo"], "Allowed: --indefinitely, --until-tomorrow, --help."),
        (["--foo"], "Allowed: --config, --version, --help."),
        (["config", "frob"], "Allowed: check, init, path, show."),
        (["autostart", "on"], "Allowed: disable, enable, status."),
        (["stats", "--mnth"], "--month"),
    ],
)
def test_an_unknown_option_or_subcommand_lists_what_is_allowed(argv, allowed):
    result = deskbreak(*argv)
    assert result.exit_code == 2
    assert allowed in result.output


def test_an_unknown_command_lists_every_command():
    result = deskbreak("statz")
    assert result.exit_code == 2
    assert "No such command 'statz'" in result.output and "status" in result.output
