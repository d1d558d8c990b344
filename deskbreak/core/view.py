"""What the tray shows, as plain data: the contract between `deskbreak/ui`, which builds a
`TrayView` from the settings and the status, and the tray adapters (`deskbreak/platform/tray`),
which only render it and turn clicks into the `Command` dicts it carries. It lives in the core
so that both sides can import it without either importing the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Hashable

Command = dict[str, Any]
OnCommand = Callable[[Command], None]


@dataclass(frozen=True)
class MenuItem:
    label: str
    command: Command | None = None  # None: a plain label, or a submenu's parent
    submenu: tuple["MenuItem", ...] = ()
    checked: bool | None = None  # None: not a check item
    enabled: bool = True
    visible: bool = True

    @property
    def separator(self) -> bool:
        return self is SEPARATOR or self.label == "-"


SEPARATOR = MenuItem("-")


@dataclass(frozen=True)
class TrayIcon:
    """The icon as a key (what it looks like, hashable) and a way to draw any look at any size.
    Backends redraw only when the key changes; `looks` lists every key the icon can take, so a
    backend may draw them all once and then only look them up, and keep them in the file
    `kept` so later starts need no drawing (nor Pillow). The callables, `looks` and `kept` are
    left out of comparisons."""

    key: Hashable
    draw_look: Callable[[Any, int], Any] = field(compare=False, repr=False)  # (a key of `looks`, size) -> a PIL image
    looks: tuple[Hashable, ...] = field(default=(), compare=False, repr=False)
    kept: str | None = field(default=None, compare=False, repr=False)  # a file for the drawn looks, named by the art's version

    def draw(self, size: int) -> Any:
        """This icon's look at `size` px."""
        return self.draw_look(self.key, size)


@dataclass(frozen=True)
class TrayView:
    icon: TrayIcon
    title: str  # the application's name as the host lists it
    tooltip: str  # "Sitting 34 min · break in 16 min"
    label: str  # the short state beside the icon where the host shows one ("16m", "paused")
    menu: tuple[MenuItem, ...]
    default: Command | None = None  # what activating the icon does (a left click where it is not the menu)
    attention: bool = False  # a break is due
