"""Where the control channel lives and the shared secret that guards it.

POSIX: a Unix socket in the private runtime dir; Windows: a per-user named pipe. The authkey
sits in a 0600 file beside it, so only this user's processes can talk to the daemon.
"""

from __future__ import annotations

import os
import sys

from deskbreak.config.xdg_runtime import session_runtime_dir


class Endpoint:
    """Plain strings in a plain class: pathlib, typing and dataclasses would each cost the quick
    `status` path more than its whole round trip to the daemon."""

    __slots__ = ("address", "family", "authkey_file", "lock_file", "pid_file")

    def __init__(self, runtime: str) -> None:
        if sys.platform == "win32":
            self.address, self.family = rf"\\.\pipe\deskbreak-{os.getlogin()}", "AF_PIPE"
        else:
            self.address, self.family = os.path.join(runtime, "control.sock"), "AF_UNIX"
        self.authkey_file = os.path.join(runtime, "authkey")
        self.lock_file = os.path.join(runtime, "daemon.lock")
        self.pid_file = os.path.join(runtime, "daemon.pid")

    def read_authkey(self) -> bytes:
        from deskbreak.config.regular_file import read_regular

        return read_regular(self.authkey_file, 1024)

    def write_new_authkey(self) -> bytes:
        """A fresh key per daemon start; written 0600 before anyone can read it."""
        import secrets  # only the daemon needs it

        from deskbreak.config.regular_file import write_own

        key = secrets.token_bytes(32)
        write_own(self.authkey_file, key, 0o600)  # a link planted at the key is replaced, not written through
        return key


def endpoint(create: bool = False) -> Endpoint:
    """Clients look in the session's runtime dir when it is certain (see deskbreak.config.xdg_runtime);
    the daemon (create=True), and clients outside such a session, go through paths, which
    makes the dir and keeps it private."""
    runtime = None if create else session_runtime_dir()
    if runtime is None:
        from deskbreak.config import paths

        runtime = str(paths.runtime_dir())
    return Endpoint(runtime)
