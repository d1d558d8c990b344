"""The settings window (`deskbreak settings`, the tray's "Settings…"): every key of the config
file, grouped as the file groups them, each with its help sentence from the example file.

What a value may be, and the words for why it may not, come from the one schema (config/schema,
through config/edit): the window holds no bounds of its own. Saving writes only the keys that
changed (config/edit keeps comments and order) and then asks the running daemon to reload;
Cancel writes nothing. The caller (cli/settings_cmd) hands in what the window cannot find out
itself (the routines, doctor's words on the tray and notifier, the session entries) as `Facts`,
and what it cannot do itself as `Actions`. Threading: everything runs on Qt's main thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from deskbreak.config import edit
from deskbreak.config.durations import DurationError, parse_duration
from deskbreak.config.i18n import _
from deskbreak.config.loader import KEYS, SECTIONS, Key, key_help
from deskbreak.config.settings import WEEKDAYS
from deskbreak.ui.qt_look import Colours, colours, font_of, run_until_closed, style_button, window_sheet

SECTION_TITLES = {
    "reminders": _("Reminders"),
    "presence": _("Presence"),
    "schedule": _("Schedule"),
    "routines": _("Routines"),
    "desktop": _("Desktop"),
}
TITLES = {
    "reminders.sit_limit": _("Sit limit"),
    "reminders.snooze": _("Snooze for"),
    "reminders.snoozes_per_day": _("Snoozes per day"),
    "reminders.renotify_every": _("Remind again every"),
    "presence.break_after_idle": _("Away this long is a break"),
    "presence.sample_every": _("Check presence every"),
    "schedule.work_days": _("Work days"),
    "schedule.work_hours": _("Work hours"),
    "routines.default": _("Default routine"),
    "routines.weekly_full_target": _("Full routines a week"),
    "routines.sound": _("Sounds"),
    "routines.voice": _("Spoken guidance"),
    "desktop.notifier": _("Notifier"),
    "desktop.tray": _("Tray icon"),
    "desktop.defer_fullscreen_max": _("Hold a reminder back at most"),
    "desktop.defer_on": _("What holds a reminder back"),
    "desktop.meeting_apps": _("Meeting applications"),
    "desktop.language": _("Language"),
}
DAY_NAMES = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"))
UNITS = (("s", _("seconds")), ("m", _("minutes")), ("h", _("hours")))


@dataclass(frozen=True)
class Facts:
    """What the window shows but cannot find out itself."""

    routines: tuple[str, ...]  # the routines `deskbreak routines` lists
    about: dict[str, str]  # "desktop.tray" / "desktop.notifier" -> what doctor says of it here
    autostart: bool | None  # starts with the session; None: not possible here
    app_menu: bool | None  # the application-menu entry is installed; None: not possible here


@dataclass(frozen=True)
class Actions:
    """What the window asks the caller to do; each returns the sentence to show."""

    reload: Callable[[], str]
    test_reminder: Callable[[], str]
    set_autostart: Callable[[bool], str]
    set_app_menu: Callable[[bool], str]


class Control:
    """One key's control: a widget to place, the widget its label names, and its value as the file writes it."""

    def __init__(self, widget: QWidget, focus: QWidget, get: Callable[[], Any], put: Callable[[Any], None]) -> None:
        self.widget, self.focus, self.get, self.put = widget, focus, get, put


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return box


def _named(widget: QWidget, name: str) -> QWidget:
    widget.setAccessibleName(name)
    return widget


