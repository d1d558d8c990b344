"""The StatusNotifierItem tray's parts without a bus: pixmap bytes, the dbusmenu tree, revisions."""

from __future__ import annotations

import subprocess
import sys

from PIL import Image

from deskbreak.core.view import SEPARATOR, MenuItem, TrayIcon
from deskbreak.platform.tray.sni.dbusmenu import DBusMenu, number
from deskbreak.platform.tray.sni.item import StatusNotifierItem
from deskbreak.platform.tray.sni.pixmap import SIZES, PixmapCache, argb32
from deskbreak.ui import icon_art

MENU = (
    MenuItem("Start break now", submenu=(MenuItem("Desk routine", {"cmd": "break", "routine": "desk"}),)),
    MenuItem("Snooze 7 min", {"cmd": "snooze"}, enabled=False),
    SEPARATOR,
    MenuItem("I'm standing", {"cmd": "stand"}, checked=False),
    MenuItem("Pause", submenu=(MenuItem("30 minutes", {"cmd": "pause", "for_s": 1800}),)),
)


class Recorder(DBusMenu):
    """The real DBusMenu with its two signals counted instead of sent (there is no bus here)."""

    def __init__(self, clicks: list) -> None:
        super().__init__(clicks.append)
        self.signals: list[str] = []

    def LayoutUpdated(self):  # type: ignore[override]
        self.signals.append("LayoutUpdated")

    def ItemsPropertiesUpdated(self):  # type: ignore[override]
        self.signals.append("ItemsPropertiesUpdated")


def test_pixmap_is_argb32_in_network_byte_order():
    image = Image.new("RGBA", (2, 1), (10, 20, 30, 40))
    image.putpixel((1, 0), (1, 2, 3, 255))
    assert argb32(image) == (2, 1, bytes([40, 10, 20, 30, 255, 1, 2, 3]))


def test_pixmap_of_an_rgb_image_is_opaque():
    assert argb32(Image.new("RGB", (1, 1), (5, 6, 7))) == (1, 1, bytes([255, 5, 6, 7]))


class CountingArt:
    """icon_art.draw, counting what it is asked to draw."""

    def __init__(self) -> None:
        self.drawn: list[tuple] = []

    def __call__(self, key, size):
        self.drawn.append((key, size))
        return icon_art.draw(key, size)


def test_the_pixmap_cache_gives_the_pixels_of_a_fresh_drawing_for_every_look():
    cache, art = PixmapCache(), CountingArt()
    for key in icon_art.KEYS:
        assert cache.of(TrayIcon(key, art, icon_art.KEYS)) == [argb32(icon_art.draw(key, size)) for size in SIZES]


def test_the_pixmap_cache_draws_every_look_once_at_the_first_show_and_never_again():
    cache, art = PixmapCache(), CountingArt()
    cache.of(TrayIcon(("sitting", 3), art, icon_art.KEYS))
    assert sorted(art.drawn) == sorted((key, size) for key in icon_art.KEYS for size in SIZES)
    art.drawn.clear()
    for key in icon_art.KEYS:
        cache.of(TrayIcon(key, art, icon_art.KEYS))
    assert art.drawn == []


def test_a_look_the_icon_does_not_list_is_drawn_when_first_shown():
    cache, art = PixmapCache(), CountingArt()
    cache.of(TrayIcon(("sitting", 3), art))
    cache.of(TrayIcon(("due", 0), art))
    cache.of(TrayIcon(("sitting", 3), art))
    assert art.drawn == [(("sitting", 3), size) for size in SIZES] + [(("due", 0), size) for size in SIZES]


def test_the_attention_icon_is_sent_only_while_a_break_is_due():
    item, pixmap = StatusNotifierItem(), argb32(icon_art.draw(("due", 0), 22))
    item.show(pixmaps=[pixmap], status="Active")
    assert item.AttentionIconPixmap == [] and item.IconPixmap == [list(pixmap)]
    item.show(pixmaps=[pixmap], status="NeedsAttention")
    assert item.AttentionIconPixmap == [list(pixmap)]


def test_items_are_numbered_in_tree_order_under_root_zero():
    table = number(MENU)
    assert table[0][1] == (1, 3, 4, 5, 6)
    assert table[1] == (MENU[0], (2,))
    assert table[7][0].label == "30 minutes" and table[6][1] == (7,)


