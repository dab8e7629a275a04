"""Where listening-tui keeps its files: computed on demand, never at import time."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "listening-tui"
DEFAULT_DB_FILENAME = "listening.db"


def data_dir() -> Path:
    """The user's data folder for the app (the platform's usual place)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """The database used when neither --db nor LISTENING_TUI_DB names one."""
    return data_dir() / DEFAULT_DB_FILENAME
