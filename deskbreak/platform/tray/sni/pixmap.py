"""Icon images as the StatusNotifierItem protocol carries them.

`IconPixmap` is a list of (width, height, bytes) with ARGB32 pixels in network byte order:
the bytes of each pixel are A, R, G, B (not premultiplied). Hosts pick the size nearest to
what they draw, so a small and a large one (22 px for 1x panels, 48 px for HiDPI and hosts
that scale down) cover them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Hashable

from deskbreak.core.view import TrayIcon

if TYPE_CHECKING:
    from PIL import Image

SIZES = (22, 48)

Pixmap = tuple[int, int, bytes]


class PixmapCache:
    """Each of the icon's looks as pixmaps at every size, drawn once. The first look asked for
    is drawn with every look the icon lists (25 ring steps and seven states, two sizes: about
    100 ms and 350 KiB of pixels, once at start), so the tray's loop never draws again: the ring moving
    on a step, every ~2 minutes while the user sits, would otherwise cost 2-3 ms of Pillow."""

    def __init__(self) -> None:
        self._drawn: dict[Hashable, list[Pixmap]] = {}

    def of(self, icon: TrayIcon) -> list[Pixmap]:
        if icon.key not in self._drawn:
            for key in (icon.key, *icon.looks):
                if key not in self._drawn:
                    self._drawn[key] = [argb32(icon.draw_look(key, size)) for size in SIZES]
        return self._drawn[icon.key]


def argb32(image: "Image.Image") -> Pixmap:
    """One image as an SNI pixmap. Pillow has no ARGB packer, so the bands are put in A,R,G,B
    order in a four-band image, whose raw bytes are then exactly the pixels SNI wants."""
    from PIL import Image

    red, green, blue, alpha = (image if image.mode == "RGBA" else image.convert("RGBA")).split()
    return image.width, image.height, Image.merge("RGBA", (alpha, red, green, blue)).tobytes()
