"""Showing the break reminder: desktop notifications with buttons, plain ones, or the console."""
