"""The local control channel between the CLI (and routine windows) and the running daemon."""
