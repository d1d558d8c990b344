"""Every test is kept from the real user's files, sockets and daemon (tests/conftest.py)."""

from __future__ import annotations

import os
import pwd
import stat
from pathlib import Path

from deskbreak.config import paths
from tests.cli_run import deskbreak
from tests.conftest import REAL_ENV, USER_SOCKETS

REAL_HOME = Path(REAL_ENV["HOME"] or pwd.getpwuid(os.getuid()).pw_dir)


def test_every_deskbreak_path_is_under_the_tests_own_folders(user_dirs):
    inside = {
        paths.config_file(): user_dirs.config,
        paths.user_routines_dir(): user_dirs.config,
        paths.event_log(): user_dirs.data,
        paths.full_offer_marker(): user_dirs.state,
        paths.daemon_log(): user_dirs.state,
        paths.runtime_dir(): user_dirs.runtime,
    }
    for path, folder in inside.items():
        assert path.is_relative_to(folder), (path, folder)
    assert Path(os.environ["HOME"]) == user_dirs.home


def test_the_runtime_dir_is_private_and_holds_no_daemon():
    runtime = Path(os.environ["XDG_RUNTIME_DIR"])
    assert stat.S_IMODE(runtime.stat().st_mode) == 0o700 and not any(runtime.iterdir())
    assert deskbreak("status").exit_code == 3  # not running: no socket to reach a real daemon through


def test_no_variable_leads_to_the_users_desktop_or_settings():
    assert not [key for key in os.environ if key.startswith("DESKBREAK_")]
    for key in USER_SOCKETS:
        assert REAL_ENV[key] is None or os.environ.get(key) != REAL_ENV[key], key


def test_writing_commands_leave_the_real_home_untouched(user_dirs):
    real = [REAL_HOME / ".config" / "deskbreak", REAL_HOME / ".local" / "share" / "deskbreak", REAL_HOME / ".local" / "state" / "deskbreak"]
    before = {path: path.stat().st_mtime_ns if path.exists() else None for path in real}
    assert deskbreak("config", "init").exit_code == 0
    assert deskbreak("stats").exit_code == 0
    assert (user_dirs.config / "deskbreak" / "config.toml").is_file()
    assert {path: path.stat().st_mtime_ns if path.exists() else None for path in real} == before


def test_each_test_starts_with_empty_folders_of_its_own(user_dirs):
    """The test above wrote a config file in its folders; this one sees none."""
    assert sorted(p.name for p in user_dirs.root.iterdir()) == ["home", "runtime"] and not any(user_dirs.home.iterdir())
    assert not paths.config_file().exists() and not paths.event_log().exists()
