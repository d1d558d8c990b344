"""The control channel on its own: framing, authentication, size limits, hostile clients."""

from __future__ import annotations

import hmac
import json
import socket
import subprocess
import sys
import threading
import time
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskbreak.ipc import client, protocol, wire
from deskbreak.ipc.endpoint import endpoint
from deskbreak.ipc.protocol import MAX_MESSAGE_BYTES
from deskbreak.ipc.server import ControlServer


@pytest.fixture
def server(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    where = endpoint(create=True)
    key = where.write_new_authkey()
    seen: list[dict] = []

    def handle(message: dict) -> dict:
        seen.append(message)
        if message["cmd"] == "boom":
            raise RuntimeError("kaput")
        return {"ok": True, "echo": message["cmd"]}

    srv = ControlServer(where, key, handle)
    srv.start()
    yield where, key, seen
    srv.close()


def raw_send(where, key, payload: bytes) -> dict:
    conn = Client(where.address, family=where.family, authkey=key)
    try:
        conn.send_bytes(payload)
        return json.loads(conn.recv_bytes())
    finally:
        conn.close()


def test_request_round_trips_a_json_command(server):
    assert client.request({"cmd": "status"}) == {"ok": True, "echo": "status"}


@pytest.mark.parametrize(
    "payload",
    [b"not json", b"[1,2,3]", b'{"nocmd": 1}', b'{"cmd": 7}', b"\xff\xfe", b'"cmd"', b"{}"],
)
def test_malformed_messages_get_an_error_reply(server, payload):
    where, key, seen = server
    reply = raw_send(where, key, payload)
    assert reply["ok"] is False and "refused" in reply["error"]
    assert seen == []


def test_oversized_message_is_refused_and_the_server_carries_on(server):
    where, key, _ = server
    conn = Client(where.address, family=where.family, authkey=key)
    conn.send_bytes(b"x" * (MAX_MESSAGE_BYTES + 1))
    import json

    assert json.loads(conn.recv_bytes())["ok"] is False
    conn.close()
    assert client.request({"cmd": "status"})["ok"] is True


def test_handler_failure_becomes_an_error_reply(server):
    reply = client.request({"cmd": "boom"})
    assert reply["ok"] is False and "kaput" in reply["error"]
    assert client.request({"cmd": "status"})["ok"] is True


def test_wrong_authkey_is_rejected(server):
    where, _, seen = server
    with pytest.raises((AuthenticationError, EOFError, ConnectionError)):
        raw_send(where, b"wrong key" * 4, b'{"cmd": "status"}')
    assert seen == []


def test_a_silent_client_does_not_block_others(server):
    where, _, _ = server
    silent = socket.socket(socket.AF_UNIX)
    silent.connect(where.address)
    try:
        started = time.monotonic()
        assert client.request({"cmd": "status"})["ok"] is True
        assert time.monotonic() - started < 1.5
    finally:
        silent.close()


def test_many_concurrent_clients_are_all_answered(server):
    replies: list[dict] = []
    threads = [threading.Thread(target=lambda: replies.append(client.request({"cmd": "x"}))) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(replies) == 12 and all(r["ok"] for r in replies)


def test_no_daemon_raises_daemon_unavailable_with_start_hint(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    with pytest.raises(client.DaemonUnavailable, match="deskbreak run"):
        client.request({"cmd": "status"})


def test_a_client_with_the_wrong_key_is_turned_away(server):
    where, key, seen = server
    Path(where.authkey_file).write_bytes(bytes(32))
    with pytest.raises(client.DaemonUnavailable, match="key"):
        client.request({"cmd": "status"})
    assert seen == []


def test_the_light_client_and_multiprocessing_agree_on_the_wire(server):
    where, key, seen = server
    assert client.request({"cmd": "status"})["ok"] is True
    assert raw_send(where, key, b'{"cmd": "status"}')["ok"] is True
    assert len(seen) == 2


@given(st.binary(max_size=200), st.binary(max_size=100))
def test_the_light_clients_hmac_is_hmacs(key, message):
    assert wire.hmac_md5(key, message) == hmac.new(key, message, "md5").digest()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=5), st.sampled_from(["", " ", "\n"]))
def test_the_light_clients_json_is_jsons(message, space):
    assert protocol.encode(message) == json.dumps(message, separators=(",", ":")).encode()
    text = space + json.dumps({"ok": True, **message}, indent=1 if space else None) + space
    assert repr(protocol.decode_reply(text.encode())) == repr(json.loads(text))  # repr: NaN is not equal to itself


def test_a_message_the_light_client_cannot_write_is_refused_as_json_refuses_it_and_the_next_one_goes():
    shared = [1]
    with pytest.raises(TypeError, match="not JSON serializable"):
        protocol.encode({"cmd": "x", "a": shared, "b": object()})
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular"):
        protocol.encode({"cmd": "x", "loop": loop})
    assert protocol.encode({"cmd": "status", "a": shared}) == b'{"cmd":"status","a":[1]}'


@pytest.mark.parametrize("reply", [b'{"ok": tru}', b'{"ok": true} x', b'{"ok": "cut', b"", b"[]"])
def test_a_reply_the_light_client_cannot_read_is_a_value_error_as_with_json(reply):
    with pytest.raises(ValueError):
        protocol.decode_reply(reply)


STATUS = {"phase": "sitting", "sitting_s": 150, "progress": 0.05, "due_in_s": 2550, "next_reminder_at": "2026-11-25T09:45:00+01:00"}
STATUS |= {"paused_until": None, "snoozed_until": None, "snoozes_left": 3, "standing": False, "in_work_hours": True, "waiting_for": None}


def test_the_quick_status_path_imports_only_built_in_modules_for_its_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    where = endpoint(create=True)
    reply = {"ok": True, "status": STATUS, "pid": 42, "idle_source": "x11", "notifier": "dunst", "tray": "sni", "today": None}
    srv = ControlServer(where, where.write_new_authkey(), lambda message: reply)
    srv.start()
    heavy = {"click", "json", "re", "socket", "hmac", "hashlib", "struct", "platformdirs", "pathlib", "typing"}
    code = f"import sys; from deskbreak.cli import entry; entry.quick_status(as_json=False); print(sorted({heavy!r} & set(sys.modules)))"
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    finally:
        srv.close()
    assert done.stdout.startswith("deskbreak: sitting, sitting 2m30s\n"), done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
