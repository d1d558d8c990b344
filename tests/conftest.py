"""What every test gets: no way to the real user's files, sockets or daemon, and the `desktop`
marker on every test that starts a desktop rig.

As httpie's MockEnvironment does for its tests, each test runs with HOME, the XDG base dirs and
XDG_RUNTIME_DIR (private, 0700) in a folder of its own, and with no DESKBREAK_* variable. Before
any fixture runs, the session drops what would reach the user's running desktop: the session bus,
sway's and i3's sockets, a PulseAudio server, a Wayland display. Fixtures that want a bus or a
display start their own (tests/desktop/conftest.py, tests/daemon/harness.py).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

USER_DIRS = {"HOME": "home", "XDG_CONFIG_HOME": "config", "XDG_DATA_HOME": "data", "XDG_STATE_HOME": "state", "XDG_CACHE_HOME": "cache"}
USER_LANGUAGE = ("LANGUAGE", "LC_ALL", "LC_MESSAGES")  # what gettext reads before LANG
USER_SOCKETS = ("DBUS_SESSION_BUS_ADDRESS", "SWAYSOCK", "I3SOCK", "PULSE_SERVER", "WAYLAND_DISPLAY")

# the user's own values, for tests/test_isolation.py to check that none of them is used
REAL_ENV = {key: os.environ.get(key) for key in (*USER_DIRS, "XDG_RUNTIME_DIR", *USER_SOCKETS)}

# the fixtures of tests/desktop/conftest.py that start part of a desktop: a test using any of
# them, even through another fixture, is a desktop test
DESKTOP_FIXTURES = {
    "desktop_env",
    "dunst_server",
    "tray_host",
    "sound_server",
    "desktop_daemon",
    "daemon_inside",
    *(f"{kind}{x11}" for kind in ("gnome", "kde", "sway", "xfce") for x11 in ("", "_x11")),
}
DESKTOP_DIR = Path(__file__).parent / "desktop"


@dataclass(frozen=True)
class UserDirs:
    """One test's user folders, all under `root` (the XDG variables point at them)."""

    root: Path

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def config(self) -> Path:
        return self.root / "config"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def state(self) -> Path:
        return self.root / "state"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @property
    def runtime(self) -> Path:
        return self.root / "runtime"

    def env(self) -> dict[str, str]:
        """The variables that point there. Makes the home (a user always has one) and the runtime
        dir (private, as a session's is); the XDG dirs are left to whoever writes there first."""
        self.home.mkdir(parents=True, exist_ok=True)
        self.runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        return {key: str(self.root / name) for key, name in USER_DIRS.items()} | {"XDG_RUNTIME_DIR": str(self.runtime)}


_session_dirs: UserDirs | None = None


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Before any fixture starts a process: the session's own user folders (for session-wide
    fixtures), and none of the user's desktop sockets or deskbreak variables."""
    global _session_dirs
    _session_dirs = UserDirs(Path(tempfile.mkdtemp(prefix="deskbreak-tests-")))
    for key in [*USER_SOCKETS, *(key for key in os.environ if key.startswith("DESKBREAK_"))]:
        os.environ.pop(key, None)
    # English, whatever the user's desktop speaks: tests that want a language set LANG themselves
    for key in USER_LANGUAGE:
        os.environ.pop(key, None)
    os.environ["LANG"] = "C.UTF-8"
    os.environ.update(_session_dirs.env())


def pytest_unconfigure(config: pytest.Config) -> None:
    if _session_dirs is not None:
        shutil.rmtree(_session_dirs.root, ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every desktop test, so `pytest -m "not desktop"` runs the fast half alone."""
    for item in items:
        if item.path.is_relative_to(DESKTOP_DIR) or DESKTOP_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.desktop)


@pytest.fixture(autouse=True)
def user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[UserDirs]:
    """This test's own HOME, XDG dirs and empty runtime dir (so no daemon socket), and no DESKBREAK_*."""
    dirs = UserDirs(tmp_path_factory.mktemp("user"))
    for key, value in dirs.env().items():
        monkeypatch.setenv(key, value)
    for key in [key for key in os.environ if key.startswith("DESKBREAK_")]:
        monkeypatch.delenv(key)
    yield dirs
