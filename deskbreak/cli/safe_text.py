"""Logged text made safe to print: no terminal control sequences, no spreadsheet formulas.

The event log holds strings other processes wrote (routine names, error messages). `log` must
not pass an escape sequence through to the terminal (it could retitle it, hide lines or fake
output), and `--csv` must not start a cell with a character that spreadsheets execute.
"""

from __future__ import annotations

_UNSAFE = [
    *range(0x00, 0x20),
    0x7F,
    *range(0x80, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x2028,
    0x2029,
]
_SHOWN = {code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" for code in _UNSAFE}
_JSON = {code: f"\\u{code:04x}" for code in _UNSAFE}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def for_terminal(text: str) -> str:
    """Control characters shown as visible escapes (\\x1b), so they do nothing."""
    return text.translate(_SHOWN)


def for_json_line(line: str) -> str:
    """A JSON text with every control character inside its strings written as \\uXXXX."""
    return line.translate(_JSON)


def for_spreadsheet(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading formula character gets a ' in front."""
    cell = for_terminal(cell)
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell
