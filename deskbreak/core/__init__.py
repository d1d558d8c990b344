"""The pure core: every rule of deskbreak, with time and facts passed in. No I/O, no threads."""
