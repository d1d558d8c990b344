"""Issue 13, class 5: clients that connect and trickle a byte at a time, or say nothing, cannot
lock the CLI out: each connection has a deadline for its handshake and its message, and when
every slot is taken the CLI says the daemon is busy, never that it is not running. The daemon's
memory stays flat meanwhile (the figure is printed with -s)."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from deskbreak.ipc.server import HANDSHAKE_S, MAX_CLIENTS
from tests.daemon.harness import wait_until

CALM = '[reminders]\nsit_limit = "1h"\n[presence]\nsample_every = "1s"\n[desktop]\nnotifier = "console"\ntray = "none"\n'


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


class Trickler(threading.Thread):
    """Connects, then sends one byte every `gap` seconds for as long as the daemon keeps it;
    connects again when cut off. Counts how long each connection lasted."""

    def __init__(self, address: str, stop: threading.Event, gap: float = 0.3, silent: bool = False) -> None:
        super().__init__(daemon=True)
        self.address, self.stop, self.gap, self.silent = address, stop, gap, silent
        self.lasted: list[float] = []

    def run(self) -> None:
        while not self.stop.is_set():
            with socket.socket(socket.AF_UNIX) as sock:
                began = time.monotonic()
                try:
                    sock.connect(self.address)
                    sock.settimeout(self.gap)
                    while not self.stop.is_set():
                        try:
                            if not sock.recv(64):
                                break  # the daemon ended this connection
                        except TimeoutError:
                            pass
                        if not self.silent:
                            sock.send(b"\x00")
                except OSError:
                    pass
                self.lasted.append(time.monotonic() - began)


def start_tricklers(daemon, count: int, **kw) -> tuple[list[Trickler], threading.Event]:
    stop = threading.Event()
    address = str(daemon.root / "runtime" / "deskbreak" / "control.sock")
    tricklers = [Trickler(address, stop, **kw) for _ in range(count)]
    for t in tricklers:
        t.start()
    return tricklers, stop


@pytest.mark.parametrize("silent", [False, True])
def test_a_handful_of_slow_clients_never_keep_status_from_answering(make_daemon, silent):
    daemon = make_daemon(CALM).start()
    before = rss_kib(daemon.proc.pid)
    tricklers, stop = start_tricklers(daemon, 8, silent=silent)
    try:
        for _ in range(15):
            result = daemon.cli("status")
            assert result.returncode == 0, result.stderr
        # on a quick machine the 15 answers come before any deadline: wait for every slow client to be cut once
        wait_until(lambda: all(t.lasted for t in tricklers), timeout=HANDSHAKE_S + 10, what="every slow client cut")
    finally:
        stop.set()
    cut = [lasted for t in tricklers for lasted in t.lasted]
    assert cut and max(cut) < HANDSHAKE_S + 3.0  # every slow connection was ended by its deadline
    after = rss_kib(daemon.proc.pid)
    print(f"\ndaemon RSS under 8 {'silent' if silent else 'trickling'} clients: {before} KiB -> {after} KiB")
    assert after - before < 8 * 1024


def test_a_flood_of_slow_clients_gets_busy_not_not_running(make_daemon):
    daemon = make_daemon(CALM).start()
    before = rss_kib(daemon.proc.pid)
    tricklers, stop = start_tricklers(daemon, MAX_CLIENTS * 2)
    answered = busy = 0
    try:
        for _ in range(6):
            result = daemon.cli("status")
            assert "not running" not in result.stderr, result.stderr
            if result.returncode == 0:
                answered += 1
            else:
                assert result.returncode == 3 and "running but busy" in result.stderr, result.stderr
                busy += 1
    finally:
        stop.set()
        for t in tricklers:
            t.join(5)
    after = rss_kib(daemon.proc.pid)
    print(f"\ndaemon RSS under {MAX_CLIENTS * 2} trickling clients: {before} KiB -> {after} KiB (status answered {answered}, busy {busy})")
    assert after - before < 16 * 1024
    assert daemon.cli("status").returncode == 0  # and all is well once they are gone
