"""Write icons/ (the app icon as PNGs and .ico) and docs/screenshots/tray-icons.png (every tray
look at panel sizes on light and dark panels, magnified) from deskbreak.ui.icon_art."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from deskbreak.ui.icon_art import LOOKS, app_icon, draw, icon_key

ROOT = Path(__file__).resolve().parent.parent
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
PANELS = ((242, 242, 242), (40, 40, 44))
ZOOM = 4


def write_app_icons() -> None:
    out = ROOT / "icons"
    out.mkdir(exist_ok=True)
    for size in SIZES:
        app_icon(size).save(out / f"deskbreak-{size}.png")
    app_icon(256).save(out / "deskbreak.ico", sizes=[(s, s) for s in SIZES])


def write_strip() -> None:
    keys = [icon_key("sitting", p) for p in (0, 0.25, 0.5, 0.75, 1.0)] + [icon_key(look, 0) for look in LOOKS[1:]]
    labels = ["0%", "25%", "50%", "75%", "100%", *LOOKS[1:]]
    cell = 28 * ZOOM
    width, height = cell * len(keys), (cell * 3 + 20) * len(PANELS)
    strip = Image.new("RGB", (width, height), "white")
    pen = ImageDraw.Draw(strip)
    for row, panel in enumerate(PANELS):
        top = row * (cell * 3 + 20)
        pen.rectangle((0, top, width, top + cell * 3), fill=panel)
        for col, (key, label) in enumerate(zip(keys, labels)):
            for line, size in enumerate((16, 22, 24)):
                icon = draw(key, size).resize((size * ZOOM, size * ZOOM), Image.Resampling.NEAREST)
                strip.paste(icon, (col * cell + (cell - size * ZOOM) // 2, top + line * cell + (cell - size * ZOOM) // 2), icon)
            pen.text((col * cell + 6, top + cell * 3 + 4), label, fill="black")
    path = ROOT / "docs" / "screenshots" / "tray-icons.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    strip.save(path)


if __name__ == "__main__":
    write_app_icons()
    write_strip()
