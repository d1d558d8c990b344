"""A call on the camera: one of this user's processes holds a video device open.

Linux only, from /proc/*/fd of the user's own processes; a few hundred readlinks, done only when
a reminder is due. `devices` is a glob so tests can give a stand-in path (no kernel video
device can be made without loading a module).
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from deskbreak.platform.choice import Unavailable

PROC = Path("/proc")


class CameraInUse:
    name = "camera (/dev/video* held open)"

    def __init__(self, devices: str = "/dev/video*") -> None:
        if not (PROC / "self" / "fd").is_dir():
            raise Unavailable("no /proc with open files to read (Linux only)")
        self._devices = devices
        self._uid = os.getuid()
        if devices != "/dev/video*":
            self.name = f"camera ({devices} held open)"

    def busy(self) -> str | None:
        for pid in os.listdir(PROC):
            if not pid.isdigit():
                continue
            process = PROC / pid
            try:
                if process.stat().st_uid != self._uid or not self._holds_camera(process):
                    continue
                return f"camera: {(process / 'comm').read_text().strip()}"
            except OSError:
                continue  # the process ended, or is not ours to read
        return None

    def _holds_camera(self, process: Path) -> bool:
        for fd in os.listdir(process / "fd"):
            try:
                target = os.readlink(process / "fd" / fd)
            except OSError:
                continue
            if fnmatch.fnmatchcase(target, self._devices):
                return True
        return False
