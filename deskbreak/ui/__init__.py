"""What the user sees: tray icon art and menu, the routine window and its illustrations."""
