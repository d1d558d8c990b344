"""Where deskbreak keeps its files, from platformdirs, so every OS gets its usual places.

Tests and users move everything with the XDG_* variables (Linux) or DESKBREAK_CONFIG.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs

APP = "deskbreak"


def config_file(override: str | os.PathLike[str] | None = None) -> Path:
    """The config file: --config, then $DESKBREAK_CONFIG, then the user config dir."""
    chosen = override or os.environ.get("DESKBREAK_CONFIG")
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def user_routines_dir() -> Path:
    """User routines (*.toml) live next to the config file's default place."""
    return Path(platformdirs.user_config_dir(APP)) / "routines"


def event_log() -> Path:
    return Path(platformdirs.user_data_dir(APP)) / "events.jsonl"


def daemon_log() -> Path:
    return Path(platformdirs.user_log_dir(APP)) / "deskbreak.log"


def runtime_dir() -> Path:
    """A private (0700) directory for the control socket, its key and the instance lock."""
    candidates = [Path(platformdirs.user_runtime_dir(APP))]
    candidates.append(Path(tempfile.gettempdir()) / f"{APP}-{os.getuid() if hasattr(os, 'getuid') else 'user'}")
    for path in candidates:
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(path, 0o700)
            return path
        except OSError:
            continue
    raise OSError(f"cannot create a private runtime directory (tried {', '.join(map(str, candidates))})")
