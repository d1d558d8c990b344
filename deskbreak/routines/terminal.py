"""Guide a routine in a terminal, for machines without a display (`deskbreak routine --terminal`).

Single keys come through cbreak mode and select() on POSIX terminals; when stdin is not a terminal
(a pipe, a test) each line is one key. The step logic is RoutineSession's and what is spoken and
played is the Guide's; this file only draws and maps keys, hands the guide each moment, logs each
finished step and reports the outcome. Hands-free (when a voice speaks), the routine starts by
itself after a short lead-in and reps count themselves; keys still act at once, and input that
ends (a closed stdin) only means no more keys.
"""

from __future__ import annotations

import os
import select
import shutil
import sys
import termios
import textwrap
import time
import tty
from datetime import datetime
from typing import Any, Callable, TextIO

from deskbreak.config.durations import format_duration
from deskbreak.config.i18n import N_, _, ngettext
from deskbreak.config.safe_text import control
from deskbreak.core.model import Event
from deskbreak.eventlog import EventLog
from deskbreak.routines import report
from deskbreak.routines.guide import LEAD_IN_S, Guidance
from deskbreak.routines.model import Routine
from deskbreak.routines.session import Ended, RoutineSession, StepDone, View

HELP = N_("Enter: count a rep / go on · p or Space: pause · b: back · k: skip step · s: snooze · q: quit")
SOURCE = "terminal"


class Keys:
    """Reads one key at a time with a timeout; a context manager that restores the terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.fd = stream.fileno()
        self.is_tty = os.isatty(self.fd)
        self._saved: list[Any] | None = None
        self.ended = False  # the input ended: no more keys will come

    def __enter__(self) -> "Keys":
        if self.is_tty:
            self._saved = termios.tcgetattr(self.fd)
            tty.setcbreak(self.fd)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)

    def read(self, timeout: float | None) -> str | None:
        """ "enter", "space", a lower-case letter, "eof", or None when the timeout passed."""
        if self.ended:
            time.sleep(timeout or 0)
            return None
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        if self.is_tty:
            char = os.read(self.fd, 1).decode(errors="replace")
        else:
            line = _read_line(self.fd)
            if line is None:
                return "eof"
            char = line.strip()[:1] or "\n"
        if char == "":
            return "eof"
        return {"\n": "enter", "\r": "enter", " ": "space"}.get(char, char.lower())


def _read_line(fd: int) -> str | None:
    """One line from a non-terminal stdin without Python's buffering (so select() stays truthful)."""
    data = bytearray()
    while True:
        byte = os.read(fd, 1)
        if not byte:
            return data.decode(errors="replace") if data else None
        if byte == b"\n":
            return data.decode(errors="replace")
        data += byte


