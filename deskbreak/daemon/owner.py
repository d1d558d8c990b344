"""The owner: the one thread that holds the daemon's state.

A single-worker pool. APScheduler runs its jobs (the presence sample, the wake-up) on it, and
every other input — a control command, a tray click, a notification's button, SIGHUP, a routine
process's exit, the bus or X going away — is posted to it as a function. So inputs are applied
one at a time, in the order they came, and nothing needs a lock. The rule is enforced:
`platform.threads.OWNER` is bound to this thread, and owner-only methods entered from any other
thread raise WrongThread.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Callable, TypeVar

from apscheduler.executors.pool import BasePoolExecutor

from deskbreak.platform.threads import OWNER

T = TypeVar("T")
log = logging.getLogger(__name__)


class NotNow(Exception):
    """The owner was busy past the caller's deadline and the input was withdrawn unapplied."""


class Owner:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="owner")
        self._stopped = False
        started = threading.Event()

        def bind() -> None:
            OWNER.bind(threading.get_ident(), self.post)
            started.set()

        self._pool.submit(bind)
        started.wait()

    def post(self, fn: Callable[[], Any]) -> None:
        """Any thread, never blocks: run `fn` on the owner, after what is already queued. A
        failure is logged there; it never ends the owner."""
        if self._stopped:
            return
        try:
            self._pool.submit(self._guarded, fn)
        except RuntimeError:  # the pool is shut down: the daemon is stopping
            pass

    def call(self, fn: Callable[[], T], timeout: float) -> T:
        """Run `fn` on the owner and wait for its result (from another thread). If the owner has
        not begun it within `timeout`, it is withdrawn and NotNow raised: so an input is either
        applied and answered, or not applied at all, never applied after its caller gave up."""
        if OWNER.on_owner() and OWNER.bound:
            return fn()
        future: Future[T] = self._pool.submit(fn)
        try:
            return future.result(timeout)
        except FutureTimeout:
            if future.cancel():
                raise NotNow("the daemon is busy") from None
            return future.result()  # it began: its result comes soon, and it must be told
        except CancelledError:
            raise NotNow("the daemon is stopping") from None

    def scheduler_executor(self) -> BasePoolExecutor:
        """APScheduler's executor, running jobs on the owner thread."""
        return _OwnerExecutor(self._pool)

    def stop(self) -> None:
        """Run what is queued, then end the thread (from any thread but the owner)."""
        self._stopped = True
        self._pool.shutdown(wait=not OWNER.on_owner())
        OWNER.unbind()

    @staticmethod
    def _guarded(fn: Callable[[], Any]) -> None:
        try:
            fn()
        except Exception:
            log.exception("an input failed on the owner thread; deskbreak carries on")


class _OwnerExecutor(BasePoolExecutor):
    """APScheduler's pool executor over the owner's pool (its own ThreadPoolExecutor would make
    a pool of ten threads)."""

    def __init__(self, pool: ThreadPoolExecutor) -> None:
        super().__init__(pool)

    def shutdown(self, wait: bool = True) -> None:
        """The owner ends its pool itself, after the scheduler."""
