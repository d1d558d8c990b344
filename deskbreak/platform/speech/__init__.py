"""Speaking a routine aloud through the desktop's speech service (speech-dispatcher on Linux)."""
