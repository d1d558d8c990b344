"""How long the user has been idle (no keyboard or mouse input)."""
