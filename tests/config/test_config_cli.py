"""`deskbreak config path|show|init|check` through click, with the file chosen by --config,
$DESKBREAK_CONFIG or the user config dir."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.cli_run import deskbreak

PACKAGED_EXAMPLE = Path(__file__).resolve().parents[2] / "deskbreak" / "config" / "example.toml"


@pytest.fixture
def home(user_dirs):
    """The test's own folders (tests/conftest.py); the default file is <home>/config/deskbreak/config.toml."""
    return user_dirs.root


@pytest.fixture
def default_file(home) -> Path:
    return home / "config" / "deskbreak" / "config.toml"


def test_config_path_prints_the_default_place_and_that_it_does_not_exist_yet(default_file):
    result = deskbreak("config", "path")
    assert result.exit_code == 0
    assert result.stdout == f"{default_file}\n"
    assert "does not exist yet" in result.stderr and "deskbreak config init" in result.stderr


def test_config_path_says_when_the_file_exists(default_file):
    default_file.parent.mkdir(parents=True)
    default_file.write_text("")
    result = deskbreak("config", "path")
    assert result.stdout == f"{default_file}\n"
    assert result.stderr == "(exists)\n"


def test_config_path_follows_the_environment_variable(home):
    chosen = home / "elsewhere.toml"
    result = deskbreak("config", "path", env={"DESKBREAK_CONFIG": str(chosen)})
    assert result.stdout == f"{chosen}\n"


def test_config_path_follows_the_option_over_the_environment(home):
    chosen = home / "option.toml"
    result = deskbreak("--config", str(chosen), "config", "path", env={"DESKBREAK_CONFIG": str(home / "env.toml")})
    assert result.stdout == f"{chosen}\n"
    assert f"deskbreak --config {chosen} config init" in result.stderr


def test_config_init_writes_the_documented_example(default_file):
    result = deskbreak("config", "init")
    assert result.exit_code == 0
    assert default_file.read_bytes() == PACKAGED_EXAMPLE.read_bytes()
    assert f"Wrote {default_file}" in result.stdout and "deskbreak config check" in result.stdout


def test_config_init_writes_where_the_option_points(home):
    chosen = home / "new" / "dir" / "mine.toml"
    result = deskbreak("--config", str(chosen), "config", "init")
    assert result.exit_code == 0
    assert chosen.read_bytes() == PACKAGED_EXAMPLE.read_bytes()
    assert f"deskbreak --config {chosen} config check" in result.stdout


def test_config_init_never_overwrites_an_existing_file(home):
    chosen = home / "mine.toml"
    chosen.write_text('[reminders]\nsit_limit = "30m"\n')
    past = 1_600_000_000
    os.utime(chosen, (past, past))
    result = deskbreak("config", "init", env={"DESKBREAK_CONFIG": str(chosen)})
    assert result.exit_code == 1
    assert f"{chosen} already exists and is left as it is" in result.stderr
    assert "Edit it" in result.stderr and "move it away" in result.stderr
    assert chosen.read_text() == '[reminders]\nsit_limit = "30m"\n'
    assert chosen.stat().st_mtime == past


def test_config_init_into_an_unwritable_place_says_what_to_do(home):
    blocker = home / "a-file"
    blocker.write_text("")
    result = deskbreak("--config", str(blocker / "config.toml"), "config", "init")
    assert result.exit_code == 1
    assert f"cannot create the folder {blocker}" in result.stderr and "--config FILE" in result.stderr


def test_config_check_of_a_good_file_says_ok(home):
    chosen = home / "mine.toml"
    chosen.write_text('[reminders]\nsit_limit = "30m"\n')
    result = deskbreak("--config", str(chosen), "config", "check")
    assert result.exit_code == 0
    assert result.stdout == f"{chosen}: ok\n"


def test_config_check_without_a_file_says_the_defaults_apply(default_file):
    result = deskbreak("config", "check")
    assert result.exit_code == 0
    assert result.stdout == f"{default_file} does not exist: ok, the defaults apply.\n"


def test_config_check_of_a_named_file_that_is_missing_exits_2_and_says_how_to_create_it(home):
    chosen = home / "typo.toml"
    result = deskbreak("config", "check", env={"DESKBREAK_CONFIG": str(chosen)})
    assert result.exit_code == 2
    assert f"the config file {chosen} does not exist" in result.stderr and "config init" in result.stderr


def test_config_check_exits_2_with_every_problem_numbered(home):
    chosen = home / "mine.toml"
    chosen.write_text('[reminders]\nsit_limt = "50m"\nsnooze = 10\n[desktop]\ntray = "gnome"\n')
    before = chosen.read_bytes()
    result = deskbreak("config", "check", env={"DESKBREAK_CONFIG": str(chosen)})
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{chosen}: 3 problems in the config file:" in result.stderr
    assert re.search(r'^  1\. line 2: unknown key "sit_limt" in \[reminders\] — did you mean "sit_limit"\?', result.stderr, re.M)
    assert re.search(r'^  2\. line 3, reminders\.snooze = 10: .*did you mean "10m"\?', result.stderr, re.M)
    assert re.search(r'^  3\. line 5, desktop\.tray = "gnome": must be one of', result.stderr, re.M)
    assert chosen.read_bytes() == before


