"""One list of exit statuses, and one `status` text for the quick path and the click command.
No daemon answers here: every test's runtime dir starts empty (tests/conftest.py)."""

from __future__ import annotations

from deskbreak.cli import entry
from deskbreak.core.exits import Exit
from tests.cli_run import deskbreak


def test_status_without_a_daemon_exits_not_running_on_both_paths_with_the_same_words(capsys):
    assert entry.quick_status(as_json=False) == Exit.NOT_RUNNING == 3
    quick = capsys.readouterr().err
    result = deskbreak("status")
    assert result.exit_code == Exit.NOT_RUNNING
    assert result.stderr == quick and "deskbreak run" in quick


def test_a_command_the_daemon_cannot_take_without_a_daemon_exits_not_running():
    assert deskbreak("snooze").exit_code == Exit.NOT_RUNNING


def test_a_broken_config_file_exits_config(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[reminders]\nsit_limit = 50\n")
    assert deskbreak("--config", str(broken), "routine", "--terminal").exit_code == Exit.CONFIG == 2