def duration_control(title: str) -> Control:
    """A number and a unit: "90m" is 90 minutes; what fits no unit shows in seconds."""
    number, unit = QSpinBox(), QComboBox()
    number.setRange(0, 10**6)  # wide: the schema, not the spin box, says what is allowed
    _named(number, title)
    _named(unit, _("{setting}: unit").format(setting=title))
    for code, words in UNITS:
        unit.addItem(words, code)

    def put(value: Any) -> None:
        try:
            seconds = int(parse_duration(str(value)).total_seconds())
        except DurationError:  # a bare number is read as minutes, as `config check` suggests
            seconds = int(value) * 60 if isinstance(value, int) and not isinstance(value, bool) else 0
        code = next(c for c, size in (("h", 3600), ("m", 60), ("s", 1)) if seconds % size == 0) if seconds else "m"
        number.setValue(seconds // {"h": 3600, "m": 60, "s": 1}[code])
        unit.setCurrentIndex(unit.findData(code))

    return Control(_row(number, unit), number, lambda: f"{number.value()}{unit.currentData()}", put)


def whole_control(title: str, key: Key) -> Control:
    spin = QSpinBox()
    spin.setRange(int(key.field.low), int(key.field.high))
    _named(spin, title)
    return Control(_row(spin), spin, spin.value, lambda value: spin.setValue(int(value) if isinstance(value, int) else 0))


def flag_control(title: str) -> Control:
    box = QCheckBox(title)
    _named(box, title)
    return Control(box, box, box.isChecked, lambda value: box.setChecked(value is True))


def choice_control(title: str, options: tuple[str, ...], about: str = "") -> Control:
    combo = QComboBox()
    combo.addItems(list(options))
    _named(combo, title)
    if about:
        combo.setAccessibleDescription(about)

    def put(value: Any) -> None:
        if str(value) not in options:
            combo.addItem(str(value))
        combo.setCurrentText(str(value))

    return Control(_row(combo), combo, combo.currentText, put)


def days_control(title: str) -> Control:
    """Seven toggles; every day ticked (or none) is the file's [] = every day."""
    boxes = [QCheckBox(day[:3]) for day in DAY_NAMES]
    for box, day in zip(boxes, DAY_NAMES, strict=True):
        _named(box, _("{setting}: {day}").format(setting=title, day=day))

    def get() -> list[str]:
        chosen = [WEEKDAYS[n] for n, box in enumerate(boxes) if box.isChecked()]
        return [] if len(chosen) in (0, 7) else chosen

    def put(value: Any) -> None:
        names = [str(v).strip().lower()[:3] for v in value] if isinstance(value, list) else []
        for n, box in enumerate(boxes):
            box.setChecked(not names or WEEKDAYS[n] in names)

    return Control(_row(*boxes), boxes[0], get, put)


@dataclass(frozen=True, eq=False)
class _Span:
    """One from–to row of the work hours."""

    row: QWidget
    start: QLineEdit
    end: QLineEdit
    remove: QPushButton


class Spans(QWidget):
    """Work hours as a list of from–to rows, with Add and Remove; no rows is all day."""

    def __init__(self, title: str, c: Colours) -> None:
        super().__init__()
        self.title, self.c = title, c
        self.rows: list[_Span] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.add = QPushButton(_("Add a span"))
        _named(self.add, _("{setting}: add a span").format(setting=title))
        style_button(self.add, c, small=True)
        self.add.clicked.connect(lambda: self.add_row("", ""))
        self._layout.addWidget(_row(self.add))

    def add_row(self, start: str, end: str) -> None:
        start_edit, end_edit = QLineEdit(start), QLineEdit(end)
        for edit_ in (start_edit, end_edit):
            edit_.setPlaceholderText("HH:MM")
            edit_.setMaxLength(5)
        remove = QPushButton(_("Remove"))
        style_button(remove, self.c, small=True)
        row = _row(start_edit, QLabel("–"), end_edit, remove)
        entry = _Span(row, start_edit, end_edit, remove)
        remove.clicked.connect(lambda: self._remove(entry))
        self.rows.append(entry)
        self._layout.insertWidget(self._layout.count() - 1, row)
        self._name_rows()
        start_edit.setFocus()

    def _remove(self, entry: _Span) -> None:
        self.rows.remove(entry)
        entry.row.hide()
        entry.row.deleteLater()
        self._name_rows()
        self.add.setFocus()

    def _name_rows(self) -> None:
        """Each row's fields and button named by its place on screen ("Work hours, span 2: from")."""
        for number, entry in enumerate(self.rows, 1):
            for edit_, which in ((entry.start, _("from")), (entry.end, _("to"))):
                _named(edit_, _("{setting}, span {number}: {which}").format(setting=self.title, number=number, which=which))
            _named(entry.remove, _("{setting}: remove span {number}").format(setting=self.title, number=number))

    def get(self) -> list[str]:
        return [f"{entry.start.text().strip()}-{entry.end.text().strip()}" for entry in self.rows]

    def put(self, value: Any) -> None:
        for entry in list(self.rows):
            self._remove(entry)
        for text in value if isinstance(value, list) else []:
            start, _sep, end = str(text).partition("-")
            self.add_row(start.strip(), end.strip())


def choices_control(title: str, options: tuple[str, ...], help_text: str) -> Control:
    """A check box per option, each with what it detects (its words in the example file)."""
    detects = dict(re.findall(_DETECTS, help_text))
    boxes = []
    column = QWidget()
    layout = QGridLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setColumnStretch(1, 1)
    for row, option in enumerate(options):
        box = QCheckBox(option)
        _named(box, f"{option}: {detects[option]}" if option in detects else option)
        what = QLabel(detects.get(option, ""))
        what.setWordWrap(True)
        what.setBuddy(box)
        layout.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(what, row, 1)
        boxes.append(box)

    def put(value: Any) -> None:
        chosen = value if isinstance(value, list) else []
        for option, box in zip(options, boxes, strict=True):
            box.setChecked(option in chosen)

    return Control(column, boxes[0], lambda: [o for o, b in zip(options, boxes, strict=True) if b.isChecked()], put)


_DETECTS = r'"(\w+)"\s+(.+?)(?=\s+"\w+"\s|\s+Default|$)'


def without_options(help_text: str) -> str:
    """A list key's help without the words each option's check box already shows."""
    return " ".join(re.sub(_DETECTS, "", help_text).split())


def texts_control(title: str) -> Control:
    line = QLineEdit()
    line.setPlaceholderText(_("names separated by commas, e.g. zoom, teams"))
    _named(line, title)

    def put(value: Any) -> None:
        line.setText(", ".join(str(v) for v in value) if isinstance(value, list) else str(value))

    return Control(line, line, lambda: [part.strip() for part in line.text().split(",") if part.strip()], put)


class SettingsWindow(QWidget):
    """Every key, its help and what is wrong with it; Save or Cancel."""

    def __init__(self, draft: edit.Draft, facts: Facts, actions: Actions) -> None:
        super().__init__()
        self.draft, self.facts, self.asks, self.c = draft, facts, actions, colours()
        self.saved = False
        self.setWindowTitle(_("deskbreak settings"))
        self.setAccessibleName(_("deskbreak settings"))
        self.setObjectName("settings")
        self.setStyleSheet(window_sheet(self.c, "settings", "content"))
        self.controls: dict[str, Control] = {}
        self.errors: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        self.banner = self._label("", "body", self.c.caution_ink)
        self.banner.setStyleSheet(f"color: {self.c.caution_ink}; background: {self.c.caution_bg}; padding: 8px;")
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.banner)
        outer.addWidget(self._body(), 1)
        outer.addLayout(self._buttons())
        self._show_draft()
        self.controls[KEYS[0].dotted].focus.setFocus()  # the keyboard starts at the first setting
        screen = self.screen().availableGeometry()
        self.resize(min(820, int(screen.width() * 0.92)), min(760, int(screen.height() * 0.9)))

    def _label(self, text: str, kind: str, colour: str | None = None) -> QLabel:
        label = QLabel(text)
        label.setFont(font_of(kind))
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet(f"color: {colour or self.c.ink};")
        return label

    def _body(self) -> QScrollArea:
        """The keys section by section, in the file's order; nothing clips at any text size."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        content.setObjectName("content")
        column = QVBoxLayout(content)
        helps = key_help()
        grid = QGridLayout()  # one grid, so the fields of every section line up
        grid.setColumnStretch(1, 1)
        for section in SECTIONS:
            grid.addWidget(self._label(SECTION_TITLES.get(section, section.capitalize()), "title"), grid.rowCount(), 0, 1, 2)
            for key in (k for k in KEYS if k.section == section):
                self._key_row(grid, grid.rowCount(), key, helps.get(key.dotted, ""))
        column.addLayout(grid)
        column.addWidget(self._label(_("Session"), "title"))
        column.addWidget(self._session())
        column.addStretch(1)
        scroll.setWidget(content)
        return scroll

    def _key_row(self, grid: QGridLayout, row: int, key: Key, help_text: str) -> None:
        title = TITLES.get(key.dotted, key.name)
        control = self._control(key, title, help_text)
        label = self._label(title, "label")
        label.setBuddy(control.focus)
        error = self._label("", "small", self.c.error)
        error.hide()
        words = without_options(help_text) if key.field.kind == "choices" else help_text
        if key.dotted in self.facts.about:
            words = _("{help}\nHere now: {what}").format(help=words, what=self.facts.about[key.dotted])
        helper = self._label(words, "small", self.c.muted)
        control.focus.setAccessibleDescription(help_text)
        cell = QWidget()
        stack = QVBoxLayout(cell)
        stack.setContentsMargins(0, 0, 0, 10)
        stack.addWidget(control.widget)
        stack.addWidget(error)
        stack.addWidget(helper)
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(cell, row, 1)
        self.controls[key.dotted], self.errors[key.dotted] = control, error

    def _control(self, key: Key, title: str, help_text: str) -> Control:
        kind = key.field.kind
        if kind == "duration":
            return duration_control(title)
        if kind == "whole":
            return whole_control(title, key)
        if kind == "flag":
            return flag_control(title)
        if kind == "choice":
            return choice_control(title, key.field.options, self.facts.about.get(key.dotted, ""))
        if kind == "text":
            return choice_control(title, self.facts.routines)
        if kind == "days":
            return days_control(title)
        if kind == "spans":
            spans = Spans(title, self.c)
            return Control(spans, spans.add, spans.get, spans.put)
        if kind == "choices":
            return choices_control(title, key.field.options, help_text)
        return texts_control(title)

    def _session(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.autostart = QCheckBox(_("Start deskbreak with the session"))
        self.app_menu = QCheckBox(_("Show deskbreak in the application menu"))
        for check, state in ((self.autostart, self.facts.autostart), (self.app_menu, self.facts.app_menu)):
            _named(check, check.text())
            check.setChecked(bool(state))
            check.setEnabled(state is not None)
            column.addWidget(check)
        test = QPushButton(_("Send a test reminder"))
        _named(test, test.text())
        style_button(test, self.c)
        test.clicked.connect(lambda: self.say(self.asks.test_reminder()))
        column.addWidget(_row(test))
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status = self._label("", "small")
        row.addWidget(self.status, 1)
        cancel, save = QPushButton(_("Cancel")), QPushButton(_("Save"))
        for button, style in ((cancel, "quiet"), (save, "primary")):
            _named(button, button.text())
            style_button(button, self.c, style)
            row.addWidget(button)
        cancel.clicked.connect(self.close)
        save.clicked.connect(self.save)
        save.setDefault(True)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.close)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)
        return row

    def _show_draft(self) -> None:
        for dotted, control in self.controls.items():
            control.put(self.draft.values[dotted])
        self._mark(self.draft.marked)
        if self.draft.problem:
            self.banner.setText(
                self.draft.problem
                if self.draft.readable
                else _("{problem}\nThe window shows the defaults; saving replaces the file with them and your changes.").format(
                    problem=self.draft.problem
                )
            )
        self.banner.setVisible(bool(self.draft.problem))

    def _mark(self, marked: dict[str, str]) -> None:
        """Say beside each field why its value is refused; clear the others."""
        for dotted, error in self.errors.items():
            why = marked.get(dotted, "")
            error.setText(_("Not saved: {why}").format(why=why) if why else "")
            error.setVisible(bool(why))
            self.controls[dotted].focus.setAccessibleDescription(why or self.controls[dotted].focus.accessibleDescription())

    def values(self) -> dict[str, Any]:
        return {dotted: control.get() for dotted, control in self.controls.items()}

    def say(self, text: str) -> None:
        self.status.setText(text)

    def save(self) -> None:
        """Write the changed keys and ask the daemon to reload; a refused value is never written."""
        values = self.values()
        marked = {dotted: why for dotted in values if (why := edit.refusal(edit.BY_DOTTED[dotted], values[dotted]))}
        self._mark(marked)
        if marked:
            self.say(_("Nothing was saved: fix the marked settings first."))
            self.controls[next(iter(marked))].focus.setFocus()
            return
        draft = self.draft if self.draft.readable else edit.Draft(self.draft.path, None, edit.defaults(), routines=self.draft.routines)
        text = edit.new_text(draft, values)
        problem = edit.refused(draft, text)
        if problem:
            self.banner.setText(problem)
            self.banner.show()
            self._mark(edit.marks(problem))
            self.say(_("Nothing was saved: fix the marked settings first."))
            return
        try:
            edit.save(self.draft.path, text)
        except OSError as exc:
            self.say(_("Could not save {path}: {why}").format(path=self.draft.path, why=exc))
            return
        messages = [self.asks.reload()]
        for check, state, change in (
            (self.autostart, self.facts.autostart, self.asks.set_autostart),
            (self.app_menu, self.facts.app_menu, self.asks.set_app_menu),
        ):
            if state is not None and check.isChecked() != state:
                messages.append(change(check.isChecked()))
        self.saved = True
        print("\n".join(m for m in messages if m))
        self.close()


def run_settings(draft: edit.Draft, facts: Facts, actions: Actions, cannot_connect: Callable[[str], None]) -> int:
    """Show the window until it closes; 0 after Save, 1 after Cancel (nothing written)."""
    return run_until_closed(lambda: SettingsWindow(draft, facts, actions), cannot_connect, lambda window: 0 if window.saved else 1)
