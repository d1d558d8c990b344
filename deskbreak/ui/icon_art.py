"""The tray icon and the app icon, drawn with Pillow at run time.

The tray icon is a ring that fills clockwise from 12 o'clock as sitting time nears the limit,
with a distinct look for each state. Every shape carries a dark outline and a light halo so it
reads on light and dark panels alike at 16-24 px. `icon_key` quantises the state so the image
changes (and is redrawn) only when it would look different.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow is imported only to draw: a daemon whose looks are kept never loads it
    from PIL import Image, ImageDraw

STEPS = 24
SUPERSAMPLE = 4
TRACK = (150, 156, 166, 255)
FILL = (38, 140, 190, 255)
WARM = (230, 120, 20, 255)
DIM = (130, 134, 140, 255)
INK = (30, 34, 40, 255)
HALO = (255, 255, 255, 230)
FACE = (246, 248, 250, 255)  # a light face inside the ring keeps dark glyphs readable on dark panels
LOOKS = ("sitting", "due", "snoozed", "paused", "standing", "away", "on_break", "off_hours")

Key = tuple[str, int]


def icon_key(phase: str, progress: float) -> Key:
    """(look, step): step is progress in 1/24ths for the sitting ring, 0 otherwise."""
    look = phase if phase in LOOKS else "sitting"
    step = min(max(int(progress * STEPS), 0), STEPS) if look == "sitting" else 0
    return look, step


# every key icon_key gives: what a tray that draws each look once draws
KEYS: tuple[Key, ...] = (*(("sitting", step) for step in range(STEPS + 1)), *((look, 0) for look in LOOKS if look != "sitting"))


@lru_cache(maxsize=1)
def version() -> str:
    """The art's version: a digest of this drawing code, which names the file of kept looks."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def draw(key: Key, size: int) -> Image.Image:
    """One look at `size` px (not cached here: the trays keep what they show)."""
    from PIL import Image, ImageDraw

    look, step = key
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    u = big / 32  # drawing units: the icon is designed on a 32x32 grid
    box = (3 * u, 3 * u, 29 * u, 29 * u)
    ring = max(int(4.2 * u), 1)
    if look == "away":
        _dashed(pen, box, ring)
    else:
        _ring(pen, box, ring, DIM if look == "off_hours" else TRACK)
    if look not in ("away", "off_hours"):
        inset = ring - 1  # Pillow draws a wide arc inwards from its box
        pen.ellipse((box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset), fill=FACE)
    if look == "sitting":
        if step:
            pen.arc(box, -90, -90 + 360 * step / STEPS, fill=FILL, width=ring)
    elif look == "due":
        pen.arc(box, 0, 360, fill=WARM, width=ring)
        _exclamation(pen, u)
    elif look == "snoozed":
        pen.arc(box, -90, 180, fill=FILL, width=ring)
        _z(pen, u)
    elif look == "paused":
        for left in (11.5, 17.5):
            _block(pen, (left * u, 10 * u, (left + 3) * u, 22 * u), INK)
    elif look == "standing":
        _standing(pen, u)
    elif look == "on_break":
        pen.arc(box, 0, 360, fill=FILL, width=ring)
        _check(pen, u)
    elif look == "off_hours":
        _block(pen, (10 * u, 14.5 * u, 22 * u, 17.5 * u), DIM)
    return image.resize((size, size), Image.Resampling.LANCZOS)


@lru_cache(maxsize=16)
def app_icon(size: int) -> Image.Image:
    """The application icon: the ring two-thirds full around a seated figure's upper back."""
    from PIL import Image, ImageDraw

    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    u = big / 32
    pen.ellipse((1 * u, 1 * u, 31 * u, 31 * u), fill=(245, 247, 250, 255), outline=INK, width=max(int(0.8 * u), 1))
    box = (3.5 * u, 3.5 * u, 28.5 * u, 28.5 * u)
    pen.arc(box, 0, 360, fill=TRACK, width=int(3 * u))
    pen.arc(box, -90, 150, fill=FILL, width=int(3 * u))
    width = int(2.6 * u)
    pen.ellipse((14 * u, 7.5 * u, 19 * u, 12.5 * u), fill=INK)  # head
    pen.line([(15.5 * u, 13.5 * u), (13.5 * u, 19.5 * u)], fill=WARM, width=int(3.2 * u), joint="curve")  # upper back
    pen.line([(13.5 * u, 19.5 * u), (19.5 * u, 19.5 * u), (19.5 * u, 24.5 * u)], fill=INK, width=width, joint="curve")
    pen.line([(15 * u, 15 * u), (20.5 * u, 12 * u)], fill=INK, width=width)  # arm reaching up
    return image.resize((size, size), Image.Resampling.LANCZOS)


def _ring(pen: ImageDraw.ImageDraw, box: tuple[float, ...], width: int, colour: tuple[int, ...]) -> None:
    """A ring with a dark outline inside and out, and a light halo outside it."""
    x0, y0, x1, y1 = box
    grow = width / 2
    edge = max(width // 4, 1)
    pen.ellipse((x0 - grow - edge, y0 - grow - edge, x1 + grow + edge, y1 + grow + edge), outline=HALO, width=edge)
    pen.ellipse((x0 - grow, y0 - grow, x1 + grow, y1 + grow), outline=INK, width=edge)
    pen.ellipse((x0 + grow, y0 + grow, x1 - grow, y1 - grow), outline=INK, width=edge)
    pen.arc(box, 0, 360, fill=colour, width=width)


def _dashed(pen: ImageDraw.ImageDraw, box: tuple[float, ...], width: int) -> None:
    """Away: the ring broken into dashes."""
    for start in range(0, 360, 45):
        pen.arc(box, start, start + 28, fill=DIM, width=width)


def _block(pen: ImageDraw.ImageDraw, box: tuple[float, ...], colour: tuple[int, ...]) -> None:
    pen.rectangle(box, fill=colour, outline=HALO, width=1)


def _exclamation(pen: ImageDraw.ImageDraw, u: float) -> None:
    _block(pen, (14.5 * u, 8.5 * u, 17.5 * u, 18.5 * u), WARM)
    pen.ellipse((14.3 * u, 20 * u, 17.7 * u, 23.4 * u), fill=WARM, outline=HALO)


def _z(pen: ImageDraw.ImageDraw, u: float) -> None:
    width = int(2.6 * u)
    pen.line([(11 * u, 11 * u), (21 * u, 11 * u), (11 * u, 21 * u), (21 * u, 21 * u)], fill=INK, width=width, joint="curve")


def _standing(pen: ImageDraw.ImageDraw, u: float) -> None:
    width = int(2.6 * u)
    pen.ellipse((13.5 * u, 7 * u, 18.5 * u, 12 * u), fill=FILL)
    pen.line([(16 * u, 12 * u), (16 * u, 19 * u)], fill=FILL, width=int(3.2 * u))
    pen.line([(16 * u, 19 * u), (13 * u, 25 * u)], fill=FILL, width=width)
    pen.line([(16 * u, 19 * u), (19 * u, 25 * u)], fill=FILL, width=width)
    pen.line([(12 * u, 14 * u), (20 * u, 14 * u)], fill=FILL, width=width)


def _check(pen: ImageDraw.ImageDraw, u: float) -> None:
    pen.line([(10.5 * u, 16.5 * u), (14.5 * u, 20.5 * u), (21.5 * u, 11.5 * u)], fill=INK, width=int(3.2 * u), joint="curve")
