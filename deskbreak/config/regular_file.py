"""The one way deskbreak opens a file it reads or writes: config, routines, the event log, markers, keys.

Reading: a FIFO as the config file would block a read forever, a directory raises mid-parse, and
a symlink to /dev/zero never ends; so the file is opened without blocking, refused unless it is a
regular file (a symlink to one is fine), refused before reading when its size is over the bound,
and read up to that bound.

Writing: deskbreak writes only files it created, in folders it owns. A file it appends to or
locks is opened without following a symbolic link (O_NOFOLLOW) and must be a regular file of this
user; a file it rewrites (a pid file, the control key, a marker) is written whole to a new file
beside it and renamed over, so a link planted there is replaced, never followed; a folder it
writes in must be a folder of this user that not every user may write in (a private one: mode
0700, which it sets). Every refusal is an OSError whose text is one line naming the file and what
to do.
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


class NotOurs(_OneLine):
    """A file or folder deskbreak would write in is a symbolic link, another user's, or open to every user."""


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


def read_bounded(handle: BinaryIO, limit: int, name: str, size_only: bool = False) -> bytes:
    """The rest of `handle`, at most `limit` bytes (a file that grows while read is no exception).
    A file already over the bound is refused before a byte is read: refusing costs nothing.
    `size_only`: only that check (b"" when it passes)."""
    try:
        left: int | None = os.fstat(handle.fileno()).st_size - handle.tell()
    except (OSError, ValueError, AttributeError):
        left = None  # not a plain file (a test's BytesIO)
    if left is not None and left > limit:
        raise _too_large(name, limit)
    if size_only:
        return b""
    if left is not None:
        return handle.read(left)  # what the file held when looked at: read(n) sets n bytes aside first, so never more
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise _too_large(name, limit)
    return data


def _too_large(name: str, limit: int) -> TooLarge:
    return TooLarge(errno.EFBIG, f"{name} is larger than {_size(limit)}, more than deskbreak ever expects there; move it aside", name)


def open_own(path: str | os.PathLike[str], flags: int, mode: int = 0o600) -> int:
    """A descriptor on `path` (made with `mode` when O_CREAT is in `flags`), refused (NotOurs) when
    the path is a symbolic link or another user's file, NotRegularFile when it is not a file."""
    name = os.fspath(path)
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(name, flags | nofollow | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0), mode)
    except OSError as exc:
        if nofollow and exc.errno in (errno.ELOOP, errno.EMLINK) and os.path.islink(name):
            raise NotOurs(
                errno.ELOOP, f"{name} is a symbolic link, and deskbreak writes only files it created; remove the link", name
            ) from None
        raise
    try:
        check_regular(fd, name)
        _check_owner(os.fstat(fd).st_uid, name, "file")
        return fd
    except BaseException:
        os.close(fd)
        raise


def write_own(path: str | os.PathLike[str], data: bytes, mode: int = 0o600) -> None:
    """Make `path` hold `data`: a new file beside it, written whole and renamed over it, so a
    reader never sees half of it and whatever was at `path` (a link, another user's file) is
    replaced, never written through."""
    name = os.fspath(path)
    temporary = os.path.join(os.path.dirname(name), f".{os.path.basename(name)}.{os.getpid()}.{os.urandom(4).hex()}")
    fd = open_own(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            if hasattr(os, "fchmod"):
                os.fchmod(out.fileno(), mode)  # whatever the umask
        os.replace(temporary, name)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def own_dir(path: str | os.PathLike[str], private: bool = False) -> None:
    """Make the folder `path` (and its parents) if missing, then check it is a folder of this user
    that not every user may write in. `private`: it must not be a link and is made mode 0700."""
    name = os.fspath(path)
    try:
        os.makedirs(name, mode=0o700, exist_ok=True)
    except FileExistsError:
        raise NotOurs(errno.ENOTDIR, f"{name} is a file, not a folder; move it aside", name) from None
    except NotADirectoryError:
        raise NotOurs(errno.ENOTDIR, f"a part of {name} is a file, not a folder; move it aside", name) from None
    info = os.lstat(name) if private else os.stat(name)
    if stat.S_ISLNK(info.st_mode):
        raise NotOurs(errno.ELOOP, f"{name} is a symbolic link, not a folder of deskbreak's own; remove the link", name)
    if not stat.S_ISDIR(info.st_mode):
        raise NotOurs(errno.ENOTDIR, f"{name} is not a folder; move it aside", name)
    _check_owner(info.st_uid, name, "folder")
    if private and stat.S_IMODE(info.st_mode) != 0o700:
        os.chmod(name, 0o700)
    elif not private and info.st_mode & stat.S_IWOTH and not info.st_mode & stat.S_ISVTX:
        raise NotOurs(errno.EPERM, f"every user may write in the folder {name}; make it yours alone (chmod o-w {name})", name)


def _check_owner(uid: int, name: str, what: str) -> None:
    if hasattr(os, "getuid") and uid != os.getuid():
        raise NotOurs(errno.EPERM, f"the {what} {name} belongs to another user (uid {uid}); deskbreak uses only its own: move it aside")


class OwnLock:
    """An exclusive lock on a lock file of this user's own (open_own: never through a link), held
    until release(); the kernel frees it when the process dies, even by SIGKILL. POSIX flock;
    elsewhere filelock's lock, where links need privileges to make."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self._fd: int | None = None
        self._other: object = None

    def acquire(self, blocking: bool = True) -> bool:
        """True once held; False when `blocking` is off and another process holds it."""
        try:
            import fcntl
        except ImportError:
            return self._acquire_elsewhere(blocking)
        fd = open_own(self.path, os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._other is not None:
            self._other.release()  # type: ignore[attr-defined]
            self._other = None

    def __enter__(self) -> OwnLock:
        self.acquire()
        return self

    def __exit__(self, *_: object) -> None:
        self.release()

    def _acquire_elsewhere(self, blocking: bool) -> bool:
        from filelock import FileLock, Timeout

        lock = FileLock(self.path, timeout=-1 if blocking else 0)
        try:
            lock.acquire()
        except Timeout:
            return False
        self._other = lock
        return True


def _refusal(name: str, kind: str) -> NotRegularFile:
    refusal = NotRegularFile(errno.EINVAL, f"{name} is {kind}, not a regular file; replace it with a file", name)
    refusal.kind = kind
    return refusal


def _size(limit: int) -> str:
    return f"{limit // MIB} MiB" if limit >= MIB else f"{limit // KIB} KiB" if limit >= KIB else f"{limit} bytes"
