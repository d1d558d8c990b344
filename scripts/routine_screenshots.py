"""Screenshots of the routine window for the README: docs/screenshots/routine-*.png.

Starts a private Xvfb (needs xvfb and xdotool: see DESKTOP-RIG), runs `deskbreak routine` in a
throw-away home, drives it with real keys and grabs the window after each chosen moment.
Run: .venv/bin/python scripts/routine_screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import ImageGrab

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SIZE = "1280x800x24"


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", SIZE, "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL
    )
    os.close(write)
    number = os.read(read, 16).decode().strip()
    os.close(read)
    deadline = time.monotonic() + 10  # Xvfb tells its number a moment before its socket is there
    while not Path(f"/tmp/.X11-unix/X{number}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, f":{number}"


class Driven:
    def __init__(self, routine: str, env: dict[str, str]) -> None:
        self.env = env
        self.proc = subprocess.Popen([sys.executable, "-m", "deskbreak", "routine", routine], env=env, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            found = self.xdotool("search", "--onlyvisible", "--name", "^deskbreak ", check=False).split()
            if found:
                self.wid = found[-1]
                break
            time.sleep(0.1)
        else:
            raise SystemExit("the routine window did not appear")
        shell = dict(line.split("=") for line in self.xdotool("getwindowgeometry", "--shell", self.wid).split())
        self.box = (int(shell["X"]), int(shell["Y"]), int(shell["X"]) + int(shell["WIDTH"]), int(shell["Y"]) + int(shell["HEIGHT"]))
        self.xdotool("mousemove", str((self.box[0] + self.box[2]) // 2), str(self.box[1] + 60))
        time.sleep(0.3)

    def xdotool(self, *args: str, check: bool = True) -> str:
        return subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, check=check).stdout

    def keys(self, *keys: str, settle: float = 0.5) -> None:
        self.xdotool("key", "--delay", "40", *keys)
        time.sleep(settle)

    def shot(self, name: str) -> None:
        path = OUT / f"routine-{name}.png"
        ImageGrab.grab(bbox=self.box, xdisplay=self.env["DISPLAY"]).save(path)
        print(f"wrote {path}")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    server, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory() as home:
            env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "DESKBREAK_"))}
            env.update(
                DISPLAY=display,
                XDG_CONFIG_HOME=f"{home}/config",
                XDG_DATA_HOME=f"{home}/data",
                XDG_STATE_HOME=f"{home}/state",
                XDG_RUNTIME_DIR=f"{home}/run",
            )
            os.makedirs(f"{home}/run", mode=0o700)
            desk = Driven("desk", env)
            desk.shot("start-desk")
            desk.keys("Return", "space", "space")
            desk.shot("reps")
            desk.keys(*["space"] * 4, settle=2.6)
            desk.shot("timed")
            desk.keys("Return", *["space"] * 7)
            desk.shot("per-side")
            desk.keys("Return", "Return", settle=0.8)
            desk.shot("end")
            desk.keys("Return")
            desk.close()
            full = Driven("full", env)
            full.shot("start-full")
            full.keys("Return", *["k"] * 5)
            full.shot("caution")
            full.close()
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
