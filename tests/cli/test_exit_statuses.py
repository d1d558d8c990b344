"""One list of exit statuses, and one `status` text for the quick path and the click command."""

from __future__ import annotations

import pytest

from deskbreak.cli import entry
from deskbreak.core.exits import Exit
from tests.cli_run import deskbreak


@pytest.fixture
def no_daemon(tmp_path, monkeypatch):
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))


def test_status_without_a_daemon_exits_not_running_on_both_paths_with_the_same_words(no_daemon, capsys):
    assert entry.quick_status(as_json=False) == Exit.NOT_RUNNING == 3
    quick = capsys.readouterr().err
    result = deskbreak("status")
    assert result.exit_code == Exit.NOT_RUNNING
    assert result.stderr == quick and "deskbreak run" in quick


def test_a_command_the_daemon_cannot_take_without_a_daemon_exits_not_running(no_daemon):
    assert deskbreak("snooze").exit_code == Exit.NOT_RUNNING


def test_a_broken_config_file_exits_config(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[reminders]\nsit_limit = 50\n")
    assert deskbreak("--config", str(broken), "routine", "--terminal").exit_code == Exit.CONFIG == 2
