"""The reminder of the real daemon inside a desktop of the rig (conftest's daemon_inside): the
Notify calls it makes on the desktop's bus, and the routine window it opens (natively on sway,
on the X11 desktop's display), found, checked on a screenshot and closed through the compositor.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageChops

from tests.daemon.harness import Daemon, wait_until
from tests.desktop import rig
from tests.desktop.desktops import TOOLS, Desktop
from tests.desktop.rig import end, poll

SHORT = """
[reminders]
sit_limit = "3s"
snooze = "3s"
renotify_every = "1h"
[presence]
sample_every = "1s"
"""

# what the reminder adds late in a week that is behind on the full routine (harness.LATE_WEEK),
# besides a fourth button, "Full routine": on a server with buttons, and on one with a click only
OFFER = "The week is behind on the full floor routine: today is a good day for it."
OFFER_WITHOUT_BUTTONS = "The week is behind on the full routine: deskbreak break full"


class NotifyCalls:
    """The Notify calls on the desktop's session bus, read with dbus-monitor: what the server
    was given (summary, body, actions), whatever it draws."""

    def __init__(self, desktop: Desktop, path: Path) -> None:
        self.path = path
        self._out = path.open("w")
        self.proc = subprocess.Popen(
            ["dbus-monitor", "--session", "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"],
            env=desktop.env,
            stdout=self._out,
            stderr=subprocess.DEVNULL,
        )
        poll(lambda: path.stat().st_size > 0, what="dbus-monitor to start")

    def calls(self) -> list[list[str]]:
        """The string arguments of each Notify call, in order (app, icon, summary, body, actions...)."""
        chunks = re.split(r"^method call .*member=Notify$", self.path.read_text(), flags=re.M)[1:]
        return [re.findall(r'^\s*string "(.*)"$', chunk, flags=re.M) for chunk in chunks]

    def stop(self) -> None:
        end(self.proc)
        self._out.close()


def reminder_calls(notify: NotifyCalls) -> list[list[str]]:
    return [call for call in notify.calls() if "Time for an upper-back break" in call]


def x_env(desktop: Desktop) -> dict[str, str]:
    return {**os.environ, **desktop.x11_env()}


def routine_windows(desktop: Desktop) -> list[str]:
    """The routine windows shown on the desktop's X display (their titles start "deskbreak ")."""
    run = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "^deskbreak "], env=x_env(desktop), capture_output=True, text=True
    )
    return run.stdout.split()


def window_geometry(desktop: Desktop, window: str) -> tuple[int, int, int, int]:
    """x, y, width, height of an X window on the screen."""
    run = subprocess.run(
        ["xdotool", "getwindowgeometry", "--shell", window], env=x_env(desktop), capture_output=True, text=True, check=True
    )
    values = dict(line.split("=", 1) for line in run.stdout.split())
    return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])


CLOSE_REQUEST = """
import sys
from Xlib import X, display
from Xlib.protocol import event
screen = display.Display()
window = screen.create_resource_object("window", int(sys.argv[1]))
if sys.argv[2] == "wm":  # ask the window manager, as its close button does
    close = event.ClientMessage(window=window, client_type=screen.intern_atom("_NET_CLOSE_WINDOW"),
                                data=(32, [0, 2, 0, 0, 0]))
    screen.screen().root.send_event(close, event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask)
else:  # no window manager: send what one would send the window
    close = event.ClientMessage(window=window, client_type=screen.intern_atom("WM_PROTOCOLS"),
                                data=(32, [screen.intern_atom("WM_DELETE_WINDOW"), 0, 0, 0, 0]))
    window.send_event(close)
screen.flush()
"""


def close_window(desktop: Desktop, window: str) -> None:
    """Close the window the way its close button would: through the compositor. sway is asked
    over its IPC; GNOME's and KDE's window managers take the EWMH close request (and send the
    window WM_DELETE_WINDOW); the XFCE rig runs no window manager, so the window gets
    WM_DELETE_WINDOW directly."""
    if desktop.kind == "sway":
        desktop.run("swaymsg", '[title="^deskbreak "] kill')
    else:
        how = "direct" if desktop.kind == "xfce" else "wm"
        subprocess.run([sys.executable, "-c", CLOSE_REQUEST, window, how], env=x_env(desktop), check=True, timeout=30)


