"""The daemon's threading rule, as code: one owner thread, and the check that enforces it.

All of the daemon's mutable state (the controller and the core's state, today's line, the
launcher's children, and every adapter's public methods) belongs to one thread, the owner
(daemon/owner.py). Everything that happens elsewhere — an event from a compositor's socket, a
bus signal, a tray click, a finished child — is handed to the owner with `OWNER.post(fn)`.

`OWNER` is bound once per process, by the daemon, to its owner thread. Unbound (the CLI,
`doctor`, a test that drives one adapter) `post` runs the function at once and `check` passes,
so an adapter behaves as before outside the daemon. Bound, a method marked `@owner_only` that
is entered from any other thread raises WrongThread: loudly, in tests and in use alike, since a
race found late is a bug found late.
"""

from __future__ import annotations

import functools
import logging
import threading
from typing import Callable, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
log = logging.getLogger(__name__)


class WrongThread(RuntimeError):
    """An owner-only method was entered from another thread: a bug in deskbreak, never the user's."""


class ThreadRule:
    def __init__(self) -> None:
        self._ident: int | None = None
        self._post: Callable[[Callable[[], None]], None] | None = None
        self.broken = 0  # how often the rule was broken in this process (a test reads it)

    def bind(self, ident: int, post: Callable[[Callable[[], None]], None]) -> None:
        """Make thread `ident` the owner; `post` hands a function to it (any thread, never blocks)."""
        self._ident, self._post = ident, post

    def unbind(self) -> None:
        self._ident, self._post = None, None

    @property
    def bound(self) -> bool:
        return self._ident is not None

    def on_owner(self) -> bool:
        return self._ident is None or threading.get_ident() == self._ident

    def check(self, what: str) -> None:
        if not self.on_owner():
            self.broken += 1
            message = f"thread rule broken: {what} entered from thread {threading.current_thread().name!r}, not the owner"
            log.error("%s", message)
            raise WrongThread(message)

    def post(self, fn: Callable[[], None]) -> None:
        """Run `fn` on the owner thread, later; at once where no owner is bound."""
        post = self._post
        if post is None:
            fn()
        else:
            post(fn)


OWNER = ThreadRule()


def owner_only(method: Callable[P, R]) -> Callable[P, R]:
    """Mark a method as the owner thread's: entered from another thread it raises WrongThread."""
    what = method.__qualname__

    @functools.wraps(method)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        OWNER.check(what)
        return method(*args, **kwargs)

    checked.__owner_only__ = True  # type: ignore[attr-defined]  # tests/daemon/test_thread_rule.py lists them
    return checked
