"""A real desktop for tests: a private session bus, the dunst notification server and a trayer
system tray on the Xvfb display that pytest-xvfb starts. Under CI=true a missing piece fails
the run instead of skipping.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from PIL import ImageGrab

from tests.daemon.harness import wait_until

HERE = Path(__file__).parent

# No <standard_session_servicedirs/>: nothing is D-Bus-activated, so a killed dunst stays gone.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def missing(what: str) -> None:
    """A desktop piece is not there: fail under CI, skip elsewhere."""
    message = f"{what} (install the desktop rig with scripts/setup)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def need(binary: str) -> str:
    path = shutil.which(binary)
    if path is None:
        missing(f"{binary} is not installed")
    return path  # type: ignore[return-value]


def poll(check: Callable[[], bool], timeout: float = 10.0, what: str = "condition") -> None:
    """wait_until with the rig's shorter default: desktop pieces answer within seconds."""
    wait_until(check, timeout, what)


def end(proc: subprocess.Popen | None) -> None:  # type: ignore[type-arg]
    """Stop a process this rig started, by its own pid."""
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


class SessionBus:
    def __init__(self, root: Path) -> None:
        need("dbus-daemon")
        root.mkdir(parents=True, exist_ok=True)
        config = root / "bus.conf"
        config.write_text(BUS_CONFIG.format(dir=root))
        self.proc = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"], stdout=subprocess.PIPE, text=True
        )
        self.address = (self.proc.stdout.readline() if self.proc.stdout else "").strip()
        if not self.address:
            end(self.proc)
            missing("dbus-daemon did not start")

    def stop(self) -> None:
        end(self.proc)


A11Y_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
A11Y_TOOL = Path(__file__).parent / "rigs" / "tools" / "a11y.py"
SYSTEM_PYTHON = "/usr/bin/python3"  # with Debian's python3-pyatspi, which is not on PyPI


