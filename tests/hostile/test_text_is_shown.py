"""Issue 20, rule 5: text from files is shown, never executed by the terminal. Escape sequences
in a routine's texts, a routine's file name, a config line or the log reach no terminal raw,
whatever command prints them (the CLI's streams and the daemon's outlets filter everything they
print: deskbreak.config.safe_text)."""

from __future__ import annotations

import io
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskbreak.config.safe_text import _UNSAFE, SafeStream, control
from tests.daemon.harness import Daemon, isolated_env

ATTACKS = {
    "clear the screen": "\x1b[2J\x1b[H",
    "retitle the window": "\x1b]0;owned\x07",
    "C1 CSI": "\x9b2J",
    "hide the cursor and text": "\x1b[?25l\x1b[8m",
    "overwrite the line": "fake\rreal",
    "bidi override": "\u202egnp.exe",
    "backspaces": "ok\x08\x08no",
    "OSC 52 clipboard": "\x1b]52;c;ZWNobyBvd25lZA==\x07",
}
BAD = {chr(code) for code in _UNSAFE} - {"\n", "\t"}


def toml_escaped(text: str) -> str:
    return "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in '"\\' else c for c in text)


def raw(output: str) -> set[str]:
    return {c for c in output if c in BAD}


def deskbreak(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "deskbreak", *args], env=env, input=stdin, capture_output=True, text=True, timeout=30)


def routine_with(tmp_path: Path, attack: str, name: str = "evil") -> dict[str, str]:
    env = isolated_env(tmp_path)
    folder = tmp_path / "config" / "deskbreak" / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    text = resources.files("deskbreak.routines").joinpath("data/desk.toml").read_text()
    text = text.replace('name = "desk"', f'name = "{name}"', 1)
    text = text.replace('title = "Desk break for the upper back"', f'title = "T{toml_escaped(attack)}"')
    text = text.replace('name = "Lean back over the chair"', f'name = "S{toml_escaped(attack)}"')
    (folder / f"{name}.toml").write_text(text)
    return env


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_a_routines_texts_reach_the_terminal_shown_not_run(tmp_path, attack):
    env = routine_with(tmp_path, attack)
    for run in (deskbreak(env, "routines"), deskbreak(env, "routine", "evil", "--terminal", stdin="\n\n")):
        assert "Traceback" not in run.stderr  # refused (the loader names the field) or run: either way shown
        assert not raw(run.stdout) and not raw(run.stderr)


@pytest.mark.parametrize("attack", ["\x1b[2J", "\x1b]0;owned\x07", "\x9b2J", "\u202e"])
def test_a_routine_files_name_reaches_the_terminal_shown_not_run(tmp_path, attack):
    env = isolated_env(tmp_path)
    folder = tmp_path / "config" / "deskbreak" / "routines"
    folder.mkdir(parents=True)
    (folder / f"bad{attack}.toml").write_text("this is not = [ toml")
    run = deskbreak(env, "routines")
    assert "bad" in run.stdout + run.stderr  # it is named, as a broken file
    assert not raw(run.stdout) and not raw(run.stderr)


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
@pytest.mark.parametrize("where", ["key", "value", "comment line"])
def test_a_config_line_reaches_the_terminal_shown_not_run(tmp_path, attack, where):
    env = isolated_env(tmp_path)
    config = tmp_path / "deskbreak.toml"
    line = {
        "key": f'[reminders]\n"{toml_escaped(attack)}" = 1\n',
        "value": f'[reminders]\nsit_limit = "{toml_escaped(attack)}"\n',
        "comment line": f"[reminders]\nsit_limit = {attack}\n",  # raw, not even TOML
    }[where]
    config.write_text(line)
    for args in (["config", "check"], ["config", "show"], ["status"], ["pause", "1m"]):
        run = deskbreak({**env, "DESKBREAK_CONFIG": str(config)}, *args)
        assert "Traceback" not in run.stderr
        assert not raw(run.stdout) and not raw(run.stderr), args


def test_the_daemon_prints_a_broken_configs_line_shown_not_run(tmp_path):
    daemon = Daemon(tmp_path).start()
    try:
        daemon.config_file.write_text('[reminders]\nsit_limit = "\\u001b]0;owned\\u0007\\u001b[2J"\n')
        daemon.cli("reload")
        daemon.stop()
        assert "sit_limit" in daemon.output()
        assert not raw(daemon.output())
    finally:
        daemon.stop()


@given(st.text())
def test_nothing_written_to_a_safe_stream_reaches_it_raw(text):
    out = io.StringIO()
    SafeStream(out).write(text)
    assert not raw(out.getvalue())
    assert out.getvalue().count("\n") == text.count("\n")


def test_deskbreaks_own_control_sequences_pass():
    out = io.StringIO()
    stream = SafeStream(out)
    control(stream, "\r\x1b[K")
    stream.write("\x1b[K")
    assert out.getvalue() == "\r\x1b[K\\x1b[K"
