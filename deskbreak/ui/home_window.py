"""The home window: what the application-menu entry (`deskbreak open`) shows once deskbreak runs,
the way in where there is no tray (stock GNOME). Sitting time and the next break, refreshed from
the daemon's status each second; why a reminder is waiting, when one is; Start break with the
routine list, Pause or Resume, and Settings and History, which open their own windows.

Everything it shows or does goes through the daemon's control channel (`ask`, the CLI's own
request), so it says what `deskbreak status` says and does what the CLI commands do.
Threading: Qt's main thread only; a status round trip is a few milliseconds on a local socket.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from deskbreak.config.durations import format_duration
from deskbreak.config.i18n import _
from deskbreak.core.waiting import words
from deskbreak.ipc.client import DaemonUnavailable
from deskbreak.ui import qt_look
from deskbreak.ui.qt_look import Colours

Ask = Callable[..., dict[str, Any]]  # ipc.client.request: a message -> the daemon's reply
Launch = Callable[[str], str | None]  # a deskbreak command -> None when started, else why not
REFRESH_MS = 1000
ASK_TIMEOUT_S = 1.0
SOURCE = "window"


def pauses() -> tuple[tuple[str, dict[str, Any]], ...]:
    """The tray's Pause choices, with the messages they send."""
    return (
        (_("for 30 minutes"), {"cmd": "pause", "for_s": 1800}),
        (_("for 1 hour"), {"cmd": "pause", "for_s": 3600}),
        (_("until tomorrow"), {"cmd": "pause", "until_tomorrow": True}),
        (_("until I resume"), {"cmd": "pause", "indefinitely": True}),
    )


def run_home(ask: Ask, routines: list[str], launch: Launch, cannot_connect: Callable[[str], None]) -> int:
    """Show the window until it is closed; `cannot_connect` hears why Qt cannot reach the display."""
    return qt_look.run_until_closed(lambda: HomeWindow(ask, routines, launch, qt_look.colours()), cannot_connect)


