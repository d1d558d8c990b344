"""deskbreak as a user gets it: the wheel installed (not editable) into a fresh virtualenv, run
from there with nothing of this checkout on the path."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from deskbreak import __version__
from tests.daemon.harness import Daemon
from tests.install.built import wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin folder of a fresh venv holding the wheel and its dependencies (from pip's cache).

    The venv gets no pip of its own (ensurepip costs seconds): this pip installs into it."""
    root = tmp_path_factory.mktemp("venv")
    venv.create(root, with_pip=False)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(root / "bin" / "python"), "install", "-q", str(wheel())],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=root,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return root / "bin"


def test_the_wheel_holds_routines_example_config_and_every_icon():
    names = set(zipfile.ZipFile(wheel()).namelist())
    assert {"deskbreak/routines/data/desk.toml", "deskbreak/routines/data/full.toml", "deskbreak/config/example.toml"} <= names
    icons = sorted(p.name for p in (Path(__file__).parents[2] / "icons").iterdir())
    assert {f"deskbreak/app_icons/{name}" for name in icons} <= names


def test_the_installed_app_runs_from_its_own_venv(installed, tmp_path):
    app = Daemon(tmp_path, command=[str(installed / "deskbreak")])
    where = subprocess.run(
        [str(installed / "python"), "-c", "import deskbreak; print(deskbreak.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=app.env,
    )
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), where.stdout + where.stderr

    version = app.cli("--version")
    assert version.returncode == 0 and __version__ in version.stdout
    routines = app.cli("routines")
    assert routines.returncode == 0 and "desk" in routines.stdout and "full" in routines.stdout
    app.config_file.unlink()
    init = app.cli("config", "init")
    assert init.returncode == 0, init.stderr
    assert "[reminders]" in app.config_file.read_text()
    doctor = app.cli("doctor")
    assert "config" in doctor.stdout and "event log" in doctor.stdout, doctor.stdout + doctor.stderr


def test_a_headless_daemon_cycle_from_the_installed_app(installed, tmp_path):
    app = Daemon(tmp_path, command=[str(installed / "deskbreak")]).start()
    try:
        app.wait_for_event("reminder_shown")
        assert app.cli("done", "--routine", "desk").returncode == 0
        assert app.cli("stop").returncode == 0
        assert app.proc.wait(15) == 0
    finally:
        app.stop()
    assert app.kinds() == ["started", "reminder_shown", "break_done", "stopped"]
    stats = app.cli("stats", "--today")
    assert stats.returncode == 0 and "Breaks done" in stats.stdout


def test_the_wheel_carries_every_compiled_catalog():
    from deskbreak.config.i18n import LANGUAGES

    names = set(zipfile.ZipFile(wheel()).namelist())
    assert {f"deskbreak/locale/{language}/LC_MESSAGES/deskbreak.mo" for language in LANGUAGES} <= names


def test_the_installed_app_speaks_german(installed, tmp_path):
    app = Daemon(tmp_path, command=[str(installed / "deskbreak")])
    app.env["LANG"] = "de_DE.UTF-8"
    status = app.cli("status")
    assert status.returncode == 3 and "deskbreak läuft nicht" in status.stderr, status.stderr
    routines = app.cli("routines")
    assert "Schreibtischpause für den oberen Rücken — 4 Übungen, etwa 2 min 30 s" in routines.stdout, routines.stdout
