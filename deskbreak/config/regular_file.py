"""The one way deskbreak opens a file it reads: config, routines, the event log, markers, keys.

A FIFO as the config file would block a read forever, a directory raises mid-parse, and a
symlink to /dev/zero never ends; so the file is opened without blocking, refused unless it is a
regular file (a symlink to one is fine), and read up to a size bound. Every refusal is an
OSError whose text is one line naming the file and what to do.
"""

from __future__ import annotations

import errno
import os
import stat

TYPE_CHECKING = False  # typing's import alone would cost the quick `status` path (it reads the authkey here)
if TYPE_CHECKING:
    from typing import BinaryIO

KIB = 1024
MIB = 1024 * KIB

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class _OneLine(OSError):
    def __str__(self) -> str:
        return str(self.strerror)


class NotRegularFile(_OneLine):
    """The path exists but is not a regular file (or a symlink to one); `kind` says what it is."""

    kind = "not a regular file"


class TooLarge(_OneLine):
    """The file is bigger than deskbreak ever writes or expects for this kind of file."""


class BrokenLink(_OneLine, FileNotFoundError):
    """A symbolic link whose target does not exist: missing, but not silently so."""


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """A binary handle on `path` once it is known to be a regular file. FileNotFoundError as usual
    when it is missing; a dangling symlink says where it points."""
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if os.path.islink(name):
            raise BrokenLink(
                errno.ENOENT, f"{name} is a symbolic link to {os.readlink(name)}, which does not exist; fix or remove the link", name
            ) from None
        raise
    except IsADirectoryError:
        raise _refusal(name, "a directory") from None
    try:
        check_regular(fd, name)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def check_regular(fd: int, name: str) -> None:
    """Raise NotRegularFile unless the open descriptor `fd` is a regular file (writers use it too)."""
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        kind = next((what for test, what in _KINDS if test(mode)), "not a regular file")
        raise _refusal(name, kind)


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The whole file, refused (TooLarge) when it holds more than `limit` bytes."""
    with open_regular(path) as handle:
        return read_bounded(handle, limit, os.fspath(path))


def read_bounded(handle: BinaryIO, limit: int, name: str) -> bytes:
    """The rest of `handle`, at most `limit` bytes (a file that grows while read is no exception)."""
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(errno.EFBIG, f"{name} is larger than {_size(limit)}, more than deskbreak ever expects there; move it aside", name)
    return data


def _refusal(name: str, kind: str) -> NotRegularFile:
    refusal = NotRegularFile(errno.EINVAL, f"{name} is {kind}, not a regular file; replace it with a file", name)
    refusal.kind = kind
    return refusal


def _size(limit: int) -> str:
    return f"{limit // MIB} MiB" if limit >= MIB else f"{limit // KIB} KiB" if limit >= KIB else f"{limit} bytes"
