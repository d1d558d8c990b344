"""A call on the camera: one of this user's processes holds a video device open.

Linux only, from /proc/*/fd of the user's own processes; a few hundred readlinks, done only when
a reminder is due. `devices` is a glob so tests can give a stand-in path (no kernel video
device can be made without loading a module).
"""

from __future__ import annotations

import fnmatch
import os

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.threads import owner_only

PROC = "/proc"


class CameraInUse:
    name = "camera (/dev/video* held open)"

    def __init__(self, devices: str = "/dev/video*") -> None:
        if not os.path.isdir(f"{PROC}/self/fd"):
            raise Unavailable("no /proc with open files to read (Linux only)")
        self._devices = devices
        self._prefix = devices.split("*", 1)[0].split("?", 1)[0].split("[", 1)[0]  # cheap test first
        self._uid = os.getuid()
        if devices != "/dev/video*":
            self.name = f"camera ({devices} held open)"

    @owner_only
    def busy(self) -> str | None:
        for pid in os.listdir(PROC):
            if not pid.isdigit():
                continue
            try:
                if os.stat(f"{PROC}/{pid}").st_uid != self._uid or not self._holds_camera(f"{PROC}/{pid}/fd"):
                    continue
                with open(f"{PROC}/{pid}/comm") as comm:
                    return f"camera: {comm.read().strip()}"
            except OSError:
                continue  # the process ended, or is not ours to read
        return None

    def _holds_camera(self, fds: str) -> bool:
        for fd in os.listdir(fds):
            try:
                target = os.readlink(f"{fds}/{fd}")
            except OSError:
                continue
            if target.startswith(self._prefix) and fnmatch.fnmatchcase(target, self._devices):
                return True
        return False
