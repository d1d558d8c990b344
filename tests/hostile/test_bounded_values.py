"""Issue 13, class 2: durations and dates are bounded where they are parsed (deskbreak.config.durations),
so no value typed into the config or the CLI can overflow later; each command answers a bad one
with its usual one-line error and exit status 2."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.config.durations import MAX_DAYS, DurationError, parse_duration, parse_moment
from deskbreak.config.loader import ConfigError, parse_config
from tests.daemon.harness import isolated_env

DURATION_TEXT = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda parts: "".join(parts),
        st.lists(
            st.builds(lambda n, u: f"{n}{u}", st.integers(0, 10**30) | st.floats(0, 1e30).map(str), st.sampled_from("dhms")),
            min_size=1,
            max_size=6,
        ),
    ),
)
HUGE = ["1000000000d", "99999999999999999999d", "36526d", "876601h", "52596001m", "9" * 60 + "s", "1e400s"]


@settings(max_examples=400, deadline=None)
@given(DURATION_TEXT)
def test_any_duration_text_is_a_bounded_duration_or_a_duration_error(text):
    try:
        value = parse_duration(text)
    except DurationError:
        return
    assert timedelta(0) <= value <= timedelta(days=MAX_DAYS)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40) | st.datetimes().map(lambda d: d.isoformat()) | st.dates().map(str))
def test_any_date_text_is_an_aware_moment_that_converts_or_a_duration_error(text):
    try:
        moment = parse_moment(text)
    except DurationError:
        return
    assert moment.tzinfo is not None
    moment.timestamp()
    moment.astimezone()


@pytest.mark.parametrize("text", HUGE)
@pytest.mark.parametrize("key", ["sit_limit", "snooze", "renotify_every"])
def test_a_huge_duration_in_the_config_is_a_config_problem(tmp_path, key, text):
    with pytest.raises(ConfigError, match=key):
        parse_config(f'[reminders]\n{key} = "{text}"\n', tmp_path / "c.toml")


@pytest.mark.parametrize(
    "argv",
    [
        ["pause", "1000000000d"],
        ["snooze", "99999999999999999999d"],
        ["log", "--since", "1000000000d"],
        ["log", "--since", "0001-01-01"],
        ["log", "--since", "0001-01-01T00:00+00:00"],
        ["log", "--since", "9999-12-31"],
        ["stats", "--since", "0001-01-02"],
        ["stats", "--since", "1000000000d"],
        ["stats", "--since", "9999-12-31"],
        ["pause", "9" * 70 + "m"],
    ],
)
def test_a_huge_value_on_the_command_line_is_a_one_line_error_with_status_2(tmp_path, argv):
    result = subprocess.run(
        [sys.executable, "-m", "deskbreak", *argv], env=isolated_env(tmp_path), capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and ("too long" in errors[0] or "out of range" in errors[0] or "not a duration" in errors[0])


def test_reload_and_sighup_with_a_huge_duration_keep_the_settings_in_use(make_daemon):
    import signal

    daemon = make_daemon().start()
    daemon.config_file.write_text(daemon.config.replace('sit_limit = "3s"', 'sit_limit = "1000000000d"'))
    result = daemon.cli("reload")
    assert result.returncode == 1
    assert "too long" in result.stderr and "Traceback" not in result.stderr
    daemon.proc.send_signal(signal.SIGHUP)
    daemon.wait_for_event("error", count=2)
    assert "Traceback" not in daemon.output()
    assert daemon.cli("status").returncode == 0
