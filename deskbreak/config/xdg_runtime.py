"""The session's private runtime dir, found with os alone.

`deskbreak status` is what panels poll, and importing platformdirs (with pathlib and tempfile)
costs more than the rest of it together. In a Linux desktop session $XDG_RUNTIME_DIR is set and
private, and platformdirs answers $XDG_RUNTIME_DIR/deskbreak there; this gives that answer
directly (a test holds the two together) and leaves every less certain case to platformdirs.
"""

from __future__ import annotations

import os
import stat
import sys

APP = "deskbreak"


def session_runtime_dir() -> str | None:
    """$XDG_RUNTIME_DIR/deskbreak when the variable names a real directory of ours, mode 0700."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if not sys.platform.startswith("linux") or not os.path.isabs(runtime):
        return None
    try:
        info = os.lstat(runtime)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) != 0o700:
        return None
    return os.path.join(runtime, APP)
