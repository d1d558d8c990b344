"""A hands-free routine, heard: the terminal runner speaks through a real speech-dispatcher (with
espeak-ng) and plays its sounds through paplay, into the rig's PulseAudio null sink, whose
monitor the test records.

Sound and steps are aligned by wall-clock time, not by sample counts (the recording may drop
its leading silence): each chunk parec hands over is stamped when it arrives, and each step's
start is known from the moment the runner printed "Step 1 of …" plus the steps' own lengths.
Tolerances: speech must begin within 1.5 s of its moment (speech-dispatcher and espeak-ng start
in a few hundred ms on this machine), and a gap counts as silent when every 0.1 s window in it
is below RMS 100 (the null sink's silence is exactly 0; speech is ~4,000-7,000).
"""

from __future__ import annotations

import array
import itertools
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from tests.daemon.harness import isolated_env
from tests.desktop.rig import end, end_speech_dispatcher, missing, need, poll

RATE = 16000
WINDOW_S = 0.1
SPEECH_RMS = 500
SILENT_RMS = 100
LEAD_IN_S = 5  # the terminal runner's hands-free lead-in

ROUTINE = """title = "Rig check"
summary = "Three short steps, heard on the rig."
language = "{language}"

[[steps]]
id = "hold_a"
name = "{hold}"
cue = "Stretch up."
breath = "{breathe}"
seconds = 11

[[steps]]
id = "reps_b"
name = "{twist}"
cue = "Turn."
breath = "{exhale}"
reps = 2
tempo = 6

[[steps]]
id = "hold_c"
name = "{lean}"
cue = "Lean."
breath = "{breathe}"
seconds = 11
"""
ENGLISH = dict(language="en", hold="Reach up", breathe="Breathe out.", twist="Twist", exhale="Exhale.", lean="Lean back")
GERMAN = dict(language="de", hold="Nach oben", breathe="Ausatmen.", twist="Drehen", exhale="Langsam.", lean="Zurücklehnen")
# Each step's start after the first, in seconds: an 11 s hold, 2 reps at 6 s, an 11 s hold.
# The gaps are wide enough that words said up to 1.5 s late (a loaded machine) still end in time.
HOLD_S, TEMPO_S = 11, 6
STARTS = (0.0, 11.0, 23.0)
END_S = 34.0

SPEECHD_CONF = """LogLevel 3
LogDir "{logs}"
CustomLogFile "protocol" "{logs}/protocol.log"
AudioOutputMethod "pulse"
AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"
DefaultModule espeak-ng
DefaultLanguage "en"
Timeout 3
"""


class Recording:
    """parec on the null sink's monitor, each chunk stamped with the wall clock as it arrives."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [need("parec"), "--device=rig_speaker.monitor", "--format=s16le", f"--rate={RATE}", "--channels=1", "--latency-msec=20"],
            env=env,
            stdout=subprocess.PIPE,
        )
        self.chunks: list[tuple[float, bytes]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        poll(lambda: bool(self.chunks), what="parec to record")

    def _read(self) -> None:
        assert self.proc.stdout is not None
        while chunk := os.read(self.proc.stdout.fileno(), 3200):
            self.chunks.append((time.time(), chunk))

    def stop(self) -> None:
        end(self.proc)
        self._reader.join(5)

    def windows(self) -> list[tuple[float, float]]:
        """(wall-clock start, RMS) of each 0.1 s window."""
        samples: list[tuple[float, int]] = []
        for arrived, chunk in self.chunks:
            data = array.array("h", chunk[: len(chunk) // 2 * 2])
            first = arrived - len(data) / RATE
            samples += [(first + i / RATE, v) for i, v in enumerate(data)]
        size = int(RATE * WINDOW_S)
        return [
            (samples[i][0], math.sqrt(sum(v * v for _, v in samples[i : i + size]) / size)) for i in range(0, len(samples) - size, size)
        ]

    def loudest(self, start: float, stop: float) -> float:
        return max((rms for at, rms in self.windows() if start <= at and at + WINDOW_S <= stop), default=0.0)


def prepare(root: Path, config: str, language: dict[str, str]) -> Path:
    """The test routine, the config and speech-dispatcher's user settings (with its protocol
    log) under `root`, where isolated_env puts the user's folders; returns the log folder."""
    routines = root / "config" / "deskbreak" / "routines"
    routines.mkdir(parents=True)
    (routines / "rig.toml").write_text(ROUTINE.format(**language))
    (root / "config" / "deskbreak" / "config.toml").write_text(config)
    logs = root / "speechd"
    logs.mkdir()
    (root / "config" / "speech-dispatcher").mkdir()
    (root / "config" / "speech-dispatcher" / "speechd.conf").write_text(SPEECHD_CONF.format(logs=logs))
    return logs


