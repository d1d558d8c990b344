"""Issue 20, rule 4: deskbreak writes only files it created, in folders it owns. A link or
another user's file planted where deskbreak appends, locks or rewrites is never written through
(a file rewritten whole replaces it; one appended to or locked is refused in one line); folders
must be the user's own; and another local user making the runtime folder's fallback first does
not stop anyone's deskbreak (tried as two real local users: tests/hostile/local_users.py)."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from deskbreak.config.regular_file import NotOurs, OwnLock, own_dir, write_own
from deskbreak.core.model import Event
from deskbreak.eventlog import EventLog
from tests.daemon.harness import FAST_CONFIG, Daemon, isolated_env, wait_until
from tests.hostile.local_users import LocalUser, make_users, remove_users

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
SECRET = b"someone else's file\n"


@pytest.fixture
def open_root():
    """A folder every user may enter (pytest's own is root's alone, which access() checks stop at)."""
    root = Path(tempfile.mkdtemp(prefix="deskbreak-users-"))
    root.chmod(0o755)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def users():
    made: list[LocalUser] = []

    def make(count: int) -> list[LocalUser]:
        made.extend(make_users(count))
        return made[-count:]

    yield make
    remove_users(made)


def planted(kind: str, at: Path, elsewhere: Path, other: LocalUser | None = None) -> Path:
    """Put `kind` at `at`; returns the file whose content must survive."""
    target = elsewhere / "target"
    target.write_bytes(SECRET)
    target.chmod(0o644)
    if kind == "link to a file":
        at.symlink_to(target)
    elif kind == "dangling link":
        at.symlink_to(elsewhere / "nothing-here")
    elif kind == "link to a folder":
        at.symlink_to(elsewhere)
    elif kind == "fifo":
        os.mkfifo(at)
    elif kind == "folder":
        at.mkdir()
    elif kind == "another user's file":
        at.write_bytes(SECRET)
        os.chown(at, 65534, 65534)
        return at
    return target


KINDS = ["link to a file", "dangling link", "link to a folder", "fifo", "folder", "another user's file"]


def append(path: Path) -> None:
    EventLog(path).append(Event("error", {"where": "t", "message": "m"}), T0)


def lock(path: Path) -> None:
    held = OwnLock(path)
    assert held.acquire(blocking=False)
    held.release()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("writer", ["append to the log", "the log's lock", "a rewritten file"])
def test_nothing_planted_at_a_path_deskbreak_writes_is_written_through(tmp_path, kind, writer):
    home, elsewhere = tmp_path / "data", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    names = {"append to the log": "events.jsonl", "the log's lock": "events.jsonl.lock", "a rewritten file": "daemon.pid"}
    path = home / names[writer]
    target = planted(kind, path, elsewhere)
    try:
        if writer == "a rewritten file":
            write_own(path, b"123\n")
        else:
            append(home / "events.jsonl")
    except OSError as refused:
        assert "\n" not in str(refused) and str(path) in str(refused)
    else:
        assert writer == "a rewritten file"  # appending and locking refuse whatever is planted
        assert path.read_bytes() == b"123\n" and not path.is_symlink()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.stat().st_uid == os.getuid()
        if kind == "another user's file":
            return  # replaced by a file of ours, its own content never written
    assert target.read_bytes() == SECRET
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert not (elsewhere / "nothing-here").exists()


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_left_alone(tmp_path):
    (tmp_path / "target").write_bytes(SECRET)
    (tmp_path / "daemon.lock").symlink_to(tmp_path / "target")
    with pytest.raises(NotOurs, match="symbolic link"):
        lock(tmp_path / "daemon.lock")
    assert (tmp_path / "target").read_bytes() == SECRET


@pytest.mark.parametrize("mode", [0o777, 0o757, 0o702])
def test_a_folder_every_user_may_write_in_is_refused_for_the_log(tmp_path, mode):
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(mode)
    with pytest.raises(NotOurs, match="chmod o-w"):
        append(data / "events.jsonl")
    assert not (data / "events.jsonl").exists()


def test_a_folder_of_another_user_or_a_file_instead_of_one_is_refused(tmp_path):
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    os.chown(theirs, 65534, 65534)
    with pytest.raises(NotOurs, match="another user"):
        own_dir(theirs)
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotOurs, match="not a folder"):
        own_dir(tmp_path / "file")
    with pytest.raises(NotOurs, match="not a folder"):
        own_dir(tmp_path / "file" / "below")


def test_a_private_folder_is_made_0700_and_a_link_is_not_one(tmp_path):
    own_dir(tmp_path / "run", private=True)
    assert stat.S_IMODE((tmp_path / "run").stat().st_mode) == 0o700
    (tmp_path / "run").chmod(0o755)
    own_dir(tmp_path / "run", private=True)
    assert stat.S_IMODE((tmp_path / "run").stat().st_mode) == 0o700
    (tmp_path / "link").symlink_to(tmp_path / "run")
    with pytest.raises(NotOurs, match="symbolic link"):
        own_dir(tmp_path / "link", private=True)


def test_the_daemon_replaces_links_at_its_pid_files_and_key_and_never_writes_through_them(tmp_path):
    daemon = Daemon(tmp_path)
    runtime = Path(daemon.env["XDG_RUNTIME_DIR"]) / "deskbreak"
    data = tmp_path / "data" / "deskbreak"
    runtime.mkdir(mode=0o700)
    data.mkdir(parents=True)
    targets = []
    for n, at in enumerate([runtime / "daemon.pid", runtime / "authkey", data / "daemon.pid"]):
        target = tmp_path / f"target{n}"
        target.write_bytes(SECRET)
        target.chmod(0o644)
        at.symlink_to(target)
        targets.append(target)
    daemon.start()
    try:
        assert daemon.cli("status").returncode == 0
        for target in targets:
            assert target.read_bytes() == SECRET and stat.S_IMODE(target.stat().st_mode) == 0o644
        assert not (runtime / "authkey").is_symlink() and stat.S_IMODE((runtime / "authkey").stat().st_mode) == 0o600
    finally:
        daemon.stop()


def test_a_linked_instance_lock_stops_the_daemon_with_one_line(tmp_path):
    daemon = Daemon(tmp_path)
    runtime = Path(daemon.env["XDG_RUNTIME_DIR"]) / "deskbreak"
    runtime.mkdir(mode=0o700)
    (tmp_path / "target").write_bytes(SECRET)
    (runtime / "daemon.lock").symlink_to(tmp_path / "target")
    ran = daemon.cli("run", timeout=30)
    assert ran.returncode == 1
    assert "Traceback" not in ran.stderr and len(ran.stderr.strip().splitlines()) == 1
    assert "daemon.lock is a symbolic link" in ran.stderr
    assert (tmp_path / "target").read_bytes() == SECRET


def user_env(root: Path, user: LocalUser, shared_tmp: Path) -> dict[str, str]:
    """An environment for `user` with everything under `root` (theirs) and no XDG_RUNTIME_DIR,
    so deskbreak has to find a runtime folder itself."""
    root.mkdir()
    env = isolated_env(root)
    env.pop("XDG_RUNTIME_DIR")
    (root / "deskbreak.toml").write_text(FAST_CONFIG)
    env.update(HOME=str(root), TMPDIR=str(shared_tmp), DESKBREAK_CONFIG=str(root / "deskbreak.toml"), PYTHONDONTWRITEBYTECODE="1")
    for path in [root, *root.iterdir()]:
        user.owns(path)
    return env


def shared_tmp(tmp_path: Path) -> Path:
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp: everyone may make things, only owners remove them
    return shared


@pytest.mark.parametrize("made_first", ["an open folder", "a closed folder", "a link to their folder", "a file"])
def test_another_user_making_the_runtime_fallback_first_stops_nobody(open_root, users, made_first):
    tmp_path = open_root
    victim, intruder = users(2)
    tmp = shared_tmp(tmp_path)
    theirs = tmp / "theirs"
    intruder.run(["mkdir", "-m", "0777", str(theirs)])
    for fallback in (tmp / f"runtime-{victim.uid}", tmp / f"deskbreak-{victim.uid}"):  # platformdirs' and deskbreak's own
        command = {
            "an open folder": ["mkdir", "-m", "0777", str(fallback)],
            "a closed folder": ["mkdir", "-m", "0700", str(fallback)],
            "a link to their folder": ["ln", "-s", str(theirs), str(fallback)],
            "a file": ["touch", str(fallback)],
        }[made_first]
        assert intruder.run(command).returncode == 0
    env = user_env(tmp_path / "victim", victim, tmp)
    deskbreak = [sys.executable, "-m", "deskbreak"]
    before = victim.run([*deskbreak, "status"], env)
    assert before.returncode == 3, before.stderr
    assert "Traceback" not in before.stderr and "not running" in before.stdout + before.stderr
    with (tmp_path / "out.txt").open("w") as out:
        daemon = victim.popen([*deskbreak, "run"], env, out)
    try:
        wait_until(lambda: victim.run([*deskbreak, "status"], env).returncode == 0, what="the victim's daemon to answer")
        assert victim.run([*deskbreak, "pause", "1m"], env).returncode == 0
        assert os.listdir(theirs) == []  # nothing of the victim's went into the intruder's folder
    finally:
        daemon.terminate()
        daemon.wait(10)
    assert "Traceback" not in (tmp_path / "out.txt").read_text()


def test_two_users_without_a_session_each_get_their_own_daemon(open_root, users):
    tmp_path = open_root
    first, second = users(2)
    tmp = shared_tmp(tmp_path)
    deskbreak = [sys.executable, "-m", "deskbreak"]
    envs = [user_env(tmp_path / user.name, user, tmp) for user in (first, second)]
    daemons = []
    try:
        pairs = list(zip((first, second), envs, strict=True))
        for user, env in pairs:
            daemons.append(user.popen([*deskbreak, "run"], env, (tmp_path / f"{user.name}.out").open("w")))
        for user, env in pairs:
            wait_until(lambda user=user, env=env: user.run([*deskbreak, "status"], env).returncode == 0, what=f"{user.name}'s daemon")
        for user, env in pairs:
            assert user.run([*deskbreak, "pause", "1m"], env).returncode == 0
        time.sleep(0.2)
        for user, env in pairs:
            log = Path(env["XDG_DATA_HOME"]) / "deskbreak" / "events.jsonl"
            assert log.stat().st_uid == user.uid and '"paused"' in log.read_text()
    finally:
        for daemon in daemons:
            daemon.terminate()
            daemon.wait(10)