def test_layout_carries_labels_states_checkmarks_separators_and_submenus():
    menu = Recorder([])
    menu.show(MENU)
    _, props, children = menu.layout(0, -1)
    assert props["children-display"].value == "submenu"
    kids = [child.value for child in children]
    assert kids[0][1]["children-display"].value == "submenu"
    assert kids[0][2][0].value[1]["label"].value == "Desk routine"
    assert kids[1][1]["enabled"].value is False
    assert kids[2][1] == {"type": kids[2][1]["type"]} and kids[2][1]["type"].value == "separator"
    assert kids[3][1]["toggle-type"].value == "checkmark" and kids[3][1]["toggle-state"].value == 0
    assert menu.layout(0, 0)[2] == []
    assert len(menu.layout(0, 1)[2][0].value[2]) == 0


def test_a_changed_menu_raises_the_revision_and_tells_the_hosts_but_an_equal_one_does_not():
    menu = Recorder([])
    first = menu.revision
    assert menu.show(MENU)
    assert menu.revision == first + 1
    assert menu.signals == ["ItemsPropertiesUpdated", "LayoutUpdated"]
    assert not menu.show(tuple(MENU))
    assert menu.revision == first + 1
    assert menu.show(MENU[:2])
    assert menu.revision == first + 2 and len(menu.signals) == 4


def test_a_click_sends_the_items_command_and_disabled_or_unknown_items_send_nothing():
    clicks: list = []
    menu = Recorder(clicks)
    menu.show(MENU)
    menu._click(7, "clicked")
    menu._click(2, "hovered")
    menu._click(3, "clicked")  # Snooze is disabled
    menu._click(99, "clicked")
    assert clicks == [{"cmd": "pause", "for_s": 1800}]


def test_underscores_in_labels_are_not_mnemonics():
    menu = Recorder([])
    menu.show((MenuItem("my_routine routine", {"cmd": "break"}),))
    assert menu.layout(1, 0)[1]["label"].value == "my__routine routine"


def kept_icon(path, art, key=("sitting", 3)) -> TrayIcon:
    return TrayIcon(key, art, icon_art.KEYS, kept=str(path))


def test_the_looks_drawn_once_are_kept_and_a_later_start_reads_them_without_drawing(tmp_path):
    kept = tmp_path / "cache" / "tray-looks-abc.bin"
    first = PixmapCache().of(kept_icon(kept, CountingArt()))
    assert kept.is_file() and kept.stat().st_mode & 0o777 == 0o600
    later, art = PixmapCache(), CountingArt()
    for key in icon_art.KEYS:
        assert later.of(kept_icon(kept, art, key)) == [argb32(icon_art.draw(key, size)) for size in SIZES]
    assert art.drawn == []
    assert later.of(kept_icon(kept, art)) == first


def test_a_later_start_with_kept_looks_never_imports_pillow(tmp_path):
    kept = tmp_path / "tray-looks-abc.bin"
    PixmapCache().of(kept_icon(kept, CountingArt()))
    script = (
        "import sys\n"
        "from deskbreak.core.view import TrayIcon\n"
        "from deskbreak.platform.tray.sni.pixmap import PixmapCache\n"
        "from deskbreak.ui import icon_art, tray_view\n"
        f"PixmapCache().of(TrayIcon(('due', 0), icon_art.draw, icon_art.KEYS, kept={str(kept)!r}))\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'PIL'))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_symlink_where_the_looks_are_kept_is_never_followed(tmp_path):
    target = tmp_path / "precious"
    target.write_bytes(b"mine")
    kept = tmp_path / "tray-looks-abc.bin"
    kept.symlink_to(target)
    art = CountingArt()
    PixmapCache().of(kept_icon(kept, art))
    assert art.drawn  # not read through the link
    assert target.read_bytes() == b"mine"  # nor written through it
    assert not kept.is_symlink() and kept.is_file()


def test_damaged_kept_looks_are_drawn_afresh_and_older_versions_removed(tmp_path):
    older = tmp_path / "tray-looks-0000.bin"
    older.write_bytes(b"old")
    kept = tmp_path / "tray-looks-abc.bin"
    PixmapCache().of(kept_icon(kept, CountingArt()))
    assert not older.exists()
    kept.write_bytes(kept.read_bytes()[:5000])  # cut short
    art = CountingArt()
    assert PixmapCache().of(kept_icon(kept, art)) == [argb32(icon_art.draw(("sitting", 3), size)) for size in SIZES]
    assert art.drawn  # drawn afresh, and kept whole again:
    again = CountingArt()
    PixmapCache().of(kept_icon(kept, again))
    assert again.drawn == []
