"""The real-daemon fixtures of tests/daemon, for the hostile-input tests that need a live daemon."""

from tests.daemon.conftest import daemon, make_daemon  # noqa: F401