def protocol(logs: Path) -> list[str]:
    """The lines speech-dispatcher received, from its own protocol log."""
    log = logs / "protocol.log"
    text = log.read_text() if log.exists() else ""
    return [line.split("DATA:|", 1)[1] for line in text.splitlines() if "DATA:|" in line]


def spoken(logs: Path) -> list[str]:
    """What speech-dispatcher was asked to say: the data after each SPEAK."""
    return [line for before, line in itertools.pairwise(protocol(logs)) if before == "SPEAK" and line != "."]


class Run:
    """`deskbreak routine rig --terminal`, its input closed (or a pipe for keys), every output line stamped."""

    def __init__(self, root: Path, env: dict[str, str], config: str, language: dict[str, str], keys: bool) -> None:
        root.mkdir()
        self.logs = prepare(root, config, language)
        self.env = {**isolated_env(root), "PULSE_SERVER": env["PULSE_SERVER"]}
        self.env.pop("SPEECHD_ADDRESS", None)
        self.runtime = Path(self.env["XDG_RUNTIME_DIR"])
        self.log_file = root / "data" / "deskbreak" / "events.jsonl"
        self.lines: list[tuple[float, str]] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "deskbreak", "routine", "rig", "--terminal"],
            env=self.env,
            stdin=subprocess.PIPE if keys else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append((time.time(), line.rstrip("\n")))

    def when(self, text: str, timeout: float = 30) -> float:
        poll(lambda: any(text in line for _, line in self.lines), timeout=timeout, what=f"{text!r} on the terminal")
        return next(at for at, line in self.lines if text in line)

    def press(self, keys: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(keys)
        self.proc.stdin.flush()

    def wait(self, timeout: float = 60) -> int:
        return self.proc.wait(timeout)

    def spoken(self) -> list[str]:
        return spoken(self.logs)

    def languages(self) -> list[str]:
        return [line.rsplit(" ", 1)[1] for line in protocol(self.logs) if line.startswith("SET self LANGUAGE")]

    def events(self) -> list[dict]:
        return [json.loads(line) for line in self.log_file.read_text().splitlines()]

    def close(self) -> None:
        end(self.proc)
        end_speech_dispatcher(self.runtime)


@pytest.fixture
def run(sound, tmp_path):
    for binary in ("speech-dispatcher", "espeak-ng", "paplay"):
        need(binary)
    if not Path("/usr/share/sounds/freedesktop/stereo/bell.oga").exists():
        missing("sound-theme-freedesktop is not installed")
    made: list[Run] = []

    def start(config: str, language: dict[str, str] = ENGLISH, keys: bool = False) -> Run:
        made.append(Run(tmp_path / f"run{len(made)}", sound.env, config, language, keys))
        return made[-1]

    yield start
    for each in made:
        each.close()


def heard(run: Run, language: dict[str, str], record: Recording) -> float:
    """The run to its end; returns when the first step began (wall clock)."""
    assert run.wait(LEAD_IN_S + END_S + 30) == 0, "\n".join(line for _, line in run.lines)
    time.sleep(1.0)  # the last words and the chime reach the sink
    record.stop()
    return run.when("Step 1 of 3")


def test_a_hands_free_routine_is_heard_where_each_step_begins_and_ends_and_nowhere_else(run, sound):
    record = Recording(sound.env)
    r = run('[routines]\nvoice = "on"\nsound = true\n')
    t0 = heard(r, ENGLISH, record)
    for start in STARTS:
        assert record.loudest(t0 + start, t0 + start + 1.5) > SPEECH_RMS, f"no speech as the step at {start} s began"
    # the holds: silent between their opening words and the countdown of their last 3 s
    for start in (STARTS[0], STARTS[2]):
        assert record.loudest(t0 + start + 4.0, t0 + start + HOLD_S - 3.2) < SILENT_RMS, f"sound in the gap of the hold at {start} s"
        for second in (HOLD_S - 3, HOLD_S - 2, HOLD_S - 1):
            assert record.loudest(t0 + start + second, t0 + start + second + 0.9) > SPEECH_RMS, f"no countdown at {start + second} s"
    # the reps: silent between the opening words and the first count, at the tempo
    assert record.loudest(t0 + STARTS[1] + 4.0, t0 + STARTS[1] + TEMPO_S - 0.1) < SILENT_RMS
    assert record.loudest(t0 + STARTS[1] + TEMPO_S, t0 + STARTS[1] + TEMPO_S + 1.5) > SPEECH_RMS
    assert record.loudest(t0 + END_S, t0 + END_S + 1.5) > SPEECH_RMS, "no chime or words at the end"

    assert r.spoken() == [
        "Rig check. Starting in 5 seconds.",
        "Reach up. Breathe out.",
        "3",
        "2",
        "1",
        "Done. Next: Twist. Exhale.",
        "1",
        "2. Done. Next: Lean back. Breathe out.",
        "3",
        "2",
        "1",
        "All done. Well moved.",
    ]
    assert r.languages() == ["en"]
    events = r.events()
    assert [e["event"] for e in events] == ["break_started", "step_done", "step_done", "step_done", "break_done"]
    done_at = [datetime.fromisoformat(e["ts"]) for e in events if e["event"] == "step_done"]
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(done_at)]
    assert abs(gaps[0] - 2 * TEMPO_S) <= 1 and abs(gaps[1] - HOLD_S) <= 1, gaps  # the log has whole seconds


