"""Consistent copies of a SQLite campaign database, safe while the app is writing to it.

SQLite's online backup copies the pages under a read transaction, so a
listener saving at the same moment is neither blocked for long nor copied
half-way. The copy is checked before it is called a backup.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing, suppress
from datetime import UTC, datetime
from pathlib import Path

from listening_tui.db.engine import Database
from listening_tui.errors import InvalidInput, ListeningError, OutputExists


def copy_sqlite(database: Database, out: Path) -> None:
    """Write a checked copy of ``database`` (a SQLite file) to the new file ``out``, mode 0600."""
    assert database.path is not None, "only a SQLite file is copied this way"
    if database.passphrase is not None:
        from listening_tui.db.encryption import encrypted_copy

        encrypted_copy(database, out, database.passphrase)
        return
    create_private(out)
    try:
        raw = database.engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            with closing(sqlite3.connect(out)) as target:
                source.backup(target)
                target.execute("PRAGMA journal_mode=DELETE")
                verdict = target.execute("PRAGMA integrity_check").fetchone()
        finally:
            raw.close()
        if verdict is None or verdict[0] != "ok":
            raise ListeningError(
                f"The copy written to {out} failed its integrity check, so it was removed: "
                "run listening-tui check on the database"
            )
    except sqlite3.Error as exc:
        discard(out)
        raise ListeningError(
            f"The copy to {out} failed ({exc}), so it was removed: check there is space "
            "and try again"
        ) from None
    except BaseException:
        discard(out)
        raise


def backup_before_upgrade(database: Database, from_revision: str) -> Path:
    """Copy the database next to itself before a migration changes it; returns the copy's path."""
    assert database.path is not None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = database.path.with_name(
        f"{database.path.stem}.before-upgrade-from-{from_revision}-{stamp}{database.path.suffix}"
    )
    copy_sqlite(database, out)
    return out


def create_private(out: Path) -> None:
    """Create ``out`` empty, mode 0600; refuse an existing file or a missing folder."""
    if out.exists() or out.is_symlink():
        raise OutputExists(
            f"{out} already exists and is not overwritten: delete it first, "
            "or give another file name"
        )
    if not out.parent.is_dir():
        raise InvalidInput(f"There is no folder {out.parent}: create it first, or give another")
    try:
        os.close(os.open(out, os.O_CREAT | os.O_EXCL | os.O_WRONLY, stat.S_IRUSR | stat.S_IWUSR))
    except OSError as exc:
        raise InvalidInput(f"Can't create {out}: {exc.strerror}") from None


def discard(out: Path) -> None:
    """Remove a copy that failed, and its journal."""
    for path in (out, out.with_name(out.name + "-journal")):
        with suppress(OSError):
            path.unlink()
