"""The guided routine window (`deskbreak routine [NAME]`): one step at a time, in its own process.

Three screens: the start screen (what it is, how long, the equipment), the step screen and the end
screen. All step logic is RoutineSession's, shared with the terminal runner; this file draws it,
maps buttons and keys to it, logs each finished step and reports how the break ended.
Closing the window before the end is an abandoned break, and so is the process being ended
from outside (SIGTERM/SIGHUP at logout, or the X connection lost): then the event says why.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import time
import tkinter as tk
from datetime import datetime, timedelta
from tkinter import font as tkfont
from types import TracebackType
from typing import Any, Callable, Literal

from PIL import ImageTk

from deskbreak.config import paths
from deskbreak.config.durations import format_duration
from deskbreak.config.settings import Settings
from deskbreak.core.model import Event
from deskbreak.eventlog import EventLog
from deskbreak.routines import report
from deskbreak.routines.model import Routine
from deskbreak.routines.session import Ended, RoutineSession, StepDone, View
from deskbreak.stats.full_offer import FullOffer
from deskbreak.stats.weeks import WeekProgress, week_progress, week_start
from deskbreak.ui import illustrations

SOURCE = "window"
TICK_MS = 100
BG, INK, MUTED = "#f6f3ec", "#26302e", "#5d6866"
ACCENT, ACCENT_DARK, FLASH = "#2f7d74", "#23615a", "#cfeee4"
CAUTION_BG, CAUTION_EDGE, CAUTION_INK = "#fff1c9", "#d9a21b", "#5b4300"
QUIET_BG = "#e6e1d6"


class WindowUnavailable(RuntimeError):
    """Tk cannot open a window here (no display, no Tk)."""


def run_window(routine: Routine, settings: Settings, opened_by: str = "cli") -> int:
    """Show the routine until it ends; 0 for done/snoozed/skipped, 1 for abandoned."""
    try:
        root = tk.Tk(className="deskbreak")
    except tk.TclError as exc:
        raise WindowUnavailable(f"cannot open a window ({exc})") from None
    window = RoutineWindow(root, routine, settings, EventLog(paths.event_log()), opened_by)
    _wake_tk_on_signals(root, window)
    lost = _on_lost_display(window)  # noqa: F841 -- ctypes must keep the callback alive while Tk runs
    root.mainloop()
    return window.exit_code


def _wake_tk_on_signals(root: tk.Tk, window: RoutineWindow) -> None:
    """Python runs a signal handler only when it next runs Python code, and an idle Tk loop runs
    none; a wake-up pipe that Tk watches makes it run one. A handler that raises Ended (see
    deskbreak.cli.routine_cmd) then ends the routine as abandoned, with the reason."""
    readable, writable = os.pipe()
    os.set_blocking(writable, False)
    signal.set_wakeup_fd(writable)
    root.tk.createfilehandler(readable, tk.READABLE, lambda *_: os.read(readable, 512))

    default = root.report_callback_exception

    def report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if isinstance(value, Ended):
            window.abandon(value.reason)
        else:
            default(kind, value, tb)

    root.report_callback_exception = report


def _on_lost_display(window: RoutineWindow) -> object | None:
    """Xlib ends the process when the X connection breaks, with no Python code run on the way
    out; its I/O error handler is the one moment left to log the abandoned break."""
    name = ctypes.util.find_library("X11")
    if name is None:
        return None

    def lost(_display: object) -> int:
        window.abandon("the routine window lost its display", draw=False)
        return 0

    handler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)(lost)
    ctypes.CDLL(name).XSetIOErrorHandler(handler)
    return handler


class RoutineWindow:
    def __init__(
        self, root: tk.Tk, routine: Routine, settings: Settings, log: EventLog, opened_by: str, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.root, self.routine, self.settings, self.log, self.clock = root, routine, settings, log, clock
        self.session: RoutineSession | None = None
        self.exit_code = 1
        self.reported = False
        self._part: int | None = None
        self._images: dict[str, ImageTk.PhotoImage] = {}
        self.scale = root.winfo_fpixels("1i") / 96  # 1.0 at 96 DPI; fonts (in points) scale by themselves
        self._fonts()
        self._place_window()
        root.title(f"deskbreak — {routine.title}")
        root.configure(bg=BG)
        root.protocol("WM_DELETE_WINDOW", self.close)
        self.week = self._week()
        report.report_start(routine.name, opened_by, log)
        self.screen = tk.Frame(root, bg=BG)
        self.show_start()

    # --- set-up ---------------------------------------------------------------------------
    def _fonts(self) -> None:
        family = tkfont.nametofont("TkDefaultFont").actual("family")

        def make(size: int, weight: Literal["normal", "bold"] = "normal", slant: Literal["roman", "italic"] = "roman") -> tkfont.Font:
            return tkfont.Font(family=family, size=size, weight=weight, slant=slant)

        self.f_title, self.f_step = make(20, "bold"), make(24, "bold")
        self.f_body, self.f_breath = make(14), make(14, slant="italic")
        self.f_small, self.f_label = make(11), make(13, "bold")
        self.f_counter, self.f_button = make(44, "bold"), make(12, "bold")

    def _px(self, logical: float) -> int:
        return int(round(logical * self.scale))

    def _place_window(self) -> None:
        """Centred, on top, sized for a laptop screen and never larger than the screen."""
        screen_w, screen_h = self.root.winfo_screenwidth(), self.root.winfo_screenheight()
        width, height = min(self._px(960), int(screen_w * 0.92)), min(self._px(700), int(screen_h * 0.9))
        self.root.geometry(f"{width}x{height}+{(screen_w - width) // 2}+{(screen_h - height) // 2}")
        self.root.minsize(min(width, self._px(720)), min(height, self._px(560)))
        self.root.attributes("-topmost", True)
        self.width = width
        self.picture_size = min(self._px(340), int(width * 0.36), height - self._px(190))

    def _new_screen(self) -> tk.Frame:
        self.screen.destroy()
        for sequence in self.root.bind():
            self.root.unbind(sequence)
        self.screen = tk.Frame(self.root, bg=BG, padx=self._px(28), pady=self._px(20))
        self.screen.pack(fill="both", expand=True)
        return self.screen

    def _label(self, parent: tk.Widget, text: str, font: tkfont.Font, fg: str = INK, bg: str = BG, **kw: Any) -> tk.Label:
        return tk.Label(parent, text=text, font=font, fg=fg, bg=bg, justify="left", anchor="w", **kw)

    def _button(self, parent: tk.Widget, text: str, keys: tuple[str, ...], action: Callable[[], None], primary: bool = False) -> tk.Button:
        """A button whose label shows its shortcut; the same keys are bound on the window."""
        bg, fg, active = (ACCENT, "white", ACCENT_DARK) if primary else (QUIET_BG, INK, "#d6d0c2")
        button = tk.Button(
            parent,
            text=text,
            command=action,
            font=self.f_button,
            bg=bg,
            fg=fg,
            activebackground=active,
            activeforeground=fg,
            relief="flat",
            bd=0,
            highlightthickness=0,
            padx=self._px(14),
            pady=self._px(8),
            cursor="hand2",
        )
        for key in keys:
            self.root.bind(key, lambda _e: action())
        return button

    def _footer(self, parent: tk.Widget) -> tuple[tk.Frame, tk.Frame]:
        """The button row along the bottom: a left group and a right group (primary last)."""
        row = tk.Frame(parent, bg=BG)
        row.pack(side="bottom", fill="x", pady=(self._px(12), 0))
        left, right = tk.Frame(row, bg=BG), tk.Frame(row, bg=BG)
        left.pack(side="left")
        right.pack(side="right")
        return left, right

    def _week(self) -> WeekProgress:
        now = datetime.now().astimezone()
        since = datetime.combine(week_start(now.date()), datetime.min.time(), now.tzinfo) - timedelta(weeks=26)
        return week_progress(self.log.read(since=since).records, now, self.settings.weekly_full_target)

    # --- start screen ---------------------------------------------------------------------
    def show_start(self) -> None:
        r = self.routine
        frame = self._new_screen()
        left, right = self._footer(frame)
        self._button(left, "Snooze (S)", ("s", "S"), self.snooze).pack(side="left")
        self._button(left, "Skip this break (X)", ("x", "X"), self.skip_break).pack(side="left", padx=self._px(8))
        self._button(right, "Start ▶ (Enter)", ("<Return>", "<KP_Enter>"), self.start, primary=True).pack(side="right")
        self._label(frame, r.title, self.f_title).pack(fill="x")
        self._label(frame, f"{len(r.steps)} steps · about {format_duration(r.total_seconds)}", self.f_label, ACCENT).pack(
            fill="x", pady=(self._px(4), self._px(12))
        )
        self._label(frame, r.summary, self.f_body, wraplength=self.width - self._px(80)).pack(fill="x")
        if r.equipment:
            box = tk.Frame(frame, bg=QUIET_BG, padx=self._px(16), pady=self._px(12))
            box.pack(fill="x", pady=(self._px(18), 0))
            self._label(box, "Before you start, have ready:", self.f_label, bg=QUIET_BG).pack(fill="x")
            for item in r.equipment:
                self._label(box, f"  •  {item}", self.f_body, bg=QUIET_BG).pack(fill="x")
        self._step_list(frame, marks=None)
        if r.frequency:
            self._label(frame, f"How often: {r.frequency}", self.f_small, MUTED).pack(fill="x", pady=(self._px(14), 0))
        if r.name == "full" or self.week.behind:
            self._label(frame, self.week.summary(), self.f_small, MUTED).pack(fill="x", pady=(self._px(6), 0))
        if self._offer_full_today():
            offer = tk.Frame(frame, bg=FLASH, padx=self._px(16), pady=self._px(10))
            offer.pack(fill="x", pady=(self._px(16), 0))
            self._label(
                offer,
                "The week is behind on the full floor routine. Have 7 minutes and a foam roller?",
                self.f_body,
                bg=FLASH,
                wraplength=self.width - self._px(360),
            ).pack(side="left")
            self._button(offer, "Do the full routine (F)", ("f", "F"), self.switch_to_full).pack(side="right")

    def _step_list(self, parent: tk.Widget, marks: list[str] | None) -> None:
        """The routine's steps, one a line, with their dose; `marks` puts ✓ or – before each."""
        table = tk.Frame(parent, bg=BG)
        table.pack(fill="x", pady=(self._px(16), 0))
        for index, step in enumerate(self.routine.steps):
            lead = marks[index] if marks else f"{index + 1}."
            colour = MUTED if marks and marks[index] != "✓" else INK
            self._label(table, lead, self.f_label, ACCENT if lead == "✓" else colour).grid(
                row=index, column=0, sticky="w", padx=(0, self._px(10))
            )
            self._label(table, step.name, self.f_body, colour).grid(row=index, column=1, sticky="w")
            self._label(table, step.dose(), self.f_small, MUTED).grid(row=index, column=2, sticky="w", padx=(self._px(18), 0))

    def _offer_full_today(self) -> bool:
        """Behind on the full routine: offer it, but not more than once a day (reminder included)."""
        today = datetime.now().astimezone().date()
        return FullOffer(paths.full_offer_marker()).claim(self.week, self.routine.name, today)

    def switch_to_full(self) -> None:
        from deskbreak.routines.loader import load_routines

        full = load_routines().get("full")
        if full is not None:
            self.routine = full
            self.root.title(f"deskbreak — {full.title}")
            self.show_start()

    # --- step screen ----------------------------------------------------------------------
    def start(self) -> None:
        self.session = RoutineSession(self.routine, self.clock())
        self._part = None
        self.root.after(TICK_MS, self._tick)
        self._refresh()

    def _tick(self) -> None:
        if self.session is None or self.session.finished or self.reported:
            return
        now = self.clock()
        ended = self.session.view(now).remaining_s == 0 and not self.session.view(now).paused
        self._logged(self.session.tick(now))
        if ended:
            self._timer_cue()
        self._refresh()
        if not self.session.finished:
            self.root.after(TICK_MS, self._tick)

    def _refresh(self) -> None:
        """Redraw the step when the part changed; otherwise only the counter."""
        session = self.session
        assert session is not None
        if session.finished:
            self.finish()
            return
        position = session.parts.index(session.part)
        view = session.view(self.clock())
        if position != self._part:
            self._part = position
            self._build_step(view)
        self._update_counter(view)

    def _build_step(self, view: View) -> None:
        step = view.step
        frame = self._new_screen()
        left, right = self._footer(frame)
        self._button(left, "◀ Back (B)", ("b", "B", "<Left>"), self.back).pack(side="left")
        self._button(left, "Skip step (K)", ("k", "K"), self.skip_step).pack(side="left", padx=self._px(8))
        self._button(left, "Snooze (S)", ("s", "S"), self.snooze).pack(side="left")
        self._button(left, "Skip break (X)", ("x", "X"), self.skip_break).pack(side="left", padx=self._px(8))
        last = view.number == view.count and self.session is not None and self.session.part == self.session.parts[-1]
        self._button(
            right,
            "Finish ✓ (Enter)" if last else "Next ▶ (Enter)",
            ("<Return>", "<KP_Enter>", "<Right>", "n", "N"),
            self.next,
            primary=True,
        ).pack(side="right")
        self._button(right, "Done (D)", ("d", "D"), self.finish).pack(side="right", padx=self._px(8))

        head = tk.Frame(frame, bg=BG)
        head.pack(fill="x")
        self._label(head, f"{self.routine.title} · about {format_duration(self.routine.total_seconds)}", self.f_small, MUTED).pack(
            side="left"
        )
        self._label(head, view.progress, self.f_label, ACCENT).pack(side="right")
        self._progress_bar(frame, view)

        body = tk.Frame(frame, bg=BG)
        body.pack(fill="both", expand=True, pady=(self._px(14), 0))
        picture = self._picture(step.id, self.picture_size)
        tk.Label(body, image=picture, bg=BG).pack(side="left", anchor="n", padx=(0, self._px(24)))
        text = tk.Frame(body, bg=BG)
        text.pack(side="left", fill="both", expand=True, anchor="n")
        wrap = self.width - self.picture_size - self._px(24 + 60)
        self._label(text, step.name, self.f_step).pack(fill="x")
        detail = step.dose() + (f"  ·  {view.part_label}" if view.part_label else "")
        self._label(text, detail, self.f_label, ACCENT).pack(fill="x", pady=(self._px(2), self._px(10)))
        self._label(text, step.cue, self.f_body, wraplength=wrap).pack(fill="x")
        self._label(text, f"Breath: {step.breath}", self.f_breath, MUTED, wraplength=wrap).pack(fill="x", pady=(self._px(10), 0))
        if step.caution:
            box = tk.Frame(
                text, bg=CAUTION_BG, highlightbackground=CAUTION_EDGE, highlightthickness=self._px(2), padx=self._px(12), pady=self._px(8)
            )
            box.pack(fill="x", pady=(self._px(12), 0))
            self._label(box, f"⚠  {step.caution}", self.f_body, CAUTION_INK, CAUTION_BG, wraplength=wrap - self._px(40)).pack(fill="x")
            skip = tk.Button(
                box,
                text="Leave this step out (K)",
                command=self.skip_step,
                font=self.f_small,
                bg=CAUTION_EDGE,
                fg="white",
                activebackground=CAUTION_INK,
                activeforeground="white",
                relief="flat",
                bd=0,
                padx=self._px(10),
                pady=self._px(4),
                cursor="hand2",
            )
            skip.pack(anchor="e", pady=(self._px(6), 0))

        counter = tk.Frame(text, bg=BG)
        counter.pack(fill="x", pady=(self._px(16), 0))
        self.counter = self._label(counter, "", self.f_counter, ACCENT)
        self.counter.pack(side="left")
        self.counter_note = self._label(counter, "", self.f_small, MUTED)
        self.counter_note.pack(side="left", padx=(self._px(12), 0), anchor="s", pady=(0, self._px(12)))
        label = "Pause (Space)" if step.timed else "+1 rep (Space)"
        self.action = self._button(
            counter, label, ("<space>", "p", "P") if step.timed else ("<space>",), self.pause_or_rep, primary=not step.timed
        )
        self.action.pack(side="right")
        self.root.update_idletasks()
        where = " · ".join(bit for bit in (view.progress, view.part_label) if bit)
        self.root.title(f"deskbreak — {self.routine.title} · {where}")  # set once the step (or side) is drawn

    def _progress_bar(self, parent: tk.Widget, view: View) -> None:
        height = self._px(8)
        bar = tk.Canvas(parent, height=height, bg=BG, highlightthickness=0)
        bar.pack(fill="x", pady=(self._px(8), 0))
        width, gap = self.width - self._px(56), self._px(6)
        segment = (width - gap * (view.count - 1)) / view.count
        for index in range(view.count):
            x = index * (segment + gap)
            colour = ACCENT if index < view.number - 1 else (ACCENT_DARK if index == view.number - 1 else QUIET_BG)
            bar.create_rectangle(x, 0, x + segment, height, fill=colour, width=0)

    def _picture(self, step_id: str, size: int) -> ImageTk.PhotoImage:
        key = f"{step_id}@{size}"
        if key not in self._images:
            self._images[key] = ImageTk.PhotoImage(illustrations.illustration(step_id, size), master=self.root)
        return self._images[key]

    def _update_counter(self, view: View) -> None:
        if view.remaining_s is not None:
            seconds = int(view.remaining_s + 0.999)
            text, note = f"{seconds // 60}:{seconds % 60:02d}", "paused" if view.paused else "left"
            self.action.configure(text="Resume (Space)" if view.paused else "Pause (Space)")
        else:
            text, note = f"{view.reps_done} / {view.step.reps}", "reps"
        if self.counter.cget("text") != text:
            self.counter.configure(text=text)
        self.counter_note.configure(text=note)

    def _timer_cue(self) -> None:
        """Time is up: a bell if sound is on, and a brief flash either way."""
        if self.settings.sound:
            self.root.bell()
        self.screen.configure(bg=FLASH)
        self.root.after(400, lambda: self.screen.winfo_exists() and self.screen.configure(bg=BG))

    # --- actions --------------------------------------------------------------------------
    def pause_or_rep(self) -> None:
        if self.session is None or self.session.finished:
            return
        now = self.clock()
        if self.session.step.timed:
            self.session.toggle_pause(now)
        else:
            self._logged(self.session.count_rep(now))
        self._refresh()

    def next(self) -> None:
        if self.session is not None:
            self._logged(self.session.next(self.clock()))
            self._refresh()

    def back(self) -> None:
        if self.session is not None:
            self.session.back(self.clock())
            self._part = None
            self._refresh()

    def skip_step(self) -> None:
        if self.session is not None:
            self.session.skip_step(self.clock())
            self._refresh()

    def snooze(self) -> None:
        report.report_snooze(SOURCE, self.log, self.settings.snooze_minutes)
        self._end()

    def skip_break(self) -> None:
        report.report_skip(SOURCE, self.log)
        self._end()

    def close(self) -> None:
        """The window's close button: before the end that is an abandoned break."""
        self.abandon()

    def abandon(self, reason: str | None = None, draw: bool = True) -> None:
        """End the routine as abandoned unless it already has an outcome. `reason` says why when
        the user did not choose it; draw=False when the display is gone and Tk cannot be used."""
        if not self.reported:
            session = self.session
            steps = len(session.completed) if session else 0
            report.report_outcome(
                "abandoned", self.routine.name, steps, session.elapsed(self.clock()) if session else 0.0, SOURCE, self.log, reason=reason
            )
            self.reported = True
        if draw:
            self.root.destroy()

    def _end(self) -> None:
        """Snoozed or skipped: reported already, nothing more to show."""
        self.reported, self.exit_code = True, 0
        self.root.destroy()

    def _logged(self, records: list[StepDone]) -> None:
        for record in records:
            self.log.append(Event("step_done", {**record.event_data(), "source": SOURCE}), datetime.now().astimezone())

    # --- end screen -----------------------------------------------------------------------
    def finish(self) -> None:
        """All steps walked, or Done pressed early: record a done break and show the week."""
        if self.reported:
            return
        session = self.session
        now = self.clock()
        steps = len(session.completed) if session else 0
        duration = session.elapsed(now) if session else 0.0
        message = report.report_outcome("done", self.routine.name, steps, duration, SOURCE, self.log)
        self.reported, self.exit_code = True, 0
        self.week = self._week()
        frame = self._new_screen()
        _left, right = self._footer(frame)
        close = self._button(right, "Close (Enter)", ("<Return>", "<KP_Enter>", "<Escape>"), self.root.destroy, primary=True)
        close.pack(side="right")
        self._label(frame, "Break done — well moved.", self.f_title).pack(fill="x", pady=(self._px(24), self._px(8)))
        self._label(
            frame, f"{self.routine.title}: {steps} of {len(self.routine.steps)} steps in {format_duration(duration)}.", self.f_body
        ).pack(fill="x")
        done = {record.index for record in session.completed} if session else set()
        self._step_list(frame, marks=["✓" if i in done else "–" for i in range(len(self.routine.steps))])
        week = tk.Frame(frame, bg=QUIET_BG, padx=self._px(16), pady=self._px(12))
        week.pack(fill="x", pady=(self._px(20), 0))
        self._label(week, self.week.summary(), self.f_label, bg=QUIET_BG).pack(fill="x")
        if self.week.done < self.week.target:
            left = self.week.target - self.week.done
            self._label(week, f"{left} more this week reaches the target of {self.week.target}.", self.f_body, bg=QUIET_BG).pack(fill="x")
        self._label(frame, message, self.f_small, MUTED, wraplength=self.width - self._px(80)).pack(fill="x", pady=(self._px(14), 0))
