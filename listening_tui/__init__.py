"""listening-tui: run listening campaigns from the terminal."""

__version__ = "0.1.0"
