"""The daemon's side of the control channel.

Threading: one thread accepts; each connection gets a short-lived thread of its own, up to
MAX_CLIENTS at once. A connection has HANDSHAKE_S for the whole handshake and MESSAGE_S for its
message, however slowly the bytes arrive: when the time is up the socket is shut down, which
wakes the blocked read. So a silent, slow or hostile client holds a slot for a few seconds at
most and never blocks the daemon or other clients; when every slot is taken, a newcomer is told
BUSY at once (the CLI retries, then says the daemon is busy — not that it is not running).
Every request is bounded in size, must authenticate with the authkey, and is answered with
JSON — a malformed one gets an error reply and the daemon carries on.
"""

from __future__ import annotations

import logging
import os
import socket
import struct
import threading
from multiprocessing.connection import Connection, Listener, answer_challenge, deliver_challenge
from typing import Any, Callable

from deskbreak.ipc.endpoint import Endpoint
from deskbreak.ipc.protocol import BUSY, MAX_MESSAGE_BYTES, ProtocolError, decode_request, encode

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], dict[str, Any]]
HANDSHAKE_S = 1.5
MESSAGE_S = 2.0
MAX_CLIENTS = 32
DRAIN_LIMIT_BYTES = 1024 * 1024


class ControlServer:
    def __init__(self, where: Endpoint, authkey: bytes, handle: Handler) -> None:
        self._where = where
        self._authkey = authkey
        self._handle = handle
        self._slots = threading.BoundedSemaphore(MAX_CLIENTS)
        self._closing = threading.Event()
        self._listener = Listener(where.address, family=where.family, backlog=MAX_CLIENTS)
        if where.family == "AF_UNIX":
            os.chmod(where.address, 0o600)
        self._thread = threading.Thread(target=self._accept_loop, name="control-listener", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        """Stop accepting; wakes the blocked accept() with one throwaway connection."""
        if self._closing.is_set():
            return
        self._closing.set()
        if self._where.family == "AF_UNIX":
            with socket.socket(socket.AF_UNIX) as poke:
                try:
                    poke.connect(self._where.address)
                except OSError:
                    pass
        self._thread.join(timeout=2)
        self._listener.close()

    def _accept_loop(self) -> None:
        while not self._closing.is_set():
            try:
                conn = self._listener.accept()
            except OSError:
                if self._closing.is_set():
                    return
                log.exception("control channel: accept failed")
                continue
            if self._closing.is_set():
                conn.close()
                continue
            if not self._slots.acquire(blocking=False):
                _tell_busy(conn)
                continue
            threading.Thread(target=self._serve, args=(conn,), name="control-client", daemon=True).start()

    def _serve(self, conn: Connection) -> None:
        deadline = _Deadline(conn)
        try:
            deadline.arm(HANDSHAKE_S)
            deliver_challenge(conn, self._authkey)
            answer_challenge(conn, self._authkey)
            deadline.arm(MESSAGE_S)
            conn.send_bytes(encode(self._answer(conn)))
        except Exception as exc:  # a broken client must never take the daemon down
            log.debug("control channel: dropped a client: %r", exc)
        finally:
            deadline.close()
            self._slots.release()

    def _answer(self, conn: Connection) -> dict[str, Any]:
        try:
            if _refuse_oversized(conn):
                return {"ok": False, "error": f"message refused: longer than {MAX_MESSAGE_BYTES} bytes"}
            message = decode_request(conn.recv_bytes(MAX_MESSAGE_BYTES))
        except OSError as exc:  # oversized where the header could not be peeked at
            return {"ok": False, "error": f"message refused: {exc} (limit {MAX_MESSAGE_BYTES} bytes)"}
        except ProtocolError as exc:
            return {"ok": False, "error": f"message refused: {exc}"}
        try:
            return self._handle(message)
        except Exception as exc:
            log.exception("control channel: command %r failed", message.get("cmd"))
            return {"ok": False, "error": f"internal error handling {message.get('cmd')!r}: {exc}"}


def _refuse_oversized(conn: Connection) -> bool:
    """Peek at the length header; an oversized message is read and dropped (up to a bound) so
    the client can finish sending and read the error reply. True if it was oversized."""
    if not hasattr(socket, "MSG_PEEK"):
        return False
    sock = socket.socket(fileno=conn.fileno())
    try:
        header = sock.recv(4, socket.MSG_PEEK)
        if len(header) < 4:
            return False
        size = struct.unpack("!i", header)[0]
        if 0 <= size <= MAX_MESSAGE_BYTES:
            return False
        left = 4 + size if 0 < size <= DRAIN_LIMIT_BYTES else 0
        while left > 0:
            chunk = sock.recv(min(left, 65536))
            if not chunk:
                break
            left -= len(chunk)
        return True
    finally:
        sock.detach()


class _Deadline:
    """Shuts a connection down when its time is up, which ends any read blocked on it. The lock
    keeps the timer from touching a descriptor that was closed (and perhaps reused) meanwhile."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._closed = False

    def arm(self, seconds: float) -> None:
        self.disarm()
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True
        self._timer.start()

    def disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def close(self) -> None:
        self.disarm()
        with self._lock:
            self._closed = True
            self._conn.close()

    def _cut(self) -> None:
        with self._lock:
            if self._closed:
                return
            sock = socket.socket(fileno=self._conn.fileno())
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            finally:
                sock.detach()


def _tell_busy(conn: Connection) -> None:
    """Every slot is taken: say so in place of the handshake, so the client can tell busy from gone."""
    try:
        conn.send_bytes(BUSY)
    except OSError:
        pass
    finally:
        conn.close()
