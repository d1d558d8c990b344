"""The history window in this process (Qt on pytest-xvfb's display), on a week of the benchmark's
log: keyboard alone reaches every tab and button, Escape closes it, and at twice the desktop's
font size no text is cut off (every label is as tall as its wrapped text)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from benchmarks.stats_bench import TZ, generate
from deskbreak.config.settings import Settings
from tests.daemon.harness import LATE_WEEK


@pytest.fixture
def history(tmp_path, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    from PySide6.QtWidgets import QApplication

    from deskbreak.cli.window_cmd import _figures
    from deskbreak.config import paths
    from deskbreak.ui import qt_look
    from deskbreak.ui.history_window import HistoryWindow

    for kind in ("STATE", "DATA", "CONFIG"):
        monkeypatch.setenv(f"XDG_{kind}_HOME", str(tmp_path / kind.lower()))
    monkeypatch.setenv("TZ", "Europe/Berlin")
    now = LATE_WEEK.astimezone(TZ)
    generate(paths.event_log(), 21 / 365.25, now)
    app = QApplication.instance() or QApplication(["deskbreak-tests"])
    made = []
    travel = time_machine.travel(now + timedelta(minutes=1), tick=False)
    travel.start()
    settings = Settings()

    def make() -> HistoryWindow:
        window = HistoryWindow(lambda period: _figures(period, settings), paths.event_log(), 3000.0, qt_look.colours())
        made.append(window)
        window.show()
        window.activateWindow()  # as run_history does
        for _ in range(5):
            app.processEvents()
        return window

    yield make, app
    for window in made:
        window.close()
        window.deleteLater()
    app.processEvents()
    travel.stop()


def focus_chain(window) -> list[str]:
    """What Tab visits, from the first focused widget until it comes round again."""
    seen, widget = [], window.focusWidget()
    for _ in range(40):
        name = widget.accessibleName() or type(widget).__name__
        if seen and widget is window.focusWidget() and name == seen[0]:
            break
        seen.append(name)
        widget = widget.nextInFocusChain()
        while not (widget.isVisible() and widget.focusPolicy() & widget.focusPolicy().TabFocus):
            widget = widget.nextInFocusChain()
    return seen


def test_tab_reaches_the_periods_and_both_buttons_and_escape_closes(history):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    make, app = history
    window = make()
    chain = focus_chain(window)
    assert "Open log file" in chain and "Close" in chain and chain.index("Open log file") < chain.index("Close")
    tabs = window.tabs
    assert tabs.currentIndex() == 1  # this week, as `deskbreak stats` without options
    QTest.keyClick(tabs.tabBar(), Qt.Key.Key_Right)
    app.processEvents()
    assert tabs.tabText(tabs.currentIndex()) == "Past weeks" and "weeks" in window.built
    QTest.keyClick(tabs.tabBar(), Qt.Key.Key_Escape)  # where the keyboard is: on the periods
    app.processEvents()
    assert not window.isVisible()


def test_at_twice_the_desktop_font_no_label_is_cut_off(history):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QLabel

    make, app = history
    before = QFont(QApplication.font())
    bigger = QFont(before)
    bigger.setPointSizeF(before.pointSizeF() * 2)
    QApplication.setFont(bigger)
    try:
        window = make()
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            for _ in range(5):
                app.processEvents()
        labels = [label for label in window.findChildren(QLabel) if label.isVisibleTo(window) and label.text()]
        assert len(labels) > 30
        for label in labels:
            needed = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
            assert label.height() >= needed, (label.text()[:40], label.height(), needed)
    finally:
        QApplication.setFont(before)