def test_a_german_routine_is_spoken_in_german(run, sound):
    record = Recording(sound.env)
    r = run('[routines]\nvoice = "on"\nsound = false\n', GERMAN)
    t0 = heard(r, GERMAN, record)
    assert r.languages() == ["de"]
    said = r.spoken()
    # deskbreak's own phrases follow the routine's language too (the German catalog)
    assert "Nach oben. Ausatmen." in said and "Geschafft. Als Nächstes: Drehen. Langsam." in said
    assert "2. Geschafft. Als Nächstes: Zurücklehnen. Ausatmen." in said
    assert record.loudest(t0, t0 + 1.5) > SPEECH_RMS
    assert r.events()[-1]["event"] == "break_done"


def test_with_voice_and_sound_off_the_routine_is_silent(run, sound):
    record = Recording(sound.env)
    r = run('[routines]\nvoice = "off"\nsound = false\n', keys=True)
    r.press("\n")  # without a voice the routine waits for keys: Enter starts it, Enter counts each rep
    r.when("Step 2 of 3", timeout=20)
    r.press("\n\n")
    assert r.wait(20) == 0
    time.sleep(1.0)
    record.stop()
    assert record.loudest(0, time.time() + 1) < SILENT_RMS
    assert r.spoken() == [] and r.events()[-1]["event"] == "break_done"


def test_the_desktops_event_sounds_switch_turns_the_sounds_off(sound, tmp_path, monkeypatch):
    from deskbreak.platform.sound.choose import choose_player

    need("gsettings")
    settings = tmp_path / "glib-2.0" / "settings"
    settings.mkdir(parents=True)
    monkeypatch.setenv("GSETTINGS_BACKEND", "keyfile")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (settings / "keyfile").write_text("[org/gnome/desktop/sound]\nevent-sounds=true\n")
    on = choose_player()
    assert on.adapter is not None and on.adapter.name == "paplay"
    on.adapter.close()
    (settings / "keyfile").write_text("[org/gnome/desktop/sound]\nevent-sounds=false\n")
    off = choose_player()
    assert off.adapter is None and "event sounds are off" in off.rejected[0][1]


def test_the_speaker_cuts_old_words_on_an_interrupt_and_closes_only_after_its_last_words(sound, tmp_path, monkeypatch):
    from deskbreak.platform.speech.ssip import SpeechDispatcher

    need("speech-dispatcher")
    runtime, logs = tmp_path / "runtime", tmp_path / "speechd"
    runtime.mkdir(mode=0o700)
    logs.mkdir()
    (tmp_path / "speech-dispatcher").mkdir()
    (tmp_path / "speech-dispatcher" / "speechd.conf").write_text(SPEECHD_CONF.format(logs=logs))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("SPEECHD_ADDRESS", raising=False)
    record = Recording(sound.env)
    speaker = SpeechDispatcher("en")
    try:
        began = time.time()
        speaker.say("This sentence is long enough to take several seconds to say, if it were ever left to finish.")
        time.sleep(1.0)
        speaker.say("Switch sides.", interrupt=True)
        speaker.close()
        closed = time.time()
        time.sleep(1.0)
        record.stop()
        speech = [at for at, rms in record.windows() if rms > SPEECH_RMS]
        assert speech and speech[0] < began + 1.0, "the first words were not heard"
        assert speech[-1] < began + 3.0, "the long sentence was not cut off"
        assert speech[-1] <= closed, "close() returned before the last words were spoken"
        protocol = (logs / "protocol.log").read_text()
        assert "DATA:|CANCEL self" in protocol and "DATA:|Switch sides." in protocol
    finally:
        end_speech_dispatcher(runtime)


