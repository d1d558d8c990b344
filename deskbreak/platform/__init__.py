"""Thin adapters to the desktop (idle time, busy state, notifications, tray, autostart), each
behind a small Protocol and chosen at start-up by probing, with the reasons for every rejected
candidate kept for `deskbreak doctor`."""
