"""A small client for the control socket on POSIX, speaking multiprocessing.connection's wire
format (4-byte length frames and its HMAC challenge handshake) with only socket and hmac.

Why not multiprocessing.connection.Client itself: importing it costs more than the rest of
`deskbreak status` together. The server side stays on multiprocessing.connection (and
Windows clients use it too); the handshake here answers in the legacy MD5 form that every
CPython version's server accepts, and tests run it against the real server.
"""

from __future__ import annotations

import hmac
import os
import socket
import struct
import time

from deskbreak.ipc.protocol import BUSY

CHALLENGE = b"#CHALLENGE#"
WELCOME = b"#WELCOME#"
FAILURE = b"#FAILURE#"
HANDSHAKE_LIMIT = 256


class HandshakeFailed(ConnectionError):
    """The daemon and this client do not share the key (a daemon from another start?)."""


class DaemonBusy(ConnectionError):
    """The daemon is there but every connection slot is taken; worth trying again shortly."""


class Wire:
    def __init__(self, address: str, authkey: bytes, timeout: float) -> None:
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.settimeout(timeout)
        try:
            self._connect(address, timeout)
            self._handshake(authkey)
        except BaseException:
            self._sock.close()
            raise

    def _connect(self, address: str, timeout: float) -> None:
        """A Unix socket whose backlog is full refuses a timed connect with EAGAIN at once
        instead of waiting: retry briefly until the daemon accepts or the time is up."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._sock.connect(address)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise DaemonBusy("the daemon's queue of new connections is full") from None
                time.sleep(0.01)

    def send(self, payload: bytes) -> None:
        self._sock.sendall(struct.pack("!i", len(payload)) + payload)

    def receive(self, limit: int) -> bytes:
        (size,) = struct.unpack("!i", self._exactly(4))
        if not 0 <= size <= limit:
            raise ConnectionError(f"the daemon sent a {size}-byte reply, over the {limit}-byte limit")
        return self._exactly(size)

    def close(self) -> None:
        self._sock.close()

    def _handshake(self, key: bytes) -> None:
        challenge = self.receive(HANDSHAKE_LIMIT)
        if challenge == BUSY:
            raise DaemonBusy("every connection to the daemon is in use")
        if not challenge.startswith(CHALLENGE):
            raise HandshakeFailed("the daemon did not start the handshake")
        self.send(hmac.new(key, challenge[len(CHALLENGE) :], "md5").digest())
        if self.receive(HANDSHAKE_LIMIT) != WELCOME:
            raise HandshakeFailed("the daemon refused this client's key")
        mine = os.urandom(20)
        self.send(CHALLENGE + mine)
        if not hmac.compare_digest(self.receive(HANDSHAKE_LIMIT), hmac.new(key, mine, "md5").digest()):
            self.send(FAILURE)
            raise HandshakeFailed("the daemon could not prove it holds the key")
        self.send(WELCOME)

    def _exactly(self, count: int) -> bytes:
        data = b""
        while len(data) < count:
            chunk = self._sock.recv(count - len(data))
            if not chunk:
                raise EOFError("the daemon closed the connection")
            data += chunk
        return data
