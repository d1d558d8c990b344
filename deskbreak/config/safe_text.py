"""Text from files and the log made safe to print: no terminal control sequences, no spreadsheet formulas.

Routine texts and file names, config lines and the event log hold strings deskbreak did not
write itself. Printed raw, an escape sequence in one could clear the screen, retitle the
window, hide lines or fake output. So every process that prints puts one filter between itself
and the terminal: the CLI's sys.stdout and sys.stderr are `SafeStream`s (deskbreak.cli.entry),
and the daemon's outlets run their text through `shown` (deskbreak.daemon.logsetup). Only
deskbreak's own control sequences (the terminal routine's line redraw and bell, doctor's
colours) pass, through `SafeStream.control`, never through write(). `--csv` also must not start
a cell with a character that spreadsheets execute.
"""

from __future__ import annotations

import errno
import io
import os

TYPE_CHECKING = False  # typing's import alone would cost the quick `status` path
if TYPE_CHECKING:
    from typing import TextIO

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


_SHOWN_IN_LINES = {code: shown for code, shown in _SHOWN.items() if code not in (0x09, 0x0A)}


def for_terminal(text: str) -> str:
    """Control characters shown as visible escapes (\\x1b), so they do nothing."""
    return text.translate(_SHOWN)


def shown(text: str) -> str:
    """As for_terminal, but a text's own line breaks and tabs stay: what every printed text goes through."""
    return text.translate(_SHOWN_IN_LINES)


class SafeStream(io.TextIOBase):
    """A text stream in front of a terminal (or pipe): what is written is `shown`, so no control
    sequence in it reaches the terminal; `control` writes deskbreak's own sequences as they are.

    A stream that fails (closed, a full disk, a pipe nobody reads any more) fails once: `failed`
    keeps why, later writes are dropped, and the descriptor is pointed at /dev/null so Python's
    own flush at exit does not fail again with a traceback. The caller turns `failed` into one
    line and an exit status (deskbreak.cli.entry)."""

    def __init__(self, stream: TextIO | io.TextIOBase | None, name: str = "output") -> None:
        super().__init__()
        self.name = name
        self.failed: OSError | None = None
        self._stream = stream if stream is not None else open(os.devnull, "w")  # noqa: SIM115  # lives as long as the process
        self._closed_at_start = stream is None

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._write(shown(text))
        return len(text)

    def control(self, sequence: str) -> None:
        self._write(sequence)

    def flush(self) -> None:
        if self.failed is None:
            try:
                self._stream.flush()
            except BrokenPipeError as exc:
                self._fail(exc)
                raise
            except (OSError, ValueError) as exc:
                self._fail(exc)

    def _write(self, text: str) -> None:
        if self.failed is not None or not text:
            return
        if self._closed_at_start:
            self.failed = OSError(errno.EBADF, f"{self.name} is closed")
            return
        try:
            self._stream.write(text)
        except BrokenPipeError as exc:  # nobody reads any more (`| head`): the command ends, quietly (lean, click)
            self._fail(exc)
            raise
        except (OSError, ValueError) as exc:
            self._fail(exc)

    def _fail(self, exc: Exception) -> None:
        self.failed = exc if isinstance(exc, OSError) else OSError(errno.EBADF, str(exc))
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            pass

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self._stream, "errors", None)


def control(stream: TextIO, sequence: str) -> None:
    """Write one of deskbreak's own control sequences to `stream`, past a SafeStream's filter."""
    getattr(stream, "control", stream.write)(sequence)


def for_json_line(line: str) -> str:
    """A JSON text with every control character inside its strings written as \\uXXXX."""
    return line.translate(_JSON)


def for_spreadsheet(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading formula character gets a ' in front."""
    cell = for_terminal(cell)
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell
