"""The quick runtime, data and config dir rules agree with platformdirs wherever they answer at all."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest

from deskbreak.config import paths
from deskbreak.config.xdg_home import user_dir
from deskbreak.config.xdg_runtime import session_runtime_dir
from deskbreak.ipc.endpoint import endpoint


def test_a_private_session_runtime_dir_is_what_platformdirs_answers(tmp_path, monkeypatch):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert session_runtime_dir() == platformdirs.user_runtime_dir(paths.APP) == str(runtime / "deskbreak")
    assert paths.runtime_dir() == runtime / "deskbreak"


def test_a_shared_or_missing_runtime_dir_is_left_to_platformdirs(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    link = tmp_path / "link"
    link.symlink_to(shared)
    for value in (str(shared), str(link), str(tmp_path / "missing"), "relative/run", ""):
        monkeypatch.setenv("XDG_RUNTIME_DIR", value)
        assert session_runtime_dir() is None, value


def test_the_daemon_makes_the_runtime_dir_private_and_clients_find_it(tmp_path, monkeypatch):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    daemon_side = endpoint(create=True)
    assert (Path(daemon_side.address).parent.stat().st_mode & 0o777) == 0o700
    assert endpoint().address == daemon_side.address == str(runtime / "deskbreak" / "control.sock")


def test_without_a_session_runtime_dir_the_cli_prints_no_library_warning(monkeypatch, recwarn):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    paths.runtime_dir()
    assert not [w for w in recwarn if "XDG_RUNTIME_DIR" in str(w.message)]


@pytest.mark.parametrize("kind", ["data", "config"])
@pytest.mark.parametrize(
    ("xdg", "home"),
    [
        (None, "/home/ann"),
        (None, "/home/ann/"),
        (None, "/"),
        ("/x/y", "/home/ann"),
        ("/x/y/", None),
        ("", "/home/ann"),
        ("relative", "/home/ann"),
        ("  ", "/home/ann"),
        (None, "relative"),
        (None, None),
        ("~/x", "/home/ann"),
    ],
)
def test_the_quick_data_and_config_dirs_are_what_platformdirs_answers(kind, xdg, home, monkeypatch):
    variable = {"data": "XDG_DATA_HOME", "config": "XDG_CONFIG_HOME"}[kind]
    for name, value in ((variable, xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    quick = user_dir(kind)
    if quick is not None:
        assert quick == getattr(platformdirs, f"user_{kind}_dir")(paths.APP)
    if xdg and os.path.isabs(xdg) or xdg is None and home and os.path.isabs(home):
        assert quick is not None
