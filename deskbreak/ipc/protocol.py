"""Message framing rules shared by client and server: small JSON objects, never pickle."""

from __future__ import annotations

import json

TYPE_CHECKING = False  # typing's import alone would cost the quick `status` path a third more
if TYPE_CHECKING:
    from typing import Any

MAX_MESSAGE_BYTES = 64 * 1024
BUSY = b"#BUSY#"  # sent in place of the handshake's challenge when every connection slot is taken


class ProtocolError(ValueError):
    """A message that is not a small JSON object with a string "cmd"."""


def encode(message: dict[str, Any]) -> bytes:
    data = json.dumps(message, separators=(",", ":")).encode()
    if len(data) > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"message of {len(data)} bytes exceeds the {MAX_MESSAGE_BYTES}-byte limit")
    return data


def decode_request(data: bytes) -> dict[str, Any]:
    try:
        message = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProtocolError(f"not JSON: {exc}") from None
    except RecursionError:
        raise ProtocolError("JSON nested too deeply") from None
    if not isinstance(message, dict) or not isinstance(message.get("cmd"), str):
        raise ProtocolError('expected a JSON object with a string "cmd"')
    return message


def decode_reply(data: bytes) -> dict[str, Any]:
    reply = json.loads(data.decode("utf-8"))
    if not isinstance(reply, dict) or "ok" not in reply:
        raise ProtocolError("the daemon sent a reply this version does not understand")
    return reply
