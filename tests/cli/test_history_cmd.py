"""`deskbreak history` where no window can be shown: one line saying why and what to use instead,
and exit status 3 (Exit.NO_WINDOW), never a Qt abort."""

from tests.daemon.harness import Daemon


def test_history_without_a_display_says_why_and_points_at_stats(tmp_path):
    done = Daemon(tmp_path).cli("history")  # the harness's headless env: no DISPLAY, no WAYLAND_DISPLAY
    assert done.returncode == 3
    assert done.stderr.startswith("deskbreak: the history window cannot be shown: no display")
    assert "`deskbreak stats`" in done.stderr and done.stderr.count("\n") == 1
