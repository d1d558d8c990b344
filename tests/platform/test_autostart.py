"""The XDG autostart entry: written, reported, removed, and nothing else touched."""

import configparser
import sys

import pytest

from deskbreak.platform import autostart

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG autostart is Linux only")


@pytest.fixture(autouse=True)
def config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    return tmp_path


def test_enable_writes_a_valid_desktop_entry_that_runs_deskbreak(config_home, tmp_path):
    path = autostart.enable(tmp_path / "icon.png")
    assert path == config_home / "autostart" / "deskbreak.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(path)
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Name"] == "deskbreak"
    assert section["Exec"].endswith(" run")
    assert section["Icon"] == str(tmp_path / "icon.png")
    assert autostart.status() == (True, path)


def test_enable_twice_leaves_one_entry(config_home):
    autostart.enable(None)
    autostart.enable(None)
    assert [p.name for p in (config_home / "autostart").iterdir()] == ["deskbreak.desktop"]


def test_disable_removes_only_our_entry(config_home):
    other = config_home / "autostart" / "someone-else.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n")
    autostart.enable(None)
    assert autostart.disable() == config_home / "autostart" / "deskbreak.desktop"
    assert autostart.status()[0] is False
    assert other.read_text() == "[Desktop Entry]\n"


def test_disable_without_an_entry_says_so():
    assert autostart.disable() is None
