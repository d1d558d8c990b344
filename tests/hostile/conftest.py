"""The real-daemon fixtures of tests/daemon and the desktop rig, for hostile-input tests."""

from tests.daemon.conftest import daemon, make_daemon  # noqa: F401
from tests.desktop.conftest import desktop_daemon, desktop_env, dunst, dunst_server, tray_host  # noqa: F401
