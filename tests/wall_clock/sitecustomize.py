"""Moves the wall clock of a Python process the tests start (tests/daemon/harness.py, `at`).

Python imports this at start-up when its folder is on PYTHONPATH. With TESTS_WALL_SHIFT_S set,
time-machine moves this process's wall clock (time.time, datetime.now, date.today, localtime)
by that many seconds from the real clock and lets it run on at real speed, so every process
started with the same variables (the daemon, its routine windows, the CLI a test runs) agrees on
the time. Monotonic time, sleeps and timed waits are untouched (libfaketime 0.9.10, Debian's,
breaks them: faking CLOCK_MONOTONIC hangs every timed lock wait, and leaving it real makes
every time.sleep fail with EINVAL). File times stay real; see tests/daemon/harness.py.
"""

import os
import sys

if os.environ.get("TESTS_WALL_SHIFT_S"):
    import time

    try:
        import time_machine
    except ImportError as exc:  # a test asked for a day it cannot have: stop, never run at the real date
        raise SystemExit(f"tests/wall_clock: time-machine is not importable by {sys.executable}: {exc}") from None
    time_machine.travel(time.time() + float(os.environ["TESTS_WALL_SHIFT_S"]), tick=True).start()
