"""The history window (`deskbreak history`, the tray's "History…"): today, this week and past weeks,
with the figures `deskbreak stats` prints and the chart `stats --plot` draws, in its own process.

The chart is matplotlib's, drawn on a Qt canvas (QtAgg) at the window's size and device pixel
ratio, on the window's light or dark ground. Beside it, "The chart in words" says what the
chart shows in sentences (deskbreak.stats.render.chart_in_words), so a screen reader gets the
same figures; every figure is a label too. A period is computed when its tab is first shown,
so the window opens after one period's figures; its chart is drawn right after the window is
up (importing matplotlib is most of a chart's cost). The raw log is one click further ("Open log
file"). Which figures a period has is the caller's (`load`), so this module never reads the log.
Threading: Qt's main thread only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from deskbreak.config.i18n import _
from deskbreak.stats.compute import Stats
from deskbreak.stats.render import chart_in_words, figures
from deskbreak.ui import qt_look
from deskbreak.ui.qt_look import DARK, Colours

# a period's name -> (figures, notes for the user); figures None when the log cannot be read
Load = Callable[[str], tuple[Stats | None, list[str]]]
PERIODS = ("today", "week", "weeks")
FIRST = "week"  # what `deskbreak stats` shows without options
CHART_HEIGHT = 380
PLOT_HINT = _("The chart needs matplotlib: pip install 'deskbreak[plot]'. The figures below are complete without it.")


def run_history(load: Load, log_path: Path, sit_limit_s: float, cannot_connect: Callable[[str], None]) -> int:
    """Show the window until it is closed; `cannot_connect` hears why Qt cannot reach the display."""
    return qt_look.run_until_closed(lambda: HistoryWindow(load, log_path, sit_limit_s, qt_look.colours()), cannot_connect)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def tab_title(period: str) -> str:
    return {"today": _("Today"), "week": _("This week"), "weeks": _("Past weeks")}[period]


class HistoryWindow(QWidget):
    def __init__(self, load: Load, log_path: Path, sit_limit_s: float, colours: Colours) -> None:
        super().__init__()
        self.load, self.log_path, self.sit_limit_s, self.c = load, log_path, sit_limit_s, colours
        self.setWindowTitle(_("deskbreak — History"))
        self.setAccessibleName(_("deskbreak — History"))
        self.setStyleSheet(f"HistoryWindow {{ background: {colours.bg}; }}")
        self.setAutoFillBackground(True)
        screen = self.screen().availableGeometry()
        self.resize(min(1040, int(screen.width() * 0.92)), min(860, int(screen.height() * 0.9)))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 18)
        outer.addWidget(qt_look.label(_("History"), "title", colours.ink))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Periods"))
        self.tabs.setFont(qt_look.font_of("button"))
        chosen = colours.accent_dark if colours is DARK else colours.accent
        self.tabs.setStyleSheet(
            "QTabWidget::pane { border: none; }"
            f"QTabBar::tab {{ background: {colours.quiet_bg}; color: {colours.ink}; padding: 6px 14px; }}"
            f"QTabBar::tab:selected {{ background: {chosen}; color: {colours.on_accent}; }}"
            f"QTabBar::tab:focus {{ border: 2px solid {colours.ink}; }}"
        )
        self.pages: dict[str, QWidget] = {}
        self.built: set[str] = set()
        for period in PERIODS:
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 10, 0, 0)
            self.pages[period] = page
            self.tabs.addTab(page, tab_title(period))
        self.tabs.currentChanged.connect(lambda index: self._build(PERIODS[index]))
        outer.addWidget(self.tabs, 1)
        self.notice = qt_look.label("", "small", colours.caution_ink, colours.caution_bg)
        self.notice.setContentsMargins(8, 4, 8, 4)
        self.notice.hide()
        outer.addWidget(self.notice)
        row = QHBoxLayout()
        row.setContentsMargins(0, 10, 0, 0)
        row.addWidget(qt_look.button(_("Open log file"), colours, self.open_log))
        row.addStretch(1)
        close = qt_look.button(_("Close"), colours, self._close, "primary")
        row.addWidget(close)
        outer.addLayout(row)
        shortcut = QShortcut(QKeySequence("Escape"), self)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)  # its process's one window, active or not (no WM)
        shortcut.activated.connect(self._close)
        self.tabs.setCurrentIndex(PERIODS.index(FIRST))
        self._build(FIRST)
        self.tabs.setFocus()

    def _build(self, period: str) -> None:
        """Fill a period's tab the first time it is shown."""
        if period in self.built:
            return
        self.built.add(period)
        stats, notes = self.load(period)
        layout = self.pages[period].layout()
        assert isinstance(layout, QVBoxLayout)
        if notes:
            self.notice.setText("\n".join(notes))
            self.notice.show()
        if stats is None:
            layout.addWidget(qt_look.label(_("No figures to show."), "body", self.c.muted))
            layout.addStretch(1)
            return
        layout.addWidget(self._page(stats))

    def _page(self, stats: Stats) -> QScrollArea:
        """One period: its name, the chart, the figures and the chart in words, scrolling so
        nothing is clipped at any text size."""
        c = self.c
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 12, 0)
        body.addWidget(qt_look.label(_sentence_case(stats.period.label()), "label", c.accent))
        body.addSpacing(8)
        holder = QWidget()
        holder.setMinimumHeight(CHART_HEIGHT)
        place = QVBoxLayout(holder)
        place.setContentsMargins(0, 0, 0, 0)
        body.addWidget(holder)
        QTimer.singleShot(0, lambda: place.addWidget(self._chart(stats)))  # after the window is up: matplotlib loads then
        body.addSpacing(14)
        body.addLayout(self._figures(stats))
        body.addSpacing(14)
        body.addWidget(qt_look.label(_("The chart in words"), "label", c.ink))
        words = qt_look.label("\n".join(chart_in_words(stats)), "small", c.ink)
        words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        body.addWidget(words)
        body.addStretch(1)
        scroll.setWidget(content)
        return scroll

    def _figures(self, stats: Stats) -> QGridLayout:
        """The rows `deskbreak stats` prints: what, value, detail."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(3)
        for index, (what, value, detail) in enumerate(figures(stats)):
            grid.addWidget(qt_look.label(what, "body", self.c.ink), index, 0)
            number = qt_look.label(value, "label", self.c.accent)
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(number, index, 1)
            grid.addWidget(qt_look.label(detail, "small", self.c.muted), index, 2)
        grid.setColumnStretch(2, 1)
        return grid

    def _chart(self, stats: Stats) -> QWidget:
        """The chart on a Qt canvas, or why there is none."""
        try:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            from deskbreak.stats.plot import Paper, chart
        except ImportError as exc:
            if (exc.name or "").partition(".")[0] != "matplotlib":
                raise
            return qt_look.label(PLOT_HINT, "small", self.c.muted)
        c = self.c
        paper = Paper(c.bg, c.ink, c.muted, c.quiet_hover if c is DARK else c.quiet_bg, c.muted)  # the window's own ground
        figure = Figure(dpi=100, layout="constrained")
        chart(figure, stats, self.sit_limit_s, paper, title=False)
        canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]  # matplotlib's Qt backend has no annotations
        canvas.setMinimumHeight(CHART_HEIGHT)
        canvas.setAccessibleName(_("Chart: {period}").format(period=stats.period.label()))
        canvas.setAccessibleDescription(_('The same figures are written out below the chart, under "The chart in words".'))
        return canvas

    def _close(self) -> None:
        """Close and Escape (QWidget.close returns whether it closed, which no one asks)."""
        self.close()

    def open_log(self) -> None:
        """The raw event log in the desktop's application for it."""
        if not self.log_path.exists():
            self._say(_("There is no event log yet at {path}; deskbreak writes it once it runs.").format(path=self.log_path))
        elif not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path))):
            self._say(_("No application opened {path}; open it in a text editor.").format(path=self.log_path))

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()
