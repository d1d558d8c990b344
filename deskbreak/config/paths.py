"""Where deskbreak keeps its files, from platformdirs, so every OS gets its usual places
(the Linux data and config dirs without it, where deskbreak.config.xdg_home can tell).

Tests and users move everything with the XDG_* variables (Linux) or DESKBREAK_CONFIG.
"""

from __future__ import annotations

import os
from pathlib import Path

from deskbreak.config.xdg_home import user_dir
from deskbreak.config.xdg_runtime import APP, session_runtime_dir


def config_file(override: str | os.PathLike[str] | None = None) -> Path:
    """The config file: --config, then $DESKBREAK_CONFIG, then the user config dir."""
    chosen = override or os.environ.get("DESKBREAK_CONFIG")
    if chosen:
        return Path(chosen).expanduser()
    return _user_dir("config") / "config.toml"


def user_routines_dir() -> Path:
    """User routines (*.toml) live next to the config file's default place."""
    return _user_dir("config") / "routines"


def event_log() -> Path:
    return _user_dir("data") / "events.jsonl"


def full_offer_marker() -> Path:
    """The day the full routine was last offered, shared by the reminder and the routine window."""
    return _user_dir("state") / "full-offered-on"


def daemon_log() -> Path:
    return _user_dir("log") / "deskbreak.log"


def runtime_dir() -> Path:
    """A private (0700) directory for the control socket, its key and the instance lock."""
    session = session_runtime_dir()
    preferred = Path(session) if session else _user_dir("runtime")
    try:
        return _private_dir(preferred)
    except OSError:
        import tempfile  # only for the fallback, so CLI commands stay quick to start

        fallback = Path(tempfile.gettempdir()) / f"{APP}-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
        try:
            return _private_dir(fallback)
        except OSError:
            raise OSError(f"cannot create a private runtime directory (tried {preferred} and {fallback})") from None


def _user_dir(kind: str) -> Path:
    """platformdirs' user_<kind>_dir, imported only when a command needs it and
    deskbreak.config.xdg_home cannot tell. Its warning about falling back from a missing or
    shared $XDG_RUNTIME_DIR is dropped: the fallback is a fine place for us, and a CLI command
    should not print library warnings."""
    known = user_dir(kind)
    if known is not None:
        return Path(known)
    import warnings

    import platformdirs

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Path(getattr(platformdirs, f"user_{kind}_dir")(APP))


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path