def test_keys_take_over_a_hands_free_routine_at_once(sound, tmp_path):
    from tests.routines.terminal_driver import TerminalRoutine

    for binary in ("speech-dispatcher", "espeak-ng"):
        need(binary)
    logs = prepare(tmp_path, '[routines]\nvoice = "on"\nsound = false\n', ENGLISH)
    t = TerminalRoutine(tmp_path, "rig")
    try:
        t.expect(r"Hands-free: starting in 5 seconds")
        t.press("\r")
        t.expect(r"Step 1 of 3", timeout=2)  # Enter starts at once, not after the lead-in
        t.press("\r")
        t.expect(r"Step 2 of 3", timeout=2)  # and moves on from a hold
        t.expect(r"Rep 0 of 2")
        t.press("\r")
        t.expect(r"Rep 1 of 2", timeout=1)  # counts a rep now, long before the 5 s beat
        t.press("p")
        t.expect(r"Rep 1 of 2  \(paused", timeout=1)
        time.sleep(TEMPO_S + 1)  # paused for longer than a beat: it counts nothing
        assert "Rep 2 of 2" not in t.screen and "Step 3 of 3" not in t.screen
        t.press("p")
        t.expect(r"Step 3 of 3", timeout=TEMPO_S + 1)  # resumed: the second rep counts itself
        t.press("k")
        t.expect(r"All done: 2 of 3 steps")
        assert t.wait() == 0
    finally:
        t.close()
        end_speech_dispatcher(tmp_path / "runtime")
    said = spoken(logs)
    assert said[1:4] == ["Reach up. Breathe out.", "Done. Next: Twist. Exhale.", "1"]
    assert "2. Done. Next: Lean back. Breathe out." in said and said[-1] == "All done. Well moved."


def test_xfces_event_sounds_switch_turns_the_sounds_off_there(sound, desktop_env, tmp_path, monkeypatch):
    from deskbreak.platform.sound.choose import choose_player
    from tests.desktop.test_do_not_disturb import XFCONFD, settings_service

    need("xfconf-query")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {**desktop_env, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_RUNTIME_DIR": str(runtime)}
    xfconfd = settings_service(XFCONFD, env, "org.xfce.Xfconf")
    try:
        monkeypatch.setenv("XDG_CURRENT_DESKTOP", "XFCE")
        monkeypatch.setenv("GSETTINGS_BACKEND", "memory")  # GNOME's switch: left at its default (on)
        query = ["xfconf-query", "-c", "xsettings", "-p", "/Net/EnableEventSounds"]
        subprocess.run([*query, "-n", "-t", "bool", "-s", "false"], env=env, check=True)
        off = choose_player()
        assert off.adapter is None and "XFCE's xsettings /Net/EnableEventSounds" in off.rejected[0][1]
        subprocess.run([*query, "-s", "true"], env=env, check=True)
        on = choose_player()
        assert on.adapter is not None
        on.adapter.close()
    finally:
        end(xfconfd)


def test_the_routine_window_runs_hands_free_to_done_with_no_input_and_is_heard(sound, desktop_env):
    """The same routine in the Qt window on the rig's display: with the voice on it starts by
    itself after the lead-in, counts its reps at the tempo, speaks each step and reaches
    break_done without a key or a click; it rings no X bell of its own (the guide's sounds go
    through the sound server)."""
    for binary in ("speech-dispatcher", "espeak-ng", "paplay"):
        need(binary)
    root = Path(tempfile.mkdtemp(prefix="hf-"))  # speech-dispatcher's socket path must stay short (AF_UNIX)
    logs = prepare(root, '[routines]\nvoice = "on"\nsound = true\n', ENGLISH)
    env = {**isolated_env(root, display=True), "PULSE_SERVER": sound.env["PULSE_SERVER"], "QT_QPA_PLATFORM": "xcb"}
    env.pop("SPEECHD_ADDRESS", None)
    log_file = root / "data" / "deskbreak" / "events.jsonl"
    record = Recording(sound.env)
    window = subprocess.Popen([sys.executable, "-m", "deskbreak", "routine", "rig"], env=env, stdin=subprocess.DEVNULL)
    try:
        done = lambda: log_file.exists() and '"break_done"' in log_file.read_text()  # noqa: E731
        poll(done, timeout=LEAD_IN_S + END_S + 30, what="break_done from the hands-free window")
        time.sleep(1.0)
        record.stop()
        kinds = [json.loads(line)["event"] for line in log_file.read_text().splitlines()]
        assert kinds == ["break_started", "step_done", "step_done", "step_done", "break_done"]
        said = spoken(logs)
        assert (
            said[0] == "Rig check. Starting in 5 seconds." and "Done. Next: Twist. Exhale." in said and said[-1] == "All done. Well moved."
        )
        assert record.loudest(0, time.time() + 1) > SPEECH_RMS
    finally:
        end(window)
        end_speech_dispatcher(Path(env["XDG_RUNTIME_DIR"]))
        shutil.rmtree(root, ignore_errors=True)
