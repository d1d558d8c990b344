"""Send one command to the running daemon and return its JSON reply.

POSIX uses the light Wire client on the Unix socket; Windows uses multiprocessing.connection
on the named pipe. Both talk to the same server.
"""

from __future__ import annotations

import sys

from deskbreak.config.i18n import N_, _
from deskbreak.ipc.endpoint import endpoint
from deskbreak.ipc.protocol import MAX_MESSAGE_BYTES, decode_reply, encode

TYPE_CHECKING = False  # typing's import alone would cost the quick `status` path a third more
if TYPE_CHECKING:
    from typing import Any

START_HINT = N_("deskbreak is not running. Start it with: deskbreak run")
BUSY_HINT = N_(
    "deskbreak is running but busy: {why}. Try again in a moment; if it lasts, another program may be "
    "flooding its control socket (deskbreak doctor; or restart it: deskbreak stop; deskbreak run)."
)
RETRY_S = 0.05


class DaemonUnavailable(RuntimeError):
    """No daemon answers; str() is one line telling the user how to start it (or that it is busy)."""


def request(message: dict[str, Any], timeout: float = 3.0) -> dict[str, Any]:
    """One round trip; every way of not reaching a live daemon becomes DaemonUnavailable, which
    tells a daemon that is not running from one that is running but busy."""
    from time import monotonic, sleep

    from deskbreak.ipc.wire import DaemonBusy

    try:
        where = endpoint()
    except OSError as exc:  # no private runtime folder could be found or made
        raise DaemonUnavailable(str(exc)) from None
    deadline = monotonic() + timeout
    while True:
        try:
            return _round_trip(where, message, max(deadline - monotonic(), RETRY_S))
        except DaemonBusy as exc:
            if monotonic() + RETRY_S >= deadline:
                raise DaemonUnavailable(_(BUSY_HINT).format(why=exc)) from None
            sleep(RETRY_S)


def _round_trip(where: Any, message: dict[str, Any], timeout: float) -> dict[str, Any]:
    from deskbreak.ipc.wire import DaemonBusy

    try:
        authkey = where.read_authkey()
        conn = _connect(where.address, where.family, authkey, timeout)
    except (FileNotFoundError, ConnectionRefusedError):
        raise DaemonUnavailable(_(START_HINT)) from None
    except DaemonBusy:
        raise
    except TimeoutError:
        why = _("it did not finish the handshake within {seconds} s").format(seconds=f"{timeout:.1f}")
        raise DaemonUnavailable(_(BUSY_HINT).format(why=why)) from None
    except EOFError:
        raise DaemonUnavailable(_(BUSY_HINT).format(why=_("it closed the connection during the handshake"))) from None
    except OSError as exc:
        raise DaemonUnavailable(
            _("deskbreak is not running. Start it with: deskbreak run (could not connect: {problem})").format(problem=exc)
        ) from None
    try:
        conn.send(encode(message))
        return decode_reply(conn.receive(MAX_MESSAGE_BYTES))
    except TimeoutError:
        raise DaemonUnavailable(
            _(
                "deskbreak is running but did not answer within {seconds} s. Check `deskbreak doctor`, or restart "
                "it (deskbreak stop; deskbreak run)."
            ).format(seconds=f"{timeout:.1f}")
        ) from None
    except (OSError, EOFError) as exc:
        raise DaemonUnavailable(_("lost the connection to deskbreak ({problem}); is it still running?").format(problem=exc)) from None
    finally:
        conn.close()


def _connect(address: str, family: str, authkey: bytes, timeout: float) -> Any:
    if sys.platform != "win32":
        from deskbreak.ipc.wire import Wire

        return Wire(address, authkey, timeout)
    return _PipeClient(address, family, authkey, timeout)


class _PipeClient:
    """multiprocessing.connection on Windows' named pipe, with Wire's three methods."""

    def __init__(self, address: str, family: str, authkey: bytes, timeout: float) -> None:
        from multiprocessing.connection import Client

        self._conn = Client(address, family=family, authkey=authkey)
        self._timeout = timeout

    def send(self, payload: bytes) -> None:
        self._conn.send_bytes(payload)

    def receive(self, limit: int) -> bytes:
        if not self._conn.poll(self._timeout):
            raise TimeoutError
        return self._conn.recv_bytes(limit)

    def close(self) -> None:
        self._conn.close()
