"""Event sounds played by the sound server's own client, `paplay` (PulseAudio, or PipeWire's
pulse server), from the user's freedesktop sound theme.

Why not libcanberra: its player on Debian (`canberra-gtk-play`, package gnome-session-canberra)
is a GTK program that refuses to start without a display, and the terminal routine has none.
What libcanberra would honour is read here instead: GNOME's event-sounds switch and sound theme
(`org.gnome.desktop.sound`, through `gsettings`, which also reads a keyfile or dconf backend),
and on XFCE its xsettings switch (`/Net/EnableEventSounds`, through `xfconf-query`, asked only
on XFCE so no other desktop gets an xfconfd started); a desktop that keeps no such switch gets
the sounds. The user's volume applies, as the stream
is marked an event (media.role=event) for the server's own event-sound volume.

Threading: play() may be called from any thread; it starts one paplay child and returns. The
children are reaped on the next play() and waited for (bounded) by close().
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import threading
from pathlib import Path

from deskbreak.platform.choice import Unavailable

GSETTINGS_TIMEOUT_S = 3.0
CLOSE_WAIT_S = 3.0
THEME_SCHEMA = "org.gnome.desktop.sound"
log = logging.getLogger(__name__)


class PaplayPlayer:
    name = "paplay"

    def __init__(self) -> None:
        self._paplay = shutil.which("paplay")
        if self._paplay is None or shutil.which("pactl") is None:
            raise Unavailable("paplay is not installed (Debian/Ubuntu: apt install pulseaudio-utils)")
        switch = _event_sounds_off()
        if switch:
            raise Unavailable(f"the desktop's event sounds are off ({switch})")
        try:
            answer = subprocess.run(["pactl", "info"], capture_output=True, text=True, timeout=GSETTINGS_TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise Unavailable(f"the sound server does not answer ({exc})") from None
        if answer.returncode != 0:
            raise Unavailable(f"no sound server answers ({_first_line(answer.stderr or answer.stdout)})")
        self.theme = (_gsetting("theme-name") or "freedesktop").strip("'")
        if sound_file("bell", self.theme) is None:
            raise Unavailable("no sound theme is installed (Debian/Ubuntu: apt install sound-theme-freedesktop)")
        self._playing: list[subprocess.Popen[bytes]] = []
        self._lock = threading.Lock()

    def play(self, sound: str) -> None:
        path = sound_file(sound, self.theme)
        if path is None:
            log.warning("no %r sound in the %s or freedesktop sound theme; playing nothing", sound, self.theme)
            return
        command = [str(self._paplay), "--client-name=deskbreak", "--property=media.role=event", f"--property=event.id={sound}", str(path)]
        with self._lock:
            self._playing = [child for child in self._playing if child.poll() is None]
            try:
                self._playing.append(
                    subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                )
            except OSError as exc:
                log.warning("could not play the %r sound: %s", sound, exc)

    def close(self) -> None:
        with self._lock:
            playing, self._playing = self._playing, []
        for child in playing:
            try:
                child.wait(CLOSE_WAIT_S)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def sound_file(name: str, theme: str = "freedesktop") -> Path | None:
    """The theme's file for an event sound, as the sound theme spec looks it up: the theme, then
    freedesktop's fallback, in the stereo folder of each data dir, .oga/.ogg/.wav."""
    home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    dirs = [home, *(os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":")]
    for each_theme in dict.fromkeys((theme, "freedesktop")):
        for folder in dirs:
            for ext in ("oga", "ogg", "wav"):
                path = Path(folder) / "sounds" / each_theme / "stereo" / f"{name}.{ext}"
                if path.is_file():
                    return path
    return None


def _event_sounds_off() -> str | None:
    """The desktop switch that turned event sounds off, None when they are on or it is unreadable."""
    if _gsetting("event-sounds") == "false":
        return f"{THEME_SCHEMA} event-sounds"
    on_xfce = "XFCE" in os.environ.get("XDG_CURRENT_DESKTOP", "").upper()
    if on_xfce and _read(["xfconf-query", "-c", "xsettings", "-p", "/Net/EnableEventSounds"]) == "false":
        return "XFCE's xsettings /Net/EnableEventSounds"
    return None


def _gsetting(key: str) -> str | None:
    """One key of the desktop's sound settings as gsettings prints it, None where unreadable."""
    return _read(["gsettings", "get", THEME_SCHEMA, key])


def _read(command: list[str]) -> str | None:
    """A settings tool's answer, None where the tool or the setting is missing."""
    if shutil.which(command[0]) is None:
        return None
    try:
        answer = subprocess.run(command, capture_output=True, text=True, timeout=GSETTINGS_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return answer.stdout.strip() if answer.returncode == 0 else None


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "pactl info failed")
