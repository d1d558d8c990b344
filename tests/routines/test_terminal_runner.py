"""The terminal routine, driven by real keystrokes on a pseudo-terminal, with no daemon running."""

import json
import signal
import subprocess
import sys

import pytest

from tests.daemon.harness import isolated_env
from tests.routines.terminal_driver import TerminalRoutine

DESK_STEPS = ["chair_back_extension", "overhead_reach", "seated_open_book", "desk_hips_back_reach"]


@pytest.fixture
def term(tmp_path):
    made = []

    def start(*args: str) -> TerminalRoutine:
        made.append(TerminalRoutine(tmp_path, *args))
        return made[-1]

    yield start
    for t in made:
        t.close()


def events(log_file) -> list[dict]:
    return [json.loads(line) for line in log_file.read_text().splitlines()]


def test_desk_is_guided_to_done_with_keys_and_every_step_is_logged(term):
    t = term("desk")
    t.expect(r"Desk break for the upper back — 4 steps, about 2m30s")
    t.expect(r"Press Enter to start")
    t.press("\r")
    t.expect(r"Step 1 of 4: Lean back over the chair \(6 reps\)")
    t.expect(r"Breath: Breathe out")
    for rep in range(1, 7):
        t.expect(rf"Rep {rep - 1} of 6")
        t.press("\r")
    t.expect(r"Step 2 of 4: Big reach up \(30 s\)")
    t.expect(r"0:30 left")
    t.expect(r"\r\x1b\[K  0:29 left")  # the countdown redraws its line each second
    t.press("p")
    t.expect(r"left  \(paused — p to go on\)")
    t.press("p")
    t.press("\r")
    t.expect(r"Step 3 of 4: Seated open book \(5 reps each side\) — Left side")
    for _ in range(5):
        t.press("\r")
    t.expect(r"Now: Right side")
    for _ in range(5):
        t.press("\r")
    t.expect(r"Step 4 of 4: Hips back at the desk \(40 s\)")
    t.expect(r"CAUTION: Check that the desk is steady")
    t.press("\r")
    t.expect(r"All done: 4 of 4 steps in \d+s")
    t.expect(r"Break done: the sitting clock starts again\. deskbreak is not running")
    assert t.wait() == 0
    log = events(t.log_file)
    assert [e["event"] for e in log] == ["break_started"] + ["step_done"] * 4 + ["break_done"]
    assert [e["step"] for e in log if e["event"] == "step_done"] == DESK_STEPS
    assert all(e["source"] == "terminal" and e["routine"] == "desk" for e in log[1:])
    done = log[-1]
    assert done["steps"] == 4 and done["duration_s"] > 0 and log[0]["source"] == "cli"


def test_the_full_routine_shows_equipment_first_and_its_caution_can_be_skipped(term, tmp_path):
    (tmp_path / "config" / "deskbreak").mkdir(parents=True)
    (tmp_path / "config" / "deskbreak" / "config.toml").write_text('[routines]\nvoice = "off"\n')  # keys, not hands-free
    t = term("full")
    t.expect(r"You will need:\s+• foam roller")
    t.expect(r"Press Enter to start, or q to leave")
    t.press("\r")
    t.expect(r"Step 1 of 6")
    for number in range(1, 5):
        t.press("k")
        t.expect(rf"Step {number + 1} of 6")
    t.press("k")
    t.expect(r"Step 6 of 6: .* — Left side · round 1 of 3")
    t.expect(r"CAUTION: Leave out the back arch, or skip this step")
    t.press("k")
    t.expect(r"All done: 0 of 6 steps")
    assert t.wait() == 0
    assert [e["event"] for e in events(t.log_file)] == ["break_started", "break_done"]


def test_back_returns_to_the_previous_step(term):
    t = term("desk")
    t.expect(r"Press Enter to start")
    t.press("\r")
    t.expect(r"Step 1 of 4")
    t.press("k")
    t.expect(r"Step 2 of 4")
    t.press("b")
    t.expect(r"Step 1 of 4")
    t.press("q")
    assert t.wait() == 1


def test_quitting_midway_logs_an_abandoned_break_with_the_steps_done(term):
    t = term("desk")
    t.expect(r"Press Enter to start")
    t.press("\r")
    t.expect(r"Rep 0 of 6")
    t.press("\r" * 6)
    t.expect(r"Step 2 of 4")
    t.press("q")
    t.expect(r"Break stopped after 1 step; it counts as not done")
    assert t.wait() == 1
    log = events(t.log_file)
    assert [e["event"] for e in log] == ["break_started", "step_done", "break_abandoned"]
    assert log[-1]["steps"] == 1


def test_a_hangup_midway_logs_an_abandoned_break_with_the_reason(term):
    t = term("desk")
    t.expect(r"Press Enter to start")
    t.press("\r")
    t.expect(r"Rep 0 of 6")
    t.proc.send_signal(signal.SIGHUP)  # the terminal window was closed
    assert t.wait() == 1
    last = events(t.log_file)[-1]
    assert last["event"] == "break_abandoned" and "SIGHUP" in last["reason"]


def test_snooze_from_the_routine_logs_a_snooze_and_ends_it(term):
    t = term("desk")
    t.expect(r"Press Enter to start")
    t.press("\r")
    t.expect(r"Step 1 of 4")
    t.press("s")
    t.expect(r"deskbreak is not running")
    assert t.wait() == 0
    log = events(t.log_file)
    assert [e["event"] for e in log] == ["break_started", "snoozed"]
    assert log[-1]["minutes"] == 10 and log[-1]["source"] == "terminal"


def test_without_a_terminal_each_input_line_is_a_key(tmp_path):
    env = isolated_env(tmp_path)
    keys = "\n" + "\n" * 6 + "\n" + "\n" * 10 + "\n"
    run = subprocess.run(
        [sys.executable, "-m", "deskbreak", "routine", "desk", "--terminal"],
        input=keys,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert run.returncode == 0, run.stderr
    assert "All done: 4 of 4 steps" in run.stdout
    assert "\x1b[K" not in run.stdout  # no cursor tricks on a pipe
    log = events(tmp_path / "data" / "deskbreak" / "events.jsonl")
    assert [e["event"] for e in log].count("step_done") == 4 and log[-1]["event"] == "break_done"


def test_end_of_input_abandons_the_break(tmp_path):
    env = isolated_env(tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "deskbreak", "routine", "desk", "--terminal"],
        input="\n\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert run.returncode == 1
    assert events(tmp_path / "data" / "deskbreak" / "events.jsonl")[-1]["event"] == "break_abandoned"
