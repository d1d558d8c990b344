"""Where deskbreak keeps its files, from platformdirs, so every OS gets its usual places.

Tests and users move everything with the XDG_* variables (Linux) or DESKBREAK_CONFIG.
"""

from __future__ import annotations

import os
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


def full_offer_marker() -> Path:
    """The day the full routine was last offered, shared by the reminder and the routine window."""
    return Path(platformdirs.user_state_dir(APP)) / "full-offered-on"


def daemon_log() -> Path:
    return Path(platformdirs.user_log_dir(APP)) / "deskbreak.log"


def runtime_dir() -> Path:
    """A private (0700) directory for the control socket, its key and the instance lock."""
    preferred = Path(platformdirs.user_runtime_dir(APP))
    try:
        return _private_dir(preferred)
    except OSError:
        import tempfile  # only for the fallback, so CLI commands stay quick to start

        fallback = Path(tempfile.gettempdir()) / f"{APP}-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
        try:
            return _private_dir(fallback)
        except OSError:
            raise OSError(f"cannot create a private runtime directory (tried {preferred} and {fallback})") from None


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path
