"""The routine window's cost: time from `deskbreak routine desk` to its first frame on screen, and
the window process's resident memory once it is drawn.

  .venv/bin/python benchmarks/routine_window.py [--against OTHER_CHECKOUT]

Runs on a private Xvfb, each start in a throw-away home with no daemon, five starts per
checkout, the median reported. "First frame" is the first moment a screen grab of the window's
rectangle is more than one flat colour (a mapped but undrawn window is one colour). RSS is
VmRSS one second after that. `--against` measures another checkout (its own .venv) beside this
one in the same run, e.g. the Tk window from main: `git worktree add /tmp/tkref main`, then
`--against /tmp/tkref` (a checkout without a .venv runs on this one's); the ratios are what to compare, as the machine's speed varies.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import ImageGrab

HERE = Path(__file__).resolve().parents[1]
RUNS = 5


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb of its own on the first display number with no lock file (-displayfd can hand
    back a number another server holds on a busy machine)."""
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists())
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("Xvfb did not start")
        time.sleep(0.05)
    return server, f":{number}"


def window_box(env: dict[str, str]) -> tuple[int, int, int, int] | None:
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^deskbreak "], env=env, capture_output=True, text=True)
    if not found.stdout.split():
        return None
    shell = subprocess.run(["xdotool", "getwindowgeometry", "--shell", found.stdout.split()[-1]], env=env, capture_output=True, text=True)
    values = dict(line.split("=") for line in shell.stdout.split())
    x, y = int(values["X"]), int(values["Y"])
    return x, y, x + int(values["WIDTH"]), y + int(values["HEIGHT"])


def drawn_frame(box: tuple[int, int, int, int] | None, display: str) -> bool:
    if box is None:
        return False
    try:
        return len(ImageGrab.grab(bbox=box, xdisplay=display).getcolors(maxcolors=1 << 16) or (0, 0)) > 1
    except OSError:  # the window moved or is still being mapped
        return False


def python_of(checkout: Path) -> Path:
    """The checkout's own .venv, else this one's Python (`-m` from the checkout's folder runs its code)."""
    own = checkout / ".venv" / "bin" / "python"
    return own if own.exists() else Path(sys.executable)


def one_start(checkout: Path, display: str) -> tuple[float, int]:
    """Seconds to the first drawn frame, and the window process's RSS in KiB."""
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "DESKBREAK_", "WAYLAND_", "QT_"))}
        env.update(
            DISPLAY=display, XDG_CONFIG_HOME=f"{home}/c", XDG_DATA_HOME=f"{home}/d", XDG_STATE_HOME=f"{home}/s", XDG_RUNTIME_DIR=f"{home}/r"
        )
        os.makedirs(f"{home}/r", mode=0o700)
        began = time.monotonic()
        proc = subprocess.Popen(
            [str(python_of(checkout)), "-m", "deskbreak", "routine", "desk"],
            cwd=checkout,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            while True:
                if proc.poll() is not None:
                    raise SystemExit(f"{checkout}: the window process ended ({proc.returncode}): {proc.communicate()[1]}")
                if drawn_frame(window_box(env), display):
                    drawn = time.monotonic() - began
                    break
                time.sleep(0.01)
            time.sleep(1.0)
            status = Path(f"/proc/{proc.pid}/status").read_text()
            rss = int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1])
        finally:
            proc.terminate()
            proc.wait(10)
        return drawn, rss


def python_start() -> float:
    began = time.monotonic()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.monotonic() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", type=Path, help="another checkout with its own .venv (e.g. main, with the Tk window)")
    args = parser.parse_args()
    checkouts = [HERE] + ([args.against.resolve()] if args.against else [])
    server, display = start_xvfb()
    try:
        base = statistics.median(python_start() for _ in range(RUNS))
        rows = []
        for checkout in checkouts:
            runs = [one_start(checkout, display) for _ in range(RUNS)]
            rows.append((checkout, statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)))
    finally:
        server.terminate()
        server.wait(10)
    print(f"python -c pass: {base * 1000:.0f} ms (median of {RUNS})")
    print(f"{'checkout':<28} {'first frame':>12} {'× python':>9} {'RSS':>9}")
    for checkout, drawn, rss in rows:
        print(f"{str(checkout):<28} {drawn * 1000:>9.0f} ms {drawn / base:>8.1f}× {rss / 1024:>6.1f} MiB")
    if len(rows) == 2:
        print(f"ratio this / other: first frame {rows[0][1] / rows[1][1]:.2f}, RSS {rows[0][2] / rows[1][2]:.2f}")


if __name__ == "__main__":
    main()
