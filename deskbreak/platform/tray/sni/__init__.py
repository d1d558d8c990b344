"""The StatusNotifierItem tray: the item, its dbusmenu, the icon pixmaps and the watcher
registration, each in its own module, run by `SniTray` on an asyncio loop over dbus-fast."""
