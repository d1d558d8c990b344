"""One owner for the daemon's state, on the rig: a real daemon (X11 idle, dunst, its SNI item on a
private session bus) takes a storm of inputs from every side at once while reminders fire, and
its thread rule never trips; and its tray menu answers while the notification server is slow.

The slow server is a stand-in on the bus (a real server cannot be made to answer late): it owns
org.freedesktop.Notifications and answers Notify three seconds after each call."""

import asyncio
import json
import os
import random
import signal
import threading
import time
from pathlib import Path

from dbus_fast.service import ServiceInterface, method

from deskbreak.eventlog.rules import check_event
from deskbreak.ipc.protocol import encode
from deskbreak.ipc.wire import DaemonBusy, Wire
from tests.daemon.harness import Daemon, wait_until
from tests.desktop import rig, sni_client
from tests.desktop.bus_service import serving

STORM = """
[reminders]
sit_limit = "3s"
snooze = "3s"
renotify_every = "1m"
snoozes_per_day = 50

[presence]
sample_every = "1s"

[desktop]
notifier = "desktop"
tray = "sni"
"""
COMMANDS = [
    {"cmd": "status"},
    {"cmd": "snooze", "for_s": 2},
    {"cmd": "skip"},
    {"cmd": "stand"},
    {"cmd": "sit"},
    {"cmd": "pause", "for_s": 5},
    {"cmd": "resume"},
    {"cmd": "ping"},
]


def control(daemon: Daemon, message: dict) -> dict:
    """One command over the daemon's control socket, as the CLI sends it (and, as the CLI does,
    again a moment later while every connection slot is taken)."""
    runtime = Path(daemon.env["XDG_RUNTIME_DIR"]) / "deskbreak"
    deadline = time.monotonic() + 30
    while True:
        try:
            wire = Wire(str(runtime / "control.sock"), (runtime / "authkey").read_bytes(), timeout=20)
        except DaemonBusy:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
            continue
        try:
            wire.send(encode(message))
            return json.loads(wire.receive(1 << 20))
        finally:
            wire.close()


def item_name(daemon: Daemon) -> str:
    assert daemon.proc is not None
    return f"org.kde.StatusNotifierItem-{daemon.proc.pid}-1"


def menu_ids(address: str, service: str) -> dict[str, int]:
    _, root = sni_client.menu(address, service)
    found: dict[str, int] = {}

    def walk(entry: sni_client.Entry) -> None:
        for child in entry.children:
            found.setdefault(child.label, child.ident)
            walk(child)

    walk(root)
    return found


def no_thread_rule_broken(daemon: Daemon) -> None:
    output = daemon.output()
    assert "thread rule broken" not in output, output
    assert "Traceback" not in output, output


def test_a_storm_of_inputs_from_every_side_is_applied_by_one_owner(desktop_env, dunst, tmp_path):
    daemon = Daemon(tmp_path, config=STORM, desktop=desktop_env).start()
    address = desktop_env["DBUS_SESSION_BUS_ADDRESS"]
    try:
        wait_until(lambda: "reminder_shown" in daemon.kinds(), 20, "a first reminder")
        wait_until(lambda: bool(menu_ids(address, item_name(daemon))), 20, "the tray item's menu")
        ids = menu_ids(address, item_name(daemon))
        clicks = [ids[label] for label in ids if label.startswith(("I'm standing", "I'm sitting", "Snooze", "Skip", "Resume"))]
        replies: list[dict] = []
        failures: list[BaseException] = []

        def guarded(fn):
            def run() -> None:
                try:
                    fn()
                except BaseException as exc:
                    failures.append(exc)

            return run

        def commands(n: int) -> None:
            replies.append(control(daemon, COMMANDS[n % len(COMMANDS)]))

        def sighups() -> None:
            assert daemon.proc is not None
            for _ in range(100):
                os.kill(daemon.proc.pid, signal.SIGHUP)
                time.sleep(0.01)

        def tray_clicks() -> None:
            for n in range(30):
                sni_client.click(address, item_name(daemon), clicks[n % len(clicks)])

        def notification_answers() -> None:
            for _ in range(30):
                (dunst.click if random.random() < 0.5 else lambda: dunst.ctl("close"))()
                time.sleep(0.05)

        threads = [threading.Thread(target=guarded(lambda n=n: commands(n))) for n in range(50)]
        threads += [threading.Thread(target=guarded(fn)) for fn in (sighups, tray_clicks, notification_answers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert not failures, failures
        assert len(replies) == 50
        refused = [reply for reply in replies if not reply["ok"]]
        assert all("internal error" not in reply["error"] and "busy" not in reply["error"] for reply in refused), refused
        assert control(daemon, {"cmd": "status"})["ok"]
        time.sleep(2)  # reminders go on firing after the storm
        no_thread_rule_broken(daemon)
        for event in daemon.events():
            check_event(event["event"], event)
    finally:
        daemon.stop()
    assert daemon.proc is not None and daemon.proc.returncode == 0
    assert daemon.kinds()[-1] == "stopped"
    no_thread_rule_broken(daemon)


class SlowNotifications(ServiceInterface):
    """Stand-in notification server: takes every notification, answers Notify 3 s late."""

    def __init__(self) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.ids = 0
        self.asked: list[float] = []

    @method()
    async def Notify(self, app: "s", replaces: "u", icon: "s", summary: "s", body: "s", actions: "as", hints: "a{sv}", timeout: "i") -> "u":  # noqa: F722, F821, N802
        self.asked.append(time.monotonic())
        await asyncio.sleep(3)
        self.ids += 1
        return self.ids

    @method()
    def GetCapabilities(self) -> "as":  # noqa: F722, F821, N802
        return ["actions", "body"]

    @method()
    def GetServerInformation(self) -> "ssss":  # noqa: F722, F821, N802
        return ["slow stand-in", "deskbreak tests", "1", "1.2"]

    @method()
    def CloseNotification(self, ident: "u") -> None:  # noqa: F722, F821, N802
        pass


def test_the_tray_menu_answers_while_the_notification_server_is_slow(tmp_path):
    bus = rig.SessionBus(tmp_path / "bus")
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus.address}
    server = SlowNotifications()
    old = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = bus.address
    try:
        with serving("org.freedesktop.Notifications", "/org/freedesktop/Notifications", server):
            config = STORM.replace('sit_limit = "3s"', 'sit_limit = "2s"')
            (tmp_path / "daemon").mkdir()
            daemon = Daemon(tmp_path / "daemon", config=config, desktop=env)
            daemon.start()
            try:
                wait_until(lambda: bool(server.asked), 20, "a reminder sent to the slow server")
                asked = server.asked[-1]
                started = time.monotonic()
                ids = menu_ids(bus.address, item_name(daemon))
                sni_client.click(bus.address, item_name(daemon), ids["I'm standing"])
                answered = time.monotonic() - started
                assert time.monotonic() - asked < 2.5, "the menu was asked while the server still held Notify"
                assert answered < 1.0, f"the menu took {answered:.1f} s to answer"
                wait_until(lambda: control(daemon, {"cmd": "status"}).get("status", {}).get("standing") is True, 15, "the click applied")
                no_thread_rule_broken(daemon)
            finally:
                daemon.stop()
    finally:
        if old is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = old
        bus.stop()
