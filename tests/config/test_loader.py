"""The config loader as a specification: TOML file -> frozen Settings, or one message naming every problem."""

from __future__ import annotations

import itertools
import os
import re
import tomllib
from datetime import time, timedelta
from pathlib import Path

import hypothesis
import pytest
from hypothesis import strategies as st

from deskbreak.config.loader import KEYS, ConfigError, as_toml, key_help, load_settings, parse_config, read_config
from deskbreak.config.schema import allowed, check
from deskbreak.config.settings import DEFER_KINDS, NOTIFIERS, TRAYS, Settings, WorkHours

ROOT = Path(__file__).resolve().parents[2]
PACKAGED_EXAMPLE = ROOT / "deskbreak" / "config" / "example.toml"
ROOT_EXAMPLE = ROOT / "config.example.toml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, text))
    return str(caught.value)


def problems(message: str) -> list[str]:
    """The numbered problems of a ConfigError message, one string each (fix hints included)."""
    listed = message.rsplit("\nFix these lines", 1)[0]
    return [p.strip() for p in re.split(r"^\s+\d+\. ", listed, flags=re.M)[1:]]


# --- files that work -------------------------------------------------------------------------


def test_missing_file_means_every_default(tmp_path):
    assert load_settings(tmp_path / "nowhere.toml") == Settings()


def test_empty_file_means_every_default(tmp_path):
    assert load_settings(write(tmp_path, "")) == Settings()


def test_every_section_maps_onto_settings(tmp_path):
    path = write(
        tmp_path,
        """
[reminders]
sit_limit = "1h30m"
snooze = "90s"
snoozes_per_day = 0
renotify_every = "2m"
[presence]
break_after_idle = "10m"
sample_every = "15s"
[schedule]
work_days = ["mon", "Tue", "wednesday"]
work_hours = ["13:30-18:00", "09:00-12:30"]
[routines]
default = "full"
weekly_full_target = 2
sound = false
[desktop]
notifier = "console"
tray = "none"
defer_fullscreen_max = "0s"
""",
    )
    assert load_settings(path) == Settings(
        sit_limit=timedelta(hours=1, minutes=30),
        snooze=timedelta(seconds=90),
        snoozes_per_day=0,
        renotify_every=timedelta(minutes=2),
        break_after_idle=timedelta(minutes=10),
        sample_every=timedelta(seconds=15),
        work_hours=WorkHours(days=(0, 1, 2), spans=((time(9), time(12, 30)), (time(13, 30), time(18)))),
        default_routine="full",
        weekly_full_target=2,
        sound=False,
        notifier="console",
        tray="none",
        defer_fullscreen_max=timedelta(0),
    )


def test_a_partial_file_keeps_defaults_for_the_rest(tmp_path):
    settings = load_settings(write(tmp_path, '[reminders]\nsit_limit = "30m"\n'))
    assert settings == Settings(sit_limit=timedelta(minutes=30))


def test_seconds_are_allowed_so_tests_can_run_fast(tmp_path):
    settings = load_settings(write(tmp_path, '[reminders]\nsit_limit = "3s"\nsnooze = "1s"\n[presence]\nsample_every = "1s"\n'))
    assert (settings.sit_limit, settings.snooze, settings.sample_every) == (
        timedelta(seconds=3),
        timedelta(seconds=1),
        timedelta(seconds=1),
    )


@pytest.mark.parametrize("zero", ['"0s"', '"0"', "0", '"0m"'])
def test_renotify_every_zero_means_show_the_reminder_once(tmp_path, zero):
    assert load_settings(write(tmp_path, f"[reminders]\nrenotify_every = {zero}\n")).renotify_every == timedelta(0)


def test_work_hours_may_end_at_midnight(tmp_path):
    settings = load_settings(write(tmp_path, '[schedule]\nwork_hours = ["20:00-24:00"]\n'))
    assert settings.work_hours.spans == ((time(20), time.max),)


def test_empty_schedule_lists_mean_always(tmp_path):
    assert load_settings(write(tmp_path, "[schedule]\nwork_days = []\nwork_hours = []\n")).work_hours.always


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b'\xef\xbb\xbf[reminders]\nsit_limit = "40m"\n')
    assert load_settings(path).sit_limit == timedelta(minutes=40)


