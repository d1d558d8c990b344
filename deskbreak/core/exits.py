"""The exit statuses of every `deskbreak` process, in one place: for scripts, and for the
daemon, which reads how the routine processes it opened ended.

Kept import-light (enum is loaded anyway by re): the quick `status` path uses it too.
"""

from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    FAILED = 1  # the daemon refused the command, a check failed, or the routine was abandoned
    CONFIG = 2  # the config file has problems (click's usage errors exit 2 as well)
    NOT_RUNNING = 3  # no daemon answered
    NO_WINDOW = 3  # `deskbreak routine`: no window could be shown and no terminal either (reason on stderr)
