"""A small client for the control socket on POSIX, speaking multiprocessing.connection's wire
format (4-byte length frames and its HMAC challenge handshake) with only socket and hmac.

Why not multiprocessing.connection.Client itself: importing it costs more than the rest of
`deskbreak status` together. The server side stays on multiprocessing.connection (and
Windows clients use it too); the handshake here answers in the legacy MD5 form that every
CPython version's server accepts, and tests run it against the real server.

Only the interpreter's built-in modules: the socket module (its enums are built at import),
hmac (it loads OpenSSL) and struct cost the quick `status` path a fifth of its time, so the
socket is _socket's, the frame length int.to_bytes, and HMAC-MD5 (RFC 2104) is made from the
built-in _md5 (hashlib's where a build has none); a test holds it to hmac's.
"""

from __future__ import annotations

import os
import time
from _operator import _compare_digest as compare_digest  # what hmac.compare_digest is without OpenSSL
from _socket import AF_UNIX, SOCK_STREAM, socket

from deskbreak.ipc.protocol import BUSY

try:
    from _md5 import md5  # type: ignore[import-not-found, unused-ignore]  # typeshed has no stubs for it
except ImportError:  # a build without the built-in MD5
    from hashlib import md5

CHALLENGE = b"#CHALLENGE#"
WELCOME = b"#WELCOME#"
FAILURE = b"#FAILURE#"
HANDSHAKE_LIMIT = 256
_BLOCK = 64  # MD5's block size in bytes
_INNER, _OUTER = bytes(x ^ 0x36 for x in range(256)), bytes(x ^ 0x5C for x in range(256))


class HandshakeFailed(ConnectionError):
    """The daemon and this client do not share the key (a daemon from another start?)."""


class DaemonBusy(ConnectionError):
    """The daemon is there but every connection slot is taken; worth trying again shortly."""


class Wire:
    def __init__(self, address: str, authkey: bytes, timeout: float) -> None:
        self._sock = socket(AF_UNIX, SOCK_STREAM)
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
        self._sock.sendall(len(payload).to_bytes(4, "big", signed=True) + payload)

    def receive(self, limit: int) -> bytes:
        size = int.from_bytes(self._exactly(4), "big", signed=True)
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
        self.send(hmac_md5(key, challenge[len(CHALLENGE) :]))
        if self.receive(HANDSHAKE_LIMIT) != WELCOME:
            raise HandshakeFailed("the daemon refused this client's key")
        mine = os.urandom(20)
        self.send(CHALLENGE + mine)
        if not compare_digest(self.receive(HANDSHAKE_LIMIT), hmac_md5(key, mine)):
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


def hmac_md5(key: bytes, message: bytes) -> bytes:
    """hmac.new(key, message, "md5").digest(), as RFC 2104 defines it."""
    if len(key) > _BLOCK:
        key = md5(key).digest()
    key = key.ljust(_BLOCK, b"\0")
    digest: bytes = md5(key.translate(_OUTER) + md5(key.translate(_INNER) + message).digest()).digest()
    return digest
