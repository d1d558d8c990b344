"""The daemon's resource budget inside a real Wayland desktop (sway or KDE Plasma), in one run.

Starts the desktop headless (tests/desktop/rigs), runs `deskbreak run` inside it with only
WAYLAND_DISPLAY (default settings: idle from the compositor's idle protocol, the desktop
notifier, sway's IPC for fullscreen views), keeps the user present with pointer motion every
5 s from one input client, lets it settle, then reads the daemon's process tree from /proc as resources.py does.
What it shows beside resources.py: the Wayland idle thread and the sway IPC thread sleep
between events, so they add no wakeups while nothing changes.

Run: .venv/bin/python benchmarks/wayland_resources.py sway|kde [--settle 15] [--measure 60]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bytecode import compile_deskbreak  # noqa: E402
from benchmarks.proctree import by_thread, read_tree  # noqa: E402
from benchmarks.resources import BUDGET, DEFAULTS  # noqa: E402
from tests.daemon.harness import Daemon  # noqa: E402
from tests.desktop import desktops  # noqa: E402


def _moving(desktop: desktops.Desktop, seconds: float) -> list[str]:
    """One input client that moves the pointer every 5 s for `seconds`. One client for the whole
    run: each new virtual pointer is a device plugged in, which every client bound to the seat
    hears about (two wl_seat events), and a real user does not plug a mouse in every 5 s."""
    steps: list[str] = []
    for step in range(int(seconds // 5) + 1):
        steps += ["abs", str(100 + step % 2 * 50), "100", "sleep", "5"]
    if desktop.kind == "sway":
        return [sys.executable, str(desktops.TOOLS / "wl_vpointer.py"), "--size", "1280x800", *steps]
    return [sys.executable, str(desktops.TOOLS / "kwin_fakeinput.py"), *steps]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("desktop", choices=("sway", "kde"))
    parser.add_argument("--settle", type=float, default=15.0)
    parser.add_argument("--measure", type=float, default=60.0)
    args = parser.parse_args()
    compile_deskbreak()
    desktop = desktops.start(args.desktop)
    root = Path(tempfile.mkdtemp(prefix="deskbreak-bench-"))
    daemon = Daemon(root, config=DEFAULTS, display=True)
    daemon.env = {**desktop.client_env(root), "DESKBREAK_CONFIG": str(daemon.config_file)}
    try:
        daemon.start()
        pid = daemon.proc.pid  # type: ignore[union-attr]
        mover = subprocess.Popen(_moving(desktop, args.settle + args.measure + 10), env=desktop.env,
                                 stdout=subprocess.DEVNULL)
        time.sleep(args.settle)
        first, t0, threads_before = read_tree(pid), time.monotonic(), by_thread(pid)
        time.sleep(args.measure)
        last, elapsed, threads_after = read_tree(pid), time.monotonic() - t0, by_thread(pid)
        mover.terminate()
        adapters = [line.split(": ", 1)[1] for line in daemon.output().splitlines()
                    if "deskbreak.daemon.app:" in line and ("session:" in line or "idle source" in line
                                                            or "held back" in line or "notifier:" in line)]
    finally:
        daemon.stop()
        desktops.finish(desktop)

    switches = sum(after[0] - threads_before.get(name, (0, 0.0))[0] for name, after in threads_after.items())
    cpu_s = sum(after[1] - threads_before.get(name, (0, 0.0))[1] for name, after in threads_after.items()) / 1000
    print("\n".join(adapters))
    print(f"daemon tree: {len(last.pids)} process(es), {last.threads} threads; measured {elapsed:.0f} s")
    print(f"RSS {last.rss_kib / 1024:.1f} MiB, PSS {last.pss_kib / 1024:.1f} MiB")
    print("by thread (wakeups, CPU ms):")
    for name in sorted(threads_after):
        count, cpu_ms = threads_before.get(name, (0, 0.0))
        print(f"  {name:<32}{threads_after[name][0] - count:>6}{threads_after[name][1] - cpu_ms:>10.2f}")
    figures = {"rss_mib": last.rss_kib / 1024, "cpu_pct": cpu_s / elapsed * 100, "wakeups_s": switches / elapsed}
    for name, value in figures.items():
        mark = "" if value <= BUDGET[name] else "  over budget"
        print(f"{name:<14}{value:>12.4f}{BUDGET[name]:>10g}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
