"""A native Wayland window (GTK 3) that makes itself fullscreen, for the busy tests on sway:
`python fullscreen_window.py` with the desktop's environment; it runs until it is ended."""

import gi

gi.require_version("Gtk", "3.0")
from gi.repository import Gtk  # noqa: E402

window = Gtk.Window(title="deskbreak-test-fullscreen")
window.connect("destroy", Gtk.main_quit)
window.show_all()
window.fullscreen()
Gtk.main()
