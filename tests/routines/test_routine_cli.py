"""`deskbreak routines` and `deskbreak routine NAME` as a user meets them (no display, no daemon)."""

import json
import os
import select
import subprocess
import sys

from deskbreak.core.exits import Exit
from tests.daemon.harness import isolated_env


def deskbreak(tmp_path, *args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "deskbreak", *args], env=isolated_env(tmp_path), input=stdin, capture_output=True, text=True, timeout=30
    )


def user_dir(tmp_path):
    folder = tmp_path / "config" / "deskbreak" / "routines"
    folder.mkdir(parents=True)
    return folder


def test_routines_lists_steps_total_time_and_equipment(tmp_path):
    run = deskbreak(tmp_path, "routines")
    assert run.returncode == 0, run.stderr
    assert "desk       Desk break for the upper back — 4 steps, about 2m30s" in run.stdout
    assert "full       Full upper-back routine — 6 steps, about 6m30s" in run.stdout
    assert "equipment: none" in run.stdout and "equipment: foam roller" in run.stdout
    assert str(tmp_path / "config" / "deskbreak" / "routines") in run.stdout


def test_routines_lists_user_routines_and_reports_broken_ones(tmp_path):
    folder = user_dir(tmp_path)
    (folder / "quick.toml").write_text(
        'title = "Quick"\nsummary = "One reach."\n[[steps]]\nid = "overhead_reach"\nname = "Reach"\n'
        'cue = "Reach up."\nbreath = "Breathe out."\nseconds = 20\n'
    )
    (folder / "bad.toml").write_text('title = "Bad"\nsummary = "s"\n[[steps]]\nid = "x"\nname = "n"\ncue = "c"\nbreath = "b"\nreps = 0\n')
    run = deskbreak(tmp_path, "routines")
    assert run.returncode == 0
    assert "quick      Quick — 1 step, about 20s" in run.stdout and "desk " in run.stdout
    assert "1 of your routine files could not be used" in run.stderr
    assert "bad.toml:8: steps[1].reps: must be from 1 to 100" in run.stderr


def test_an_unknown_routine_name_lists_the_known_ones(tmp_path):
    run = deskbreak(tmp_path, "routine", "dsek", "--terminal")
    assert run.returncode == 2
    assert "No routine named 'dsek'. Known: desk, full" in run.stderr


def test_without_a_display_the_routine_runs_in_the_users_terminal_and_says_so(tmp_path):
    env = isolated_env(tmp_path)
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "deskbreak", "routine"], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    screen = b""
    while b"Desk break for the upper back" not in screen:
        ready, _, _ = select.select([master], [], [], 15)
        assert ready, screen.decode(errors="replace")
        screen += os.read(master, 65536)
    os.write(master, b"q")
    assert proc.wait(15) == 1  # quit midway: abandoned
    os.close(master)
    assert b"No window can be shown (no display" in screen and b"guiding the routine here in the terminal" in screen


def test_without_a_display_or_a_terminal_nothing_starts_and_the_log_says_why(tmp_path):
    """As the daemon starts it: stdin at /dev/null. It must not start a terminal routine that
    reads end-of-input at once and logs a break nobody saw as abandoned."""
    run = subprocess.run(
        [sys.executable, "-m", "deskbreak", "routine", "desk", "--source", "notification"],
        env=isolated_env(tmp_path),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert run.returncode == Exit.NO_WINDOW
    assert "the routine window cannot be shown: no display" in run.stderr
    assert "deskbreak routine desk --terminal" in run.stderr
    logged = [json.loads(line) for line in (tmp_path / "data" / "deskbreak" / "events.jsonl").read_text().splitlines()]
    assert [e["event"] for e in logged] == ["break_not_shown"]
    assert logged[0]["source"] == "notification" and logged[0]["routine"] == "desk"
