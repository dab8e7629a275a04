"""Where listening-tui keeps its files: computed on demand, never at import time."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "listening-tui"
DEFAULT_DB_FILENAME = "listening.db"
ENV_PREFIX = "LISTENING_TUI_"
DB_ENV = ENV_PREFIX + "DB"
"""The environment variable that names the database when --db is not given."""


def make_private_folders(folder: Path) -> None:
    """Create ``folder`` and every missing parent readable by the owner only (0700).

    ``mkdir(parents=True, mode=...)`` gives the mode to the last folder only: the
    parents would be left to the umask, often readable by everyone.
    """
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        try:
            candidate.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(candidate, 0o700)


def data_dir() -> Path:
    """The user's data folder for the app (the platform's usual place)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The user's config folder for the app (the name given when the app starts)."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def rescue_dir() -> Path:
    """Where forms go when the database cannot take them (offered back at the next start)."""
    return data_dir() / "rescue"


def default_db_path() -> Path:
    """The database used when neither --db nor LISTENING_TUI_DB names one."""
    return data_dir() / DEFAULT_DB_FILENAME


def resolve_db_target(cli_value: str | None, env_value: str | None = None) -> str:
    """The database to open: --db first, then LISTENING_TUI_DB, then the data folder.

    Light on purpose (no pydantic): the app calls it before its first screen.
    """
    if cli_value:
        return cli_value
    from_env = env_value if env_value is not None else os.environ.get(DB_ENV)
    if from_env:
        return from_env
    return str(default_db_path())
