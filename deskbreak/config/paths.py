"""Where deskbreak keeps its files, from platformdirs, so every OS gets its usual places
(the Linux data and config dirs without it, where deskbreak.config.xdg_home can tell).

Tests and users move everything with the XDG_* variables (Linux) or DESKBREAK_CONFIG.
"""

from __future__ import annotations

import os
from pathlib import Path

from deskbreak.config.regular_file import own_dir
from deskbreak.config.xdg_home import user_dir
from deskbreak.config.xdg_runtime import APP, session_runtime_dir

TYPE_CHECKING = False  # typing's import alone would cost the quick CLI paths
if TYPE_CHECKING:
    from typing import Iterator


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


SOCKET_PATH_MAX = 100  # a Unix socket's path must fit in sun_path (108 bytes on Linux), with "/control.sock"


def runtime_dir() -> Path:
    """A private (0700) directory of this user's for the control socket, its key and the instance lock.

    Tried in order, the first usable one wins, so the daemon and its clients agree: the session's
    ($XDG_RUNTIME_DIR), platformdirs' runtime dir, one in the user's own state dir, which no other
    user can make first, and last the shared temporary folder's deskbreak-<uid>. A candidate made
    first by another user, or a link, is passed over rather than used or fatal.
    """
    tried = []
    for candidate in _runtime_candidates():
        try:
            if len(os.fspath(candidate)) > SOCKET_PATH_MAX:
                raise OSError("too long a path for a control socket")
            own_dir(candidate, private=True)
            return candidate
        except OSError as exc:
            tried.append(f"{candidate}: {exc.strerror or exc}")
    raise OSError(
        f"no private runtime folder of yours could be made ({'; '.join(tried)}); set XDG_RUNTIME_DIR to a folder of yours, mode 0700"
    )


def _runtime_candidates() -> Iterator[Path]:
    session = session_runtime_dir()
    if session:
        yield Path(session)
    try:
        yield _user_dir("runtime")
    except (OSError, ValueError, RuntimeError):
        pass  # platformdirs refuses a temporary runtime dir another user made; the next candidates remain
    try:
        yield _user_dir("state") / "runtime"
    except (OSError, ValueError, RuntimeError):
        pass
    import tempfile  # only for the last candidate, so CLI commands stay quick to start

    yield Path(tempfile.gettempdir()) / f"{APP}-{os.getuid() if hasattr(os, 'getuid') else 'user'}"


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
