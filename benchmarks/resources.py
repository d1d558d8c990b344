"""The daemon's resource budget on a real desktop with an SNI tray, beside Safe Eyes and Workrave.

Starts XFCE's panel under its own Xvfb with a private session bus (the panel is the SNI watcher
and host, and an XEmbed tray too), dunst and PulseAudio on that bus (no call in progress, so
the busy probes, asked only when a reminder is due, have nothing to find), and an empty second bus as the system bus
(Safe Eyes and Workrave listen there for suspend). Runs `deskbreak run` with the default settings
(so the StatusNotifierItem tray and the desktop notifier are live), Safe Eyes and Workrave from
Debian, each with its own home, all at once; keeps the user present by moving the pointer, lets
them settle, then reads each one's whole process tree from /proc over the same window: RSS (peak)
and PSS, CPU from each thread's scheduler account in nanoseconds, and context switches per
thread as wakeups. Prints the three side by side with deskbreak's ratio to each, then times
`deskbreak status` against a bare `python -c pass`.
Budget (deskbreak, issue 26): RSS <= 40 MiB, PSS <= 30 MiB, CPU <= 0.01 %, <= 0.1 wakeups/s,
status <= 3x the bare interpreter. The daemon runs on the real clock, and (unless --first-start)
is started once before the measured start, so it reads the tray's looks it kept, as every start
but the first after an install does.

Run: .venv/bin/python benchmarks/resources.py [--settle 15] [--measure 60] [--alone] [--first-start] [--where]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bytecode import compile_deskbreak  # noqa: E402
from benchmarks.proctree import TreeReading, by_thread, read_tree  # noqa: E402
from tests.daemon.harness import Daemon  # noqa: E402
from tests.desktop import desktops, rig  # noqa: E402

BUDGET = {"rss_mib": 40.0, "pss_mib": 30.0, "cpu_pct": 0.01, "wakeups_s": 0.1}
DEFAULTS = "# every setting at its default\n"
OTHERS = {"Safe Eyes": ["safeeyes"], "Workrave": ["workrave"]}


@dataclass
class Watched:
    """One application's process tree over the measuring window."""

    name: str
    pid: int
    first: TreeReading | None = None
    threads_before: dict[str, tuple[int, float]] = field(default_factory=dict)
    rss_peak: int = 0
    pss_peak: int = 0

    def begin(self) -> None:
        self.first, self.threads_before = read_tree(self.pid), by_thread(self.pid)
        self.rss_peak, self.pss_peak = self.first.rss_kib, self.first.pss_kib

    def sample(self) -> None:
        reading = read_tree(self.pid)
        self.rss_peak, self.pss_peak = max(self.rss_peak, reading.rss_kib), max(self.pss_peak, reading.pss_kib)

    def figures(self, elapsed: float) -> tuple[dict[str, float], dict[str, tuple[int, float]], TreeReading]:
        """The figures, each thread's (wakeups, CPU ms) over the window, and the last reading."""
        last, after = read_tree(self.pid), by_thread(self.pid)
        # per thread, so that a thread ending mid-run cannot make a difference negative
        deltas = {name: (now[0] - self.threads_before.get(name, (0, 0.0))[0],
                         now[1] - self.threads_before.get(name, (0, 0.0))[1]) for name, now in after.items()}
        switches = sum(count for count, _ in deltas.values())
        cpu_ms = sum(cpu for _, cpu in deltas.values())
        return {"rss_mib": self.rss_peak / 1024, "pss_mib": self.pss_peak / 1024,
                "cpu_pct": cpu_ms / 1000 / elapsed * 100, "wakeups_s": switches / elapsed}, deltas, last


