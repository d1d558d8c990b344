"""Event sounds by name (a timed step ends, the routine is done) through the desktop's sound server."""
