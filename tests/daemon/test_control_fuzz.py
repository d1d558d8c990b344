"""Issue 6: the live daemon's control channel survives 10,000 hostile messages."""

from __future__ import annotations

import json
import random
from multiprocessing.connection import Client

from tests.daemon.harness import Daemon

CALM_CONFIG = """
[reminders]
sit_limit = "1h"
[presence]
sample_every = "1s"
[desktop]
notifier = "console"
tray = "none"
"""

NOT_NUMBERS = [None, True, False, "", "30m", "NaN", [], {}, [1], -1, 0, 1e308, -1e308, 10**30]
NOT_NAMES = [None, True, 1, 2.5, "", "x" * 300, [], {"a": 1}]
NOT_TIMES = [None, 1, "", "tomorrow", "2026-13-01T00:00", "2026-11-24T10:00", "2001-01-01T00:00+00:00", []]
WRONG = {
    "for_s": NOT_NUMBERS,
    "duration_s": NOT_NUMBERS,
    "steps": [None, -1, 1.5, "3", True, []],
    "routine": NOT_NAMES,
    "outcome": ["exploded", 1, None, [], "DONE"],
    "until": NOT_TIMES,
    "source": ["root", 1, None, [], "network"],
}
FIELDS = {
    "pause": ["for_s", "until", "until_tomorrow", "indefinitely", "source"],
    "snooze": ["for_s", "source"],
    "finish_break": ["outcome", "routine", "steps", "duration_s", "source"],
    "break_started": ["routine", "source"],
    "done": ["routine", "source"],
    "status": ["source"],
}


def hostile_messages(rng: random.Random, count: int):
    """Malformed, truncated, oversized and wrong-typed messages; none is a valid command."""
    for i in range(count):
        kind = i % 6
        if kind == 0:
            yield bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 120)))
        elif kind == 1:
            whole = json.dumps({"cmd": "pause", "for_s": 60, "source": "cli"})
            yield whole[: rng.randint(0, len(whole) - 1)].encode()
        elif kind == 2:
            yield json.dumps(rng.choice([[], 1, "status", None, [{"cmd": "status"}], 1.5])).encode()
        elif kind == 3:
            yield json.dumps({"cmd": rng.choice([None, 1, [], {}, "", "STATUS", "rm -rf", "x" * 100])}).encode()
        elif kind == 4:
            cmd = rng.choice(list(FIELDS))
            field = rng.choice(FIELDS[cmd])
            if field in ("until_tomorrow", "indefinitely"):
                field = "for_s"
            message = {"cmd": cmd, field: rng.choice(WRONG[field])}
            if cmd == "finish_break" and field != "outcome":
                message["outcome"] = rng.choice(WRONG["outcome"])
            yield json.dumps(message).encode()
        else:
            depth = rng.choice([10, 5000, 40000])
            yield ("[" * depth + "]" * depth).encode()
    for _ in range(5):
        yield b"{" + b" " * (70 * 1024) + b"}"


def test_ten_thousand_hostile_messages_then_status_still_answers(tmp_path):
    daemon = Daemon(tmp_path, config=CALM_CONFIG).start()
    try:
        runtime = tmp_path / "runtime" / "deskbreak"
        key = (runtime / "authkey").read_bytes()
        address = str(runtime / "control.sock")
        errors = 0
        sent = 0
        for payload in hostile_messages(random.Random(20261124), 10_000):
            conn = Client(address, family="AF_UNIX", authkey=key)
            try:
                conn.send_bytes(payload)
                reply = json.loads(conn.recv_bytes())
            finally:
                conn.close()
            sent += 1
            assert reply["ok"] is False, (payload[:80], reply)
            errors += 1
        assert sent == errors >= 10_000

        status = daemon.cli("status", "--json")
        assert status.returncode == 0, status.stderr
        assert json.loads(status.stdout)["status"]["phase"] == "sitting"
        assert daemon.proc.poll() is None
        assert daemon.kinds() == ["started"]
    finally:
        daemon.stop()
