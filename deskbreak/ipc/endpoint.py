"""Where the control channel lives and the shared secret that guards it.

POSIX: a Unix socket in the private runtime dir; Windows: a per-user named pipe. The authkey
sits in a 0600 file beside it, so only this user's processes can talk to the daemon.
"""

from __future__ import annotations

import os
import sys
from typing import NamedTuple
from pathlib import Path

from deskbreak import paths


class Endpoint(NamedTuple):
    """A NamedTuple rather than a dataclass: importing dataclasses costs the quick `status` path."""

    address: str
    family: str  # "AF_UNIX" or "AF_PIPE"
    authkey_file: Path
    lock_file: Path
    pid_file: Path

    def read_authkey(self) -> bytes:
        return self.authkey_file.read_bytes()

    def write_new_authkey(self) -> bytes:
        """A fresh key per daemon start; written 0600 before anyone can read it."""
        import secrets  # only the daemon needs it; CLI commands stay quick to start

        key = secrets.token_bytes(32)
        fd = os.open(self.authkey_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(key)
        os.chmod(self.authkey_file, 0o600)
        return key


def endpoint() -> Endpoint:
    runtime = paths.runtime_dir()
    if sys.platform == "win32":
        address, family = rf"\\.\pipe\deskbreak-{os.getlogin()}", "AF_PIPE"
    else:
        address, family = str(runtime / "control.sock"), "AF_UNIX"
    return Endpoint(
        address=address,
        family=family,
        authkey_file=runtime / "authkey",
        lock_file=runtime / "daemon.lock",
        pid_file=runtime / "daemon.pid",
    )
