"""The exit statuses of every `deskbreak` command, in one place for scripts to rely on.

Kept import-light (enum is loaded anyway by re): the quick `status` path uses it too.
"""

from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    FAILED = 1  # the daemon refused the command, a check failed, or the routine was abandoned
    CONFIG = 2  # the config file has problems (click's usage errors exit 2 as well)
    NOT_RUNNING = 3  # no daemon answered
