"""The user's data and config dirs on Linux, found with os alone.

`stats` and `log` start in a few tens of milliseconds, and importing platformdirs (with tempfile
and shutil) is a tenth of that. On Linux platformdirs answers $XDG_DATA_HOME/deskbreak when that
variable is an absolute path, and ~/.local/share/deskbreak when it is unset and $HOME is absolute
(the same for config with $XDG_CONFIG_HOME and ~/.config). This gives those answers directly (a
test holds the two together) and leaves every less certain case to platformdirs: a relative or
blank variable, no absolute $HOME, Android, another OS.
"""

from __future__ import annotations

import os
import sys

from deskbreak.config.xdg_runtime import APP

HOMES = {"data": ("XDG_DATA_HOME", "~/.local/share"), "config": ("XDG_CONFIG_HOME", "~/.config")}


def user_dir(kind: str) -> str | None:
    """deskbreak's user `kind` dir ("data" or "config") where it is certain; None otherwise."""
    if kind not in HOMES or not sys.platform.startswith("linux") or "ANDROID_DATA" in os.environ:
        return None
    variable, default = HOMES[kind]
    base = os.environ.get(variable, "")
    if not base and os.path.isabs(os.environ.get("HOME", "")):
        base = os.path.expanduser(default)
    return os.path.join(base, APP) if os.path.isabs(base) else None