def test_read_config_tells_which_keys_the_file_set(tmp_path):
    loaded = read_config(write(tmp_path, '[reminders]\nsnooze = "5m"\n[schedule]\nwork_days = ["mon"]\n'))
    assert loaded.from_file == {"reminders.snooze", "schedule.work_days"}


# --- the example file ------------------------------------------------------------------------


def test_root_example_is_the_packaged_example():
    assert ROOT_EXAMPLE.read_bytes() == PACKAGED_EXAMPLE.read_bytes()


def test_example_file_gives_exactly_the_defaults():
    loaded = read_config(PACKAGED_EXAMPLE)
    assert loaded.settings == Settings()
    assert len(loaded.from_file) == 18  # it sets every key, each to its default


def test_example_file_documents_every_key_with_its_default():
    lines = PACKAGED_EXAMPLE.read_text(encoding="utf-8").splitlines()
    assigned = [n for n, line in enumerate(lines) if re.match(r"^[a-z_]+\s*=", line)]
    assert len(assigned) == 18
    for n in assigned:
        comment = []
        for above in reversed(lines[:n]):
            if not above.startswith("#"):
                break
            comment.append(above)
        value = lines[n].split("=", 1)[1].strip()
        assert comment, f"{lines[n]!r} has no comment saying what it does"
        assert f"Default {value}" in " ".join(comment) or value == "[]", f"{lines[n]!r}: comment should say Default {value}"


# --- every rule is checked, with file, line, key, value, what is allowed and a fix -------------


def test_broken_toml_names_the_file_line_and_shows_the_line(tmp_path):
    message = error_for(tmp_path, '[reminders]\nsnooze = "10m"\nsit_limit = 50m\n')
    assert str(tmp_path / "config.toml") in message
    assert "line 3" in message
    assert "sit_limit = 50m" in message
    assert 'sit_limit = "50m"' in message  # how a duration is written
    assert "deskbreak config check" in message


def test_a_duplicate_key_is_a_syntax_error_with_its_line(tmp_path):
    message = error_for(tmp_path, '[reminders]\nsnooze = "10m"\nsnooze = "5m"\n')
    assert "line 3" in message and "not valid TOML" in message
    assert "may appear only once" in message


def test_a_syntax_error_at_the_end_of_the_file_shows_the_last_line(tmp_path):
    message = error_for(tmp_path, '[reminders]\nsit_limit = "50m"\nsnooze')
    assert "line 3: snooze" in message


def test_a_bad_duration_names_file_line_key_value_allowed_and_fix(tmp_path):
    message = error_for(tmp_path, '[reminders]\n\n  sit_limit = "fifty minutes"\n')
    assert message.startswith(f"{tmp_path / 'config.toml'}: 1 problem in the config file")
    (problem,) = problems(message)
    assert problem.startswith('line 3, reminders.sit_limit = "fifty minutes":')
    assert "units d, h, m, s" in problem
    assert problem.endswith('e.g. sit_limit = "50m"')


@pytest.mark.parametrize("number, suggested", [("50", '"50m"'), ("1.5", '"1.5m"')])
def test_a_bare_number_duration_suggests_quoting_it_with_a_unit(tmp_path, number, suggested):
    (problem,) = problems(error_for(tmp_path, f"[reminders]\nsit_limit = {number}\n"))
    assert f"did you mean {suggested}?" in problem
    assert problem.endswith(f"e.g. sit_limit = {suggested}")


@pytest.mark.parametrize(
    "section, key, value, allowed",
    [
        ("reminders", "sit_limit", '"0s"', "from 1s to 4h"),
        ("reminders", "sit_limit", '"5h"', "from 1s to 4h"),
        ("reminders", "snooze", '"3h"', "from 1s to 2h"),
        ("reminders", "snoozes_per_day", "51", "from 0 to 50"),
        ("reminders", "snoozes_per_day", "-1", "from 0 to 50"),
        ("reminders", "renotify_every", '"10s"', 'from 30s to 4h (or "0s" = show it once)'),
        ("presence", "break_after_idle", '"5h"', "from 1s to 4h"),
        ("presence", "sample_every", '"6m"', "from 1s to 5m"),
        ("routines", "weekly_full_target", "15", "from 0 to 14"),
        ("desktop", "defer_fullscreen_max", '"5h"', 'from 0s to 4h (or "0s" = never hold it back)'),
    ],
)
def test_out_of_range_values_say_the_allowed_range(tmp_path, section, key, value, allowed):
    (problem,) = problems(error_for(tmp_path, f"[{section}]\n{key} = {value}\n"))
    assert problem.startswith(f"line 2, {section}.{key} = {value}:")
    assert f"must be {allowed}" in problem


