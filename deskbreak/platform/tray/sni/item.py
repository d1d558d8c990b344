"""`org.kde.StatusNotifierItem`: the icon, its texts and what a click on it does.

What hosts need, checked against GNOME's AppIndicator extension, KDE Plasma, waybar and
XFCE's panel: `IconName` empty (else a themed icon wins over the pixmap), `Menu` always set,
`Id` and `Category` non-empty, and a `New*` signal for every change (hosts ignore
PropertiesChanged and fetch the property again on the signal).

A left click opens the menu on every host, and starts nothing: `ItemIsMenu` is true, which
GNOME's extension, waybar and XFCE's panel follow; KDE Plasma 5.27 calls `Activate` anyway and
shows the menu only when `Activate` answers with an error (as libappindicator's items do), so
`Activate` always answers with one. Starting a break is one more click, in the menu.
"""

from dbus_fast.constants import PropertyAccess
from dbus_fast.errors import DBusError
from dbus_fast.service import ServiceInterface, dbus_property, method, signal

from deskbreak.platform.tray.sni.dbusmenu import PATH as MENU_PATH
from deskbreak.platform.tray.sni.pixmap import Pixmap

PATH = "/StatusNotifierItem"
ITEM_ID = "deskbreak"


class StatusNotifierItem(ServiceInterface):
    def __init__(self) -> None:
        super().__init__("org.kde.StatusNotifierItem")
        self.title = "deskbreak"
        self.tooltip = ""
        self.label = ""
        self.status = "Active"
        self.pixmaps: list[Pixmap] = []

    def show(
        self,
        *,
        pixmaps: list[Pixmap] | None = None,
        title: str | None = None,
        tooltip: str | None = None,
        label: str | None = None,
        status: str | None = None,
    ) -> None:
        """Change what is shown and emit the signal for each part that changed. The attention
        icon is the icon itself (the due look), announced only while a break is due, so hosts
        do not fetch a second copy of every icon."""
        if status is not None and status != self.status:
            self.status = status
            self.NewStatus()
        if pixmaps is not None:
            self.pixmaps = pixmaps
            self.NewIcon()
            if self.status == "NeedsAttention":
                self.NewAttentionIcon()
        if title is not None and title != self.title:
            self.title = title
            self.NewTitle()
        if tooltip is not None and tooltip != self.tooltip:
            self.tooltip = tooltip
            self.NewToolTip()
        if label is not None and label != self.label:
            self.label = label
            self.XAyatanaNewLabel()

    @dbus_property(access=PropertyAccess.READ)
    def Category(self) -> "s":  # noqa: F821
        return "ApplicationStatus"

    @dbus_property(access=PropertyAccess.READ)
    def Id(self) -> "s":  # noqa: F821
        return ITEM_ID

    @dbus_property(access=PropertyAccess.READ)
    def Title(self) -> "s":  # noqa: F821
        return self.title

    @dbus_property(access=PropertyAccess.READ)
    def Status(self) -> "s":  # noqa: F821
        return self.status

    @dbus_property(access=PropertyAccess.READ)
    def WindowId(self) -> "i":  # noqa: F821
        return 0

    @dbus_property(access=PropertyAccess.READ)
    def IconName(self) -> "s":  # noqa: F821
        return ""

    @dbus_property(access=PropertyAccess.READ)
    def IconThemePath(self) -> "s":  # noqa: F821
        return ""

    @dbus_property(access=PropertyAccess.READ)
    def IconPixmap(self) -> "a(iiay)":  # noqa: F821
        return [list(p) for p in self.pixmaps]

    @dbus_property(access=PropertyAccess.READ)
    def OverlayIconName(self) -> "s":  # noqa: F821
        return ""

    @dbus_property(access=PropertyAccess.READ)
    def OverlayIconPixmap(self) -> "a(iiay)":  # noqa: F821
        return []

    @dbus_property(access=PropertyAccess.READ)
    def AttentionIconName(self) -> "s":  # noqa: F821
        return ""

    @dbus_property(access=PropertyAccess.READ)
    def AttentionIconPixmap(self) -> "a(iiay)":  # noqa: F821
        """The due icon is already the attention look; empty while no break is due, since hosts
        fetch every property (XFCE's GetAll) on each change of tooltip or label."""
        return [list(p) for p in self.pixmaps] if self.status == "NeedsAttention" else []

    @dbus_property(access=PropertyAccess.READ)
    def AttentionMovieName(self) -> "s":  # noqa: F821
        return ""

    @dbus_property(access=PropertyAccess.READ)
    def ToolTip(self) -> "(sa(iiay)ss)":  # noqa: F821
        return ["", [], self.title, self.tooltip]

    @dbus_property(access=PropertyAccess.READ)
    def ItemIsMenu(self) -> "b":  # noqa: F821
        return True

    @dbus_property(access=PropertyAccess.READ)
    def Menu(self) -> "o":  # noqa: F821
        return MENU_PATH

    @dbus_property(access=PropertyAccess.READ)
    def XAyatanaLabel(self) -> "s":  # noqa: F821
        return self.label

    @dbus_property(access=PropertyAccess.READ)
    def XAyatanaLabelGuide(self) -> "s":  # noqa: F821
        return "paused"  # the widest label, so the host keeps the width steady

    @method()
    def Activate(self, x: "i", y: "i") -> None:  # noqa: F821
        raise DBusError("org.freedesktop.DBus.Error.NotSupported", "deskbreak's icon is a menu: open it")

    @method()
    def SecondaryActivate(self, x: "i", y: "i") -> None:  # noqa: F821
        pass  # a middle click: nothing, so a stray click cannot start or pause anything

    @method()
    def ContextMenu(self, x: "i", y: "i") -> None:  # noqa: F821
        pass  # every host shows the exported Menu itself

    @method()
    def Scroll(self, delta: "i", orientation: "s") -> None:  # noqa: F821
        pass

    @signal()
    def NewIcon(self):
        return None

    @signal()
    def NewAttentionIcon(self):
        return None

    @signal()
    def NewTitle(self):
        return None

    @signal()
    def NewToolTip(self):
        return None

    @signal()
    def NewStatus(self) -> "s":  # noqa: F821
        return self.status

    @signal()
    def XAyatanaNewLabel(self) -> "ss":  # noqa: F821
        return [self.label, "paused"]