def timed(argv: list[str], env: dict[str, str], runs: int = 21) -> float:
    """Median wall time of a fresh process, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def start_other(argv: list[str], home: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """Another break reminder as a user of this desktop would run it, in a home of its own."""
    home.mkdir(parents=True)
    own = {**env, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share"),
           "XDG_CACHE_HOME": str(home / ".cache"), "XDG_STATE_HOME": str(home / ".local/state")}
    log = (home / "output.txt").open("w")
    return subprocess.Popen(argv, env=own, stdout=log, stderr=log, stdin=subprocess.DEVNULL)


def largest_mappings(pid: int, count: int = 25) -> list[str]:
    """The process's mappings with the most resident memory (RSS and PSS in KiB), by file."""
    totals: dict[str, list[int]] = {}
    name = "?"
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        head = line.split()
        if head and not head[0].endswith(":"):
            name = head[5].rsplit("/", 1)[-1] if len(head) > 5 else "[anonymous]"
        elif head and head[0] in ("Rss:", "Pss:"):
            totals.setdefault(name, [0, 0])[head[0] == "Pss:"] += int(head[1])
    ranked = sorted(totals.items(), key=lambda item: -item[1][0])[:count]
    return ["largest mappings (RSS KiB, PSS KiB):"] + [f"  {rss:>7} {pss:>7}  {what}" for what, (rss, pss) in ranked]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settle", type=float, default=15.0)
    parser.add_argument("--measure", type=float, default=60.0)
    parser.add_argument("--alone", action="store_true", help="measure deskbreak only (no Safe Eyes, no Workrave)")
    parser.add_argument("--first-start", action="store_true",
                        help="measure the first start, which draws the tray's looks (default: a later one, which reads them)")
    parser.add_argument("--where", action="store_true", help="also print deskbreak's largest mappings by RSS")
    args = parser.parse_args()
    compile_deskbreak()
    others = {} if args.alone else OTHERS
    for argv in others.values():
        if not shutil.which(argv[0]):
            sys.exit(f"{argv[0]} is not installed: apt-get install -y safeeyes workrave (or run with --alone)")

    root = Path(tempfile.mkdtemp(prefix="deskbreak-bench-"))
    desktop = desktops.start("xfce")
    pieces: list = []
    others_running: list[subprocess.Popen[bytes]] = []
    try:
        system_bus = rig.SessionBus(root / "system-bus")
        pieces.append(system_bus)
        env = {**desktop.env, "DBUS_SYSTEM_BUS_ADDRESS": system_bus.address, "XDG_CURRENT_DESKTOP": "XFCE"}
        pieces.append(rig.Dunst(root / "dunst", env))
        sound = rig.SoundServer(root / "pulse", env)
        pieces.append(sound)
        os.environ["PULSE_SERVER"] = sound.server
        (root / "daemon").mkdir()
        # day=None: the real clock, as users run it (tests' wall-clock shim, time-machine, would
        # load hashlib's libcrypto and its own modules into the measured daemon: about 4 MiB)
        daemon = Daemon(root / "daemon", config=DEFAULTS, display=True, day=None)
        daemon.env.update(DISPLAY=env["DISPLAY"], DBUS_SESSION_BUS_ADDRESS=env["DBUS_SESSION_BUS_ADDRESS"],
                          DBUS_SYSTEM_BUS_ADDRESS=system_bus.address, XDG_CURRENT_DESKTOP="XFCE")
        if not args.first_start:  # every start but the first after an install reads the looks it kept
            daemon.start()
            rig.poll(lambda: '"tray": "StatusNotifierItem"' in daemon.cli("status", "--json").stdout, what="the SNI tray")
            rig.poll(lambda: any(daemon.root.glob("cache/deskbreak/tray-looks-*.bin")), what="the tray's looks kept")
            daemon.stop()
        daemon.start()
        pieces.append(daemon)
        watched = [Watched("deskbreak", daemon.proc.pid)]
        for name, argv in others.items():
            others_running.append(start_other(argv, root / name.replace(" ", "-").lower(), env))
            watched.append(Watched(name, others_running[-1].pid))
        pointer = {**env}
        settle_until = time.monotonic() + args.settle
        while time.monotonic() < settle_until:
            subprocess.run(["xdotool", "mousemove_relative", "--", "3", "0"], env=pointer, check=False)
            time.sleep(1)
        for app in watched:
            app.begin()
        t0 = time.monotonic()
        while time.monotonic() - t0 < args.measure:
            subprocess.run(["xdotool", "mousemove_relative", "--", "-3", "0"], env=pointer, check=False)
            time.sleep(5)
            for app in watched:
                app.sample()
        elapsed = time.monotonic() - t0
        results = {app.name: app.figures(elapsed) for app in watched}
        dead = [app.name for app, proc in zip(watched[1:], others_running) if proc.poll() is not None]
        bare = timed([sys.executable, "-c", "pass"], daemon.env)
        status = timed([str(Path(sys.executable).with_name("deskbreak")), "status"], daemon.env)
        phase = daemon.cli("status").stdout.splitlines()[0]
        tray = daemon.cli("status", "--json").stdout
        where = largest_mappings(daemon.proc.pid) if args.where else []
    finally:
        for proc in others_running:
            rig.end(proc)
        for piece in reversed(pieces):
            piece.stop()
        desktops.finish(desktop)
        shutil.rmtree(root, ignore_errors=True)

    ours, threads, last = results["deskbreak"]
    print(f"deskbreak: {last.threads} threads in {len(last.pids)} process(es); {phase}; tray "
          + ("StatusNotifierItem" if '"tray": "StatusNotifierItem"' in tray else "NOT the SNI tray: " + tray))
    print(f"measured {elapsed:.0f} s after {args.settle:.0f} s settling, all at once on one XFCE panel")
    if dead:
        print(f"exited during the run (figures not comparable): {', '.join(dead)}")
    print("deskbreak by thread (wakeups, CPU ms):")
    for name, (count, cpu_ms) in sorted(threads.items()):
        print(f"  {name:<32}{count:>8}{cpu_ms:>10.2f}")
    names = list(results)
    header = f"{'figure':<12}" + "".join(f"{n:>12}" for n in names) + "".join(
        f"{'÷ ' + n:>14}" for n in names[1:]) + f"{'budget':>9}"
    print(header)
    for figure, budget in BUDGET.items():
        values = [results[n][0][figure] for n in names]
        ratios = "".join(f"{(values[0] / v if v else float('inf')):>14.2f}" for v in values[1:])
        mark = "" if budget is None or values[0] <= budget else "  over budget"
        print(f"{figure:<12}" + "".join(f"{v:>12.4f}" for v in values) + ratios
              + f"{'' if budget is None else format(budget, 'g'):>9}{mark}")
    for name in names[1:]:
        print(f"{name}: {results[name][2].threads} threads in {len(results[name][2].pids)} process(es)")
    for line in where:
        print(line)
    ratio = status / bare
    print(f"deskbreak status {status * 1000:.1f} ms, python -c pass {bare * 1000:.1f} ms: {ratio:.2f}x (budget 3x)"
          + ("" if ratio <= 3 else "  over budget"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
