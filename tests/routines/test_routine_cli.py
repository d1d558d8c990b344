"""`deskbreak routines` and `deskbreak routine NAME` as a user meets them (no display, no daemon)."""

import subprocess
import sys

from tests.daemon.harness import isolated_env


def deskbreak(tmp_path, *args, stdin=""):
    return subprocess.run([sys.executable, "-m", "deskbreak", *args], env=isolated_env(tmp_path),
                          input=stdin, capture_output=True, text=True, timeout=30)


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
    (folder / "bad.toml").write_text(
        'title = "Bad"\nsummary = "s"\n[[steps]]\nid = "x"\nname = "n"\ncue = "c"\nbreath = "b"\nreps = 0\n'
    )
    run = deskbreak(tmp_path, "routines")
    assert run.returncode == 0
    assert "quick      Quick — 1 step, about 20s" in run.stdout and "desk " in run.stdout
    assert "1 of your routine files could not be used" in run.stderr
    assert "bad.toml:8: steps[1].reps: is out of range" in run.stderr and "from 1 to 100" in run.stderr


def test_an_unknown_routine_name_lists_the_known_ones(tmp_path):
    run = deskbreak(tmp_path, "routine", "dsek", "--terminal")
    assert run.returncode == 2
    assert "No routine named 'dsek'. Known: desk, full" in run.stderr


def test_without_a_display_the_routine_runs_in_the_terminal_and_says_so(tmp_path):
    run = deskbreak(tmp_path, "routine", stdin="q\n")
    assert "No display for the routine window; guiding it here in the terminal." in run.stderr
    assert "Desk break for the upper back" in run.stdout  # the config's default routine
    assert run.returncode == 1
