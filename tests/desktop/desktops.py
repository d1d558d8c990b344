"""Real desktops started headless for tests: GNOME Shell and KDE Plasma on Wayland, sway with
waybar and mako, and XFCE's panel under its own Xvfb.

Each desktop is started by its recipe in rigs/ (shell scripts checked on this machine kind) with a
private session bus; the recipe prints the environment a client of that desktop needs, which
becomes `Desktop.env`. Input and screenshots go through each desktop's own channel: Mutter's
RemoteDesktop and Shell.Screenshot on GNOME, KWin's fake input and spectacle on KDE, the wlroots
virtual pointer and grim on sway, xdotool and Xlib on XFCE. Under CI=true a desktop that cannot
start fails the test run.

The Wayland desktops run without XWayland unless asked (`start(kind, x11=True)`): then `env` has
the DISPLAY of the compositor's own XWayland, where X11 programs (the routine window) appear.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tests.desktop import rig

if TYPE_CHECKING:
    import pytest

RIGS = Path(__file__).parent / "rigs"
TOOLS = RIGS / "tools"

# recipe script, the extra words its start/stop take, and the programs it needs
RECIPES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "gnome": ("gnome-headless.sh", (), ("gnome-shell", "gnome-session", "gsettings", "gdbus", "bc")),
    "kde": ("kde-headless.sh", (), ("kwin_wayland", "plasmashell", "spectacle", "gdbus", "bc")),
    "sway": ("sway-headless.sh", (), ("sway", "waybar", "mako", "makoctl", "grim", "swaymsg", "setpriv", "bc")),
    "xfce": ("x11-panel.sh", ("xfce",), ("Xvfb", "xfce4-panel", "xdotool", "gdbus", "bc")),
}


@dataclass
class Desktop:
    """One running desktop; `env` is what a program started "inside" it sees."""

    kind: str
    name: str
    home: Path
    x11: bool = False
    env: dict[str, str] = field(default_factory=dict)
    xfce_display: int = 0  # XFCE's own Xvfb, on a number free when it starts (others may run one too)

    @property
    def state(self) -> Path:
        """The recipe's state folder: logs, pid files and the desktop's private dirs."""
        suffix = f"x11-xfce-{self.name}" if self.kind == "xfce" else f"{self.kind}-{self.name}"
        return self.home / "state" / suffix

    def _recipe(self, command: str) -> subprocess.CompletedProcess[str]:
        script, extra, _ = RECIPES[self.kind]
        env = {
            **_clean_env(),
            "RIG_HOME": str(self.home),
            "RIG_PY": sys.executable,
            "RIG_TOOLS": str(TOOLS),
            **(self._x11_knob() if self.x11 else {}),
        }
        display = [str(self.xfce_display)] if self.kind == "xfce" else []
        return subprocess.run(
            ["bash", str(RIGS / script), command, *extra, self.name, *display], env=env, capture_output=True, text=True, timeout=120
        )

    def _x11_knob(self) -> dict[str, str]:
        """What makes the recipe start XWayland: GNOME and sway take the first free X display;
        KDE's recipe is given one."""
        if self.kind == "kde":
            return {"KDE_X11": str(free_x_display())}
        return {"GNOME_X11": "1"} if self.kind == "gnome" else {"SWAY_X11": "1"}

    def start(self) -> "Desktop":
        for binary in RECIPES[self.kind][2] + (("Xwayland", "xhost") if self.x11 else ()):
            rig.need(binary)
        if self.kind == "xfce":
            self.xfce_display = free_x_display()
        run = self._recipe("start")
        if run.returncode != 0:
            self._recipe("stop")
            rig.missing(f"the {self.kind} desktop did not start: {run.stderr.strip()[-800:]}")
        self.env = {**_clean_env(), **parse_exports(run.stdout), "NO_AT_BRIDGE": "1"}
        return self

    def stop(self) -> None:
        self._recipe("stop")

    def run(self, *argv: str, timeout: float = 30, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a program inside the desktop's session."""
        done = subprocess.run(list(argv), env=self.env, capture_output=True, text=True, timeout=timeout)
        if check and done.returncode != 0:
            raise AssertionError(f"{shlex.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
        return done

    def owns(self, name: str) -> bool:
        """Whether `name` has an owner on this desktop's session bus."""
        reply = self.run(
            "gdbus",
            "call",
            "--session",
            "-d",
            "org.freedesktop.DBus",
            "-o",
            "/org/freedesktop/DBus",
            "-m",
            "org.freedesktop.DBus.NameHasOwner",
            name,
        )
        return "true" in reply.stdout

    def screenshot(self, path: Path) -> Path:
        """The whole screen as a PNG, taken the way this desktop allows."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        if self.kind == "gnome":
            self.run(sys.executable, str(TOOLS / "gnome_screenshot.py"), str(path))
        elif self.kind == "kde":
            self.run("spectacle", "-b", "-n", "-f", "-o", str(path), timeout=60)
        elif self.kind == "sway":
            self.run("grim", str(path))
        else:
            from PIL import ImageGrab

            ImageGrab.grab(xdisplay=self.env["DISPLAY"]).save(path)
        rig.poll(lambda: path.exists() and path.stat().st_size > 0, what=f"a screenshot of {self.kind}")
        return path

    def click(self, x: int, y: int, button: int = 1) -> None:
        """Move the pointer to (x, y) and press `button` there (1 left, 3 right)."""
        if self.kind == "gnome":
            self.run(
                sys.executable, str(TOOLS / "gnome_input.py"), "move", str(x), str(y), "sleep", "0.3", "click", str(button), "sleep", "0.3"
            )
        elif self.kind == "kde":
            # a click without motion first from a fresh fake-input device is sometimes ignored
            self.run(
                sys.executable,
                str(TOOLS / "kwin_fakeinput.py"),
                "abs",
                str(x - 3),
                str(y - 3),
                "sleep",
                "0.2",
                "abs",
                str(x),
                str(y),
                "sleep",
                "0.3",
                "click",
                str(button),
                "sleep",
                "0.3",
            )
        elif self.kind == "sway":
            width, height = self.size()
            self.run(
                sys.executable,
                str(TOOLS / "wl_vpointer.py"),
                "--size",
                f"{width}x{height}",
                "abs",
                str(x),
                str(y),
                "sleep",
                "0.2",
                "click",
                str(button),
                "sleep",
                "0.3",
            )
        else:
            self.run("xdotool", "mousemove", str(x), str(y), "sleep", "0.2", "click", str(button))

    def move(self, x: int, y: int) -> None:
        """Move the pointer: input that resets the compositor's idle timer."""
        if self.kind == "gnome":
            self.run(sys.executable, str(TOOLS / "gnome_input.py"), "move", str(x), str(y))
        elif self.kind == "kde":
            self.run(sys.executable, str(TOOLS / "kwin_fakeinput.py"), "abs", str(x), str(y))
        elif self.kind == "sway":
            width, height = self.size()
            self.run(sys.executable, str(TOOLS / "wl_vpointer.py"), "--size", f"{width}x{height}", "abs", str(x), str(y))
        else:
            self.run("xdotool", "mousemove", str(x), str(y))

    def size(self) -> tuple[int, int]:
        return 1280, 800

    def enter(self, monkeypatch: "pytest.MonkeyPatch") -> None:
        """Make this test process a client of the desktop (Wayland only), undone after the test."""
        monkeypatch.delenv("DISPLAY", raising=False)
        monkeypatch.delenv("SWAYSOCK", raising=False)
        for key in ("WAYLAND_DISPLAY", "XDG_RUNTIME_DIR", "DBUS_SESSION_BUS_ADDRESS", "XDG_CURRENT_DESKTOP", "SWAYSOCK"):
            if key in self.env:
                monkeypatch.setenv(key, self.env[key])

    def client_env(self, root: Path, x11: bool = False) -> dict[str, str]:
        """The environment of a deskbreak process inside this desktop with directories of its own
        under `root` (as tests/daemon/harness.py gives): WAYLAND_DISPLAY becomes a full path,
        because XDG_RUNTIME_DIR is no longer the desktop's. No DISPLAY (Wayland only) unless
        `x11`: then XWayland's, for the routine window."""
        kept = ("XDG_CURRENT_DESKTOP", "XDG_SESSION_TYPE")
        env = {
            key: value
            for key, value in self.env.items()
            if key not in ("DISPLAY", "XAUTHORITY", "HOME") and (not key.startswith(("XDG_", "DESKBREAK_")) or key in kept)
        }
        if "WAYLAND_DISPLAY" in self.env:
            env["WAYLAND_DISPLAY"] = str(Path(self.env["XDG_RUNTIME_DIR"]) / self.env["WAYLAND_DISPLAY"])
        runtime = root / "runtime"
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        env.update(
            XDG_CONFIG_HOME=str(root / "config"),
            XDG_DATA_HOME=str(root / "data"),
            XDG_STATE_HOME=str(root / "state"),
            XDG_CACHE_HOME=str(root / "cache"),
            XDG_RUNTIME_DIR=str(runtime),
            HOME=str(root),
            PYTHONUNBUFFERED="1",
        )
        if x11:
            env.update(self.x11_env())
        return env

    def x11_env(self) -> dict[str, str]:
        """DISPLAY (and XAUTHORITY) of the desktop's XWayland, for X11 clients inside it."""
        if "DISPLAY" not in self.env:
            raise AssertionError(f"{self.kind} was started without XWayland: use start({self.kind!r}, x11=True)")
        return {key: self.env[key] for key in ("DISPLAY", "XAUTHORITY") if self.env.get(key)}


def parse_exports(text: str) -> dict[str, str]:
    """`export A=1 B=2` lines, as the recipes print them, into a dict."""
    env: dict[str, str] = {}
    for line in text.splitlines():
        words = shlex.split(line)
        if words[:1] == ["export"]:
            env.update(word.split("=", 1) for word in words[1:] if "=" in word)
    return env


def _clean_env() -> dict[str, str]:
    """This process's environment without any other desktop's session variables."""
    dropped = ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "DBUS_SYSTEM_BUS_ADDRESS", "SWAYSOCK", "XAUTHORITY", "XDG_")
    return {key: value for key, value in os.environ.items() if not key.startswith(dropped)}


def free_x_display() -> int:
    """An X display number nothing holds now (no lock file, no socket), from :70 up."""
    for number in range(70, 200):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise AssertionError("no free X display number between :70 and :199")


def start(kind: str, x11: bool = False) -> Desktop:
    """Start a desktop in a fresh home. sway runs as `nobody`, so the home is world-readable."""
    home = Path(tempfile.mkdtemp(prefix=f"deskbreak-{kind}-"))
    home.chmod(0o755)
    try:
        return Desktop(kind, f"t{os.getpid()}", home, x11).start()
    except BaseException:
        shutil.rmtree(home, ignore_errors=True)
        raise


def finish(desktop: Desktop) -> None:
    desktop.stop()
    shutil.rmtree(desktop.home, ignore_errors=True)
