"""TOML parsed within bounds: the one way deskbreak parses the TOML it reads (config, routines).

tomllib parses nested arrays and inline tables by recursion, so `a = [[[[…` a hundred thousand
deep ends in a RecursionError, which no caller expects from a parser and which became a
traceback in `config check`, `routines` and every command that loads the config; a depth tomllib
still manages (900) broke the next recursive reader of the values. So nesting deeper than
MAX_DEPTH, which no file of deskbreak's needs, is a TOMLDecodeError like any other syntax error,
which every caller already turns into one line naming the file.
"""

from __future__ import annotations

import tomllib
from typing import Any

MAX_DEPTH = 16  # deskbreak's own files nest three levels (routines: [[steps]] with a list)
TOO_DEEP = f"arrays or tables nested too deeply (more than {MAX_DEPTH} levels; deskbreak's files nest a few at most)"


def loads(text: str) -> dict[str, Any]:
    """tomllib.loads; nesting deeper than MAX_DEPTH raises tomllib.TOMLDecodeError as a syntax error does."""
    try:
        document = tomllib.loads(text)
    except RecursionError:
        raise tomllib.TOMLDecodeError(TOO_DEEP) from None
    if _depth(document) > MAX_DEPTH:
        raise tomllib.TOMLDecodeError(TOO_DEEP)
    return document


def _depth(document: dict[str, Any]) -> int:
    """How deep lists and tables nest, walked without recursion (MAX_DEPTH + 1 at most)."""
    deepest = 0
    waiting: list[tuple[Any, int]] = [(document, 1)]
    while waiting:
        value, depth = waiting.pop()
        deepest = max(deepest, depth)
        if depth <= MAX_DEPTH:
            children = value.values() if isinstance(value, dict) else value
            waiting.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest
