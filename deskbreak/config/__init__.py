"""Configuration: TOML on disk -> validated, frozen Settings."""