def shown_on_screen(shot: Path, box: tuple[int, int, int, int]) -> bool:
    """The region `box` (x, y, width, height) of a screenshot is drawn: many colours, not one fill."""
    x, y, width, height = box
    with Image.open(shot) as image:
        region = image.convert("RGB").crop((x, y, x + width, y + height))
        return len(region.getcolors(maxcolors=1 << 20) or ()) > 20


def wait_for_routine_window(desktop: Desktop) -> str:
    wait_until(lambda: bool(routine_windows(desktop)), timeout=30, what="the routine window on XWayland")
    return routine_windows(desktop)[0]


def sway_windows(desktop: Desktop) -> list[dict]:
    """The routine windows in sway's tree: Wayland-native views whose app_id is deskbreak."""
    stack, found = [json.loads(desktop.run("swaymsg", "-t", "get_tree").stdout)], []
    while stack:
        node = stack.pop()
        if node.get("app_id") == "deskbreak":
            found.append(node)
        stack += node.get("nodes", []) + node.get("floating_nodes", [])
    return found


def wait_for_sway_window(desktop: Desktop) -> dict:
    wait_until(lambda: bool(sway_windows(desktop)), timeout=30, what="the routine window in sway's tree")
    return sway_windows(desktop)[0]


KWIN_CLOSE = """
const all = workspace.clientList();
for (let i = 0; i < all.length; i++) {
    if (all[i].caption.startsWith("deskbreak ")) all[i].closeWindow();
}
"""


def accessible_windows(bus: rig.AccessibilityBus) -> list[str]:
    """The routine windows on the desktop's accessibility bus (a Wayland-native window is
    seen by no X tool; a screen reader sees it here)."""
    return [
        name
        for app, role, name, _depth in bus.tree()
        if app == "deskbreak" and role in ("frame", "window", "filler") and name.startswith("deskbreak ")
    ]


def wait_for_accessible_window(bus: rig.AccessibilityBus) -> str:
    wait_until(lambda: bool(accessible_windows(bus)), timeout=30, what="the routine window on the accessibility bus")
    return accessible_windows(bus)[0]


def screen_changed(before: Path, after: Path) -> bool:
    """A window of the routine's size appeared: at least a fifth of the screen is drawn anew."""
    with Image.open(before) as first, Image.open(after) as second:
        changed = ImageChops.difference(first.convert("RGB"), second.convert("RGB")).convert("L").point(lambda v: 255 if v > 16 else 0)
        return changed.histogram()[255] > first.width * first.height // 5


def close_wayland_window(desktop: Desktop, root: Path) -> None:
    """Close the Wayland-native routine window through the compositor, as its close button
    would: KWin runs a script that asks the window to close; GNOME closes the focused window
    on Alt+F4, typed through mutter's RemoteDesktop input."""
    if desktop.kind == "kde":
        script = root / "close.js"
        script.write_text(KWIN_CLOSE)
        call = ("gdbus", "call", "--session", "--dest", "org.kde.KWin")
        desktop.run(*call, "--object-path", "/Scripting", "--method", "org.kde.kwin.Scripting.loadScript", str(script), "deskbreak-close")
        desktop.run(*call, "--object-path", "/Scripting", "--method", "org.kde.kwin.Scripting.start")  # runs the scripts loaded
        desktop.run(*call, "--object-path", "/Scripting", "--method", "org.kde.kwin.Scripting.unloadScript", "deskbreak-close", check=False)
    elif desktop.kind == "gnome":
        desktop.run(sys.executable, str(TOOLS / "gnome_input.py"), "chord", "0xffe9+0xffc1", "sleep", "0.3")
    else:
        raise AssertionError(f"no Wayland close for {desktop.kind}")


def the_window_shows_and_closing_it_abandons_the_break(desktop: Desktop, daemon: Daemon, shot: Path) -> None:
    """The routine window the daemon opened is drawn on the desktop's screen; closing it (as its
    user would) logs break_abandoned and the window goes."""
    window = wait_for_routine_window(desktop)
    poll(lambda: shown_on_screen(desktop.screenshot(shot), window_geometry(desktop, window)), what="the window drawn on the screen")
    close_window(desktop, window)
    daemon.wait_for_event("break_abandoned")
    rig.poll(lambda: not routine_windows(desktop), what="the routine window to go")
