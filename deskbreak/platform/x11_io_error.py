"""Taking over Xlib's fatal IO error handler, for a GTK tray whose X server went away.

Xlib calls one process-wide handler when a display connection breaks; GDK's own ends the
process with _exit(1) on the spot, so deskbreak logs nothing, the `stopped` event never comes and
the control socket and pid file stay behind. Xlib also ends the process if the handler
returns, so the handler installed here hands the loss to `on_gone`, which must finish the
process itself (it runs on the thread that met the error: GTK's, the main thread).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
from typing import Any, Callable, NoReturn

OnDisplayGone = Callable[[], NoReturn]
_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)
_installed: list[Any] = []  # the C callback must live as long as the process
log = logging.getLogger(__name__)


def take_over(on_gone: OnDisplayGone) -> None:
    """Install after GDK opened its display (GDK installs its handler then). Once per process."""
    library = ctypes.util.find_library("X11")
    if library is None or _installed:
        return
    xlib = ctypes.CDLL(library)
    xlib.XSetIOErrorHandler.argtypes = [_HANDLER]
    xlib.XSetIOErrorHandler.restype = ctypes.c_void_p

    def handler(_display: int) -> int:
        try:
            on_gone()
        except BaseException:
            log.exception("the X server went away, and stopping cleanly failed")
        os._exit(1)

    _installed.append(_HANDLER(handler))
    xlib.XSetIOErrorHandler(_installed[0])
