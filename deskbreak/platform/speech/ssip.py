"""Speech through speech-dispatcher, the desktop's speech service, over its SSIP socket.

SSIP is a small line protocol: a command is one CRLF line, a reply is lines "NNN-data" closed by
"NNN text", and 7xx blocks are events (BEGIN, END, CANCELED of a message). Debian's
python3-speechd is the reference client, but it is not on PyPI and a virtualenv cannot import the
system's copy cleanly, so this is a small client of our own for the four commands a routine needs.
Only the language is set: the voice, rate and volume stay the user's (speech-dispatcher's own
settings, e.g. `spd-conf`). A service that is not running is started the way its own clients do
(`speech-dispatcher --spawn`); it exits by itself after its last client.

Threading: say() may be called from any thread; it queues the command and returns. The "speech"
thread alone writes to the socket and waits for each reply; the "speech-events" thread alone
reads the socket, handing replies to the writer and noting which messages ended. A failure is
logged once and the speaker falls silent: a routine never stops for its voice.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

from deskbreak.platform.choice import Unavailable

REPLY_TIMEOUT_S = 5.0
SPAWN_TIMEOUT_S = 10.0
INSTALL = "install speech-dispatcher and a voice (Debian/Ubuntu: apt install speech-dispatcher espeak-ng)"
log = logging.getLogger(__name__)


class SsipError(Exception):
    """speech-dispatcher refused a command or stopped answering."""


def socket_path(env: dict[str, str] | os._Environ[str] = os.environ) -> Path:
    """Where the user's speech-dispatcher listens: SPEECHD_ADDRESS ("unix_socket:PATH") or its
    default under the runtime dir, as its own clients find it."""
    address = env.get("SPEECHD_ADDRESS", "")
    if address.startswith("unix_socket:") and address.removeprefix("unix_socket:"):
        return Path(address.removeprefix("unix_socket:"))
    if address:
        raise Unavailable(f"SPEECHD_ADDRESS={address!r} is not a unix_socket: address; unset it or use unix_socket:PATH")
    runtime = env.get("XDG_RUNTIME_DIR") or str(Path.home() / ".cache")
    return Path(runtime) / "speech-dispatcher" / "speechd.sock"


class SpeechDispatcher:
    """One SSIP connection, speaking in one language; see the module docstring for threads."""

    name = "speech-dispatcher"

    def __init__(self, language: str, path: Path | None = None) -> None:
        self.path = path or socket_path()
        self._sock = _connect(self.path)
        self._replies: queue.Queue[tuple[int, list[str]] | None] = queue.Queue()
        self._jobs: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self._done = threading.Condition()
        self._ended: set[int] = set()  # messages that were spoken to the end or canceled
        self._last: int | None = None  # the last message queued
        self._broken = False
        threading.Thread(target=self._read, name="speech-events", daemon=True).start()
        try:
            self._command(f"SET self CLIENT_NAME {os.environ.get('USER', 'user') or 'user'}:deskbreak:routine")
            self._command("SET self NOTIFICATION all on")
            self._command("SET self PRIORITY message")
            self._command(f"SET self LANGUAGE {language}")
        except (OSError, SsipError) as exc:
            self._sock.close()
            raise Unavailable(f"speech-dispatcher at {self.path} does not answer: {exc}") from None
        self.language = language
        self._writer = threading.Thread(target=self._write, name="speech", daemon=True)
        self._writer.start()

    def say(self, text: str, interrupt: bool = False) -> None:
        words = " ".join(text.split())
        if words:
            self._jobs.put(("speak", words) if not interrupt else ("interrupt", words))

    def close(self, wait_s: float = 5.0) -> None:
        """Wait up to wait_s for the queued words to be spoken, then leave."""
        deadline = time.monotonic() + wait_s
        self._jobs.put(None)
        self._writer.join(wait_s)
        with self._done:
            self._done.wait_for(
                lambda: self._broken or self._last is None or self._last in self._ended, max(0.0, deadline - time.monotonic())
            )
        try:
            self._sock.sendall(b"QUIT\r\n")
        except OSError:
            pass
        self._sock.close()

    # --- the "speech" thread ---------------------------------------------------------------
    def _write(self) -> None:
        while (job := self._jobs.get()) is not None:
            kind, words = job
            if self._broken:
                continue
            try:
                if kind == "interrupt":
                    self._command("CANCEL self")
                self._speak(words)
            except (OSError, SsipError) as exc:
                log.warning("speech stopped: %s (the routine goes on without a voice; check `deskbreak doctor`)", exc)
                self._fail()

    def _speak(self, words: str) -> None:
        self._command("SPEAK", expect=230)
        data = "\r\n".join(".." + line if line.startswith(".") else line for line in words.splitlines())
        lines = self._command(f"{data}\r\n.", expect=225)
        message = int(lines[0]) if lines and lines[0].isdigit() else None
        with self._done:
            self._last = message
        log.debug("speech: message %s queued: %s", message, words)

    def _command(self, line: str, expect: int | None = None) -> list[str]:
        """Send one command and wait for its reply; a 3xx/4xx/5xx answer (or another code than
        `expect`) raises SsipError."""
        self._sock.sendall(line.encode() + b"\r\n")
        try:
            reply = self._replies.get(timeout=REPLY_TIMEOUT_S)
        except queue.Empty:
            raise SsipError(f"no answer to {line.split()[0]!r} within {REPLY_TIMEOUT_S:g} s") from None
        if reply is None:
            raise SsipError("the connection closed")
        code, data = reply
        if code >= 300 or (expect is not None and code != expect):
            raise SsipError(f"{line.split()[0]!r} was refused: {code} {' '.join(data)}")
        return data

    # --- the "speech-events" thread --------------------------------------------------------
    def _read(self) -> None:
        buffer = b""
        block: list[str] = []
        try:
            while chunk := self._sock.recv(4096):
                buffer += chunk
                while b"\r\n" in buffer:
                    raw, buffer = buffer.split(b"\r\n", 1)
                    line = raw.decode(errors="replace")
                    block.append(line[4:])
                    if len(line) >= 4 and line[3] == " " and line[:3].isdigit():
                        self._block(int(line[:3]), block)
                        block = []
        except OSError:
            pass
        self._replies.put(None)
        self._fail()

    def _block(self, code: int, lines: list[str]) -> None:
        """A whole reply (to the writer) or event (701 BEGIN, 702 END, 703 CANCELED: noted)."""
        if code < 700:
            self._replies.put((code, lines[:-1]))
            return
        if code in (702, 703) and lines and lines[0].isdigit():
            with self._done:
                self._ended.add(int(lines[0]))
                self._done.notify_all()

    def _fail(self) -> None:
        with self._done:
            self._broken = True
            self._done.notify_all()


def _connect(path: Path) -> socket.socket:
    """A connection to the user's speech-dispatcher, starting it when none listens."""
    try:
        return _open(path)
    except OSError:
        pass
    binary = shutil.which("speech-dispatcher")
    if binary is None:
        raise Unavailable(f"speech-dispatcher is not installed; {INSTALL}")
    try:
        subprocess.run(
            [binary, "--spawn", "--communication-method", "unix_socket", "--socket-path", str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=SPAWN_TIMEOUT_S,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Unavailable(f"speech-dispatcher could not be started: {exc}") from None
    deadline = time.monotonic() + SPAWN_TIMEOUT_S
    while True:
        try:
            return _open(path)
        except OSError as exc:
            if time.monotonic() > deadline:
                raise Unavailable(f"speech-dispatcher did not open {path} ({exc.strerror or exc}); {INSTALL}") from None
            time.sleep(0.1)


def _open(path: Path) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(path))
    except OSError:
        sock.close()
        raise
    return sock
