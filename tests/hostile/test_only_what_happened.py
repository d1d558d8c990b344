"""Issue 20, rule 8: the log records only what happened. A break nobody was offered (no display,
no terminal, input that ends at once) logs no start and no abandon; a routine that does not
exist is refused before anything is logged, from the CLI and from a raw control message."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest

from deskbreak.ipc.client import request
from tests.daemon.harness import isolated_env


def kinds(daemon) -> list[str]:
    return daemon.kinds()


@pytest.mark.parametrize("stdin", [subprocess.DEVNULL, b"", b"q\n", b"\x04"])
def test_break_with_no_display_and_nobody_at_a_terminal_logs_no_break(daemon, stdin):
    run = subprocess.run(
        [sys.executable, "-m", "deskbreak", "break"],
        env=daemon.env,
        capture_output=True,
        timeout=30,
        **({"stdin": stdin} if stdin is subprocess.DEVNULL else {"input": stdin}),
    )
    assert b"Traceback" not in run.stderr
    assert "break_started" not in kinds(daemon) and "break_abandoned" not in kinds(daemon)
    assert "break_not_shown" in kinds(daemon)  # that did happen: no window could be shown


@pytest.mark.parametrize("name", ["nosuch", "desk2", "x" * 40, "Desk"])
def test_break_with_a_routine_that_does_not_exist_is_refused_and_not_logged(daemon, name):
    run = daemon.cli("break", name)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert name in run.stdout + run.stderr
    assert all(e.get("routine") != name for e in daemon.events())


def test_a_control_message_naming_no_routine_that_exists_is_refused(daemon, monkeypatch):
    for key, value in daemon.env.items():
        monkeypatch.setenv(key, value)
    reply = request({"cmd": "break", "routine": "nosuch"})
    assert reply["ok"] is False and "no routine named 'nosuch'" in reply["error"]
    assert all(e.get("routine") != "nosuch" for e in daemon.events())


def test_a_routine_added_after_the_start_can_be_opened(daemon):
    routines = daemon.root / "config" / "deskbreak" / "routines"
    routines.mkdir(parents=True)
    text = resources.files("deskbreak.routines").joinpath("data/desk.toml").read_text()
    (routines / "mine.toml").write_text(text.replace('name = "desk"', 'name = "mine"', 1))
    run = daemon.cli("break", "mine")
    assert "no routine named" not in run.stdout + run.stderr
    assert any(e.get("routine") == "mine" and e["event"] == "break_not_shown" for e in daemon.events())


def test_a_terminal_routine_whose_input_ends_before_it_starts_logs_nothing(tmp_path):
    env = isolated_env(tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "deskbreak", "routine", "desk", "--terminal"], input="", env=env, capture_output=True, text=True, timeout=30
    )
    assert run.returncode == 1 and "Nothing was started" in run.stdout
    assert not (tmp_path / "data" / "deskbreak" / "events.jsonl").exists()
