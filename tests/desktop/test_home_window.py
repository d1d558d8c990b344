"""The home window in this process (Qt on pytest-xvfb's display), talking to a real daemon over
its control socket: at twice the desktop's font size nothing is cut off, the waiting line
included, and Tab reaches every control in reading order."""

from __future__ import annotations

import pytest

from tests.daemon.harness import Daemon


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    from PySide6.QtWidgets import QApplication

    from deskbreak.ipc.client import request
    from deskbreak.ui import qt_look
    from deskbreak.ui.home_window import HomeWindow

    daemon = Daemon(tmp_path, config='[desktop]\nnotifier = "console"\ntray = "none"\n').start()
    for key in ("XDG_RUNTIME_DIR", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(key, daemon.env[key])
    app = QApplication.instance() or QApplication(["deskbreak-tests"])
    made = []

    def make() -> HomeWindow:
        window = HomeWindow(request, ["desk", "full"], lambda command: None, qt_look.colours())
        made.append(window)
        window.show()
        window.activateWindow()
        for _ in range(5):
            app.processEvents()
        return window

    yield make, app
    for window in made:
        window.close()
        window.deleteLater()
    app.processEvents()
    daemon.stop()


def test_at_twice_the_desktop_font_every_line_and_button_is_whole(home):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QLabel, QPushButton

    make, app = home
    before = QFont(QApplication.font())
    bigger = QFont(before)
    bigger.setPointSizeF(before.pointSizeF() * 2)
    QApplication.setFont(bigger)
    try:
        window = make()
        waiting = "A reminder is waiting: you are in a call — microphone in use by a meeting app."
        window._show_lines("Sitting for 42m", "", waiting, "Today: …")
        app.processEvents()
        for label in (w for w in window.findChildren(QLabel) if w.isVisibleTo(window) and w.text()):
            assert label.height() >= label.heightForWidth(label.width()), label.text()
            assert window.rect().contains(label.geometry()), label.text()
        for button in window.findChildren(QPushButton):
            assert button.height() >= button.sizeHint().height(), button.text()
            bottom = button.mapTo(window, button.rect().bottomRight())
            assert window.rect().contains(bottom), button.text()
    finally:
        QApplication.setFont(before)


def test_tab_walks_the_controls_in_reading_order(home):
    make, _app = home
    window = make()
    seen, widget = [], window.focusWidget()
    for _ in range(6):
        seen.append(widget.accessibleName())
        widget = widget.nextInFocusChain()
        while not (widget.isVisible() and widget.focusPolicy() & widget.focusPolicy().TabFocus):
            widget = widget.nextInFocusChain()
    assert seen == ["Start break", "Routine", "Pause", "Pause for", "Settings…", "History…"]
