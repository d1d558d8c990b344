"""Throwaway local users for tests of what one user can do to another's deskbreak.

CI runs as root, so a test makes users with useradd and runs commands as them with setpriv. The
checkout may sit under a folder only root may enter (/root), so those commands keep one
capability, CAP_DAC_READ_SEARCH (read and enter any folder): it lets them run this Python and
read this tree, and never to write anything that is not theirs, which is what these tests are
about. Users are removed again after the test.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

from tests.desktop.rig import missing


@dataclass(frozen=True)
class LocalUser:
    name: str
    uid: int
    gid: int

    def run(self, argv: list[str], env: dict[str, str] | None = None, timeout: float = 30.0) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.prefix() + argv, env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)

    def popen(self, argv: list[str], env: dict[str, str], out) -> subprocess.Popen[str]:
        return subprocess.Popen(self.prefix() + argv, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)

    def prefix(self) -> list[str]:
        caps = ["--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"]
        return ["setpriv", f"--reuid={self.uid}", f"--regid={self.gid}", "--clear-groups", *caps]

    def owns(self, path: Path) -> Path:
        os.chown(path, self.uid, self.gid)
        return path


def make_users(count: int) -> list[LocalUser]:
    if os.geteuid() != 0:
        missing("tests of two local users make throwaway users, which needs root (CI runs as root)")
    made = []
    for _ in range(count):
        name = f"dbt{uuid.uuid4().hex[:8]}"
        subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name], check=True, capture_output=True)
        info = subprocess.run(["id", "-u", name], check=True, capture_output=True, text=True).stdout.strip()
        gid = subprocess.run(["id", "-g", name], check=True, capture_output=True, text=True).stdout.strip()
        made.append(LocalUser(name, int(info), int(gid)))
    return made


def remove_users(users: list[LocalUser]) -> None:
    for user in users:
        subprocess.run(["userdel", user.name], capture_output=True)