class TerminalRunner:
    def __init__(
        self,
        routine: Routine,
        log: EventLog,
        out: TextIO | None = None,
        keys_from: TextIO = sys.stdin,
        snooze_minutes: int = 10,
        sound: bool = True,
        opened_by: str = "cli",
        clock: Callable[[], float] = time.monotonic,
        guidance: Guidance | None = None,
    ) -> None:
        self.routine = routine
        self.log = log
        self.out = out or sys.stdout  # the CLI's SafeStream: texts from the routine's file are shown, never run
        self.keys = Keys(keys_from)
        self.snooze_minutes = snooze_minutes
        self.sound = sound
        self.opened_by = opened_by
        self.clock = clock
        self.guidance = guidance
        self.hands_free = guidance is not None and guidance.hands_free
        self.width = max(40, min(shutil.get_terminal_size().columns, 90) - 2)
        self._line_open = False
        self._last_status = ""
        self.session: RoutineSession | None = None
        self._shown: tuple[int, int] | None = None  # (part, step) whose text is on screen

    def run(self) -> int:
        """Guide the routine; 0 when done or snoozed, 1 when stopped before the end (or never begun)."""
        with self.keys:
            try:
                return self._run()
            except KeyboardInterrupt:
                self._close_line()
                return self._abandon() if self.session else 1
            except Ended as ended:
                self._close_line()
                return self._abandon(ended.reason) if self.session else 1

    def _run(self) -> int:
        """The break starts when the user starts it (Enter), not when its intro is printed: input
        that ends first (a daemon's /dev/null, a script) or q logs nothing, since nobody began."""
        self._intro()
        self._wrap(_("Keys: {keys}").format(keys=_(HELP)), "")
        key = self._start_key()
        while key == "s" and not self._snoozed():
            key = self._start_key()
        if key in ("q", "eof"):
            self._say(_("Nothing was started."))
            return 1
        if key == "s":
            return 0
        report.report_start(self.routine.name, self.opened_by, self.log, _wall())  # any problem shows at the end
        session = self.session = RoutineSession(self.routine, self.clock(), hands_free=self.hands_free)
        while True:
            now = self.clock()
            timer_ended = session.view(now).remaining_s == 0
            self._logged(session.tick(now))
            if timer_ended and self.sound and (self.guidance is None or not self.guidance.plays):
                control(self.out, "\a")  # no sound server here: the terminal's own bell
            self._guide(session, now)
            if session.finished:
                return self._finish(session)
            view = session.view(now)
            self._draw(session, view)
            ending = self._on_key(session, view, self.keys.read(_timeout(view)))
            if ending is not None:
                return ending
            self._guide(session, self.clock())

    def _start_key(self) -> str:
        """Enter starts (q leaves, s snoozes); hands-free, the lead-in passing starts it too."""
        if not self.hands_free or self.guidance is None:
            self._say(_("Press Enter to start, or q to leave.") if self.routine.equipment else _("Press Enter to start."))
            return self._wait_for({"enter", "q", "eof", "s"})
        self._say(_("Hands-free: starting in {seconds} seconds (Enter starts now, q leaves).").format(seconds=LEAD_IN_S))
        self.guidance.opening(self.routine, LEAD_IN_S)
        deadline = self.clock() + LEAD_IN_S
        while (left := deadline - self.clock()) > 0:
            key = self.keys.read(left)
            if key == "eof":
                self.keys.ended = True
            elif key in ("enter", "q", "s"):
                return key
        return "enter"

    def _guide(self, session: RoutineSession, now: float) -> None:
        if self.guidance is not None:
            self.guidance.follow(session.view(now), now)

    def _on_key(self, session: RoutineSession, view: View, key: str | None) -> int | None:
        """Apply one key; an exit code when it ends the routine."""
        now = self.clock()
        if key == "eof" and self.hands_free:
            self.keys.ended = True  # the routine goes on by itself
            return None
        if key in ("q", "eof"):
            self._close_line()
            return self._abandon()
        if key == "s":
            self._close_line()
            return 0 if self._snoozed() else None
        if key == "enter":
            self._logged(session.count_rep(now))
        elif key in ("p", "space") and (view.step.timed or self.hands_free):
            session.toggle_pause(now)
        elif key == "b":
            session.back(now)
            self._shown = None
        elif key == "k":
            session.skip_step(now)
        return None

    def _snoozed(self) -> bool:
        """Ask for a snooze; False (and why) when the daemon refuses it, and the routine goes on."""
        try:
            self._wrap(report.report_snooze(SOURCE, self.log, self.snooze_minutes, _wall()))
        except report.Refused as refused:
            self._wrap(f"{refused} The break goes on.")
            return False
        return True

    def _finish(self, session: RoutineSession) -> int:
        self._close_line()
        steps, duration = len(session.completed), session.elapsed(self.clock())
        self._say(
            "\n"
            + _("All done: {done} of {count} steps in {time}.").format(
                done=steps, count=len(self.routine.steps), time=format_duration(duration)
            )
        )
        self._wrap(report.report_outcome("done", self.routine.name, steps, duration, SOURCE, self.log, _wall()))
        return 0

    def _abandon(self, reason: str | None = None) -> int:
        steps = len(self.session.completed) if self.session else 0
        duration = self.session.elapsed(self.clock()) if self.session else 0.0
        self._wrap(report.report_outcome("abandoned", self.routine.name, steps, duration, SOURCE, self.log, _wall(), reason=reason))
        return 1

    # --- drawing ----------------------------------------------------------------------------
    def _intro(self) -> None:
        r = self.routine
        count = len(r.steps)
        self._say(
            ngettext("{title} — {count} step, about {time}", "{title} — {count} steps, about {time}", count).format(
                title=r.title, count=count, time=format_duration(r.total_seconds)
            )
        )
        self._wrap(r.summary, "")
        if r.equipment:
            self._say(_("You will need:"))
            for item in r.equipment:
                self._say(f"  • {item}")
        if r.frequency:
            self._wrap(_("How often: {frequency}").format(frequency=r.frequency), "")

    def _draw(self, session: RoutineSession, view: View) -> None:
        """The step's text when a new step or side/round begins, then the live status line."""
        where = (session.parts.index(session.part), session.part.step_index)
        if where != self._shown:
            self._show_part(view, new_step=self._shown is None or self._shown[1] != where[1])
            self._shown = where
        self._status(view)

    def _show_part(self, view: View, new_step: bool) -> None:
        self._close_line()
        step = view.step
        label = f" — {view.part_label}" if view.part_label else ""
        if new_step:
            self._say(f"\n{view.progress}: {step.name} ({step.dose()}){label}")
            self._wrap(step.cue, "  ")
            self._wrap(_("Breath: {breath}").format(breath=step.breath), "  ")
            if step.caution:
                caution = textwrap.fill(
                    _("!! CAUTION: {caution} (k skips this step)").format(caution=step.caution),
                    self.width,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
                self._say(f"\x1b[1;33m{caution}\x1b[0m" if self.keys.is_tty else caution)
        else:
            self._say("  " + _("Now: {part}").format(part=view.part_label or step.name))

    def _status(self, view: View) -> None:
        if view.remaining_s is not None:
            seconds = int(view.remaining_s + 0.999)
            text = (
                "  "
                + _("{clock} left").format(clock=f"{seconds // 60}:{seconds % 60:02d}")
                + "  "
                + (_("(paused — p to go on)") if view.paused else _("(p: pause · Enter: move on)"))
            )
        elif self.hands_free:
            text = f"  Rep {view.reps_done} of {view.step.reps}" + (
                "  (paused — p to go on)" if view.paused else "  (counting aloud · Enter counts one now)"
            )
        else:
            text = "  " + _("Rep {number} of {count} — Enter after each one").format(number=view.reps_done, count=view.step.reps)
        if text == self._last_status:
            return
        if self.keys.is_tty:
            control(self.out, "\r\x1b[K")
            self.out.write(text)
            self._line_open = True
        elif view.remaining_s is None or int(view.remaining_s) % 10 == 0 or view.paused:
            self.out.write(text + "\n")
        self._last_status = text
        self.out.flush()

    def _close_line(self) -> None:
        self._last_status = ""
        if self._line_open:
            self.out.write("\n")
            self._line_open = False

    def _say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def _wrap(self, text: str, indent: str = "") -> None:
        self._say(textwrap.fill(text, self.width, initial_indent=indent, subsequent_indent=indent + "  "))

    # --- keys and logging -----------------------------------------------------------------
    def _wait_for(self, wanted: set[str]) -> str:
        while True:
            key = self.keys.read(None)
            if key in wanted:
                return key

    def _logged(self, records: list[StepDone]) -> None:
        for record in records:
            self.log.append(Event("step_done", {**record.event_data(), "source": SOURCE}), _wall())


def _timeout(view: View) -> float:
    """Wake at the next whole second of a countdown so the redraw ticks evenly, and when a
    hands-free rep is due."""
    if view.paused:
        return 1.0
    if view.next_rep_s is not None:
        return min(view.next_rep_s, 1.0) or 0.001
    if view.remaining_s is None:
        return 1.0
    return (view.remaining_s % 1.0) or 1.0


def _wall() -> datetime:
    return datetime.now().astimezone()
