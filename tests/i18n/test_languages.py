"""deskbreak in its user's language, as a user runs it: the real CLI and daemon processes with
LANG (or LANGUAGE, or the config's `[desktop] language`) set; LANG=C and a language deskbreak
lacks are English. Machine output (--json) is the same in every language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.daemon.harness import FAST_CONFIG, Daemon

BROKEN = '[reminders]\nsit_limt = "50m"\nsnooze = 10\n'


def speaking(tmp_path: Path, lang: str, config: str = FAST_CONFIG) -> Daemon:
    app = Daemon(tmp_path, config=config)
    app.env["LANG"] = lang
    return app


@pytest.fixture
def german(tmp_path: Path):
    app = speaking(tmp_path, "de_DE.UTF-8").start()
    yield app
    app.stop()


def test_status_answers_in_german(german: Daemon) -> None:
    shown = german.cli("status")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("deskbreak: "), shown.stdout
    assert "Dienst-PID" in shown.stdout and "Ruhezeit:" in shown.stdout
    assert "Daemon pid" not in shown.stdout


def test_json_status_is_the_same_in_every_language(german: Daemon) -> None:
    english = dict(german.env, LANG="C")
    reply = json.loads(german.cli("status", "--json").stdout)
    german.env = english
    assert set(json.loads(german.cli("status", "--json").stdout)) == set(reply)
    assert reply["status"]["phase"] in ("sitting", "due") and reply["language"] == "auto"


@pytest.mark.parametrize(
    ("lang", "not_running", "problems", "config_line"),
    [
        ("de_DE.UTF-8", "deskbreak läuft nicht", "2 Probleme in der Konfigurationsdatei", "Konfiguration"),
        ("ja_JP.UTF-8", "deskbreak は実行されていません", "設定ファイルに 2 件の問題があります", "設定"),
        ("C", "deskbreak is not running", "2 problems in the config file", "config"),
    ],
)
def test_the_cli_speaks_the_environments_language(tmp_path: Path, lang: str, not_running: str, problems: str, config_line: str) -> None:
    app = speaking(tmp_path, lang)
    status = app.cli("status")
    assert status.returncode == 3 and not_running in status.stderr, status.stderr
    app.config_file.write_text(BROKEN)
    check = app.cli("config", "check")
    assert check.returncode == 2 and problems in check.stderr, check.stderr
    assert "sit_limt" in check.stderr and "deskbreak config check" in check.stderr  # keys and commands are never translated
    doctor = app.cli("doctor")
    first = doctor.stdout.splitlines()[0]
    assert config_line in first, doctor.stdout
    if lang != "C":
        assert "event log" not in doctor.stdout and "problem " not in doctor.stdout, doctor.stdout


def test_language_then_lc_all_then_lang_as_gettext_reads_them(tmp_path: Path) -> None:
    app = speaking(tmp_path, "de_DE.UTF-8")
    app.env["LANGUAGE"] = "fr:de"
    assert "deskbreak ne tourne pas" in app.cli("status").stderr
    app.env["LANGUAGE"] = "xx"  # a language deskbreak lacks: English, silently
    app.env["LC_ALL"] = "C"
    assert app.cli("status").stderr.startswith("deskbreak is not running")


def test_the_config_language_wins_over_the_environment(tmp_path: Path) -> None:
    app = speaking(tmp_path, "de_DE.UTF-8", FAST_CONFIG.replace("[desktop]\n", '[desktop]\nlanguage = "pl"\n'))
    shown = app.cli("routines")
    assert "Przerwa przy biurku dla górnej części pleców — 4 ćwiczenia" in shown.stdout, shown.stdout
    app.config_file.write_text('[desktop]\nlanguage = "klingon"\n')
    check = app.cli("config", "check")
    assert check.returncode == 2 and '"zh_CN"' in check.stderr, check.stderr


def test_the_routine_texts_and_cautions_are_translated(tmp_path: Path) -> None:
    app = speaking(tmp_path, "ja_JP.UTF-8")
    shown = app.cli("routines")
    assert "デスクでできる背中の上部の休憩 — 4 種目、約 2分30秒" in shown.stdout, shown.stdout
    assert "フォームローラー" in shown.stdout


def test_a_user_routine_speaks_its_authors_language_and_its_own_translations(tmp_path: Path) -> None:
    app = speaking(tmp_path, "de_DE.UTF-8")
    folder = tmp_path / "config" / "deskbreak" / "routines"
    folder.mkdir(parents=True)
    (folder / "abend.toml").write_text(
        'title = "Abendruhe"\nsummary = "Zwei ruhige Übungen."\n'
        '[translations.fr]\ntitle = "Calme du soir"\n'
        '[[steps]]\nid = "overhead_reach"\nname = "Strecken"\ncue = "Arme hoch."\nbreath = "Ausatmen."\nseconds = 20\n'
    )
    assert "Abendruhe" in app.cli("routines").stdout
    app.env["LANG"] = "fr_FR.UTF-8"
    assert "Calme du soir" in app.cli("routines").stdout
    (folder / "abend.toml").write_text(
        'title = "A"\nsummary = "B"\n[translations.xx]\ntitle = "C"\n[[steps]]\nid = "a"\nname = "n"\ncue = "c"\nbreath = "b"\nreps = 2\n'
    )
    broken = app.cli("routines")
    assert "translations" in broken.stdout + broken.stderr and "'xx'" in broken.stdout + broken.stderr


def test_a_translated_built_in_routine_is_spoken_in_its_shown_language(tmp_path: Path) -> None:
    import subprocess
    import sys

    app = speaking(tmp_path, "pt_BR.UTF-8")
    said = subprocess.run(
        [
            sys.executable,
            "-c",
            "from deskbreak.routines.loader import load_routines; r = load_routines()['desk']; print(r.language, r.title)",
        ],
        env=app.env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert said.stdout.strip() == "pt-BR Pausa na mesa para a parte superior das costas", said.stderr


def test_the_help_speaks_the_language_too(tmp_path: Path) -> None:
    app = speaking(tmp_path, "de_DE.UTF-8")
    shown = app.cli("stats", "--help")
    assert "Pausen, Erinnerungen, Sitzphasen und Serien" in shown.stdout and "Heute seit Mitternacht." in shown.stdout, shown.stdout
    listed = app.cli("--help")
    assert "Jeden Baustein prüfen, den deskbreak braucht" in listed.stdout, listed.stdout
