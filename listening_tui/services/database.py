"""Open a campaign database and bring its schema to the newest migration."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from listening_tui.config import Settings
from listening_tui.db.engine import Database, open_engine
from listening_tui.db.migrate import HEAD, current_revision, upgrade_to_head
from listening_tui.errors import DatabaseOpenError


def open_database(
    target: str | None = None,
    settings: Settings | None = None,
    *,
    passphrase: str | None = None,
) -> Database:
    """Open --db TARGET (or LISTENING_TUI_DB, or the default file) and upgrade it to head.

    ``passphrase`` opens an encrypted SQLite file (PassphraseNeeded without it).
    """
    settings = settings or Settings()
    resolved = settings.db_target(target)
    database = open_engine(
        resolved, busy_timeout_ms=settings.busy_timeout_ms, passphrase=passphrase
    )
    try:
        if database.path is not None:
            _backup_before_upgrade(database)
        upgrade_to_head(database.engine)
    except DBAPIError as exc:
        database.close()
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise DatabaseOpenError(
            f"{database.description} can't be prepared for use ({reason}): "
            "check you may write to it"
        ) from None
    except Exception as exc:
        database.close()
        if type(exc).__module__.startswith("alembic"):
            raise DatabaseOpenError(
                f"{database.description} was made by a newer or different version of "
                f"listening-tui ({exc}): upgrade listening-tui to open it"
            ) from None
        raise
    return database


def _backup_before_upgrade(database: Database) -> None:
    """Copy a SQLite database holding data before a migration changes it (next to the file)."""
    revision = current_revision(database.engine)
    if revision is None or revision == HEAD:
        return
    from listening_tui.db.migrate import known_revision

    if known_revision(revision):
        from listening_tui.db.backup import backup_before_upgrade

        backup_before_upgrade(database, revision)
