"""Issue 20, rule 3: nothing the daemon prints can stall it. Its stdout and stderr are a pipe
nobody reads (made as small as Linux allows, so it fills at once); after a burst of log lines
and prints, commands still answer, the log file still gets its lines, and SIGTERM stops it."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time

import pytest

from deskbreak.daemon.logsetup import Outlet
from tests.daemon.harness import Daemon, wait_until

F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)


def pipe_nobody_reads() -> tuple[int, int]:
    read, write = os.pipe()
    fcntl.fcntl(write, F_SETPIPE_SZ, 4096)
    return read, write


@pytest.mark.parametrize("stream", ["a full pipe", "a closed pipe"])
def test_a_daemon_whose_output_nobody_reads_still_answers_and_stops_on_sigterm(tmp_path, stream):
    daemon = Daemon(tmp_path)
    read, write = pipe_nobody_reads()
    proc = subprocess.Popen([*daemon.command, "run", "-v"], env=daemon.env, stdout=write, stderr=write, stdin=subprocess.DEVNULL)
    os.close(write)
    if stream == "a closed pipe":
        os.close(read)
    try:
        wait_until(lambda: daemon.cli("status").returncode == 0, what="the daemon to answer")
        for _ in range(12):  # each logs warnings and prints a notice: far more than the pipe holds
            answered = daemon.cli("break", timeout=10)
            assert "lost the connection" not in answered.stdout + answered.stderr
        started = time.monotonic()
        for _ in range(5):
            assert daemon.cli("status").returncode == 0
        assert time.monotonic() - started < 10
        log_file = tmp_path / "state" / "deskbreak" / "log" / "deskbreak.log"
        wait_until(lambda: log_file.exists() and log_file.read_text().count("routine window cannot be shown") >= 12, what="the log file")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0
        assert "lost while the output could not keep up or was closed" in log_file.read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if stream == "a full pipe":
            os.close(read)


def test_an_outlet_never_blocks_and_counts_what_it_loses():
    read, write = pipe_nobody_reads()
    outlet = Outlet(write, "test")
    started = time.monotonic()
    for _ in range(5000):
        outlet.write("x" * 200 + "\n")
    assert time.monotonic() - started < 2
    assert outlet.lost > 0
    os.close(read)
    os.close(write)


def test_an_outlet_on_a_closed_descriptor_loses_quietly():
    read, write = os.pipe()
    os.close(read)
    os.close(write)
    outlet = Outlet(write, "closed")
    outlet.write("nobody hears this\n")
    outlet.finish(1.0)
    assert outlet.lost == 1


def test_a_daemon_started_with_its_stderr_closed_runs(tmp_path):
    daemon = Daemon(tmp_path)
    proc = subprocess.Popen(
        [*daemon.command, "run"],
        env=daemon.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=lambda: os.close(2),
    )
    try:
        wait_until(lambda: daemon.cli("status").returncode == 0, what="the daemon to answer")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


del sys