@pytest.mark.parametrize(
    "section, key, value, expected, fix",
    [
        ("reminders", "snoozes_per_day", '"3"', "whole number from 0 to 50 without quotes", "snoozes_per_day = 3"),
        ("reminders", "snoozes_per_day", "2.5", "whole number from 0 to 50", "snoozes_per_day = 3"),
        ("reminders", "snoozes_per_day", "true", "whole number from 0 to 50", "snoozes_per_day = 3"),
        ("reminders", "snooze", "true", "expected a duration in quotes", 'snooze = "10m"'),
        ("desktop", "defer_fullscreen_max", "00:20:00", "expected a duration in quotes", 'defer_fullscreen_max = "20m"'),
        ("routines", "sound", '"true"', "true or false without quotes", "sound = true"),
        ("routines", "sound", "1", "true or false", "sound = true"),
        ("routines", "default", '""', "expected a routine name in quotes", 'default = "desk"'),
        ("routines", "default", "3", "expected a routine name in quotes", 'default = "desk"'),
        ("desktop", "tray", "3", "in quotes", 'tray = "auto"'),
        ("schedule", "work_days", '"mon"', "expected a list of day names", "work_days = ["),
        ("schedule", "work_hours", '"09:00-17:00"', 'expected a list of "HH:MM-HH:MM" spans', "work_hours = ["),
        (
            "desktop",
            "defer_on",
            '"microphone"',
            'expected a list drawn from "fullscreen", "inhibit"',
            'defer_on = ["fullscreen", "inhibit", "microphone", "camera", "dnd"]',
        ),
        ("desktop", "defer_on", '["mic"]', 'unknown kind "mic"', 'defer_on = ["fullscreen", "inhibit"'),
        ("desktop", "meeting_apps", '"zoom"', "expected a list of up to 20 application names", 'meeting_apps = ["zoom"'),
        ("desktop", "meeting_apps", '[""]', "expected a list of up to 20 application names", 'meeting_apps = ["zoom"'),
    ],
)
def test_wrong_types_are_named_with_a_line_that_works(tmp_path, section, key, value, expected, fix):
    (problem,) = problems(error_for(tmp_path, f"[{section}]\n{key} = {value}\n"))
    assert problem.startswith(f"line 2, {section}.{key} = {value}:")
    assert expected in problem
    assert f"e.g. {fix}" in problem


