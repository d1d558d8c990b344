"""Fixtures for tests on the real desktop rig (see rig.py)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tests.daemon.harness import EARLY_WEEK, at, children
from tests.desktop import desktops, rig


@pytest.fixture(scope="session")
def desktop_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """DISPLAY (from pytest-xvfb) plus a private session bus and runtime dir."""
    if not os.environ.get("DISPLAY"):
        rig.missing("no X display: pytest-xvfb needs Xvfb")
    root = tmp_path_factory.mktemp("desktop")
    runtime = root / "runtime"
    runtime.mkdir(mode=0o700)
    bus = rig.SessionBus(root / "bus")
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus.address, "XDG_RUNTIME_DIR": str(runtime), "NO_AT_BRIDGE": "1"}
    saved = {key: os.environ.get(key) for key in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "NO_AT_BRIDGE")}
    os.environ.update({key: env[key] for key in saved})
    yield env
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    bus.stop()


@pytest.fixture(autouse=True)
def user_at_the_machine() -> None:
    """Each test starts with its user present on pytest-xvfb's display, as someone at the desk
    would be. Xvfb's idle counter runs for the whole session: a test that started more than
    `break_after_idle` (5 min) after the last input would see the user away, and a daemon that
    measures presence from X would log a natural break instead of the sitting the test expects."""
    if os.environ.get("DISPLAY"):
        subprocess.run([rig.need("xdotool"), "mousemove_relative", "--", "1", "1"], check=True, timeout=10)


@pytest.fixture(scope="session")
def dunst_server(desktop_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[rig.Dunst]:
    server = rig.Dunst(tmp_path_factory.mktemp("dunst"), desktop_env)
    yield server
    server.stop()


@pytest.fixture
def dunst(dunst_server: rig.Dunst) -> rig.Dunst:
    """dunst, running, with no notifications left over from an earlier test."""
    if dunst_server.proc is None or dunst_server.proc.poll() is not None:
        dunst_server.start()
    dunst_server.close_all()
    return dunst_server


@pytest.fixture(scope="session")
def a11y_bus(desktop_env: dict[str, str]) -> Iterator[rig.AccessibilityBus]:
    """The accessibility bus (at-spi2-core) on the rig's private session bus, with a reader."""
    bus = rig.AccessibilityBus(desktop_env)
    yield bus
    bus.stop()


@pytest.fixture(scope="session")
def tray_host(desktop_env: dict[str, str]) -> Iterator[rig.Tray]:
    tray = rig.Tray(desktop_env)
    yield tray
    tray.stop()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    return tmp_path / "shots"


@pytest.fixture
def desktop_daemon(desktop_env, dunst, tray_host, tmp_path):
    """Start the real daemon on the rig's display, bus, notification server and tray."""
    from tests.daemon.harness import Daemon

    started: list[Daemon] = []

    def start(config: str, day: datetime = EARLY_WEEK) -> Daemon:
        root = tmp_path / f"daemon{len(started)}"
        root.mkdir()
        started.append(Daemon(root, config=config, display=True, day=day).start())
        return started[-1]

    yield start
    for daemon in started:
        daemon.stop()


def _desktop(kind: str, x11: bool = False) -> Iterator[desktops.Desktop]:
    started = desktops.start(kind, x11)
    yield started
    desktops.finish(started)


@pytest.fixture(scope="module")
def gnome() -> Iterator[desktops.Desktop]:
    """GNOME Shell 43 on Wayland, headless, with the AppIndicator extension and gnome-session."""
    yield from _desktop("gnome")


@pytest.fixture(scope="module")
def kde() -> Iterator[desktops.Desktop]:
    """KDE Plasma 5.27 on Wayland: kwin_wayland --virtual and plasmashell."""
    yield from _desktop("kde")


@pytest.fixture(scope="module")
def sway() -> Iterator[desktops.Desktop]:
    """sway 1.7 with waybar (an SNI tray) and mako (notifications), run as nobody."""
    yield from _desktop("sway")


@pytest.fixture(scope="module")
def xfce() -> Iterator[desktops.Desktop]:
    """xfce4-panel with its systray plugin (an SNI host) on its own Xvfb."""
    yield from _desktop("xfce")


@pytest.fixture(scope="module")
def gnome_x11() -> Iterator[desktops.Desktop]:
    """GNOME Shell on Wayland with its XWayland (the routine window still opens natively on Wayland)."""
    yield from _desktop("gnome", x11=True)


@pytest.fixture(scope="module")
def kde_x11() -> Iterator[desktops.Desktop]:
    """KDE Plasma on Wayland with KWin's XWayland on a display of the rig's choosing."""
    yield from _desktop("kde", x11=True)


@pytest.fixture(scope="module")
def sway_x11() -> Iterator[desktops.Desktop]:
    """sway, waybar and mako with sway's XWayland."""
    yield from _desktop("sway", x11=True)


@pytest.fixture
def daemon_inside(tmp_path):
    """Start the real daemon inside a real desktop (Desktop.client_env):
    daemon_inside(desktop, config, x11=False, day=EARLY_WEEK); with x11 it also gets XWayland's
    DISPLAY, and `day` is its wall clock at start (tests/daemon/harness.py). The
    routines a daemon opened are ended with it, by their pids."""
    from tests.daemon.harness import Daemon

    started: list[Daemon] = []

    def start(desktop: desktops.Desktop, config: str, x11: bool = False, day: datetime = EARLY_WEEK, accessible: bool = False) -> Daemon:
        """`accessible`: the routine windows it opens expose themselves on the accessibility bus."""
        root = tmp_path / f"daemon{len(started)}"
        root.mkdir()
        daemon = Daemon(root, config=config, display=True, day=day)
        env = desktop.client_env(root, x11)
        daemon.env = {**env, "DESKBREAK_CONFIG": str(daemon.config_file), **at(day, env)}
        if accessible:
            daemon.env.pop("NO_AT_BRIDGE", None)
            daemon.env["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
        started.append(daemon.start())
        return daemon

    yield start
    for daemon in started:
        if daemon.proc is not None:
            for pid in children(daemon.proc.pid):
                with contextlib.suppress(ProcessLookupError):  # it may end on its own meanwhile
                    os.kill(pid, signal.SIGTERM)
        daemon.stop()


@pytest.fixture(scope="session")
def sound_server(desktop_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[rig.SoundServer]:
    """A real PulseAudio on the rig; PULSE_SERVER points the tests and the daemons they start at it."""
    server = rig.SoundServer(tmp_path_factory.mktemp("pulse"), desktop_env)
    saved = os.environ.get("PULSE_SERVER")
    os.environ["PULSE_SERVER"] = server.server
    desktop_env["PULSE_SERVER"] = server.server
    yield server
    desktop_env.pop("PULSE_SERVER", None)
    if saved is None:
        os.environ.pop("PULSE_SERVER", None)
    else:
        os.environ["PULSE_SERVER"] = saved
    server.stop()


@pytest.fixture
def sound(sound_server: rig.SoundServer) -> Iterator[rig.SoundServer]:
    """The sound server, with no recording left over from an earlier test."""
    yield sound_server
    sound_server.stop_all_recordings()
