"""Encrypted copies of a SQLite campaign database (SQLCipher), safe while the app runs.

The copy is made by SQLCipher's own ``sqlcipher_export`` into a new file
attached with the passphrase as its key, inside one read transaction on
the source (so a listener saving at that moment is not copied half-way).
Nothing of the content is ever written to disk in clear: temporary tables
stay in memory, and the new file is created empty with mode 0600 first.
The copy is opened again with the passphrase and checked before it counts.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any

import sqlcipher3

from listening_tui.db.engine import Database
from listening_tui.errors import InvalidInput, ListeningError

QUIET = "PRAGMA cipher_log_level = NONE"
"""SQLCipher logs failures on stderr, where the app draws its screen: it must not."""

MIN_PASSPHRASE = 8
"""Characters a new passphrase must have at least: a short one is guessed in minutes."""


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to protect anything."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput(
            f"The passphrase is too short: use at least {MIN_PASSPHRASE} characters "
            "(a few words you can remember, like a short sentence)"
        )


def quoted(passphrase: str) -> str:
    """The passphrase as a SQL string literal (PRAGMA key takes no bound parameter)."""
    return "'" + passphrase.replace("'", "''") + "'"


def encrypted_copy(database: Database, out: Path, passphrase: str) -> None:
    """Write ``database`` (a SQLite file, plain or encrypted) to the new file ``out``,
    encrypted with ``passphrase``; checked, mode 0600, never over an existing file."""
    from listening_tui.db.backup import create_private, discard

    assert database.path is not None, "only a SQLite file is copied this way"
    create_private(out)
    try:
        with closing(sqlcipher3.connect(str(database.path), isolation_level=None)) as source:
            source.execute(QUIET)
            if database.passphrase is not None:
                source.execute(f"PRAGMA key = {quoted(database.passphrase)}")
            source.execute("PRAGMA busy_timeout = 10000")
            source.execute("PRAGMA temp_store = MEMORY")
            source.execute("ATTACH DATABASE ? AS sealed KEY ?", (str(out), passphrase))
            source.execute("BEGIN")
            source.execute("SELECT sqlcipher_export('sealed')")
            source.execute("COMMIT")
            source.execute("DETACH DATABASE sealed")
        _check_copy(out, passphrase)
    except sqlcipher3.Error as exc:
        discard(out)
        raise ListeningError(
            f"The encrypted copy to {out} failed ({exc}), so it was removed: check there is "
            "space and try again"
        ) from None
    except BaseException:
        discard(out)
        raise


def _check_copy(out: Path, passphrase: str) -> None:
    """Open the copy with its passphrase and check every page."""
    with closing(sqlcipher3.connect(str(out), isolation_level=None)) as copy:
        copy.execute(QUIET)
        copy.execute(f"PRAGMA key = {quoted(passphrase)}")
        problems: list[Any] = copy.execute("PRAGMA cipher_integrity_check").fetchall()
        verdict = copy.execute("PRAGMA integrity_check").fetchone()
    if problems or verdict is None or verdict[0] != "ok":
        raise ListeningError(
            f"The encrypted copy written to {out} failed its check, so it was removed: "
            "run listening-tui check on the database"
        )
