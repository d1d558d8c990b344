"""The tray icon and its menu, or a headless stand-in where there is no tray."""
