"""The guided routine window (`deskbreak routine [NAME]`): one step at a time, in its own process.

Qt (PySide6) draws it, so screen readers and voice control find every control by role and name
on the accessibility bus, and it opens natively on Wayland. Three screens: the start screen
(what it is, how long, the equipment), the step screen and the end screen. All step logic is
RoutineSession's, shared with the terminal runner; this file draws it, maps buttons and keys to
it, logs each finished step and reports how the break ended. Closing the window before the end
is an abandoned break, and so is the process being ended from outside (SIGTERM/SIGHUP at logout,
or the display lost): then the event says why. Which Qt platform (wayland, xcb) it runs on is
decided by the caller from platform/session.py; this module never looks at the session.
Threading: everything runs on Qt's main thread; signal handlers only queue work for it.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from datetime import datetime, timedelta
from types import FrameType
from typing import Callable

from PySide6.QtCore import QLibraryInfo, QSocketNotifier, Qt, QTimer, QTranslator, qInstallMessageHandler
from PySide6.QtGui import QCloseEvent, QColor, QFont, QImage, QKeySequence, QPainter, QPaintEvent, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from deskbreak.config import i18n, paths
from deskbreak.config.durations import format_duration
from deskbreak.config.i18n import _, ngettext
from deskbreak.config.settings import Settings
from deskbreak.core.model import Event
from deskbreak.eventlog import EventLog
from deskbreak.routines import report
from deskbreak.routines.guide import LEAD_IN_S, Guidance
from deskbreak.routines.model import Routine
from deskbreak.routines.session import Ended, RoutineSession, StepDone, View
from deskbreak.stats.full_offer import FullOffer
from deskbreak.stats.weeks import WeekProgress, week_progress, week_start
from deskbreak.ui import illustrations
from deskbreak.ui.qt_look import Colours, application, colours, font_of, hear_no_display, style_button

SOURCE = "window"
TICK_MS = 100
LOST_DISPLAY = "the routine window lost its display"


def _speak_qts_part(app: QApplication) -> None:
    """Qt's own words (its context menus, its accessibility action names) and its layout
    direction in the language deskbreak speaks, from the catalogs PySide6 ships (qtbase_de.qm);
    kept on the application, as Qt holds translators by reference."""
    language = i18n.language()
    if language == "en":
        return
    translator = QTranslator(app)
    if translator.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)


def run_window(
    routine: Routine,
    settings: Settings,
    opened_by: str = "cli",
    cannot_connect: Callable[[str], None] | None = None,
    guidance: Guidance | None = None,
) -> int:
    """Show the routine until it ends; 0 for done/snoozed/skipped, 1 for abandoned.

    The platform (QT_QPA_PLATFORM) is set by the caller. When Qt loses its display it leaves
    its loop (or, on Wayland, ends the process after a warning); the break then ends as
    abandoned, with that reason. When Qt's platform cannot connect at all Qt aborts the process
    after saying so: `cannot_connect` hears that line first, and must not return."""
    if cannot_connect is not None:
        hear_no_display(cannot_connect)
    app = application()
    _speak_qts_part(app)
    ending = _EndOnSignals()
    window = RoutineWindow(routine, settings, EventLog(paths.event_log()), opened_by, guidance=guidance)
    ending.window = window
    _on_lost_display(window)
    if ending.reason is None:
        window.show()
        window.activateWindow()
        app.exec()
    if ending.reason is not None:
        window.abandon(ending.reason, draw=False)
    if not window.reported:
        window.abandon(LOST_DISPLAY, draw=False)  # Qt's loop ended with the window still open
    return window.exit_code


def _on_lost_display(window: RoutineWindow) -> None:
    """On Wayland Qt ends the process at once when the compositor goes ("The Wayland connection
    broke"), with no Python code run on the way out; its warning is the one moment left to log
    the abandoned break. Every other message goes to stderr as Qt's own handler would put it."""

    def handler(_kind: object, _context: object, message: str) -> None:
        if "connection broke" in message:
            window.abandon(LOST_DISPLAY, draw=False)
        print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


class _EndOnSignals:
    """SIGTERM/SIGHUP end the routine as abandoned, with the reason the process-wide handler
    (deskbreak.cli.routine_cmd) gives as Ended. Python runs a handler only when it next runs
    Python code, and an idle Qt loop runs none: a wake-up pipe that Qt watches makes it run one."""

    def __init__(self) -> None:
        self.window: RoutineWindow | None = None
        self.reason: str | None = None
        readable, writable = os.pipe()
        os.set_blocking(writable, False)
        os.set_blocking(readable, False)
        signal.set_wakeup_fd(writable)
        self._notifier = QSocketNotifier(readable, QSocketNotifier.Type.Read)
        self._notifier.activated.connect(lambda *_: self._drain(readable))
        self._before = {}
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                number = getattr(signal, name)
                self._before[number] = signal.getsignal(number)
                signal.signal(number, self._on_signal)

    def _drain(self, readable: int) -> None:
        try:
            os.read(readable, 512)
        except BlockingIOError:
            pass

    def _on_signal(self, number: int, frame: FrameType | None) -> None:
        before = self._before.get(number)
        try:
            if callable(before):
                before(number, frame)
            else:
                raise Ended(f"the routine was ended by {signal.Signals(number).name}")
        except Ended as ended:
            if self.reason is None:
                reason = self.reason = ended.reason
                window = self.window
                if window is not None:  # else run_window sees the reason before showing it
                    QTimer.singleShot(0, lambda: window.abandon(reason))


class Flashable(QWidget):
    """A screen whose background can flash: styled widgets would not repaint a plain QWidget's
    background, so it paints its own."""

    def __init__(self, colour: str) -> None:
        super().__init__()
        self.colour = QColor(colour)

    def paintEvent(self, event: QPaintEvent) -> None:
        QPainter(self).fillRect(self.rect(), self.colour)


class RoutineWindow(QWidget):
    def __init__(
        self,
        routine: Routine,
        settings: Settings,
        log: EventLog,
        opened_by: str,
        clock: Callable[[], float] = time.monotonic,
        guidance: Guidance | None = None,
    ) -> None:
        """`guidance`: the routine's voice and sounds (cli/guidance.py); with a voice, reps count
        themselves and the routine starts by itself after a lead-in (hands-free)."""
        super().__init__()
        self.routine, self.settings, self.log, self.clock = routine, settings, log, clock
        self.guidance = guidance
        self._lead_in: QTimer | None = None
        self.session: RoutineSession | None = None
        self.exit_code = 1
        self.reported = False
        self._part: int | None = None
        self.c = colours()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.screen_widget: QWidget | None = None
        self.setWindowTitle(f"deskbreak — {routine.title}")
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        self.setAccessibleName(f"deskbreak — {routine.title}")
        self._place_window()
        self.week = self._week()
        report.report_start(routine.name, opened_by, log)
        self.show_start()

    # --- set-up ---------------------------------------------------------------------------
    def font_of(self, kind: str, italic: bool = False) -> QFont:
        """A size of the shared type scale (qt_look), relative to the desktop's font."""
        return font_of(kind, italic)

    def _place_window(self) -> None:
        """Centred, sized for a laptop screen and never larger than the screen."""
        screen = self.screen().availableGeometry()
        width, height = min(960, int(screen.width() * 0.92)), min(700, int(screen.height() * 0.9))
        self.resize(width, height)
        self.move(screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2)
        self.picture_size = max(120, min(340, int(width * 0.36), height - 190))

    def _new_screen(self) -> tuple[QVBoxLayout, QHBoxLayout, QHBoxLayout]:
        """A fresh screen: a scrolling body (nothing is clipped at any text size) above the
        button row, whose left group and right group (primary last) the caller fills."""
        if self.screen_widget is not None:
            self.screen_widget.hide()
            self.screen_widget.deleteLater()
        screen = Flashable(self.c.bg)
        self.screen_widget = screen
        outer = QVBoxLayout(screen)
        outer.setContentsMargins(28, 20, 28, 20)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setStyleSheet(
            f"QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; }} QLabel {{ color: {self.c.ink}; }}"
        )
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 12, 0, 0)
        left, right = QHBoxLayout(), QHBoxLayout()
        left.setSpacing(8)
        right.setSpacing(8)
        row.addLayout(left)
        row.addStretch(1)
        row.addLayout(right)
        outer.addLayout(row)
        self._layout.addWidget(screen)
        return body, left, right

    def _label(self, text: str, kind: str, colour: str | None = None, bg: str | None = None, italic: bool = False) -> QLabel:
        label = QLabel(text)
        label.setFont(self.font_of(kind, italic))
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet(f"color: {colour or self.c.ink};" + (f" background: {bg};" if bg else ""))
        return label

    def _button(
        self, text: str, keys: tuple[str, ...], action: Callable[[], None], style: str = "quiet", small: bool = False
    ) -> QPushButton:
        """A button whose label (and so its accessible name) shows its shortcut; the same keys
        work anywhere in the window."""
        button = QPushButton(text)
        button.setAccessibleName(text)
        style_button(button, self.c, style, small)
        button.clicked.connect(action)
        assert self.screen_widget is not None
        for key in keys:
            self._shortcut(key, action)
        return button

    def _shortcut(self, key: str, action: Callable[[], None]) -> None:
        assert self.screen_widget is not None
        shortcut = QShortcut(QKeySequence(key), self.screen_widget)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)  # its one window, active or not (no WM)
        shortcut.activated.connect(action)

    def _letter(self, letter: str) -> tuple[str, str]:
        return letter, f"Shift+{letter}"

    def _box(self, bg: str, edge: str | None = None) -> tuple[QFrame, QVBoxLayout]:
        box = QFrame()
        box.setObjectName("box")
        border = f"border: 2px solid {edge};" if edge else "border: none;"
        box.setStyleSheet(f"QFrame#box {{ background: {bg}; {border} }}")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        return box, layout

    def _week(self) -> WeekProgress:
        now = datetime.now().astimezone()
        since = datetime.combine(week_start(now.date()), datetime.min.time(), now.tzinfo) - timedelta(weeks=26)
        return week_progress(self.log.read(since=since).records, now, self.settings.weekly_full_target)

    def _space(self, layout: QVBoxLayout, pixels: int) -> None:
        layout.addSpacing(pixels)

    def _notice(self, layout: QVBoxLayout) -> QLabel:
        """The line where the window says why something it was asked did not happen."""
        notice = self._label("", "small", self.c.caution_ink, self.c.caution_bg)
        notice.setContentsMargins(8, 4, 8, 4)
        notice.hide()
        layout.addWidget(notice)
        self.notice = notice
        return notice

    # --- start screen ---------------------------------------------------------------------
    def show_start(self) -> None:
        r = self.routine
        body, left, right = self._new_screen()
        body.addWidget(self._label(r.title, "title"))
        self._space(body, 4)
        count = len(r.steps)
        said = ngettext("{count} step · about {time}", "{count} steps · about {time}", count).format(
            count=count, time=format_duration(r.total_seconds)
        )
        body.addWidget(self._label(said, "label", self.c.accent))
        self._space(body, 12)
        body.addWidget(self._label(r.summary, "body"))
        if r.equipment:
            self._space(body, 18)
            box, inner = self._box(self.c.quiet_bg)
            inner.addWidget(self._label(_("Before you start, have ready:"), "label", bg=self.c.quiet_bg))
            for item in r.equipment:
                inner.addWidget(self._label(f"  •  {item}", "body", bg=self.c.quiet_bg))
            body.addWidget(box)
        self._step_list(body, marks=None)
        if r.frequency:
            self._space(body, 14)
            body.addWidget(self._label(_("How often: {frequency}").format(frequency=r.frequency), "small", self.c.muted))
        if r.name == "full" or self.week.behind:
            self._space(body, 6)
            body.addWidget(self._label(self.week.summary(), "small", self.c.muted))
        if self._offer_full_today():
            self._space(body, 16)
            box, inner = self._box(self.c.flash)
            line = QHBoxLayout()
            line.addWidget(
                self._label(_("The week is behind on the full floor routine. Have 7 minutes and a foam roller?"), "body", bg=self.c.flash),
                1,
            )
            line.addWidget(self._button(_("Do the full routine (F)"), self._letter("F"), self.switch_to_full))
            inner.addLayout(line)
            body.addWidget(box)
        self._space(body, 12)
        self._notice(body)
        body.addStretch(1)
        left.addWidget(self._button(_("Snooze (S)"), self._letter("S"), self.snooze))
        left.addWidget(self._button(_("Skip this break (X)"), self._letter("X"), self.skip_break))
        start = self._button(_("Start ▶ (Enter)"), ("Return", "Enter"), self.start, "primary")
        right.addWidget(start)
        start.setFocus()
        self._begin_hands_free()

    def _begin_hands_free(self) -> None:
        """Hands-free, the routine starts by itself once the lead-in has passed (time to get down
        on the floor); Start, Snooze or Skip before then take over."""
        if self.guidance is None or not self.guidance.hands_free or self.session is not None:
            return
        if self._lead_in is not None:
            self._lead_in.stop()
        self.guidance.opening(self.routine, LEAD_IN_S)
        self._lead_in = QTimer(self)
        self._lead_in.setSingleShot(True)
        self._lead_in.timeout.connect(self.start)
        self._lead_in.start(LEAD_IN_S * 1000)

    def _step_list(self, body: QVBoxLayout, marks: list[str] | None) -> None:
        """The routine's steps, one a line, with their dose; `marks` puts ✓ or – before each."""
        self._space(body, 16)
        table = QGridLayout()
        table.setHorizontalSpacing(10)
        table.setVerticalSpacing(2)
        for index, step in enumerate(self.routine.steps):
            lead = marks[index] if marks else f"{index + 1}."
            colour = self.c.muted if marks and marks[index] != "✓" else self.c.ink
            table.addWidget(self._label(lead, "label", self.c.accent if lead == "✓" else colour), index, 0)
            table.addWidget(self._label(step.name, "body", colour), index, 1)
            dose = self._label(step.dose(), "small", self.c.muted)
            dose.setWordWrap(False)
            dose.setContentsMargins(8, 0, 0, 0)
            table.addWidget(dose, index, 2)
        table.setColumnStretch(1, 1)
        body.addLayout(table)

    def _offer_full_today(self) -> bool:
        """Behind on the full routine: offer it, but not more than once a day (reminder included)."""
        today = datetime.now().astimezone().date()
        return FullOffer(paths.full_offer_marker()).claim(self.week, self.routine.name, today)

    def switch_to_full(self) -> None:
        from deskbreak.routines.loader import load_routines

        full = load_routines().get("full")
        if full is not None:
            self.routine = full
            self.setWindowTitle(f"deskbreak — {full.title}")
            self.show_start()

    # --- step screen ----------------------------------------------------------------------
    def start(self) -> None:
        if self.session is not None or self.reported:
            return
        if self._lead_in is not None:
            self._lead_in.stop()
        self.session = RoutineSession(self.routine, self.clock(), hands_free=self.guidance is not None and self.guidance.hands_free)
        self._part = None
        self._timer.start()
        self._refresh()
        self._guide()

    def _guide(self) -> None:
        """Hand the guide what the session looks like now: it says and plays what is due."""
        if self.guidance is not None and self.session is not None and not self.reported:
            self.guidance.follow(self.session.view(self.clock()), self.clock())

    def _tick(self) -> None:
        if self.session is None or self.session.finished or self.reported:
            self._timer.stop()
            return
        now = self.clock()
        ended = self.session.view(now).remaining_s == 0 and not self.session.view(now).paused
        self._logged(self.session.tick(now))
        if ended:
            self._timer_cue()
        self._guide()
        self._refresh()

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
        c = self.c
        body, left, right = self._new_screen()
        head = QHBoxLayout()
        about = _("{title} · about {time}").format(title=self.routine.title, time=format_duration(self.routine.total_seconds))
        head.addWidget(self._label(about, "small", c.muted), 1)
        progress = self._label(view.progress, "label", c.accent)
        progress.setWordWrap(False)
        head.addWidget(progress)
        body.addLayout(head)
        self._space(body, 8)
        body.addWidget(ProgressBar(view.number, view.count, c))
        self._space(body, 14)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addWidget(self._picture(step.id, step.name, step.cue), 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(0)
        columns.addLayout(text, 1)
        body.addLayout(columns)
        self.step_title = self._label(step.name, "step")
        text.addWidget(self.step_title)
        self._space(text, 2)
        detail = step.dose() + (f"  ·  {view.part_label}" if view.part_label else "")
        text.addWidget(self._label(detail, "label", c.accent))
        self._space(text, 10)
        text.addWidget(self._label(step.cue, "body"))
        self._space(text, 10)
        text.addWidget(self._label(_("Breath: {breath}").format(breath=step.breath), "body", c.muted, italic=True))
        if step.caution:
            self._space(text, 12)
            box, inner = self._box(c.caution_bg, c.caution_edge)
            inner.addWidget(self._label(f"⚠  {step.caution}", "body", c.caution_ink, c.caution_bg))
            leave = self._button(_("Leave this step out (K)"), (), self.skip_step, "caution", small=True)
            inner.addWidget(leave, 0, Qt.AlignmentFlag.AlignRight)
            text.addWidget(box)
        self._space(text, 16)
        text.addLayout(self._counter_row(step.timed))
        text.addStretch(1)
        self._space(body, 8)
        self._notice(body)
        body.addStretch(1)
        left.addWidget(self._button(_("◀ Back (B)"), (*self._letter("B"), "Left"), self.back))
        left.addWidget(self._button(_("Skip step (K)"), self._letter("K"), self.skip_step))
        left.addWidget(self._button(_("Snooze (S)"), self._letter("S"), self.snooze))
        left.addWidget(self._button(_("Skip break (X)"), self._letter("X"), self.skip_break))
        last = view.number == view.count and self.session is not None and self.session.part == self.session.parts[-1]
        right.addWidget(self._button(_("Done (D)"), self._letter("D"), self.finish))
        label = _("Finish ✓ (Enter)") if last else _("Next ▶ (Enter)")
        right.addWidget(self._button(label, ("Return", "Enter", "Right", *self._letter("N")), self.next, "primary"))
        self.action.setFocus()
        where = " · ".join(bit for bit in (view.progress, view.part_label) if bit)
        self.setWindowTitle(f"deskbreak — {self.routine.title} · {where}")  # set once the step (or side) is drawn

    def _counter_row(self, timed: bool) -> QHBoxLayout:
        """The countdown or rep counter and its button. The counter's text changes at most once a
        second or once a rep, and each change is what Qt announces to assistive technology (a
        label's name change): a reader hears "0:29", "3 / 5" and never a flood."""
        row = QHBoxLayout()
        self.counter = self._label("", "counter", self.c.accent)
        self.counter.setWordWrap(False)
        self.counter.setAccessibleDescription(_("time left") if timed else _("reps done"))
        row.addWidget(self.counter)
        self.counter_note = self._label("", "small", self.c.muted)
        self.counter_note.setWordWrap(False)
        row.addWidget(self.counter_note, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        label = _("Pause (Space)") if timed else _("+1 rep (Space)")
        self.action = self._button(label, ("P", "Shift+P") if timed else (), self.pause_or_rep, "quiet" if timed else "primary")
        self._shortcut("Space", self._space_key)
        row.addWidget(self.action, 0, Qt.AlignmentFlag.AlignVCenter)
        return row

    def _space_key(self) -> None:
        """Space presses the focused button, as everywhere in Qt; focus starts on the counter's
        button, so Space alone counts a rep or pauses."""
        focused = QApplication.focusWidget()
        if isinstance(focused, QPushButton) and focused is not self.action and focused.window() is self:
            focused.click()
        else:
            self.pause_or_rep()

    def _picture(self, step_id: str, name: str, cue: str) -> QLabel:
        """The step's drawing; its text alternative is the step in one line."""
        ratio = self.devicePixelRatioF()
        size = self.picture_size
        image = illustrations.illustration(step_id, int(round(size * ratio))).convert("RGBA")
        qimage = QImage(image.tobytes("raw", "RGBA"), image.width, image.height, QImage.Format.Format_RGBA8888).copy()
        pixmap = QPixmap.fromImage(qimage)
        pixmap.setDevicePixelRatio(ratio)
        picture = QLabel()
        picture.setPixmap(pixmap)
        picture.setFixedSize(size, size)
        picture.setAccessibleName(_("Drawing: {name}").format(name=name))
        picture.setAccessibleDescription(cue)
        return picture

    def _update_counter(self, view: View) -> None:
        if view.remaining_s is not None:
            seconds = int(view.remaining_s + 0.999)
            text, note = f"{seconds // 60}:{seconds % 60:02d}", _("paused") if view.paused else _("left")
            action = _("Resume (Space)") if view.paused else _("Pause (Space)")
            if self.action.text() != action:
                self.action.setText(action)
                self.action.setAccessibleName(action)
        else:
            text, note = f"{view.reps_done} / {view.step.reps}", _("reps")
        if self.counter.text() != text:
            self.counter.setText(text)
        if self.counter_note.text() != note:
            self.counter_note.setText(note)

    def _timer_cue(self) -> None:
        """Time is up: a beep if sound is on (the guide's bell through the sound server, when it
        plays; else the display's), and a brief flash either way."""
        if self.settings.sound and (self.guidance is None or not self.guidance.plays):
            QApplication.beep()
        screen = self.screen_widget
        if isinstance(screen, Flashable):
            screen.colour = QColor(self.c.flash)
            screen.update()

            def back() -> None:
                if self.screen_widget is screen:
                    screen.colour = QColor(self.c.bg)
                    screen.update()

            QTimer.singleShot(400, back)

    # --- actions --------------------------------------------------------------------------
    def pause_or_rep(self) -> None:
        if self.session is None or self.session.finished:
            return
        now = self.clock()
        if self.session.step.timed:
            self.session.toggle_pause(now)
        else:
            self._logged(self.session.count_rep(now))
        self._guide()
        self._refresh()

    def next(self) -> None:
        if self.session is not None and not self.reported:
            self._logged(self.session.next(self.clock()))
            self._guide()
            self._refresh()

    def back(self) -> None:
        if self.session is not None and not self.reported:
            self.session.back(self.clock())
            self._part = None
            self._guide()
            self._refresh()

    def skip_step(self) -> None:
        if self.session is not None and not self.reported:
            self.session.skip_step(self.clock())
            self._guide()
            self._refresh()

    def snooze(self) -> None:
        self._end_with(lambda: report.report_snooze(SOURCE, self.log, self.settings.snooze_minutes))

    def skip_break(self) -> None:
        self._end_with(lambda: report.report_skip(SOURCE, self.log))

    def _end_with(self, ask: Callable[[], str]) -> None:
        """Snooze or skip: the break ends unless the daemon refuses, and then the window says why."""
        if self.reported:
            return
        try:
            ask()
        except report.Refused as refused:
            self.notice.setText(f"{refused} The break goes on.")
            self.notice.show()
            return
        self.reported, self.exit_code = True, 0
        self._timer.stop()
        self.close()

    def _close(self) -> None:
        """The end screen's Close button (QWidget.close returns whether it closed, which no one asks)."""
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window's close button: before the end that is an abandoned break."""
        self.abandon(draw=False)
        event.accept()

    def abandon(self, reason: str | None = None, draw: bool = True) -> None:
        """End the routine as abandoned unless it already has an outcome. `reason` says why when
        the user did not choose it; draw=False when the window is already going."""
        if not self.reported:
            session = self.session
            steps = len(session.completed) if session else 0
            report.report_outcome(
                "abandoned", self.routine.name, steps, session.elapsed(self.clock()) if session else 0.0, SOURCE, self.log, reason=reason
            )
            self.reported = True
        self._timer.stop()
        if draw:
            self.close()

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
        self._timer.stop()
        self.week = self._week()
        body, _left, right = self._new_screen()
        self._space(body, 24)
        body.addWidget(self._label(_("Break done — well moved."), "title"))
        self._space(body, 8)
        body.addWidget(
            self._label(
                _("{title}: {done} of {count} steps in {time}.").format(
                    title=self.routine.title, done=steps, count=len(self.routine.steps), time=format_duration(duration)
                ),
                "body",
            )
        )
        done = {record.index for record in session.completed} if session else set()
        self._step_list(body, marks=["✓" if i in done else "–" for i in range(len(self.routine.steps))])
        self._space(body, 20)
        box, inner = self._box(self.c.quiet_bg)
        inner.addWidget(self._label(self.week.summary(), "label", bg=self.c.quiet_bg))
        if self.week.done < self.week.target:
            left = self.week.target - self.week.done
            more = ngettext(
                "{count} more this week reaches the target of {target}.", "{count} more this week reach the target of {target}.", left
            ).format(count=left, target=self.week.target)
            inner.addWidget(self._label(more, "body", bg=self.c.quiet_bg))
        body.addWidget(box)
        self._space(body, 14)
        body.addWidget(self._label(message, "small", self.c.muted))
        body.addStretch(1)
        close = self._button(_("Close (Enter)"), ("Return", "Enter", "Escape"), self._close, "primary")
        right.addWidget(close)
        close.setFocus()
        self.setWindowTitle(_("deskbreak — {title} · done").format(title=self.routine.title))


class ProgressBar(QWidget):
    """The steps as segments: done ones in the accent colour, the current one darker."""

    def __init__(self, number: int, count: int, colours: Colours) -> None:
        super().__init__()
        self.number, self.count, self.c = number, count, colours
        self.setFixedHeight(8)
        self.setAccessibleName(_("Step {number} of {count}").format(number=number, count=count))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        gap = 6
        segment = (self.width() - gap * (self.count - 1)) / self.count
        for index in range(self.count):
            x = index * (segment + gap)
            colour = self.c.accent if index < self.number - 1 else (self.c.accent_dark if index == self.number - 1 else self.c.quiet_bg)
            painter.fillRect(int(x), 0, int(segment), self.height(), QColor(colour))
