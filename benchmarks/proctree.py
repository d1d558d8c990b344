"""Readings of a process and all its descendants from /proc: RSS, CPU time, context switches.

Context switches (voluntary + involuntary, summed over every thread) stand in for wakeups:
a thread that sleeps and is woken costs one voluntary switch. CPU time comes from each thread's
scheduler account (/proc/PID/task/TID/sched, nanoseconds) where the kernel has it, because the
10 ms ticks of /proc/PID/stat are too coarse for a budget of 0.01 % over a minute (6 ms). PSS
(shared pages split among the processes that map them) is read beside RSS, since most of a GUI
process's RSS is shared libraries.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class TreeReading:
    pids: tuple[int, ...]
    rss_kib: int
    pss_kib: int
    cpu_s: float
    cpu_exact_s: float | None  # None: the kernel keeps no per-thread scheduler account
    switches: int
    threads: int


def descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def read_tree(root: int) -> TreeReading:
    rss = pss = cpu = switches = threads = 0
    exact: float | None = 0.0
    pids = descendants(root)
    for pid in pids:
        proc = Path(f"/proc/{pid}")
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            cpu += int(fields[11]) + int(fields[12])  # utime, stime in ticks
            rss += _status_field(proc / "status", "VmRSS")
            pss += _status_field(proc / "smaps_rollup", "Pss")
            for task in (proc / "task").iterdir():
                threads += 1
                runtime = _sched_runtime_ms(task / "sched")
                exact = None if exact is None or runtime is None else exact + runtime / 1000
                switches += _status_field(task / "status", "voluntary_ctxt_switches")
                switches += _status_field(task / "status", "nonvoluntary_ctxt_switches")
        except OSError:
            continue
    return TreeReading(tuple(pids), rss, pss, cpu / CLOCK_TICKS, exact, switches, threads)


def _sched_runtime_ms(path: Path) -> float | None:
    try:
        text = path.read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("se.sum_exec_runtime"):
            return float(line.split(":")[1])
    return None


def _status_field(path: Path, name: str) -> int:
    for line in path.read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    return 0


def by_thread(root: int) -> dict[str, tuple[int, float]]:
    """Context switches and CPU ms per thread ("pid/tid name"), to see which thread wakes and works."""
    found: dict[str, tuple[int, float]] = {}
    for pid in descendants(root):
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                name = (task / "comm").read_text().strip()
                switches = _status_field(task / "status", "voluntary_ctxt_switches") + \
                    _status_field(task / "status", "nonvoluntary_ctxt_switches")
                found[f"{pid}/{task.name} {name}"] = (switches, _sched_runtime_ms(task / "sched") or 0.0)
        except OSError:
            continue
    return found
