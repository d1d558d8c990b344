"""The daemon's own diagnostic log (a rotating file in the user log dir, and stderr), and the rule
that nothing the daemon prints can stall it.

A write to a pipe nobody reads blocks once the pipe is full, and a thread blocked there holding
the logging lock stalls every thread that logs: the control server stops answering and SIGTERM
no longer stops the daemon. So no thread of the daemon writes a stream itself:

- log records go into a bounded queue (`_Enqueue`), and one writer thread hands them to the
  file and stderr handlers;
- sys.stdout and sys.stderr are replaced by `Outlet`s: a write queues the text (bounded) and
  returns at once; the outlet's own thread writes it to the real descriptor.

What does not fit (a full queue) or cannot be written (a closed stream, a broken pipe) is lost
and counted, never waited for; the counts go to the log file when the daemon stops. Threads are
daemon threads and are waited for only briefly at exit, so a stuck stream never holds exit up.
"""

from __future__ import annotations

import atexit
import io
import logging
import logging.handlers
import os
import queue
import sys
import threading
from pathlib import Path
from typing import Callable

from deskbreak.config.regular_file import own_dir
from deskbreak.config.safe_text import shown

QUEUED_RECORDS = 10_000
QUEUED_WRITES = 1_000
EXIT_WAIT_S = 0.5  # at exit, for the writers to catch up; a stuck stream is left behind


class Outlet(io.TextIOBase):
    """A stand-in for sys.stdout/sys.stderr whose write() never blocks (see the module's docstring)."""

    def __init__(self, fd: int, name: str) -> None:
        super().__init__()
        self._fd, self.name = fd, name
        self._queue: queue.Queue[str | None] = queue.Queue(QUEUED_WRITES)
        self.lost = 0  # writes dropped: the queue was full, or the stream closed or broken
        self._thread = threading.Thread(target=self._drain, name=f"{name}-writer", daemon=True)
        self._thread.start()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        try:
            self._queue.put_nowait(shown(text))  # routine names, config lines: shown, never run by a terminal
        except queue.Full:
            self.lost += 1
        return len(text)

    def flush(self) -> None:
        """Nothing to wait for: the writer thread writes as fast as the stream takes it."""

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return False

    def finish(self, timeout: float) -> None:
        """Let the writer catch up for at most `timeout`; what is still waiting then is lost."""
        try:
            self._queue.put_nowait(None)
            self._thread.join(timeout)
        except queue.Full:
            pass
        if self._thread.is_alive():
            self.lost += self._queue.qsize() + 1  # the write under way, and every one behind it

    def _drain(self) -> None:
        while (text := self._queue.get()) is not None:
            data = text.encode("utf-8", errors="replace")
            try:
                while data:
                    data = data[os.write(self._fd, data) :]
            except OSError:  # closed (EBADF), nobody reading any more (EPIPE), full disk behind a redirect
                self.lost += 1


class _Enqueue(logging.handlers.QueueHandler):
    """Hands a record to the writer thread without waiting; a full queue loses it, counted."""

    lost = 0

    def enqueue(self, record: logging.LogRecord) -> None:
        try:
            self.queue.put_nowait(record)
        except queue.Full:
            type(self).lost += 1


def configure(log_file: Path, verbose: bool) -> None:
    outlets = [Outlet(fd, name) for fd, name in ((1, "stdout"), (2, "stderr"))]
    sys.stdout, sys.stderr = outlets
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    try:
        own_dir(log_file.parent)
        handlers.append(_log_file(log_file))
    except OSError as exc:
        sys.stderr.write(f"deskbreak: cannot write the daemon log {log_file} ({exc}); logging to stderr only\n")
    for handler in handlers:
        handler.setFormatter(fmt)
    records: queue.Queue[logging.LogRecord | None] = queue.Queue(QUEUED_RECORDS)
    writer = threading.Thread(target=_write_records, args=(records, handlers), name="log-writer", daemon=True)
    writer.start()
    root = logging.getLogger()
    root.addHandler(_Enqueue(records))
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    global _finishing
    _finishing = lambda: _finish(records, writer, handlers, outlets)  # noqa: E731
    atexit.register(finish)


_finishing: Callable[[], None] | None = None


def finish() -> None:
    """The last records and writes out, briefly waited for: at exit, and before the daemon ends
    its process on the spot (os._exit, where GTK lost its display), which runs no atexit."""
    global _finishing
    done, _finishing = _finishing, None
    if done is not None:
        done()


def _log_file(log_file: Path) -> logging.Handler:
    """The rotating file, opened through a check that it is a regular file of ours (never a link)."""
    from deskbreak.config.regular_file import open_own

    os.close(open_own(log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT))
    return logging.handlers.RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=2, encoding="utf-8")


def _write_records(records: queue.Queue[logging.LogRecord | None], handlers: list[logging.Handler]) -> None:
    while (record := records.get()) is not None:
        for handler in handlers:
            handler.handle(record)


def lost_lines(outlets: list[Outlet]) -> str | None:
    """What was lost, in words, or None."""
    parts = [f"{outlet.lost} writes to {outlet.name}" for outlet in outlets if outlet.lost]
    if _Enqueue.lost:
        parts.append(f"{_Enqueue.lost} log records")
    return None if not parts else f"lost while the output could not keep up or was closed: {', '.join(parts)}"


def _finish(
    records: queue.Queue[logging.LogRecord | None], writer: threading.Thread, handlers: list[logging.Handler], outlets: list[Outlet]
) -> None:
    """At exit: the last records to the file (briefly waited for), the counts of what was lost."""
    try:
        records.put_nowait(None)
        writer.join(EXIT_WAIT_S)
    except queue.Full:
        pass
    for outlet in outlets:
        outlet.finish(EXIT_WAIT_S)
    said = lost_lines(outlets)
    if said and not writer.is_alive():
        for handler in handlers[1:]:  # the file: stderr is where the losses were
            handler.handle(logging.LogRecord("deskbreak.daemon.logsetup", logging.WARNING, __file__, 0, said, None, None))
