"""The `deskbreak` command line. The click group lives in group.py and the entry point in
entry.py, so that importing this package costs nothing (the quick `status` path needs that)."""
