"""Settings read from the environment (prefix ``LISTENING_TUI_``)."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict

from listening_tui.paths import default_db_path


class Settings(BaseSettings):
    """What the app and the CLI need to know before they open a database."""

    model_config = SettingsConfigDict(env_prefix="LISTENING_TUI_", extra="ignore")

    db: str | None = None
    """The database: a SQLite file path or an SQLAlchemy URL (``LISTENING_TUI_DB``)."""

    busy_timeout_ms: int = 10_000
    """How long a SQLite writer waits for another writer before giving up."""

    def db_target(self, cli_value: str | None = None) -> str:
        """The database to open: --db first, then LISTENING_TUI_DB, then the data folder."""
        if cli_value:
            return cli_value
        if self.db:
            return self.db
        return str(default_db_path())
