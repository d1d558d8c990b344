"""The last resort: the reminder goes to stderr and the daemon log. It never fails."""

from __future__ import annotations

import logging
import sys

from deskbreak.core.model import Reminder
from deskbreak.platform.notify.base import words
from deskbreak.platform.threads import owner_only

log = logging.getLogger(__name__)


class ConsoleNotifier:
    name = "console"
    has_actions = False

    @owner_only
    def show(self, reminder: Reminder) -> None:
        said = words(reminder, with_buttons=False)
        log.warning("REMINDER: %s. %s", said.title, said.body)
        _print(f"deskbreak: {said.title}. {said.body}")

    @owner_only
    def notice(self, title: str, body: str) -> None:
        log.warning("%s. %s", title, body)
        _print(f"deskbreak: {title}. {body}")

    @owner_only
    def withdraw(self) -> None:
        pass

    @owner_only
    def close(self) -> None:
        pass


def _print(line: str) -> None:
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass  # no terminal any more; the log line stands
