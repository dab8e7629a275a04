"""Backups and checks: the same functions behind ``backup``, ``check`` and the app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection

from listening_tui.db import checks
from listening_tui.db.backup import copy_sqlite
from listening_tui.db.engine import Database
from listening_tui.db.migrate import HEAD
from listening_tui.errors import InvalidInput


class CheckResult(BaseModel):
    """One check: what it looked at and what it found wrong (nothing, when all is well)."""

    model_config = ConfigDict(frozen=True)

    name: str
    problems: tuple[str, ...]


def backup_database(database: Database, out: Path) -> Path:
    """A consistent copy of the open SQLite database in the new file ``out``."""
    if database.path is None:
        raise InvalidInput(
            "A PostgreSQL campaign is copied with the server's own tool: "
            "pg_dump --format=custom --file=FILE with the same connection details"
        )
    copy_sqlite(database, out)
    return out


def check_can_encrypt(database: Database) -> None:
    """Refuse a PostgreSQL campaign (before anyone is asked for a passphrase)."""
    if database.path is None:
        raise InvalidInput(
            "Only a SQLite campaign file is encrypted this way: a PostgreSQL server keeps "
            "its data encrypted with the server's own disk encryption"
        )


def encrypt_database(database: Database, out: Path, passphrase: str) -> Path:
    """An encrypted copy (SQLCipher) of the open SQLite database in the new file ``out``."""
    from listening_tui.db.encryption import check_new_passphrase, encrypted_copy

    check_can_encrypt(database)
    check_new_passphrase(passphrase)
    out = out.expanduser().absolute()
    encrypted_copy(database, out, passphrase)
    return out


_CHECKS: tuple[tuple[str, Callable[[Connection], list[str]]], ...] = (
    ("storage (SQLite integrity and foreign keys)", checks.storage),
    ("positions of issues, interviewees, quotes and references", checks.positions),
    ("every issue's theme belongs to its campaign", checks.themes),
    ("kept versions of sessions", checks.revisions),
)


def check_database(database: Database) -> list[CheckResult]:
    """Run every check in one read transaction; each result lists what is wrong."""
    results: list[CheckResult] = []
    with database.engine.connect() as connection:
        version = checks.schema_version(connection)
        results.append(
            CheckResult(
                name=f"schema at migration {HEAD}",
                problems=()
                if version == HEAD
                else (f"the schema is at migration {version}, not {HEAD}",),
            )
        )
        for name, run in _CHECKS:
            results.append(CheckResult(name=name, problems=tuple(run(connection))))
    return results
