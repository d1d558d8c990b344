"""Try adapter candidates in order; keep why each one that failed was rejected."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable, Generic, Iterable, Mapping, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


class Unavailable(Exception):
    """This adapter cannot work here; the text says why (and what would make it work)."""


@dataclass(frozen=True)
class Chosen(Generic[T]):
    adapter: T
    rejected: tuple[tuple[str, str], ...] = field(default=())  # (candidate, reason)
    candidate: str = ""  # the candidate's name; "" for the last resort

    @property
    def why(self) -> str:
        """Why each candidate before the chosen one was not used, as doctor and the tray say it."""
        return reasons(self.rejected)


def reasons(rejected: Iterable[tuple[str, str]]) -> str:
    """ "candidate: reason; candidate: reason" — the one way rejections are told to the user."""
    return "; ".join(f"{name}: {reason}" for name, reason in rejected)


def first_available(candidates: Iterable[tuple[str, Callable[[], T]]], last: T) -> Chosen[T]:
    """The first candidate whose factory does not raise Unavailable (or ImportError), else `last`."""
    rejected: list[tuple[str, str]] = []
    for name, make in candidates:
        try:
            return Chosen(make(), tuple(rejected), name)
        except Unavailable as exc:
            rejected.append((name, str(exc)))
        except ImportError as exc:
            rejected.append((name, f"a library is missing ({exc.name or exc})"))
        log.info("%s not used: %s", name, rejected[-1][1])
    return Chosen(last, tuple(rejected))


def first_fitting(plan: Iterable[tuple[str, str | None]], factories: Mapping[str, Callable[[], T]], last: T) -> Chosen[T]:
    """first_available over the candidates that fit the session (session.adapters(role));
    those that do not fit are rejected with the session's reason, untried."""
    plan = list(plan)
    unfit = tuple((name, reason) for name, reason in plan if reason)
    chosen = first_available([(name, factories[name]) for name, reason in plan if not reason], last)
    return Chosen(chosen.adapter, unfit + chosen.rejected, chosen.candidate)
