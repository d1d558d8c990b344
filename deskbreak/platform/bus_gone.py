"""Noticing that the session bus went away, on a dbus-fast connection an adapter already holds.

dbus-fast ends a connection's `wait_for_disconnect()` with an error when the other end closes it
(the dbus-daemon was killed, the session ended) and quietly when we disconnect it ourselves, so
awaiting it on the connection's own loop tells the two apart as it happens, without polling.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable

OnBusGone = Callable[[], None]
log = logging.getLogger(__name__)


def watch(bus: Any, on_gone: OnBusGone) -> asyncio.Task[None]:
    """On the bus's loop: call `on_gone` (on that loop) when the bus drops the connection.
    Cancel the task before closing the loop."""
    return asyncio.get_running_loop().create_task(_wait(bus, on_gone))


async def _wait(bus: Any, on_gone: OnBusGone) -> None:
    try:
        await bus.wait_for_disconnect()
    except Exception as exc:
        log.debug("session bus connection ended: %r", exc)
        on_gone()
