"""Standard-library parts the daemon never uses, kept out of its memory.

asyncio imports ssl for TLS transports, which loads libssl and libcrypto; hashlib, hmac and
secrets (through filelock, dbus-fast and the control channel's key) import _hashlib, OpenSSL's
digests, which loads libcrypto. The daemon speaks only over Unix sockets and D-Bus, and its
digests (HMAC-SHA256 of the control channel, sha256 of the day cache) work the same from
Python's built-in implementations, which hashlib falls back to. Marking both absent before
anything imports them saves about 4 MiB of RSS (2 of PSS): measured in benchmarks/README.md.
"""

from __future__ import annotations

import sys

UNUSED = ("ssl", "_ssl", "_hashlib")


def keep_out_unused() -> None:
    """Call first thing in the daemon's process (a module already imported stays)."""
    for name in UNUSED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]  # None: "import fails", as documented for sys.modules
