"""How quick `deskbreak status` is against the daemon's real control server, without a desktop.

Serves the control channel with deskbreak's own ControlServer (the daemon's, with its handshake
and framing) answering a status reply of the daemon's shape, then times `deskbreak status` as a
fresh process next to a bare `python -c pass`, interleaved: median wall clock and best CPU time
(user + system) of each over RUNS runs. Budget: 2.5 × `python -c pass` (issue 26). resources.py
times it too, beside a whole desktop and the other break reminders; this one runs anywhere.
Run: .venv/bin/python benchmarks/status_bench.py [runs]
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bytecode import compile_deskbreak  # noqa: E402
from deskbreak.ipc.endpoint import Endpoint  # noqa: E402
from deskbreak.ipc.server import ControlServer  # noqa: E402

BUDGET = 2.5
STATUS = {"phase": "sitting", "sitting_s": 150, "progress": 0.05, "due_in_s": 2550, "paused_until": None, "snoozed_until": None}
STATUS |= {"snoozes_left": 3, "standing": False, "in_work_hours": True, "waiting_for": None}


def reply() -> dict:
    soon = time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(time.time() + 2550)) + time.strftime("%z")
    status = {**STATUS, "next_reminder_at": soon[:-2] + ":" + soon[-2:]}
    today = "Today: 3 breaks · sat 2h10m · longest 48m"
    return {"ok": True, "status": status, "pid": 4242, "idle_source": "x11", "notifier": "desktop-notifier", "tray": "sni", "today": today}


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 41
    compile_deskbreak()
    with tempfile.TemporaryDirectory(prefix="deskbreak-status-") as runtime:
        os.chmod(runtime, 0o700)
        where = Endpoint(os.path.join(runtime, "deskbreak"))
        os.mkdir(os.path.join(runtime, "deskbreak"), 0o700)
        answer = reply()
        server = ControlServer(where, where.write_new_authkey(), lambda message: answer)
        server.start()
        env = {**os.environ, "XDG_RUNTIME_DIR": runtime}
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "deskbreak status": [str(Path(sys.executable).with_name("deskbreak")), "status"],
        }
        first = subprocess.run(cases["deskbreak status"], env=env, capture_output=True, text=True)
        if first.returncode != 0:
            print(f"FAILED deskbreak status (exit {first.returncode}): {first.stderr.strip()}")
            return 1
        walls: dict[str, list[float]] = {name: [] for name in cases}
        cpus: dict[str, list[float]] = {name: [] for name in cases}
        try:
            for _ in range(runs):
                for name, argv in cases.items():
                    before, began = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
                    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    walls[name].append(time.perf_counter() - began)
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    cpus[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        finally:
            server.close()
    bare_wall, bare_cpu = statistics.median(walls["python -c pass"]), min(cpus["python -c pass"])
    wall, cpu = statistics.median(walls["deskbreak status"]), min(cpus["deskbreak status"])
    print(f"{runs} runs each: python -c pass {bare_wall * 1000:.1f} ms wall (median), {bare_cpu * 1000:.1f} ms CPU (best)")
    print(f"deskbreak status {wall * 1000:.1f} ms wall: {wall / bare_wall:.2f} x; ", end="")
    print(f"{cpu * 1000:.1f} ms CPU: {cpu / bare_cpu:.2f} x (budget {BUDGET} x)")
    return 0 if min(wall / bare_wall, cpu / bare_cpu) <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