def test_config_check_of_broken_toml_exits_2_naming_the_line(home):
    chosen = home / "mine.toml"
    chosen.write_text("[reminders]\nsit_limit = 50m\n")
    result = deskbreak("--config", str(chosen), "config", "check")
    assert result.exit_code == 2
    assert "not valid TOML" in result.stderr and "line 2" in result.stderr


def test_config_show_without_a_file_prints_the_defaults(default_file):
    result = deskbreak("config", "show")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"# settings in effect: all defaults ({default_file} does not exist)\n")
    assert result.stdout.count("# default") == 18 and "# from the file" not in result.stdout
    assert '[reminders]\nsit_limit = "50m"' in result.stdout


def test_config_show_marks_values_from_the_file(home):
    chosen = home / "mine.toml"
    chosen.write_text('[reminders]\nsit_limit = "30m"\n[schedule]\nwork_days = ["mon", "fri"]\n')
    result = deskbreak("--config", str(chosen), "config", "show")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"# settings in effect: {chosen} over the defaults\n")
    assert re.search(r'^sit_limit = "30m"\s+# from the file$', result.stdout, re.M)
    assert re.search(r'^work_days = \["mon", "fri"\]\s+# from the file$', result.stdout, re.M)
    assert re.search(r'^snooze = "10m"\s+# default$', result.stdout, re.M)


def test_config_show_output_is_a_config_file_with_the_same_settings(home):
    chosen = home / "mine.toml"
    chosen.write_text('[reminders]\nsit_limit = "1h5m"\n[routines]\nsound = false\n[desktop]\ntray = "none"\n')
    shown = deskbreak("--config", str(chosen), "config", "show").stdout
    copy = home / "copy.toml"
    copy.write_text(shown)
    again = deskbreak("--config", str(copy), "config", "show").stdout
    values = lambda text: [line.split("#")[0].rstrip() for line in text.splitlines()[1:]]  # noqa: E731
    assert values(again) == values(shown)
    assert 'sit_limit = "1h5m"' in values(shown) and "sound = false" in values(shown)


def test_config_show_of_a_broken_file_exits_2_with_the_problem(home):
    chosen = home / "mine.toml"
    chosen.write_text("[routines]\nweekly_full_target = 99\n")
    result = deskbreak("--config", str(chosen), "config", "show")
    assert result.exit_code == 2
    assert "line 2, routines.weekly_full_target = 99: must be from 0 to 14" in result.stderr


def test_an_initialised_file_checks_ok(default_file):
    assert deskbreak("config", "init").exit_code == 0
    result = deskbreak("config", "check")
    assert (result.exit_code, result.stdout) == (0, f"{default_file}: ok\n")


def test_config_check_refuses_a_default_routine_that_does_not_exist(home):
    """Issue 19: `default = "nosuch"` passed check and failed only when a break started."""
    chosen = home / "mine.toml"
    chosen.write_text('[reminders]\nsnooze = "5m"\n[routines]\ndefault = "nosuch"\n')
    result = deskbreak("--config", str(chosen), "config", "check")
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{chosen}: 1 problem in the config file:" in result.stderr
    assert re.search(r'^  1\. line 4, routines\.default = "nosuch": there is no routine "nosuch"; known: desk, full', result.stderr, re.M)
    assert 'e.g. default = "desk"' in result.stderr


def test_config_check_accepts_a_default_routine_from_the_users_own_files(home):
    routines = home / "config" / "deskbreak" / "routines"
    routines.mkdir(parents=True)
    (routines / "evening.toml").write_text(
        'title = "Evening"\nsummary = "One move."\n[[steps]]\nid = "reach"\nname = "Reach"\ncue = "Up."\nbreath = "Out."\nreps = 3\n'
    )
    chosen = home / "mine.toml"
    chosen.write_text('[routines]\ndefault = "evening"\n')
    result = deskbreak("--config", str(chosen), "config", "check")
    assert (result.exit_code, result.stdout) == (0, f"{chosen}: ok\n")


def test_config_check_names_the_broken_routine_file_a_default_points_at(home):
    routines = home / "config" / "deskbreak" / "routines"
    routines.mkdir(parents=True)
    (routines / "evening.toml").write_text('title = "Evening"\n')
    chosen = home / "mine.toml"
    chosen.write_text('[routines]\ndefault = "evening"\n')
    result = deskbreak("--config", str(chosen), "config", "check")
    assert result.exit_code == 2
    assert re.search(r'^  1\. line 2, routines\.default = "evening": the routine file .*evening\.toml has a problem', result.stderr, re.M)
    assert "deskbreak routines" in result.stderr
