"""Work a StatusNotifierItem's icon on a real desktop the way a user does: find it on the screen,
click it, walk its menu to an item, and restart the panel that shows it.

Seeing and choosing are shared by every desktop. The icon is found by its drawn colours in a
screenshot of the strip where that desktop keeps its tray. A menu counts as open when the screen
outside that strip changed after the right click. An item is reached with the keyboard, the steps
counted from the menu's own layout (read from the item over com.canonical.dbusmenu), because every
host's menu skips separators and disabled items when the arrow keys move; on waybar, whose menus
get no keys, it is clicked, its row found as a line of text in the menu. What differs per desktop
(its input channel, its key names, how its tray host restarts) lives in one small class each.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus
from PIL import Image, ImageChops

from tests.desktop import desktops, sni_client
from tests.desktop.rig import poll

Pixel = tuple[int, int, int]
Looks = Callable[[Pixel], bool]
Box = tuple[int, int, int, int]

MENU_PIXELS = 1500  # changed pixels outside the tray strip that mean a menu opened (a menu is >150x100 px)


def near(*colours: Pixel, tolerance: int = 24) -> Looks:
    """A pixel test: within `tolerance` of one of `colours` on every channel."""

    def looks(pixel: Pixel) -> bool:
        return any(all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=False)) for colour in colours)

    return looks


class TrayDriver:
    """The desktop-independent half; subclasses say how to click, type and restart the host."""

    strip: Box = (0, 0, 1280, 34)  # where the tray's icons are drawn, on the 1280x800 screen
    onto_first_item: tuple[str, ...] = ()  # keys that select a just-opened submenu's first item
    by_pointer = False  # pick menu items with the pointer (the keyboard does not reach the menu)

    def __init__(self, desktop: desktops.Desktop, looks: Looks, shots: Path) -> None:
        self.desktop = desktop
        self.looks = looks
        self.shots = shots
        self.icon: tuple[int, int] | None = None
        self.service = ""  # the item's bus name, once known
        self.spawned: list[subprocess.Popen[str]] = []

    # --- seeing -------------------------------------------------------------------------------
    def screen(self, name: str) -> Image.Image:
        """A screenshot, kept as shots/<name>.png for whoever looks at a failure."""
        path = self.desktop.screenshot(self.shots / f"{self.desktop.kind}-{name}.png")
        with Image.open(path) as image:
            return image.convert("RGB")

    def locate(self, image: Image.Image) -> tuple[int, int] | None:
        """The centre of the largest roughly square patch of touching icon-coloured pixels in the
        tray strip (a clock's anti-aliased text has such colours too, but in small letters)."""
        left, top, right, _ = self.strip
        strip = image.crop(self.strip)
        width = right - left
        data = strip.tobytes()
        todo = {index for index in range(len(data) // 3) if self.looks(tuple(data[index * 3 : index * 3 + 3]))}
        best: list[int] = []
        while todo:
            patch = [todo.pop()]
            for index in patch:
                x, y = index % width, index // width
                for nx, ny in ((x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
                    if 0 <= nx < width and ny * width + nx in todo:
                        todo.remove(ny * width + nx)
                        patch.append(ny * width + nx)
            xs, ys = [i % width for i in patch], [i // width for i in patch]
            w, h = max(xs) - min(xs) + 1, max(ys) - min(ys) + 1
            if w >= 10 and h >= 10 and 0.75 <= w / h <= 1.33 and len(patch) > len(best):
                best = patch
        if not best:
            return None
        xs, ys = [i % width for i in best], [i // width for i in best]
        return left + (min(xs) + max(xs)) // 2, top + (min(ys) + max(ys)) // 2

    def find_icon(self, name: str = "icon", timeout: float = 20) -> tuple[int, int]:
        """Wait until the icon is drawn in the tray; remember where."""
        self.park_pointer()
        found: list[tuple[int, int]] = []

        def drawn() -> bool:
            spot = self.locate(self.screen(name))
            found[:] = [spot] if spot else []
            return bool(found)

        try:
            poll(drawn, timeout=timeout, what=f"the icon in {self.desktop.kind}'s tray (see {self.shots})")
        except AssertionError as missing:
            raise AssertionError(f"{missing}{self.host_says()}") from None
        self.icon = found[0]
        return self.icon

    def icon_image(self, name: str, half: int = 8) -> Image.Image:
        """The middle of the icon (where its looks differ, and no label beside it reaches), found
        again: a label beside it may have moved it."""
        self.park_pointer()
        shot = self.screen(name)
        spot = self.locate(shot)
        assert spot, f"the icon is not in {self.desktop.kind}'s tray (see {self.shots}){self.host_says()}"
        self.icon = spot
        x, y = spot
        return shot.crop((x - half, y - half, x + half, y + half))

    def icon_changes(self, before: Image.Image, name: str, timeout: float = 10) -> Image.Image:
        """Wait until the icon's square differs from `before`; return the new look."""
        after: list[Image.Image] = []

        def changed() -> bool:
            after[:] = [self.icon_image(name)]
            return changed_pixels(before, after[0]) > 6  # GNOME draws the icon at 16 px: its pause bars are 12 px

        poll(changed, timeout=timeout, what=f"the icon to change on {self.desktop.kind} (see {self.shots})")
        return after[0]

    def menu_area(self, image: Image.Image) -> Image.Image:
        """The screen outside the tray strip, where a menu opens."""
        left, top, right, bottom = self.strip
        return image.crop((0, bottom, 1280, 800)) if top == 0 else image.crop((0, 0, 1280, top))

    # --- doing --------------------------------------------------------------------------------
    def open_menu(self, name: str = "menu", button: int = 3) -> Image.Image:
        """Click the icon (right, unless `button` says) until a menu shows (a host may drop one
        click); the screenshot with the menu."""
        self.before_menu = self.screen(f"{name}-before")
        before = self.menu_area(self.before_menu)
        shown: list[Image.Image] = []

        def opened() -> bool:
            shown[:] = [self.screen(name)]
            return changed_pixels(before, self.menu_area(shown[0])) > MENU_PIXELS

        assert self.icon, "find_icon() first"
        self.click(*self.icon, button=button)
        try:
            poll(opened, timeout=5, what="the menu")
        except AssertionError:
            self.keys("Escape")
            self.click(*self.icon, button=button)
            try:
                poll(opened, timeout=5, what=f"a menu on {self.desktop.kind} after two clicks (see {self.shots})")
            except AssertionError as missing:
                raise AssertionError(f"{missing}{self.host_says()}") from None
        self.menu_shot = shown[0]
        return shown[0]

    def close_menu(self) -> None:
        """Dismiss the open menu (Escape, or a click on the bare desktop where keys do not reach
        it) and wait until the screen outside the tray is as it was before the menu."""
        if self.by_pointer:
            self.click(640, 500, 1)
        else:
            self.keys("Escape")
        self.park_pointer()  # or the icon's tooltip shows where the menu was
        before = self.menu_area(self.before_menu)
        poll(
            lambda: changed_pixels(before, self.menu_area(self.screen("menu-closed"))) < MENU_PIXELS,
            what=f"the menu to close on {self.desktop.kind}",
        )

    def choose(self, *path: str) -> None:
        """In the open menu, pick the item at `path` ("Pause", "30 minutes")."""
        layout = self.menu()
        if self.by_pointer:
            self.point_and_click(layout, path)
        else:
            self.type_keys(layout, path)

    def menu(self) -> sni_client.Entry:
        """The item's menu as the host reads it: the item is `service`, else the last registered."""
        address = self.desktop.env["DBUS_SESSION_BUS_ADDRESS"]
        service = self.service or sni_client.bus_name(sni_client.registered_items(address)[-1])
        return sni_client.menu(address, service)[1]

    def type_keys(self, layout: sni_client.Entry, path: tuple[str, ...]) -> None:
        """Walk the menu with the keyboard. After each Right, wait for the submenu to show:
        Plasma fetches a submenu's items only as it opens."""
        keys = menu_keys(layout, path)
        while "Right" in keys:
            step = keys.index("Right") + 1
            before = self.menu_area(self.screen("menu-before-submenu"))
            self.keys(*keys[:step])
            poll(
                lambda before=before: changed_pixels(before, self.menu_area(self.screen("submenu"))) > MENU_PIXELS,
                what=f"the submenu on {self.desktop.kind}",
            )
            if self.onto_first_item:
                self.keys(*self.onto_first_item)
            keys = keys[step:]
        self.keys(*keys)

    def point_and_click(self, layout: sni_client.Entry, path: tuple[str, ...]) -> None:
        """Click each item of `path` in turn. Rows are found as bands of text in the menu's box
        (the part of the screen the menu changed) and matched in order to the layout's visible
        items; a submenu's box is what changed beside its parent once it opened."""
        box = changed_box(self.before_menu, self.menu_shot, self.strip)
        shot = self.menu_shot
        node = layout
        for depth, label in enumerate(path):
            items = [child for child in node.children if _shown(child)]
            labels = [child.label for child in items]
            rows = text_rows(shot, box)
            if len(rows) != len(items):
                raise AssertionError(
                    f"found {len(rows)} rows in the menu at {box} on {self.desktop.kind}, expected {labels} (see {self.shots})"
                )
            index = labels.index(label)
            node = items[index]
            self.click((box[0] + box[2]) // 2, rows[index], 1)
            if depth == len(path) - 1:
                return
            opened: list[Image.Image] = []

            def submenu(opened: list[Image.Image] = opened, shot: Image.Image = shot) -> bool:
                opened[:] = [self.screen("submenu")]
                return changed_pixels(shot, opened[0]) > MENU_PIXELS

            poll(submenu, what=f"the {label!r} submenu on {self.desktop.kind}")
            box = changed_box(shot, opened[0], self.strip, outside=box)
            shot = opened[0]

    def close(self) -> None:
        for proc in self.spawned:
            if proc.poll() is None:
                proc.terminate()
                proc.wait(10)

    def park_pointer(self) -> None:
        """Move the pointer off the tray: a hovered icon is drawn highlighted."""
        self.move(640, 400)

    # --- per desktop --------------------------------------------------------------------------
    def click(self, x: int, y: int, button: int) -> None:
        self.desktop.click(x, y, button)

    def move(self, x: int, y: int) -> None:
        self.desktop.move(x, y)

    def keys(self, *names: str) -> None:
        raise NotImplementedError

    def stop_host(self) -> None:
        """Stop what shows the tray (and owns the watcher where it does); wait until it is gone."""
        raise NotImplementedError

    def start_host(self) -> None:
        """Start it again the way the desktop's recipe does; wait until its watcher is back."""
        raise NotImplementedError

    def wait_icon_gone(self, name: str = "gone") -> None:
        poll(lambda: self.locate(self.screen(name)) is None, what=f"the icon to leave {self.desktop.kind}'s tray")
        self.icon = None

    def host_says(self) -> str:
        """What the tray host logged about items, to explain an icon that is not there."""
        return ""

    def watcher_present(self) -> bool:
        return has_owner(self.desktop.env, sni_client.WATCHER)

    def wait_watcher(self, present: bool, what: str) -> None:
        poll(lambda: self.watcher_present() is present, timeout=20, what=what)

    def relaunch(self, argv: list[str], env: dict[str, str], pid_file: Path, log: Path) -> None:
        """Start a host program again the way the recipe did, and leave its pid where the recipe's
        stop looks for it."""
        with log.open("a") as out:
            proc = subprocess.Popen(
                argv, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True, text=True
            )
        self.spawned.append(proc)
        pid_file.write_text(f"{proc.pid}\n")


class GnomeTray(TrayDriver):
    """GNOME Shell: input through one long RemoteDesktop session (its orange indicator in the top
    bar would move the icon if a session came and went between a screenshot and a click)."""

    strip = (640, 0, 1280, 32)
    KEYSYMS = {"Down": 0xFF54, "Up": 0xFF52, "Right": 0xFF53, "Return": 0xFF0D, "Escape": 0xFF1B}

    def __init__(self, desktop: desktops.Desktop, looks: Looks, shots: Path) -> None:
        super().__init__(desktop, looks, shots)
        self.session = subprocess.Popen(
            [sys.executable, str(desktops.TOOLS / "gnome_input.py"), "serve"],
            env=desktop.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.spawned.append(self.session)
        self.send("sleep 0.5")

    def send(self, line: str) -> None:
        assert self.session.stdin and self.session.stdout
        self.session.stdin.write(line + "\n")
        self.session.stdin.flush()
        while (answer := self.session.stdout.readline()) != "done\n":
            if not answer:
                raise AssertionError(f"gnome_input.py ended while doing {line!r}")

    def click(self, x: int, y: int, button: int) -> None:
        self.send(f"move {x} {y} sleep 0.3 click {button} sleep 0.2")

    def move(self, x: int, y: int) -> None:
        self.send(f"move {x} {y} sleep 0.2")

    def keys(self, *names: str) -> None:
        self.send(" ".join(f"key {self.KEYSYMS[name]:#x} sleep 0.15" for name in names))

    def close(self) -> None:
        if self.session.stdin:
            self.session.stdin.close()
        try:
            self.session.wait(10)
        except subprocess.TimeoutExpired:
            pass
        super().close()

    def host_says(self) -> str:
        log = self.desktop.state / "shell.log"
        lines = [line for line in log.read_text(errors="replace").splitlines() if "AppIndicators-WARNING" in line]
        return "; the AppIndicator extension logged:\n" + "\n".join(lines[-5:]) if lines else ""

    # the AppIndicator extension is GNOME's watcher and host: disable it, and enable it again
    def stop_host(self) -> None:
        self.extensions = self.desktop.run("gsettings", "get", "org.gnome.shell", "enabled-extensions").stdout.strip()
        self.desktop.run("gsettings", "set", "org.gnome.shell", "enabled-extensions", "[]")
        self.wait_watcher(False, "the AppIndicator extension to let go of the watcher")

    def start_host(self) -> None:
        self.desktop.run("gsettings", "set", "org.gnome.shell", "enabled-extensions", self.extensions)
        self.wait_watcher(True, "the AppIndicator extension's watcher back")


class KdeTray(TrayDriver):
    """KDE Plasma: KWin's fake input; the tray is plasmashell's, its watcher a kded5 module."""

    strip = (640, 752, 1280, 800)
    KEYCODES = {"Down": 108, "Up": 103, "Right": 106, "Return": 28, "Escape": 1}
    # Right selects a submenu's first item only if its items arrived before it opened (Plasma
    # fetches them as it opens); Up then Down lands on the first item either way (Qt menus wrap)
    onto_first_item = ("Up", "Down")

    def park_pointer(self) -> None:
        """Each fake-input device lives as long as one kwin_fakeinput.py; when it goes, the panel
        keeps the icon it was over drawn highlighted until a pointer moves inside the panel again.
        So cross an empty part of the panel on the way out."""
        self.desktop.run(
            sys.executable,
            str(desktops.TOOLS / "kwin_fakeinput.py"),
            "abs",
            "700",
            "778",
            "sleep",
            "0.3",
            "abs",
            "640",
            "400",
            "sleep",
            "0.3",
        )

    def keys(self, *names: str) -> None:
        steps = [word for name in names for word in ("key", str(self.KEYCODES[name]), "sleep", "0.15")]
        self.desktop.run(sys.executable, str(desktops.TOOLS / "kwin_fakeinput.py"), *steps)

    # plasmashell (the host) and kded5's watcher module both go; the watcher comes back empty, so
    # every item must register again, and a new plasmashell must show it
    def stop_host(self) -> None:
        subprocess.run(["kill", (self.desktop.state / "plasma.pid").read_text().strip()], check=True)
        self.kded("unloadModule")
        self.wait_watcher(False, "kded5's watcher module to unload")

    def start_host(self) -> None:
        state = self.desktop.state
        self.kded("loadModule")
        self.wait_watcher(True, "kded5's watcher module back")
        self.relaunch(["plasmashell", "--no-respawn"], self.desktop.env, state / "plasma.pid", state / "plasma.log")

    def kded(self, method: str) -> None:
        self.desktop.run(
            "gdbus", "call", "--session", "-d", "org.kde.kded5", "-o", "/kded", "-m", f"org.kde.kded5.{method}", "statusnotifierwatcher"
        )


class SwayTray(TrayDriver):
    """sway with waybar: the wlroots virtual pointer, wtype for keys; waybar is watcher and host."""

    strip = (640, 0, 1280, 30)
    by_pointer = True  # waybar's menus get no keyboard focus from sway

    def keys(self, *names: str) -> None:
        steps = [word for name in names for word in ("-k", name, "-s", "150")]
        self.desktop.run("wtype", *steps)

    def waybar_pid(self) -> int:
        """This desktop's waybar: the one reading this recipe's config (sway forks it away)."""
        config = str(self.desktop.state / "waybar.json")
        for proc in Path("/proc").glob("[0-9]*"):
            try:
                argv = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if Path(argv[0].decode()).name == "waybar" and config.encode() in argv:
                return int(proc.name)
        raise AssertionError(f"no waybar runs with {config}")

    # kill this sway's waybar by its pid, and have sway start it again
    def stop_host(self) -> None:
        subprocess.run(["kill", str(self.waybar_pid())], check=True)
        self.wait_watcher(False, "waybar's watcher to go")

    def start_host(self) -> None:
        self.desktop.run("swaymsg", "exec", f"waybar -c {self.desktop.state / 'waybar.json'}")
        self.wait_watcher(True, "waybar's watcher back")


class XfceTray(TrayDriver):
    """xfce4-panel under Xvfb: xdotool; the systray plugin is watcher and host."""

    strip = (640, 0, 1280, 40)

    def keys(self, *names: str) -> None:
        steps = [word for name in names for word in ("key", name, "sleep", "0.15")]
        self.desktop.run("xdotool", *steps)

    # xfce4-panel, by the pid in the recipe's state folder, started again with the recipe's settings
    def stop_host(self) -> None:
        subprocess.run(["kill", (self.desktop.state / "panel.pid").read_text().strip()], check=True)
        self.wait_watcher(False, "the panel's watcher to go")

    def start_host(self) -> None:
        state = self.desktop.state
        self.relaunch(["xfce4-panel", "--disable-wm-check"], panel_env(self.desktop), state / "panel.pid", state / "panel.log")
        self.wait_watcher(True, "the panel's watcher back")


def panel_env(xfce: desktops.Desktop) -> dict[str, str]:
    """The environment the XFCE recipe starts xfce4-panel with: its own home and XDG folders."""
    state = xfce.state
    return {
        **xfce.env,
        "HOME": str(state / "home"),
        "XDG_CONFIG_HOME": str(state / "config"),
        "XDG_CACHE_HOME": str(state / "cache"),
        "XDG_DATA_HOME": str(state / "data"),
        "XDG_CURRENT_DESKTOP": "XFCE",
    }


DRIVERS: dict[str, type[TrayDriver]] = {"gnome": GnomeTray, "kde": KdeTray, "sway": SwayTray, "xfce": XfceTray}


def driver(desktop: desktops.Desktop, looks: Looks, shots: Path) -> TrayDriver:
    return DRIVERS[desktop.kind](desktop, looks, shots)


def changed_mask(a: Image.Image, b: Image.Image, threshold: int = 32) -> Image.Image:
    """White where two images of the same size differ clearly on any channel."""
    red, green, blue = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue).point(lambda v: 255 if v > threshold else 0)


def changed_pixels(a: Image.Image, b: Image.Image) -> int:
    return changed_mask(a, b).histogram()[255]


def changed_box(before: Image.Image, after: Image.Image, strip: Box, outside: Box | None = None) -> Box:
    """The box of what changed clearly between two screenshots, ignoring `outside`: its columns
    from the part outside the tray strip (where a clock may tick), its rows over the whole height."""
    mask = changed_mask(before, after)
    if outside:
        mask.paste(0, outside)
    beyond = mask.copy()
    beyond.paste(0, strip)
    columns = beyond.getbbox()
    assert columns, "nothing changed on the screen outside the tray"
    rows = mask.crop((columns[0], 0, columns[2], mask.height)).getbbox()
    assert rows
    return columns[0], rows[1], columns[2], rows[3]


def text_rows(shot: Image.Image, box: Box) -> list[int]:
    """The centre y of each line of text in a light menu's box: bands of rows holding pixels much
    darker than the menu's background (a separator is a faint line and does not count). The
    box's edge is left out: rounded corners show what is behind the menu."""
    box = (box[0] + 6, box[1] + 6, box[2] - 6, box[3] - 6)
    gray = shot.convert("L").crop(box)
    width, height = gray.size
    histogram = gray.histogram()
    background = histogram.index(max(histogram))
    inked = [sum(1 for x in range(width) if background - gray.getpixel((x, y)) > 60) >= 2 for y in range(height)]
    rows: list[list[int]] = []
    for y, ink in enumerate(inked):
        if ink:
            if rows and y - rows[-1][-1] <= 3:
                rows[-1].append(y)
            else:
                rows.append([y])
    return [box[1] + (band[0] + band[-1]) // 2 for band in rows]


# --- the menu's layout, from the item itself ---------------------------------------------------
def menu_keys(menu: sni_client.Entry, path: tuple[str, ...]) -> list[str]:
    """Keys that reach `path` in a menu just opened with the pointer: Down onto the first item,
    Down past each item a host lets the keyboard stop on, Right into a submenu (which selects its
    first item), and Return."""
    keys: list[str] = []
    node = menu
    for depth, label in enumerate(path):
        stops = [child for child in node.children if _stoppable(child)]
        labels = [child.label for child in stops]
        if label not in labels:
            raise AssertionError(f"no enabled item {label!r} in the menu; it has {labels}")
        index = labels.index(label)
        keys += ["Down"] * (index + (1 if depth == 0 else 0))
        node = stops[index]
        if depth < len(path) - 1:
            keys.append("Right")
    return keys + ["Return"]


def _shown(entry: sni_client.Entry) -> bool:
    return entry.props.get("visible", True) is not False and entry.props.get("type") != "separator"


def _stoppable(entry: sni_client.Entry) -> bool:
    return _shown(entry) and entry.props.get("enabled", True) is not False


def has_owner(env: dict[str, str], name: str) -> bool:
    return asyncio.run(_has_owner(env["DBUS_SESSION_BUS_ADDRESS"], name))


async def _has_owner(address: str, name: str) -> bool:
    bus = await MessageBus(bus_address=address).connect()
    try:
        reply = await bus.call(
            Message(
                destination="org.freedesktop.DBus",
                path="/org/freedesktop/DBus",
                interface="org.freedesktop.DBus",
                member="NameHasOwner",
                signature="s",
                body=[name],
            )
        )
        return reply.message_type != MessageType.ERROR and bool(reply.body[0])
    finally:
        bus.disconnect()
