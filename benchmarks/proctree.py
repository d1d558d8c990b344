"""Readings of a process and all its descendants from /proc: RSS, CPU time, context switches.

Context switches (voluntary + involuntary, summed over every thread) stand in for wakeups:
a thread that sleeps and is woken costs one voluntary switch.
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
    cpu_s: float
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
    rss = cpu = switches = threads = 0
    pids = descendants(root)
    for pid in pids:
        proc = Path(f"/proc/{pid}")
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            cpu += int(fields[11]) + int(fields[12])  # utime, stime in ticks
            rss += _status_field(proc / "status", "VmRSS")
            for task in (proc / "task").iterdir():
                threads += 1
                switches += _status_field(task / "status", "voluntary_ctxt_switches")
                switches += _status_field(task / "status", "nonvoluntary_ctxt_switches")
        except OSError:
            continue
    return TreeReading(tuple(pids), rss, cpu / CLOCK_TICKS, switches, threads)


def _status_field(path: Path, name: str) -> int:
    for line in path.read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    return 0