class HomeWindow(QWidget):
    def __init__(self, ask: Ask, routines: list[str], launch: Launch, colours: Colours) -> None:
        super().__init__()
        self.ask, self.launch, self.c = ask, launch, colours
        self.paused = False
        self.setWindowTitle("deskbreak")
        self.setAccessibleName("deskbreak")
        self.setStyleSheet(
            f"HomeWindow {{ background: {colours.bg}; }}"
            f"QComboBox {{ padding: 6px 10px; background: {colours.field_bg}; color: {colours.ink}; border: 1px solid {colours.muted}; }}"
            f"QComboBox:focus {{ border: 2px solid {colours.ink}; }}"
            f"QComboBox QAbstractItemView {{ background: {colours.field_bg}; color: {colours.ink};"
            f" selection-background-color: {colours.accent_dark}; }}"
        )
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(6)
        self.sitting = qt_look.label("", "title", colours.ink)
        self.next_break = qt_look.label("", "body", colours.ink)
        self.waiting = qt_look.label("", "body", colours.caution_ink, colours.caution_bg)
        self.waiting.setContentsMargins(8, 4, 8, 4)
        self.today = qt_look.label("", "small", colours.muted)
        for widget in (self.sitting, self.next_break, self.waiting, self.today):
            layout.addWidget(widget)
        layout.addSpacing(14)
        layout.addLayout(self._controls(routines))
        layout.addSpacing(10)
        self.notice = qt_look.label("", "small", colours.caution_ink, colours.caution_bg)
        self.notice.setContentsMargins(8, 4, 8, 4)
        self.notice.hide()
        layout.addWidget(self.notice)
        layout.addStretch(1)
        shortcut = QShortcut(QKeySequence("Escape"), self)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)  # its process's one window, active or not (no WM)
        shortcut.activated.connect(self.close)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()
        self.start_button.setFocus()

    def _controls(self, routines: list[str]) -> QGridLayout:
        """Start break with its routine, Pause with how long, and the other windows."""
        c = self.c
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        self.routine = self._choice(_("Routine"), [(_("{name} routine").format(name=name.capitalize()), name) for name in routines])
        self.start_button = qt_look.button(_("Start break"), c, self.start_break, "primary")
        self.pause_for = self._choice(_("Pause for"), list(pauses()))
        self.pause_button = qt_look.button(_("Pause"), c, self.pause_or_resume)
        for row, (choice, button) in enumerate(((self.routine, self.start_button), (self.pause_for, self.pause_button))):
            grid.addWidget(button, row, 0)  # reads "Pause | for 30 minutes"
            grid.addWidget(choice, row, 1)
        others = QHBoxLayout()
        others.setSpacing(8)
        others.addWidget(qt_look.button(_("Settings…"), c, lambda: self._open("settings")))
        others.addWidget(qt_look.button(_("History…"), c, lambda: self._open("history")))
        others.addStretch(1)
        grid.addLayout(others, 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        return grid

    def _choice(self, name: str, items: list[tuple[str, Any]]) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.setFont(qt_look.font_of("body"))
        for text, data in items:
            box.addItem(text, data)
        return box

    # --- what the daemon says -------------------------------------------------------------
    def refresh(self) -> None:
        try:
            reply = self.ask({"cmd": "status"}, timeout=ASK_TIMEOUT_S)
        except DaemonUnavailable as exc:
            self._show_lines(_("deskbreak is not running"), str(exc), None, "")
            self._enable(False)
            return
        if not reply.get("ok"):
            self._say(reply.get("error") or _("deskbreak refused to tell its status."))
            return
        self._enable(True)
        st = reply["status"]
        self.paused = st["phase"] == "paused"
        label = _("Resume reminders") if self.paused else _("Pause")
        if self.pause_button.text() != label:
            self.pause_button.setText(label)
            self.pause_button.setAccessibleName(label)
        self.pause_for.setEnabled(not self.paused)
        waiting = _("A reminder is waiting: {why}.").format(why=words(st["waiting_for"])) if st.get("waiting_for") else None
        self._show_lines(sitting_line(st), next_line(st), waiting, reply.get("today") or "")

    def _show_lines(self, sitting: str, next_break: str, waiting: str | None, today: str) -> None:
        """Set the lines that changed only: each change is what a screen reader announces."""
        for widget, text in ((self.sitting, sitting), (self.next_break, next_break), (self.today, today)):
            if widget.text() != text:
                widget.setText(text)
            widget.setVisible(bool(text))
        if waiting is None:
            self.waiting.hide()
        elif self.waiting.text() != waiting or self.waiting.isHidden():
            self.waiting.setText(waiting)
            self.waiting.show()
        self._fit()

    def _fit(self) -> None:
        """Grow to fit the wrapped lines at the window's width, so nothing is cut off at any text size."""
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
            if self.height() < needed:
                self.resize(self.width(), needed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def _enable(self, running: bool) -> None:
        for widget in (self.routine, self.start_button, self.pause_for, self.pause_button):
            widget.setEnabled(running)

    # --- what the buttons do --------------------------------------------------------------
    def start_break(self) -> None:
        self._send({"cmd": "break", "routine": self.routine.currentData()})

    def pause_or_resume(self) -> None:
        self._send({"cmd": "resume"} if self.paused else dict(self.pause_for.currentData()))

    def _send(self, message: dict[str, Any]) -> None:
        try:
            reply = self.ask({**message, "source": SOURCE}, timeout=ASK_TIMEOUT_S)
        except DaemonUnavailable as exc:
            self._say(str(exc))
            return
        if reply.get("ok"):
            self.notice.hide()
        else:
            self._say(reply.get("error") or _("deskbreak refused it."))
        self.refresh()

    def _open(self, command: str) -> None:
        why = self.launch(command)
        if why is not None:
            self._say(why)

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()


def sitting_line(st: dict[str, Any]) -> str:
    phase = st["phase"]
    sat = format_duration(st["sitting_s"])
    return {
        "paused": _("Paused · sitting for {time}"),
        "standing": _("Standing · the sitting clock is stopped"),
        "away": _("Away · the sitting clock is stopped"),
        "on_break": _("On a break"),
        "off_hours": _("Outside work hours · sitting for {time}"),
        "due": _("A break is due · sitting for {time}"),
        "snoozed": _("Snoozed · sitting for {time}"),
    }.get(phase, _("Sitting for {time}")).format(time=sat)


def next_line(st: dict[str, Any]) -> str:
    """When the next break comes, in the words of `deskbreak status` (nothing while a reminder
    waits: the waiting line says why)."""
    if st["phase"] == "paused":
        until = st.get("paused_until")
        return _("Reminders are paused until {when}.").format(when=clock(until)) if until else _("Reminders are paused until you resume.")
    if st["phase"] == "snoozed" and st.get("snoozed_until"):
        return _("Snoozed until {when}.").format(when=clock(st["snoozed_until"]))
    if not st.get("in_work_hours", True):
        return _("No reminders until work hours start.")
    due = st.get("due_in_s")
    if st.get("waiting_for") or due is None or not st.get("next_reminder_at"):
        return ""
    if due > 0:
        return _("Next break in {time} of sitting (about {when}).").format(time=format_duration(due), when=clock(st["next_reminder_at"]))
    return _("A break is due now.")


def clock(iso: str) -> str:
    """ "14:30" today, else "Thu 26 Nov 14:30"."""
    moment = datetime.fromisoformat(iso)
    return f"{moment:%H:%M}" if moment.date() == datetime.now(moment.tzinfo).date() else f"{moment:%a %d %b %H:%M}"
