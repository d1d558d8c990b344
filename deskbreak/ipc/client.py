"""Send one command to the running daemon and return its JSON reply."""

from __future__ import annotations

from multiprocessing.connection import Client
from typing import Any

from deskbreak.ipc.endpoint import endpoint
from deskbreak.ipc.protocol import MAX_MESSAGE_BYTES, decode_reply, encode

START_HINT = "deskbreak is not running. Start it with: deskbreak run"


class DaemonUnavailable(RuntimeError):
    """No daemon answers; str() is one line telling the user how to start it."""


def request(message: dict[str, Any], timeout: float = 3.0) -> dict[str, Any]:
    """One round trip; every way of not reaching a live daemon becomes DaemonUnavailable."""
    where = endpoint()
    try:
        authkey = where.read_authkey()
        conn = Client(where.address, family=where.family, authkey=authkey)
    except (FileNotFoundError, ConnectionRefusedError):
        raise DaemonUnavailable(START_HINT) from None
    except (OSError, EOFError) as exc:
        raise DaemonUnavailable(f"{START_HINT} (could not connect: {exc})") from None
    try:
        conn.send_bytes(encode(message))
        if not conn.poll(timeout):
            raise DaemonUnavailable(
                f"deskbreak did not answer within {timeout:g} s. Check `deskbreak doctor`, or restart it "
                "(deskbreak stop; deskbreak run)."
            )
        return decode_reply(conn.recv_bytes(MAX_MESSAGE_BYTES))
    except (OSError, EOFError) as exc:
        raise DaemonUnavailable(f"lost the connection to deskbreak ({exc}); is it still running?") from None
    finally:
        conn.close()
