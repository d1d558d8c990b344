"""Icon images as the StatusNotifierItem protocol carries them, drawn once and kept on disk.

`IconPixmap` is a list of (width, height, bytes) with ARGB32 pixels in network byte order:
the bytes of each pixel are A, R, G, B (not premultiplied). Hosts pick the size nearest to
what they draw, so a small and a large one (22 px for 1x panels, 48 px for HiDPI and hosts
that scale down) cover them all.

The pixmaps of every look are kept in the file the icon names (`TrayIcon.kept`, in the user's
cache folder, named by the art's version), so a later start reads about 200 KiB and never
imports Pillow (3-4 MiB of the daemon's memory with its libraries). The file is created as a
regular file of this user's, never through a symlink, under a temporary name and then renamed;
one that is not such a file, or is damaged, is ignored and drawn afresh.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import struct
from pathlib import Path
from typing import TYPE_CHECKING, Hashable, Iterable

from deskbreak.core.view import TrayIcon

if TYPE_CHECKING:
    from PIL import Image

SIZES = (22, 48)
MAGIC = b"deskbreak tray looks 1\n"
LIMIT = 4 * 1024 * 1024  # far more than the looks take (about 200 KiB)
_ENTRY = struct.Struct("!HB")  # the key's length in bytes, how many pixmaps
_PIXMAP = struct.Struct("!HH")  # width, height; then width * height * 4 bytes

Pixmap = tuple[int, int, bytes]
log = logging.getLogger(__name__)


class PixmapCache:
    """Each of the icon's looks as pixmaps at every size, drawn once. The first look asked for
    is read with every look the icon lists from its kept file, or drawn (25 ring steps and seven
    states, two sizes: about 100 ms, once) and kept, so the tray's loop never draws again: the
    ring moving on a step, every ~2 minutes while the user sits, would otherwise cost 2-3 ms."""

    def __init__(self) -> None:
        self._drawn: dict[Hashable, list[Pixmap]] = {}

    def of(self, icon: TrayIcon) -> list[Pixmap]:
        if icon.key not in self._drawn:
            wanted = (icon.key, *icon.looks)
            kept = _read(icon.kept, wanted) if icon.kept and not self._drawn else None
            if kept is not None:
                self._drawn.update(kept)
            else:
                for key in wanted:
                    if key not in self._drawn:
                        self._drawn[key] = [argb32(icon.draw_look(key, size)) for size in SIZES]
                if icon.kept and icon.looks and all(key in self._drawn for key in icon.looks):
                    _keep(Path(icon.kept), self._drawn)
        return self._drawn[icon.key]


def argb32(image: "Image.Image") -> Pixmap:
    """One image as an SNI pixmap. Pillow has no ARGB packer, so the bands are put in A,R,G,B
    order in a four-band image, whose raw bytes are then exactly the pixels SNI wants."""
    from PIL import Image

    red, green, blue, alpha = (image if image.mode == "RGBA" else image.convert("RGBA")).split()
    return image.width, image.height, Image.merge("RGBA", (alpha, red, green, blue)).tobytes()


def _read(name: str, wanted: Iterable[Hashable]) -> dict[Hashable, list[Pixmap]] | None:
    """The kept looks, when the file holds every wanted one at every size; None otherwise."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None  # not kept yet (or a symlink: drawn afresh, and the link replaced)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_size > LIMIT:
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(LIMIT + 1)
    finally:
        os.close(fd)
    try:
        found = _parse(data)
    except (ValueError, struct.error, UnicodeDecodeError):
        log.info("the kept tray looks in %s are damaged; drawing them afresh", name)
        return None
    looks = {key: found.get(repr(key)) for key in wanted}
    if any(pixmaps is None or [(w, h) for w, h, _ in pixmaps] != [(s, s) for s in SIZES] for pixmaps in looks.values()):
        return None
    return {key: pixmaps for key, pixmaps in looks.items() if pixmaps is not None}


def _parse(data: bytes) -> dict[str, list[Pixmap]]:
    if not data.startswith(MAGIC):
        raise ValueError("not a file of kept looks")
    found: dict[str, list[Pixmap]] = {}
    at = len(MAGIC)
    while at < len(data):
        length, count = _ENTRY.unpack_from(data, at)
        at += _ENTRY.size
        key = data[at : at + length].decode()
        at += length
        pixmaps = []
        for _ in range(count):
            width, height = _PIXMAP.unpack_from(data, at)
            at += _PIXMAP.size
            pixels = data[at : at + width * height * 4]
            if len(pixels) != width * height * 4:
                raise ValueError("cut short")
            at += len(pixels)
            pixmaps.append((width, height, pixels))
        found[key] = pixmaps
    return found


def _keep(path: Path, drawn: dict[Hashable, list[Pixmap]]) -> None:
    """Write every look to `path` (a new file, renamed into place) and remove older versions'."""
    parts = [MAGIC]
    for key, pixmaps in drawn.items():
        name = repr(key).encode()
        parts.append(_ENTRY.pack(len(name), len(pixmaps)) + name)
        parts.extend(_PIXMAP.pack(width, height) + pixels for width, height, pixels in pixmaps)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(b"".join(parts))
        os.replace(temporary, path)
    except OSError as exc:
        log.info("cannot keep the tray looks in %s (%s); they are drawn at each start", path, exc)
        with contextlib.suppress(OSError):
            temporary.unlink()
        return
    stem = path.name.split("-", 2)
    for older in path.parent.glob(f"{stem[0]}-{stem[1]}-*.bin") if len(stem) == 3 else ():
        if older.name != path.name:
            with contextlib.suppress(OSError):
                older.unlink()
