"""The application-menu entry: installed for the user by one command, removed by another, valid
for desktop-file-validate, and launching it starts deskbreak or reaches the running one."""

import configparser
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.daemon.harness import Daemon, wait_until

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop menus are Linux only")
ICON_SIZES = sorted(int(p.stem.split("-")[1]) for p in (Path(__file__).parents[2] / "icons").glob("deskbreak-*.png"))


def entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path)
    return parser["Desktop Entry"]


@pytest.fixture
def app(tmp_path):
    """A headless deskbreak whose user folders are all inside tmp_path (not started)."""
    return Daemon(tmp_path)


def test_install_puts_a_valid_entry_and_every_icon_size_in_the_users_data_folder(app):
    result = app.cli("desktop", "install")
    assert result.returncode == 0, result.stderr
    data = app.root / "data"
    path = data / "applications" / "deskbreak.desktop"
    assert str(path) in result.stdout
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        if os.environ.get("CI") == "true":
            pytest.fail("desktop-file-validate is missing (apt package desktop-file-utils; scripts/setup installs it)")
        pytest.skip("desktop-file-validate is missing (apt package desktop-file-utils)")
    check = subprocess.run([validator, str(path)], capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout == "", check.stdout + check.stderr
    section = entry(path)
    assert section["Icon"] == "deskbreak" and section["Categories"] == "Utility;"
    assert shlex.split(section["Exec"])[-1] == "open"
    assert ICON_SIZES == [16, 22, 24, 32, 48, 64, 128, 256]
    for size in ICON_SIZES:
        icon = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "deskbreak.png"
        assert icon.read_bytes() == (Path(__file__).parents[2] / "icons" / f"deskbreak-{size}.png").read_bytes()


def test_install_lists_deskbreak_for_software_centres_with_metainfo_that_appstreamcli_accepts(app):
    assert app.cli("desktop", "install").returncode == 0
    data = app.root / "data"
    metainfo = data / "metainfo" / "io.github.deskbreak.deskbreak.metainfo.xml"
    validator = shutil.which("appstreamcli")
    if validator is None:
        if os.environ.get("CI") == "true":
            pytest.fail("appstreamcli is missing (apt package appstream; scripts/setup installs it)")
        pytest.skip("appstreamcli is missing (apt package appstream)")
    check = subprocess.run([validator, "validate", "--no-net", str(metainfo)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    root = ElementTree.parse(metainfo).getroot()
    assert root.findtext("launchable") == "deskbreak.desktop" and (data / "applications" / "deskbreak.desktop").exists()
    screenshots = [image.text or "" for image in root.iter("image")]
    assert len(screenshots) == 3
    for url in screenshots:  # each one is in docs/screenshots, where the README shows it
        assert url.startswith("https://") and (Path(__file__).parents[2] / "docs" / "screenshots" / url.rsplit("/", 1)[1]).is_file(), url


def test_uninstall_removes_entry_icons_and_autostart_and_keeps_settings_and_history(app):
    assert app.cli("desktop", "install").returncode == 0
    assert app.cli("autostart", "enable").returncode == 0
    app.log_file.parent.mkdir(parents=True)
    app.log_file.write_text('{"v":1,"ts":"2026-11-30T09:00:00+01:00","event":"started"}\n')
    result = app.cli("desktop", "uninstall")
    assert result.returncode == 0, result.stderr
    assert not (app.root / "data" / "applications" / "deskbreak.desktop").exists()
    assert not list((app.root / "data" / "icons").rglob("deskbreak.png"))
    assert not (app.root / "config" / "autostart" / "deskbreak.desktop").exists()
    assert app.config_file.exists() and app.log_file.exists()
    assert str(app.config_file) in result.stdout and str(app.log_file) in result.stdout
    assert not (app.root / "data" / "metainfo" / "io.github.deskbreak.deskbreak.metainfo.xml").exists()
    assert result.stdout.count("Removed ") == 3 + len(ICON_SIZES)
    again = app.cli("desktop", "uninstall")
    assert "Nothing to remove" in again.stdout


def test_launching_the_entry_starts_deskbreak_then_reaches_the_running_one(app):
    assert app.cli("desktop", "install").returncode == 0
    argv = shlex.split(entry(app.root / "data" / "applications" / "deskbreak.desktop")["Exec"])
    first = subprocess.Popen(argv, env=app.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: app.cli("status").returncode == 0, what="the daemon started from the menu entry")
        assert f"pid {first.pid}" in app.cli("status").stdout
        second = subprocess.run(argv, env=app.env, capture_output=True, text=True, timeout=30)
        assert second.returncode == 0, second.stderr
        # headless: no home window can be shown, so it says so and prints the running one's status
        assert "the home window cannot be shown here" in second.stderr
        assert second.stdout.startswith("deskbreak: ") and f"pid {first.pid}" in second.stdout
        assert first.poll() is None
    finally:
        app.cli("stop")
        first.wait(15)