def test_defer_on_turns_kinds_off_and_meeting_apps_are_kept_as_written(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[desktop]\ndefer_on = ["dnd", "microphone"]\nmeeting_apps = [" Zoom ", "teams"]\n')
    settings = load_settings(path)
    assert settings.defer_on == ("microphone", "dnd") and settings.meeting_apps == ("Zoom", "teams")
    assert Settings().defer_on == ("fullscreen", "inhibit", "microphone", "camera", "dnd")


def test_a_misspelt_kind_in_defer_on_suggests_the_right_one(tmp_path):
    (problem,) = problems(error_for(tmp_path, '[desktop]\ndefer_on = ["micropone"]\n'))
    assert 'unknown kind "micropone" (did you mean "microphone"?)' in problem


def test_unknown_key_suggests_the_closest_known_key(tmp_path):
    (problem,) = problems(error_for(tmp_path, '[reminders]\nsit_limt = "50m"\n'))
    assert problem.startswith('line 2: unknown key "sit_limt" in [reminders] — did you mean "sit_limit"?')
    assert "Known keys in [reminders]: sit_limit, snooze, snoozes_per_day, renotify_every." in problem


def test_a_key_in_the_wrong_section_says_where_it_belongs(tmp_path):
    (problem,) = problems(error_for(tmp_path, '[reminders]\nsample_every = "30s"\n'))
    assert 'unknown key "sample_every" in [reminders] — it belongs under [presence]' in problem


def test_unknown_section_suggests_the_closest_known_section(tmp_path):
    (problem,) = problems(error_for(tmp_path, '[presense]\nsample_every = "30s"\n'))
    assert problem.startswith("line 1: unknown section [presense] — did you mean [presence]?")
    assert "Known sections: [reminders], [presence], [schedule], [routines], [desktop]." in problem


def test_unknown_section_with_nothing_close_lists_the_known_ones(tmp_path):
    (problem,) = problems(error_for(tmp_path, "[zzz]\n"))
    assert "unknown section [zzz]. Known sections: [reminders]" in problem


def test_a_key_before_any_section_says_which_section_it_belongs_in(tmp_path):
    (problem,) = problems(error_for(tmp_path, 'sit_limit = "50m"\n'))
    assert problem.startswith('line 1, sit_limit = "50m": this key belongs under [reminders]')


def test_a_section_name_used_as_a_value_is_explained(tmp_path):
    (problem,) = problems(error_for(tmp_path, 'reminders = "50m"\n'))
    assert "must be a [reminders] section, not a single value" in problem


@pytest.mark.parametrize(
    "value, why",
    [
        ('"dekstop"', 'did you mean "desktop"? It must be one of "auto", "desktop", "plyer", "console"'),
        ('"growl"', 'must be one of "auto", "desktop", "plyer", "console"'),
    ],
)
def test_notifier_must_be_a_known_one(tmp_path, value, why):
    (problem,) = problems(error_for(tmp_path, f"[desktop]\nnotifier = {value}\n"))
    assert why in problem


def test_every_notifier_and_tray_choice_is_accepted(tmp_path):
    for notifier, tray in itertools.product(NOTIFIERS, TRAYS):  # zip() left out the last tray
        settings = load_settings(write(tmp_path, f'[desktop]\nnotifier = "{notifier}"\ntray = "{tray}"\n'))
        assert (settings.notifier, settings.tray) == (notifier, tray)


def test_tray_must_be_a_known_one_without_far_fetched_suggestions(tmp_path):
    (problem,) = problems(error_for(tmp_path, '[desktop]\ntray = "gnome"\n'))
    assert problem.startswith('line 2, desktop.tray = "gnome": must be one of "auto", "sni", "appindicator", "gtk", "xorg", "none"')
    assert "did you mean" not in problem


@pytest.mark.parametrize("day", ["monkey", "mo", "weekday"])
def test_work_days_must_be_day_names(tmp_path, day):
    (problem,) = problems(error_for(tmp_path, f'[schedule]\nwork_days = ["mon", "{day}"]\n'))
    assert f'unknown day "{day}"; use mon, tue, wed, thu, fri, sat, sun' in problem


@pytest.mark.parametrize(
    "span, why",
    [
        ("9-17", 'is not a span; write "HH:MM-HH:MM"'),
        ("09:00", 'is not a span; write "HH:MM-HH:MM"'),
        ("25:00-26:00", 'is not a span; write "HH:MM-HH:MM"'),
        ("09:60-10:00", 'is not a span; write "HH:MM-HH:MM"'),
        ("18:00-09:00", "ends before it starts; a span cannot cross midnight, so split it in two"),
        ("09:00-09:00", "ends before it starts"),
    ],
)
def test_work_hours_are_hh_mm_spans_that_start_before_they_end(tmp_path, span, why):
    (problem,) = problems(error_for(tmp_path, f'[schedule]\nwork_hours = ["08:00-09:00", "{span}"]\n'))
    assert f'"{span}" {why}' in problem


def test_sample_every_must_be_shorter_than_break_after_idle(tmp_path):
    (problem,) = problems(error_for(tmp_path, '[presence]\nbreak_after_idle = "1m"\nsample_every = "2m"\n'))
    assert problem.startswith('line 3, presence.sample_every = "2m":')
    assert "must be shorter than presence.break_after_idle (1m)" in problem


def test_break_after_idle_below_the_default_sampling_is_refused(tmp_path):
    (problem,) = problems(error_for(tmp_path, '[presence]\nbreak_after_idle = "10s"\n'))
    assert problem.startswith('line 2, presence.break_after_idle = "10s":')
    assert "presence.sample_every (30s) must be shorter" in problem


def test_every_problem_in_the_file_is_reported_together_and_numbered(tmp_path):
    message = error_for(
        tmp_path,
        """[reminders]
sit_limit = 50
snooze = "ten"
snoozes_per_day = 99
[presence]
sample_every = "1m"
[routines]
sound = "yes"
[desktop]
tray = "gnome"
colour = "blue"
""",
    )
    assert message.startswith(f"{tmp_path / 'config.toml'}: 6 problems in the config file:")
    found = problems(message)
    assert [p.split(":")[0] for p in found] == [
        "line 2, reminders.sit_limit = 50",
        'line 3, reminders.snooze = "ten"',
        "line 4, reminders.snoozes_per_day = 99",
        'line 8, routines.sound = "yes"',
        'line 10, desktop.tray = "gnome"',
        "line 11",
    ]
    assert re.search(r"^  6\. line 11", message, flags=re.M)
    assert message.rstrip().endswith("then run: deskbreak config check")


def test_a_key_is_found_on_its_line_in_the_right_section(tmp_path):
    (problem,) = problems(error_for(tmp_path, '[reminders]\nsnooze = "10m"\n[desktop]\nsnooze = "5m"\n'))
    assert problem.startswith('line 4: unknown key "snooze" in [desktop] — it belongs under [reminders]')


def test_a_file_that_is_not_utf8_says_so(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b'[routines]\ndefault = "d\xe9sk"\n')
    with pytest.raises(ConfigError, match=r"is not UTF-8 text; save the file as UTF-8"):
        load_settings(path)


def test_a_directory_in_place_of_the_file_is_explained(tmp_path):
    with pytest.raises(ConfigError, match=r"is a directory, not a config file"):
        load_settings(tmp_path)


def test_loading_never_writes_the_file(tmp_path):
    good = write(tmp_path, '[reminders]\nsit_limit = "30m"\n')
    bad = tmp_path / "bad.toml"
    bad.write_text('[reminders]\nsit_limt = 5\n[schedule]\nwork_hours = ["9-5"]\n', encoding="utf-8")
    past = 1_600_000_000
    for path in (good, bad):
        os.utime(path, (past, past))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (good, bad)}
    load_settings(good)
    with pytest.raises(ConfigError):
        load_settings(bad)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (good, bad)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml", "config.toml"]


