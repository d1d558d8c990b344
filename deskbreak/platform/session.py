"""What this desktop session can do, and through what: the one place that answers it.

The session is read from the environment a desktop gives its programs (DISPLAY, WAYLAND_DISPLAY,
SWAYSOCK, XDG_CURRENT_DESKTOP, the session bus) without connecting to anything, so asking is
cheap. From it follow which adapters are worth trying, in which order, and why the others are
not: on Wayland, XWayland sees only X clients, so X11's idle time and fullscreen state would be
wrong there. The routine window (Qt) opens natively on Wayland and on X11, so it needs only a
display; `qt_platform` names the Qt platform plugin for it. The choosers, the launcher,
`deskbreak routine` and `doctor` all ask here, so they cannot disagree.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Mapping

Kind = Literal["x11", "wayland", "macos", "windows", "none"]
Role = Literal["idle", "busy", "notify", "window"]

# every adapter each role has, best first; the choosers map these names to their factories
CANDIDATES: dict[Role, tuple[str, ...]] = {
    "idle": ("x11", "wayland", "gnome", "screensaver"),
    "busy": ("x11-fullscreen", "sway-fullscreen", "gnome-inhibit"),
    "notify": ("desktop", "plyer"),
    "window": ("qt",),
}
X11_UNDER_WAYLAND = "a Wayland session: XWayland sees only X clients, not the whole desktop"


@dataclass(frozen=True)
class Session:
    kind: Kind
    desktop: str = ""  # lower case, from XDG_CURRENT_DESKTOP: "gnome", "kde", "sway", ...
    x_display: str | None = None  # an X display to draw on: the X server, or XWayland
    wayland_display: str | None = None
    sway_socket: str | None = None
    bus: bool = False  # a session bus (Linux)

    @property
    def window(self) -> str | None:
        """How the routine window is shown ("wayland", "x11", "macos", "windows"), None if it cannot be.
        On Wayland it is Wayland itself, never XWayland: the window is native there."""
        if self.kind in ("macos", "windows"):
            return self.kind
        if self.wayland_display:
            return "wayland"
        if self.x_display:
            return "x11"
        return None

    @property
    def qt_platform(self) -> str | None:
        """The Qt platform plugin for the window (QT_QPA_PLATFORM), None where Qt picks its own."""
        return {"wayland": "wayland", "x11": "xcb"}.get(self.window or "")

    @property
    def no_window(self) -> str:
        """Why no window can be shown (empty when one can)."""
        if self.window:
            return ""
        return "no display (no DISPLAY or WAYLAND_DISPLAY with a live socket): not inside a desktop session"

    def describe(self) -> str:
        """One line for the log and `doctor`: "Wayland (sway), XWayland on :1"."""
        names = {"x11": "X11", "wayland": "Wayland", "macos": "macOS", "windows": "Windows", "none": "no desktop"}
        text = names[self.kind] + (f" ({self.desktop})" if self.desktop else "")
        if self.kind == "x11":
            text += f" on {self.x_display}"
        elif self.kind == "wayland":
            text += f" on {self.wayland_display}, " + (f"XWayland on {self.x_display}" if self.x_display else "no XWayland")
        return text

    def adapters(self, role: Role) -> list[tuple[str, str | None]]:
        """The role's candidates in the order to try them, each with None (worth trying here)
        or the reason it does not fit this session."""
        return [(name, self._unfit(role, name)) for name in CANDIDATES[role]]

    def _unfit(self, role: Role, name: str) -> str | None:
        if self.kind in ("macos", "windows"):
            native = {"notify": None, "window": None}
            return native.get(role, f"not available on {self.describe()} yet")
        if role == "window":
            return self.no_window or None
        if role == "notify":
            return None if self.bus else "no session bus (DBUS_SESSION_BUS_ADDRESS is not set)"
        if name in ("x11", "x11-fullscreen"):
            if self.kind == "wayland":
                return X11_UNDER_WAYLAND
            return None if self.kind == "x11" else "no X display (DISPLAY is not set, or its socket is gone)"
        if name == "wayland":
            return None if self.kind == "wayland" else "not a Wayland session (WAYLAND_DISPLAY is not set)"
        if name == "sway-fullscreen":
            return None if self.sway_socket else "not a sway session (SWAYSOCK is not set)"
        if not self.bus:
            return "no session bus (DBUS_SESSION_BUS_ADDRESS is not set)"
        if name == "gnome" and self.kind == "x11":
            return "an X11 session: the X server tells idle time"
        return None


def current(environ: Mapping[str, str] | None = None, platform: str | None = None) -> Session:
    """This process's session, from its environment."""
    env = os.environ if environ is None else environ
    platform = platform or sys.platform
    if platform == "darwin":
        return Session("macos")
    if platform == "win32":
        return Session("windows")
    desktop = env.get("XDG_CURRENT_DESKTOP", "").split(":")[0].lower()
    x_display = env.get("DISPLAY") or None
    if x_display and not _x_socket_exists(x_display):
        x_display = None
    wayland = _wayland_display(env)
    kind: Kind = "wayland" if wayland else "x11" if x_display else "none"
    sway = env.get("SWAYSOCK", "") if wayland else ""
    sway_socket = sway if sway and Path(sway).is_socket() else None
    return Session(kind, desktop, x_display, wayland, sway_socket, bool(env.get("DBUS_SESSION_BUS_ADDRESS")))


def _wayland_display(env: Mapping[str, str]) -> str | None:
    """WAYLAND_DISPLAY when its socket is there (a name is relative to XDG_RUNTIME_DIR)."""
    name = env.get("WAYLAND_DISPLAY")
    if not name:
        return None
    path = Path(name) if name.startswith("/") else Path(env.get("XDG_RUNTIME_DIR", "")) / name
    return name if path.is_socket() else None


def _x_socket_exists(display: str) -> bool:
    """A local display (":1") needs its socket; a remote one ("host:0") is taken on trust."""
    if not display.startswith(":"):
        return True
    number = display[1:].split(".")[0]
    return (
        Path(f"/tmp/.X11-unix/X{number}").exists()
        or Path("/proc/net/unix").is_file()
        and (f"@/tmp/.X11-unix/X{number}" in Path("/proc/net/unix").read_text())
    )
