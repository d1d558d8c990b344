"""The daemon's resource budget on a real headless desktop, in one run.

Starts a private Xvfb, session bus, dunst, trayer and PulseAudio (the test rig; no call in
progress, so the busy probes have nothing to find and, no reminder being due, are not asked), runs `deskbreak run` with
the default settings (tray and desktop notifier live), keeps the user present by moving the
pointer now and then, lets it settle, then reads the daemon's whole process tree from /proc:
RSS, CPU % of one core and context switches per second (each wakeup of a sleeping thread is
one voluntary switch). Also times `deskbreak status` against a bare `python -c pass`.
Budget: RSS <= 55 MiB, CPU <= 0.01 %, <= 0.5 wakeups/s, status <= 3x the bare interpreter.

Run: .venv/bin/python benchmarks/resources.py [--settle 15] [--measure 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bytecode import compile_deskbreak  # noqa: E402
from benchmarks.proctree import by_thread, read_tree  # noqa: E402
from tests.daemon.harness import Daemon  # noqa: E402
from tests.desktop import rig  # noqa: E402

BUDGET = {"rss_mib": 55.0, "cpu_pct": 0.01, "wakeups_s": 0.5, "status_ratio": 3.0}
DEFAULTS = "# every setting at its default\n"


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb on a display number with neither a socket nor a lock file: on a machine shared
    with other rigs a lock may be gone while its server still listens, and -displayfd would
    then take that number and the other server's socket path."""
    number = next(n for n in range(100, 200)
                  if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists())
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              stderr=subprocess.DEVNULL)
    rig.poll(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), what="Xvfb's socket")
    return server, f":{number}"


def timed(argv: list[str], env: dict[str, str], runs: int = 21) -> float:
    """Median wall time of a fresh process, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settle", type=float, default=15.0)
    parser.add_argument("--measure", type=float, default=60.0)
    args = parser.parse_args()
    compile_deskbreak()

    xvfb, display = start_xvfb()
    root = Path(tempfile.mkdtemp(prefix="deskbreak-bench-"))
    os.environ["DISPLAY"] = display
    bus = rig.SessionBus(root / "bus")
    os.environ.update(DBUS_SESSION_BUS_ADDRESS=bus.address, NO_AT_BRIDGE="1")
    env = dict(os.environ)
    pieces: list = [bus]
    try:
        pieces.append(rig.Dunst(root / "dunst", env))
        pieces.append(rig.Tray(env))
        sound = rig.SoundServer(root / "pulse", env)
        pieces.append(sound)
        os.environ["PULSE_SERVER"] = sound.server
        (root / "daemon").mkdir()
        daemon = Daemon(root / "daemon", config=DEFAULTS, display=True).start()
        pieces.append(daemon)
        pid = daemon.proc.pid
        present_until = time.monotonic() + args.settle
        while time.monotonic() < present_until:
            subprocess.run(["xdotool", "mousemove_relative", "--", "3", "0"], check=False)
            time.sleep(1)
        first, t0, threads_before = read_tree(pid), time.monotonic(), by_thread(pid)
        rss_peak, pss_peak = first.rss_kib, first.pss_kib
        while time.monotonic() - t0 < args.measure:
            subprocess.run(["xdotool", "mousemove_relative", "--", "-3", "0"], check=False)
            time.sleep(5)
            reading = read_tree(pid)
            rss_peak, pss_peak = max(rss_peak, reading.rss_kib), max(pss_peak, reading.pss_kib)
        last, elapsed, threads_after = read_tree(pid), time.monotonic() - t0, by_thread(pid)
        status_env = {**daemon.env}
        bare = timed([sys.executable, "-c", "pass"], status_env)
        status = timed([str(Path(sys.executable).with_name("deskbreak")), "status"], status_env)
        phase = daemon.cli("status").stdout.splitlines()[0]
    finally:
        for piece in reversed(pieces):
            piece.stop()
        xvfb.terminate()
        xvfb.wait(5)

    exact = last.cpu_exact_s is not None and first.cpu_exact_s is not None
    # per thread, so that a thread ending mid-run cannot make a difference negative
    switches = sum(after[0] - threads_before.get(name, (0, 0.0))[0] for name, after in threads_after.items())
    thread_cpu_s = sum(after[1] - threads_before.get(name, (0, 0.0))[1] for name, after in threads_after.items()) / 1000
    cpu_s = thread_cpu_s if exact else last.cpu_s - first.cpu_s
    figures = {
        "rss_mib": rss_peak / 1024,
        "cpu_pct": cpu_s / elapsed * 100,
        "wakeups_s": switches / elapsed,
        "status_ratio": status / bare,
    }
    print(f"daemon tree: {len(last.pids)} process(es), {last.threads} threads; {phase}")
    print(f"measured {elapsed:.0f} s after {args.settle:.0f} s settling; status {status * 1000:.1f} ms, "
          f"python -c pass {bare * 1000:.1f} ms")
    print(f"PSS {pss_peak / 1024:.1f} MiB (RSS with shared pages split among their users); CPU from "
          + ("per-thread scheduler time (ns)" if exact else f"/proc ticks of {1000 // os.sysconf('SC_CLK_TCK')} ms"))
    print(f"threads: {first.threads} at the start, {last.threads} at the end")
    print("by thread (wakeups, CPU ms):")
    for name in sorted(threads_before.keys() | threads_after.keys()):
        count, cpu_ms = threads_before.get(name, (0, 0.0))
        if name not in threads_after:
            print(f"  {name:<32}  ended during the run")
            continue
        born = "" if name in threads_before else "  (started during the run)"
        print(f"  {name:<32}{threads_after[name][0] - count:>6}{threads_after[name][1] - cpu_ms:>10.2f}{born}")
    print(f"{'figure':<14}{'value':>12}{'budget':>10}")
    for name, value in figures.items():
        mark = "" if value <= BUDGET[name] else "  over budget"
        print(f"{name:<14}{value:>12.4f}{BUDGET[name]:>10g}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