# --- printing the settings back --------------------------------------------------------------


def test_as_toml_reads_back_to_the_same_settings(tmp_path):
    settings = Settings(
        sit_limit=timedelta(hours=1, seconds=30),
        snooze=timedelta(seconds=1.5),
        renotify_every=timedelta(0),
        work_hours=WorkHours(days=(0, 4), spans=((time(9), time(12)), (time(22), time.max))),
        default_routine="full",
        sound=False,
        notifier="console",
        tray="none",
    )
    assert parse_config(as_toml(settings), tmp_path / "shown.toml").settings == settings
    assert parse_config(as_toml(Settings()), tmp_path / "shown.toml").settings == Settings()


def test_as_toml_marks_each_key_as_from_the_file_or_default():
    shown = as_toml(Settings(snooze=timedelta(minutes=5)), frozenset({"reminders.snooze"}))
    assert re.search(r'^snooze = "5m"\s+# from the file$', shown, flags=re.M)
    assert re.search(r'^sit_limit = "50m"\s+# default$', shown, flags=re.M)
    assert shown.count("# default") == 17


@pytest.mark.parametrize("name", ['my "desk"', "back\\slash", "ünï ☕", "'single'", 'three """ quotes'])
def test_as_toml_quotes_any_text_so_it_reads_back(tmp_path, name):
    """Issue 19: `default = "my \\"desk\\""` came out as `default = "my "desk""`, which is not TOML,
    and a backslash changed meaning."""
    settings = Settings(meeting_apps=(name, "zoom"))
    for marks in (None, frozenset({"desktop.meeting_apps"})):
        assert parse_config(as_toml(settings, marks), tmp_path / "shown.toml").settings == settings


