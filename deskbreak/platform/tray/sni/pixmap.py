"""Icon images as the StatusNotifierItem protocol carries them.

`IconPixmap` is a list of (width, height, bytes) with ARGB32 pixels in network byte order:
the bytes of each pixel are A, R, G, B (not premultiplied). Hosts pick the size nearest to
what they draw, so a small and a large one (22 px for 1x panels, 48 px for HiDPI and hosts
that scale down) cover them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

SIZES = (22, 48)

Pixmap = tuple[int, int, bytes]


def argb32(image: "Image.Image") -> Pixmap:
    """One image as an SNI pixmap. Pillow has no ARGB packer, so the bands are put in A,R,G,B
    order in a four-band image, whose raw bytes are then exactly the pixels SNI wants."""
    from PIL import Image

    red, green, blue, alpha = (image if image.mode == "RGBA" else image.convert("RGBA")).split()
    return image.width, image.height, Image.merge("RGBA", (alpha, red, green, blue)).tobytes()
