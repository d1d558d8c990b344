"""deskbreak: a tray app that notices long sitting and guides an upper-back break."""

__version__ = "0.1.0"
