"""Settings read from the environment (prefix ``LISTENING_TUI_``)."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict

from listening_tui.paths import ENV_PREFIX, resolve_db_target


class Settings(BaseSettings):
    """What the app and the CLI need to know before they open a database."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    db: str | None = None
    """The database: a SQLite file path or an SQLAlchemy URL (``LISTENING_TUI_DB``)."""

    busy_timeout_ms: int = 10_000
    """How long a SQLite writer waits for another writer before giving up."""

    def db_target(self, cli_value: str | None = None) -> str:
        """The database to open: --db first, then LISTENING_TUI_DB, then the data folder."""
        return resolve_db_target(cli_value, self.db or "")