class AccessibilityBus:
    """The AT-SPI accessibility bus on a private session bus, as a desktop runs it for screen
    readers: at-spi-bus-launcher starts its own dbus-daemon and registers org.a11y.Bus; the
    registry is activated on the first query. Both are ended by their own pids."""

    def __init__(self, env: dict[str, str]) -> None:
        if not Path(A11Y_LAUNCHER).exists():
            missing("at-spi2-core is not installed")
        if subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True).returncode != 0:
            missing("python3-pyatspi is not installed for /usr/bin/python3")
        self.env = {k: v for k, v in env.items() if k != "NO_AT_BRIDGE"}
        self.proc = subprocess.Popen(
            [A11Y_LAUNCHER, "--launch-immediately"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        poll(self._registered, what="org.a11y.Bus on the session bus")

    def _registered(self) -> bool:
        run = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
            env=self.env,
            capture_output=True,
            text=True,
        )
        return run.returncode == 0 and "unix:" in run.stdout

    def tool(self, *args: str, of: int | None = None) -> subprocess.CompletedProcess[str]:
        """rigs/tools/a11y.py (tree, press REGEX, settext REGEX TEXT) under the system Python, as a
        screen reader sees it; `of` keeps to the applications of that process and its children."""
        scope = ["--of", str(of)] if of is not None else []
        return subprocess.run([SYSTEM_PYTHON, str(A11Y_TOOL), *scope, *args], env=self.env, capture_output=True, text=True, timeout=60)

    def tree(self, of: int | None = None) -> list[tuple[str, str, str, int]]:
        """Every accessible object (of process `of`): (application, role, name, depth), in tree order."""
        run = self.tool("tree", of=of)
        assert run.returncode == 0, run.stderr
        return [tuple(node) for node in json.loads(run.stdout)]  # type: ignore[misc]

    def press(self, pattern: str, of: int | None = None) -> None:
        run = self.tool("press", pattern, of=of)
        assert run.returncode == 0, f"no button matching {pattern!r}: {run.stdout} {run.stderr}"

    def stop(self) -> None:
        from tests.daemon.harness import children

        if self.proc.poll() is None:
            for pid in children(self.proc.pid):  # its dbus-daemon (and the registry, if it is a child)
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
        end(self.proc)


class Dunst:
    """The dunst notification server, driven through dunstctl."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        need("dunst")
        need("dunstctl")
        root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self.env = env
        self.wanted = root / "dmenu-wanted"
        self.offered = root / "dmenu-offered"
        picker = root / "dmenu.sh"
        picker.write_text(f'#!/bin/sh\ntee "{self.offered}" | grep -F -- "$(cat "{self.wanted}")" | head -n 1\n')
        picker.chmod(0o755)
        rc = (HERE / "dunstrc").read_text().replace("@DMENU@", str(picker))
        self.config = root / "dunstrc"
        self.config.write_text(rc)
        self.proc: subprocess.Popen | None = None  # type: ignore[type-arg]
        self.start()

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["dunst", "-config", str(self.config)], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        poll(lambda: self.ctl("is-paused").returncode == 0, what="dunst on the session bus", timeout=30)

    def kill(self) -> None:
        end(self.proc)
        poll(lambda: self.ctl("is-paused").returncode != 0, what="dunst to leave the bus")

    def ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["dunstctl", *args], env=self.env, capture_output=True, text=True, timeout=10)

    def displayed(self) -> int:
        return int(self.ctl("count", "displayed").stdout.strip() or 0)

    def history(self) -> list[dict[str, str]]:
        """Closed notifications, newest first: {"summary", "body", "appname"}."""
        data = json.loads(self.ctl("history").stdout)["data"][0]
        return [{key: entry[key]["data"] for key in ("summary", "body", "appname")} for entry in data]

    def close_all(self) -> None:
        self.ctl("close-all")
        self.ctl("history-clear")

    def click(self) -> None:
        """Left click on the newest notification: its default action ("Start break")."""
        self.ctl("action", "0")

    def invoke(self, title: str) -> list[str]:
        """Press the button titled `title` through dunst's context menu; returns every offered line."""
        self.wanted.write_text(title)
        self.offered.unlink(missing_ok=True)
        for attempt in range(3):  # on a loaded machine dunst now and then lets a context request pass
            self.ctl("context")
            try:
                poll(lambda: self.offered.exists() and self.offered.stat().st_size > 0, timeout=5.0, what="dunst to run its dmenu")
                break
            except AssertionError:
                if attempt == 2:
                    raise
        return self.offered.read_text().splitlines()

    def stop(self) -> None:
        end(self.proc)


class Tray:
    """trayer: an XEmbed system tray on the Xvfb display."""

    def __init__(self, env: dict[str, str]) -> None:
        need("trayer")
        self.env = env
        self.start()

    def start(self) -> None:
        env = self.env
        self.proc = subprocess.Popen(
            [
                "trayer",
                "--edge",
                "top",
                "--align",
                "right",
                "--widthtype",
                "request",
                "--height",
                "28",
                "--transparent",
                "false",
                "--tint",
                "0x303030",
                "--SetDockType",
                "true",
                "--expand",
                "true",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        poll(lambda: bool(window_ids("trayer", env)), timeout=30, what="trayer's window")  # slow on a loaded machine

    def stop(self) -> None:
        end(self.proc)


def window_ids(name: str, env: dict[str, str] | None = None) -> list[str]:
    run = subprocess.run(["xdotool", "search", "--name", name], env=env, capture_output=True, text=True)
    return run.stdout.split()


def screenshot(path: Path) -> Path:
    """The whole Xvfb screen as a PNG."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).save(path)
    return path


SOUND_SCRIPT = """load-module module-native-protocol-unix auth-anonymous=1
load-module module-null-sink sink_name=rig_speaker sink_properties=device.description=RigSpeaker
load-module module-null-source source_name=rig_mic description=RigMic
set-default-sink rig_speaker
set-default-source rig_mic
"""


class SoundServer:
    """A private PulseAudio with a null sink (the speaker) and a null source (the microphone):
    no sound card, no default.pa, its own socket, handed to clients through PULSE_SERVER."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        for binary in ("pulseaudio", "pactl", "parecord"):
            need(binary)
        runtime, home = root / "runtime", root / "home"
        runtime.mkdir(parents=True, mode=0o700)
        home.mkdir()
        script = root / "rig.pa"
        script.write_text(SOUND_SCRIPT)
        self.server = f"unix:{runtime / 'pulse' / 'native'}"
        self.env = {**env, "PULSE_SERVER": self.server}
        self.log = root / "pulseaudio.log"
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(
                [
                    "pulseaudio",
                    "--daemonize=no",
                    "-n",
                    "-F",
                    str(script),
                    "--exit-idle-time=-1",
                    "--disable-shm=yes",
                    "--log-target=stderr",
                ],
                env={**env, "XDG_RUNTIME_DIR": str(runtime), "HOME": str(home)},
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        try:
            poll(lambda: self.proc.poll() is not None or self.pactl("info").returncode == 0, timeout=30, what="pulseaudio to answer")
        except AssertionError:
            pass
        if self.proc.poll() is not None or self.pactl("info").returncode != 0:
            end(self.proc)
            missing(f"pulseaudio did not start: {self.log.read_text()[-500:]}")
        self.recordings: list[subprocess.Popen] = []  # type: ignore[type-arg]

    def pactl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["pactl", *args], env=self.env, capture_output=True, text=True, timeout=10)

    def record(self, app: str, device: str = "rig_mic") -> subprocess.Popen:  # type: ignore[type-arg]
        """A real recording client (parecord to /dev/null) named `app`, on the server's list."""
        proc = subprocess.Popen(
            ["parecord", f"--device={device}", f"--client-name={app}", f"--property=application.name={app}", "/dev/null"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.recordings.append(proc)
        poll(lambda: app in self.pactl("list", "source-outputs").stdout, what=f"{app}'s recording stream")
        return proc

    def open_stream(self, mode: str, app: str, device: str = "rig_mic") -> subprocess.Popen:  # type: ignore[type-arg]
        """A "peak" (a volume control's level bar) or "corked" (paused) stream on `device`, named `app`."""
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.desktop.record_stream", mode, app, device], env=self.env, cwd=HERE.parent.parent
        )
        self.recordings.append(proc)
        poll(lambda: app in self.pactl("list", "source-outputs").stdout, what=f"{app}'s {mode} stream")
        return proc

    def stop_recording(self, proc: subprocess.Popen, app: str) -> None:  # type: ignore[type-arg]
        end(proc)
        poll(lambda: app not in self.pactl("list", "source-outputs").stdout, what=f"{app}'s stream to go")

    def stop_all_recordings(self) -> None:
        for proc in self.recordings:
            end(proc)
        self.recordings.clear()

    def stop(self) -> None:
        self.stop_all_recordings()
        end(self.proc)


def end_speech_dispatcher(runtime: Path) -> None:
    """End the speech-dispatcher a test's client started under `runtime` (by the pid it wrote).
    It leaves by itself a few seconds after its last client; this makes sure, at once."""
    pid_file = runtime / "speech-dispatcher" / "pid" / "speech-dispatcher.pid"
    if pid_file.exists():
        try:
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)
        except (ProcessLookupError, ValueError):
            pass
