"""Many log lines decoded at once by msgspec, their fields checked in C.

Reading years of log spends most of its time decoding JSON and checking each field against
deskbreak.eventlog.rules in Python. msgspec does both in one pass over the bytes: once into
plain dicts (the records' data) and once into a struct built from the same rules (types,
ranges, null), which fails on the first field that breaks one. Only the line's version, time
and kind are left to Python. It accepts a line only where the json module and the rules
would too: anything it refuses (including JSON the json module reads and msgspec does not,
such as NaN or a byte-order mark) is handed back, and the caller reads those lines one by one.

Importing msgspec costs more than a few thousand lines take with the json module, so the
reader uses this only from MIN_LINES lines on.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec

from deskbreak.eventlog.rules import FIELDS, WHOLE, Rule

MIN_LINES = 10_000


def _field_type(rule: Rule) -> Any:
    types, high, none = rule
    if types is WHOLE:
        kind: Any = Annotated[int, msgspec.Meta(ge=0, le=int(high))]
    elif str in types:
        kind = Annotated[str, msgspec.Meta(max_length=int(high))]
    else:
        kind = Annotated[float, msgspec.Meta(ge=0, le=high)]
    return (kind | None if none else kind) | msgspec.UnsetType


_CHECKED = msgspec.defstruct("Checked", [(key, _field_type(rule), msgspec.UNSET) for key, rule in FIELDS.items()])
_AS_DICTS = msgspec.json.Decoder(list[dict[str, Any]])
_AS_CHECKED = msgspec.json.Decoder(list[_CHECKED])  # type: ignore[valid-type]


def decode_checked(joined: bytes, count: int) -> list[dict[str, Any]] | None:
    """`joined` is "[" + lines joined by commas + "]": its `count` lines as dicts whose known
    fields all keep the rules, or None when any line is not such a JSON object."""
    try:
        lines = _AS_DICTS.decode(joined)
        if len(lines) != count:
            return None
        _AS_CHECKED.decode(joined)
    except (msgspec.DecodeError, RecursionError):
        return None
    return lines