def test_a_default_routine_that_is_not_a_routine_name_is_refused_where_it_is_written(tmp_path):
    (problem,) = problems(error_for(tmp_path, '[routines]\ndefault = "my \\"desk\\""\n'))
    assert problem.startswith('line 2, routines.default = "my \\"desk\\"": is not a routine name: use lower-case letters')


def _texts(max_size: int) -> st.SearchStrategy[str]:
    """Text as the loader keeps it: no control characters, runs of white space made one space."""
    letters = st.characters(exclude_categories=("Cc", "Cf", "Cs"))
    return st.text(letters, max_size=max_size).map(lambda text: " ".join(text.split())).filter(bool)


def _seconds(low: int, high: int) -> st.SearchStrategy[timedelta]:
    return st.integers(low, high).map(lambda s: timedelta(seconds=s)) | st.integers(low * 10, high * 10).map(
        lambda t: timedelta(seconds=t / 10)
    )


def _spans() -> st.SearchStrategy[tuple[tuple[time, time], ...]]:
    minutes = st.lists(st.integers(0, 24 * 60), max_size=6, unique=True).map(sorted)
    clock = lambda m: time.max if m == 24 * 60 else time(m // 60, m % 60)  # noqa: E731
    return minutes.map(lambda ms: tuple((clock(a), clock(b)) for a, b in zip(ms[::2], ms[1::2], strict=False)))


SETTINGS = st.builds(
    Settings,
    sit_limit=_seconds(1, 4 * 3600),
    snooze=_seconds(1, 2 * 3600),
    snoozes_per_day=st.integers(0, 50),
    renotify_every=st.just(timedelta(0)) | _seconds(30, 4 * 3600),
    break_after_idle=st.just(timedelta(hours=4)),
    sample_every=_seconds(1, 300),
    work_hours=st.builds(WorkHours, st.lists(st.integers(0, 6), unique=True).map(lambda d: tuple(sorted(d))), _spans()),
    default_routine=st.from_regex(r"[a-z0-9][a-z0-9_-]{0,39}", fullmatch=True),
    weekly_full_target=st.integers(0, 14),
    sound=st.booleans(),
    notifier=st.sampled_from(NOTIFIERS),
    tray=st.sampled_from(TRAYS),
    defer_fullscreen_max=_seconds(0, 4 * 3600),
    defer_on=st.sets(st.sampled_from(DEFER_KINDS)).map(lambda kinds: tuple(k for k in DEFER_KINDS if k in kinds)),
    meeting_apps=st.lists(_texts(100), max_size=20).map(tuple),
)


@hypothesis.settings(max_examples=200, deadline=None)
@hypothesis.given(SETTINGS, st.booleans())
def test_config_show_output_is_toml_that_reads_back_to_the_same_settings(settings, marked):
    text = as_toml(settings, frozenset({"routines.default"}) if marked else None)
    tomllib.loads(text)
    assert parse_config(text, Path("shown.toml")).settings == settings


# --- the description as data -----------------------------------------------------------------


def test_every_key_is_described_with_an_example_that_passes_its_own_check():
    for key in KEYS:
        example = tomllib.loads(f"v = {key.field.example}")["v"]
        check(key.field, example)
        assert allowed(key.field), key.dotted


def test_every_key_has_its_help_from_the_example_file():
    help_ = key_help()
    assert set(help_) == {key.dotted for key in KEYS}
    assert help_["reminders.sit_limit"].startswith("How long you may sit before a break is due.")
    assert all(text.strip() for text in help_.values())


def test_voice_is_on_off_or_full_only_and_decides_which_routines_speak(tmp_path):
    def voice(text: str) -> Settings:
        return parse_config(text, tmp_path / "config.toml").settings

    assert Settings().voice == "full-only" and Settings().speaks("full") and not Settings().speaks("desk")
    assert voice('[routines]\nvoice = "on"\n').speaks("desk")
    assert not voice('[routines]\nvoice = "off"\n').speaks("full")
    with pytest.raises(ConfigError, match=r'line 2, routines.voice = "yes": must be one of "full-only", "on", "off"'):
        voice('[routines]\nvoice = "yes"\n')
