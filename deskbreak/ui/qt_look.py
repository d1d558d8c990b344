"""The look every deskbreak window shares: two colour schemes, one type scale, the button styles
(and hearing that Qt cannot reach the display, which every window process must say in one line).

The routine window, the settings window, the welcome and the history window draw with these, so
they read as one application and follow the desktop's dark scheme the same way. Qt only; no
window logic here. Threading: call from Qt's main thread (fonts and palettes are Qt's).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Callable, TypeVar

import shiboken6
from PySide6.QtCore import Qt, qInstallMessageHandler
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget


@dataclass(frozen=True)
class Colours:
    """One colour scheme; LIGHT is the original look, DARK follows a dark desktop."""

    bg: str
    ink: str
    muted: str
    accent: str
    accent_dark: str
    flash: str
    caution_bg: str
    caution_edge: str
    caution_ink: str
    quiet_bg: str
    quiet_hover: str
    on_accent: str = "#ffffff"
    field_bg: str = "#ffffff"  # the inside of an entry, a spin box or a list
    error: str = "#a4261b"  # the words beside a field that says what is wrong


LIGHT = Colours("#f6f3ec", "#26302e", "#5d6866", "#2f7d74", "#23615a", "#cfeee4", "#fff1c9", "#d9a21b", "#5b4300", "#e6e1d6", "#d6d0c2")
DARK = Colours(
    "#1d2422", "#ece7dd", "#a9b3b0", "#5cb5a9", "#2f7d74", "#24473f", "#3a3016", "#d9a21b", "#f6e2a6", "#2c3533", "#3a4542",
    field_bg="#141a19", error="#ff9b8f",
)  # fmt: skip
# the type scale in points at a 10 pt desktop font; every size follows the desktop's own
TYPE = {"title": 20, "step": 24, "body": 14, "small": 11, "label": 13, "counter": 44, "button": 12}
_BOLD = ("title", "step", "label", "counter", "button")


def desktop_is_dark() -> bool:
    """The desktop asks for dark: Qt's colour scheme says so (GNOME, portals), or, where the
    scheme is unknown, the palette the desktop's theme gave Qt is dark (a KDE dark theme)."""
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    return QGuiApplication.palette().window().color().lightness() < 128


def colours() -> Colours:
    """The scheme for a window opened now."""
    return DARK if desktop_is_dark() else LIGHT


def font_of(kind: str, italic: bool = False) -> QFont:
    """A size of the type scale, relative to the desktop's font so it scales with it."""
    base = QApplication.font()
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font = QFont(base)
    font.setPointSizeF(TYPE[kind] * size / 10)
    font.setBold(kind in _BOLD)
    font.setItalic(italic)
    return font


def style_button(button: QPushButton, c: Colours, style: str = "quiet", small: bool = False) -> None:
    """A flat button of the scheme: "primary", "quiet" or "caution", with a visible focus ring."""
    bg, fg, hover = {
        "primary": (c.accent_dark if c is DARK else c.accent, c.on_accent, c.accent if c is DARK else c.accent_dark),
        "quiet": (c.quiet_bg, c.ink, c.quiet_hover),
        "caution": (c.caution_edge, "#ffffff" if c is LIGHT else "#1d1400", c.caution_ink if c is LIGHT else "#f0c14b"),
    }[style]
    pad = "4px 10px" if small else "8px 14px"
    button.setFont(font_of("small" if small else "button"))
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet(
        f"QPushButton {{ background: {bg}; color: {fg}; border: none; padding: {pad}; }}"
        f"QPushButton:hover, QPushButton:pressed {{ background: {hover}; }}"
        f"QPushButton:focus {{ outline: none; border: 2px solid {c.ink}; padding: {'2px 8px' if small else '6px 12px'}; }}"
    )


def application() -> QApplication:
    """The process's one QApplication, named as the menu entry is (the Wayland app_id, the X11 WM_CLASS)."""
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("deskbreak")
    app.setDesktopFileName("deskbreak")
    return app


W = TypeVar("W", bound=QWidget)


def run_until_closed(make: Callable[[], W], cannot_connect: Callable[[str], None], result: Callable[[W], int] = lambda _window: 0) -> int:
    """Show the window `make` builds until it closes; `result` reads its exit code from it. The
    set-up every deskbreak window but the routine's shares; `cannot_connect` as hear_no_display."""
    hear_no_display(cannot_connect)
    app = application()
    window = make()
    window.show()
    window.activateWindow()
    app.exec()
    code = result(window)
    shiboken6.delete(window)  # before the interpreter's teardown, where Qt's accessibility bridge would meet it half gone
    return code


def label(text: str, kind: str, colour: str, bg: str | None = None, italic: bool = False) -> QLabel:
    """Wrapping plain text (never read as markup) at a size of the type scale."""
    widget = QLabel(text)
    widget.setFont(font_of(kind, italic))
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setStyleSheet(f"color: {colour};" + (f" background: {bg};" if bg else ""))
    return widget


def button(text: str, c: Colours, action: Callable[[], None], style: str = "quiet", small: bool = False) -> QPushButton:
    """A styled button whose label is its accessible name."""
    widget = QPushButton(text)
    widget.setAccessibleName(text)
    style_button(widget, c, style, small)
    widget.clicked.connect(action)
    return widget


def window_sheet(c: Colours, *backgrounds: str) -> str:
    """A form window's style sheet: the scheme's background on the widgets named (object names),
    its ink on text, and fields the scheme's colours. Check boxes and scroll bars keep the
    desktop style's own drawing, so they stay visible in either scheme."""
    named = ", ".join(f"QWidget#{name}" for name in backgrounds)
    return (
        f"{named} {{ background: {c.bg}; }}"
        f"QLabel, QCheckBox {{ color: {c.ink}; }}"
        f"QLineEdit, QSpinBox, QComboBox {{ background: {c.field_bg}; color: {c.ink}; padding: 3px; }}"
    )


NO_CONNECTION = ("could not connect to display", "Failed to create wayland connection")


def hear_no_display(cannot_connect: Callable[[str], None]) -> None:
    """Before the first window: Qt aborts the process when its platform cannot connect, right
    after saying so; `cannot_connect` hears that line first (and must not return). Every other
    message goes to stderr as Qt's own handler would put it."""

    def handler(_kind: object, _context: object, message: str) -> None:
        print(message, file=sys.stderr)
        if any(text in message for text in NO_CONNECTION):
            cannot_connect(f"Qt cannot connect to the display ({message.strip()})")

    qInstallMessageHandler(handler)
