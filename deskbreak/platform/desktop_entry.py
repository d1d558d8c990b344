"""The text of deskbreak's freedesktop .desktop files: the application-menu entry and the
autostart entry say the same things about the app, and differ only in what they run and a few
keys of their own. The Exec= value is quoted as the Desktop Entry spec asks (not as a shell
would): arguments with reserved characters double-quoted, `%` doubled.
"""

from __future__ import annotations

import re
import shutil
import sys

_NEEDS_QUOTES = re.compile(r'[\s"\'\\><~|&;$*?#()`=%]')


def exec_line(argv: list[str]) -> str:
    """An Exec= value for `argv`."""

    def quote(arg: str) -> str:
        if not _NEEDS_QUOTES.search(arg):
            return arg.replace("%", "%%")
        escaped = re.sub(r'(["`$\\])', r"\\\1", arg).replace("%", "%%")
        return f'"{escaped}"'.replace("\\", "\\\\")

    return " ".join(quote(arg) for arg in argv)


def deskbreak_command(subcommand: str) -> list[str]:
    """How a desktop should run `deskbreak SUBCOMMAND`: the installed script, else this interpreter."""
    script = shutil.which("deskbreak")
    return [script, subcommand] if script else [sys.executable, "-m", "deskbreak", subcommand]


def entry_text(subcommand: str, icon: str, extra: list[str]) -> str:
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Name=deskbreak",
        "GenericName=Desk-break reminder",
        "Comment=Reminds you to get up and loosen your upper back after long sitting",
        f"Exec={exec_line(deskbreak_command(subcommand))}",
        f"Icon={icon}",
        "Terminal=false",
        "Categories=Utility;",
        *extra,
    ]
    return "\n".join(lines) + "\n"
