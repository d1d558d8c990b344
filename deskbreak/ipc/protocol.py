"""Message framing rules shared by client and server: small JSON objects, never pickle.

The client's side writes and reads JSON with the json module's own C encoder and scanner
(`_json`), set up as json.dumps(separators=(",", ":")) and json.loads set them up: importing the
json package pulls in re, which would cost the quick `status` path a tenth of its time. A test
holds the two to json's answers; an interpreter without `_json` uses json itself.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's import alone would cost the quick `status` path a third more
if TYPE_CHECKING:
    from typing import Any

MAX_MESSAGE_BYTES = 64 * 1024
BUSY = b"#BUSY#"  # sent in place of the handshake's challenge when every connection slot is taken


class ProtocolError(ValueError):
    """A message that is not a small JSON object with a string "cmd"."""


def encode(message: dict[str, Any]) -> bytes:
    data = _dumps(message).encode()
    if len(data) > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"message of {len(data)} bytes exceeds the {MAX_MESSAGE_BYTES}-byte limit")
    return data


def decode_request(data: bytes) -> dict[str, Any]:
    import json

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
    reply = _loads(data.decode("utf-8"))
    if not isinstance(reply, dict) or "ok" not in reply:
        raise ProtocolError("the daemon sent a reply this version does not understand")
    return reply


class _Settings:
    """What json's C scanner reads its settings from: json.loads' defaults."""

    strict = True
    object_hook = object_pairs_hook = None
    parse_float, parse_int = float, int
    parse_constant = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}.__getitem__


def _unserializable(value: object) -> object:
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


try:
    from _json import encode_basestring_ascii, make_encoder, make_scanner
except ImportError:  # no C part: json itself

    def _dumps(value: Any) -> str:
        import json

        return json.dumps(value, separators=(",", ":"))

    def _loads(text: str) -> Any:
        import json

        return json.loads(text)

else:
    _scan = make_scanner(_Settings())  # type: ignore[arg-type]  # typeshed names the scanner's own type; any settings object does
    _SPACE = " \t\n\r"

    def _dumps(value: Any) -> str:
        # a new encoder each time, as json.dumps makes one: its markers (for cycles) must start empty
        encoder = make_encoder({}, _unserializable, encode_basestring_ascii, None, ":", ",", False, False, True)
        return "".join(encoder(value, 0))

    def _loads(text: str) -> Any:
        """json.loads(text); ValueError where it raises JSONDecodeError (a ValueError)."""
        start = len(text) - len(text.lstrip(_SPACE))
        try:
            value, end = _scan(text, start)
        except StopIteration:
            raise ValueError("the daemon's reply is not JSON") from None
        if text[end:].strip(_SPACE):
            raise ValueError("the daemon's reply has more after its JSON")
        return value
