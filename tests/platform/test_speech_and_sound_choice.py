"""Choosing the speaker and the sound player, and why there is none, without a desktop."""

from __future__ import annotations

import socket

import pytest

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.sound.choose import choose_player
from deskbreak.platform.sound.paplay import sound_file
from deskbreak.platform.speech import ssip
from deskbreak.platform.speech.choose import NOT_BUILT, choose_speaker


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_say_their_speech_and_sounds_are_not_built_yet(platform):
    speaker, player = choose_speaker("en", platform), choose_player(platform)
    assert speaker.adapter is None and speaker.rejected[0][1] == NOT_BUILT
    assert player.adapter is None and player.rejected[0][1] == NOT_BUILT


def test_the_socket_is_where_speech_dispatcher_clients_look_for_it(tmp_path):
    assert ssip.socket_path({"XDG_RUNTIME_DIR": str(tmp_path)}) == tmp_path / "speech-dispatcher" / "speechd.sock"
    assert ssip.socket_path({"SPEECHD_ADDRESS": "unix_socket:/run/s.sock"}).as_posix() == "/run/s.sock"
    with pytest.raises(Unavailable, match="is not a unix_socket: address"):
        ssip.socket_path({"SPEECHD_ADDRESS": "inet_socket:127.0.0.1:6560"})


def test_without_speech_dispatcher_the_reason_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no speech-dispatcher to start
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.delenv("SPEECHD_ADDRESS", raising=False)
    chosen = choose_speaker("en", "linux")
    assert chosen.adapter is None
    assert chosen.rejected == (("speech-dispatcher", f"speech-dispatcher is not installed; {ssip.INSTALL}"),)


def test_a_socket_that_does_not_speak_ssip_makes_the_speaker_unavailable(tmp_path, monkeypatch):
    monkeypatch.setattr(ssip, "REPLY_TIMEOUT_S", 0.5)
    path = tmp_path / "mute.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    try:
        with pytest.raises(Unavailable, match="does not answer"):
            ssip.SpeechDispatcher("en", path)  # accepted by the kernel, never answered
    finally:
        server.close()


def test_without_paplay_the_reason_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    chosen = choose_player("linux")
    assert chosen.adapter is None and "apt install pulseaudio-utils" in chosen.rejected[0][1]


def test_a_sound_is_found_in_the_users_theme_first_then_in_freedesktops(tmp_path, monkeypatch):
    mine = tmp_path / "home" / "sounds" / "calm" / "stereo"
    mine.mkdir(parents=True)
    (mine / "bell.ogg").write_bytes(b"")
    shipped = tmp_path / "usr" / "sounds" / "freedesktop" / "stereo"
    shipped.mkdir(parents=True)
    (shipped / "bell.oga").write_bytes(b"")
    (shipped / "complete.oga").write_bytes(b"")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "usr"))
    assert sound_file("bell", "calm") == mine / "bell.ogg"
    assert sound_file("complete", "calm") == shipped / "complete.oga"
    assert sound_file("bell") == shipped / "bell.oga"
    assert sound_file("no-such-sound", "calm") is None


def test_speech_and_sounds_live_in_the_routine_process_never_in_the_daemon():
    from tests.test_layers import PACKAGE, imports_of, within

    voiced = ("deskbreak.platform.speech", "deskbreak.platform.sound", "deskbreak.routines.guide", "deskbreak.cli.guidance")
    found = [
        f"{path.name} imports {name}" for path in (PACKAGE / "daemon").rglob("*.py") for name in imports_of(path) if within(name, voiced)
    ]
    assert not found, found
