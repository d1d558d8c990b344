"""The first-run welcome (`deskbreak welcome`, and `deskbreak open` on a fresh home): three short
screens — what deskbreak does and measures; the sit limit and work hours; start with the session
and "show me a reminder now". Finish writes the config; Skip writes it with every default, in one
click, so the welcome is not shown again. The caller (cli/settings_cmd) says whether a tray host
is there and does what the window asks (`Actions` of the settings window). Threading: Qt's main
thread only.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from deskbreak.config import edit
from deskbreak.config.i18n import _
from deskbreak.ui.qt_look import colours, font_of, run_until_closed, style_button, window_sheet
from deskbreak.ui.settings_window import TITLES, Actions, Spans, days_control, duration_control

NO_TRAY = _(
    "No tray host is running here, so deskbreak has no tray icon yet. On GNOME, turn on the "
    "AppIndicator extension (gnome-shell-extension-appindicator, then log in again); on sway or i3, "
    "add a tray to your bar (waybar's tray module, or tray_output in i3bar). Meanwhile the deskbreak "
    "entry in the application menu opens the home window: the sitting time, Start break, Pause and Settings."
)


@dataclass(frozen=True)
class Welcome:
    """What the welcome says of this desktop."""

    tray_host: bool  # a tray host is there (platform/tray/choose.tray_host)
    autostart: bool | None  # starting with the session is possible (None: not here)


class WelcomeWindow(QWidget):
    def __init__(self, draft: edit.Draft, facts: Welcome, actions: Actions) -> None:
        super().__init__()
        self.draft, self.facts, self.asks, self.c = draft, facts, actions, colours()
        self.written = False
        self.setWindowTitle(_("Welcome to deskbreak"))
        self.setAccessibleName(_("Welcome to deskbreak"))
        self.setObjectName("welcome")
        self.setStyleSheet(window_sheet(self.c, "welcome"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 20)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.pages.addWidget(self._what())
        self.pages.addWidget(self._limits())
        self.pages.addWidget(self._session())
        outer.addLayout(self._buttons())
        self.error = self._label("", "small", self.c.error)
        outer.addWidget(self.error)
        self._turn(0)
        screen = self.screen().availableGeometry()  # never larger than the screen, at any scale
        self.resize(min(640, int(screen.width() * 0.92)), min(520, int(screen.height() * 0.9)))

    def _label(self, text: str, kind: str, colour: str | None = None) -> QLabel:
        label = QLabel(text)
        label.setFont(font_of(kind))
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet(f"color: {colour or self.c.ink};")
        return label

    def _page(self, title: str, *lines: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self._label(title, "title"))
        for line in lines:
            column.addWidget(self._label(line, "body"))
        return page, column

    def _what(self) -> QWidget:
        page, column = self._page(
            _("deskbreak reminds you to get up"),
            _(
                "It measures how long you sit at this computer: time with keyboard or mouse in use counts, "
                "and a few minutes away from both counts as a break and starts the count again."
            ),
            _(
                "When you have sat for your limit it shows a reminder; Start break opens a short guided "
                "routine for the upper back (about 3 minutes at the desk)."
            ),
            _("What you do is kept in a log on this computer only; `deskbreak stats` shows your weeks."),
        )
        column.addStretch(1)
        return page

    def _limits(self) -> QWidget:
        page, column = self._page(_("Your sit limit and work hours"))
        rows = (("reminders.sit_limit", duration_control), ("schedule.work_days", days_control))
        self.controls: dict[str, Any] = {}
        for dotted, make in rows:
            title = TITLES[dotted]
            control = make(title)
            label = self._label(title, "label")
            label.setBuddy(control.focus)
            control.put(self.draft.values[dotted])
            column.addWidget(label)
            column.addWidget(control.widget)
            self.controls[dotted] = control
        self.spans = Spans(TITLES["schedule.work_hours"], self.c)
        self.spans.put(self.draft.values["schedule.work_hours"])
        hours = self._label(TITLES["schedule.work_hours"], "label")
        hours.setBuddy(self.spans.add)
        column.addWidget(hours)
        column.addWidget(
            self._label(_("No spans: reminders at any hour. Outside your hours the clock runs but nobody nags."), "small", self.c.muted)
        )
        column.addWidget(self.spans)
        column.addStretch(1)
        return page

    def _session(self) -> QWidget:
        page, column = self._page(
            _("Ready"),
            _("Finish saves your choices; Settings… in the tray menu (or `deskbreak settings`) changes them at any time."),
        )
        self.autostart = QCheckBox(_("Start deskbreak with the session"))
        self.autostart.setAccessibleName(self.autostart.text())
        self.autostart.setChecked(self.facts.autostart is not None)
        self.autostart.setEnabled(self.facts.autostart is not None)
        column.addWidget(self.autostart)
        show = QPushButton(_("Show me a reminder now"))
        show.setAccessibleName(show.text())
        style_button(show, self.c)
        self.said = self._label("", "small")
        show.clicked.connect(lambda: self.said.setText(self.asks.test_reminder()))
        row = QHBoxLayout()
        row.addWidget(show)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.said)
        if not self.facts.tray_host:
            column.addWidget(self._label(NO_TRAY, "body", self.c.caution_ink))
        column.addStretch(1)
        return page

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.skip = QPushButton(_("Skip, use the defaults"))
        self.back = QPushButton(_("Back"))
        self.next = QPushButton(_("Next"))
        for button, style in ((self.skip, "quiet"), (self.back, "quiet"), (self.next, "primary")):
            button.setAccessibleName(button.text())
            style_button(button, self.c, style)
        row.addWidget(self.skip)
        row.addStretch(1)
        row.addWidget(self.back)
        row.addWidget(self.next)
        self.skip.clicked.connect(self.use_defaults)
        self.back.clicked.connect(lambda: self._turn(self.pages.currentIndex() - 1))
        self.next.clicked.connect(self._forward)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.use_defaults)
        return row

    def _turn(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.back.setVisible(index > 0)
        last = index == self.pages.count() - 1
        self.next.setText(_("Finish") if last else _("Next"))
        self.next.setAccessibleName(self.next.text())
        self.next.setFocus()

    def _forward(self) -> None:
        if self.pages.currentIndex() < self.pages.count() - 1:
            self._turn(self.pages.currentIndex() + 1)
        else:
            self.finish()

    def values(self) -> dict[str, Any]:
        chosen = {dotted: control.get() for dotted, control in self.controls.items()}
        return {**self.draft.values, **chosen, "schedule.work_hours": self.spans.get()}

    def finish(self) -> None:
        """Write the chosen values into the documented example file; a refused value stays on screen."""
        values = self.values()
        text = edit.new_text(self.draft, values)
        problem = edit.refused(self.draft, text)
        if problem:
            self.error.setText(
                _("Not saved: {why}").format(why="; ".join(f"{TITLES[k]}: {why}" for k, why in edit.marks(problem).items()) or problem)
            )
            self._turn(1)
            return
        self._write(text)
        if self.written and self.autostart.isEnabled() and self.autostart.isChecked():
            print(self.asks.set_autostart(True))
        self.close()

    def use_defaults(self) -> None:
        self._write(self.draft.text or "")
        self.close()

    def _write(self, text: str) -> None:
        try:
            edit.save(self.draft.path, text)
        except OSError as exc:
            self.error.setText(_("Could not save {path}: {why}").format(path=self.draft.path, why=exc))
            return
        self.written = True
        print(self.asks.reload())


def example_draft(draft: edit.Draft) -> edit.Draft:
    """The welcome writes the documented example file (as `config init` does), with the user's choices."""
    text = resources.files("deskbreak.config").joinpath("example.toml").read_text(encoding="utf-8")
    return edit.Draft(draft.path, text, edit.defaults(), routines=draft.routines)


def run_welcome(draft: edit.Draft, facts: Welcome, actions: Actions, cannot_connect: Callable[[str], None]) -> int:
    """Show the welcome until it closes; 0 when the config was written."""
    return run_until_closed(
        lambda: WelcomeWindow(example_draft(draft), facts, actions), cannot_connect, lambda window: 0 if window.written else 1
    )
