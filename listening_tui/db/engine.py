"""Open a campaign database from a --db target: a SQLite file or an SQLAlchemy URL.

SQLite is the embedded default: WAL so readers never block the writer,
``foreign_keys=ON``, ``synchronous=FULL`` so that a session the app calls
saved survives a power cut, a busy timeout so writers queue instead of
failing, and reads through a memory map of the file. Write transactions start
with ``BEGIN IMMEDIATE`` so two writers never deadlock upgrading a read lock.
Files the app creates are readable by their owner only: they hold personal
stories and contact details.

An encrypted file (SQLCipher, through SQLAlchemy's ``sqlite+pysqlcipher``
dialect) is opened with the passphrase the caller got from the user; the same
pragmas apply, and temporary tables stay in memory so nothing of it is
written to disk in clear.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from listening_tui.db.targets import (
    check_sqlite_file,
    create_private_file,
    is_url,
    looks_encrypted,
    unsupported,
)
from listening_tui.errors import DatabaseOpenError, PassphraseNeeded, WrongPassphrase

ENCRYPTED_DRIVER = "sqlite+pysqlcipher"
"""SQLAlchemy's dialect for SQLCipher files (the sqlcipher3 package)."""

IMMEDIATE = "listening_tui_immediate"
"""Execution option: begin this SQLite transaction with BEGIN IMMEDIATE (a writer)."""

WRITER_PATIENCE_SECONDS = 300.0
"""How long a writer keeps trying for SQLite's write lock before it gives up and says so."""

MMAP_BYTES = 256 * 1024 * 1024
"""How much of a plain SQLite file each connection reads through a memory map."""

UNICODE_LOWER = "unicode_lower"
"""A SQL function on SQLite connections: Python's str.lower (SQLite's lower() is ASCII only)."""


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


@dataclass
class Database:
    """An open campaign database: its engine and a factory of ORM sessions."""

    engine: Engine
    session_factory: sessionmaker[Session]
    description: str
    """What the app shows as the open database (no password)."""
    path: Path | None = None
    """The SQLite file, or None for a server database."""

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    file_id: tuple[int, int] | None = None
    """The SQLite file's (device, inode) when it was opened, to notice it deleted or replaced."""

    actor: str = "unknown"
    """Who is acting, written into the audit log (the app's start name, the CLI's --as)."""

    @property
    def encrypted(self) -> bool:
        """Whether this is an encrypted (SQLCipher) file."""
        return self.engine.dialect.driver == "pysqlcipher"

    @property
    def passphrase(self) -> str | None:
        """The passphrase of an encrypted file (kept in memory only, as long as it is open)."""
        return self.engine.url.password if self.encrypted else None

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def file_problem(self) -> str | None:
        """Why the SQLite file is no longer the one opened (deleted, moved, replaced), or None.

        SQLite keeps writing to a deleted file's inode without complaint, and all of it
        would vanish when the app closed: a write must not be called saved then.
        """
        if self.path is None or self.file_id is None:
            return None
        try:
            found = self.path.stat()
        except OSError:
            return f"The database file {self.path} was deleted or moved while the app was open"
        if (found.st_dev, found.st_ino) != self.file_id:
            return f"The database file {self.path} was replaced by another while the app was open"
        return None


def resolve_target(target: str) -> URL | Path:
    """A URL for ``scheme://`` targets, else a SQLite file path."""
    if not is_url(target):
        return Path(target).expanduser()
    try:
        url = make_url(target)
    except ArgumentError:
        raise DatabaseOpenError(
            f"'{target}' is not a database URL: give a SQLite file path or a URL like "
            "postgresql+psycopg://user@host/dbname"
        ) from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise DatabaseOpenError(
                f"'{target}' names no file: give a SQLite file path, like sqlite:///campaign.db"
            )
        return Path(url.database).expanduser()
    if backend == "postgresql":
        if url.drivername in ("postgresql", "postgresql+psycopg2"):
            url = url.set(drivername="postgresql+psycopg")
        return url
    raise DatabaseOpenError(unsupported(url.render_as_string(hide_password=True)))


def open_engine(
    target: str, *, busy_timeout_ms: int = 10_000, passphrase: str | None = None
) -> Database:
    """Check the target, then build an engine for it (does not migrate).

    ``passphrase`` opens an encrypted SQLite file; it is ignored for any other
    target. An encrypted file without one raises PassphraseNeeded, with a wrong
    one WrongPassphrase.
    """
    resolved = resolve_target(target)
    if isinstance(resolved, Path):
        return _open_sqlite(resolved, busy_timeout_ms, passphrase)
    return _open_postgresql(resolved)


def _open_sqlite(path: Path, busy_timeout_ms: int, passphrase: str | None = None) -> Database:
    path = path.absolute()
    check_sqlite_file(path)
    encrypted = path.exists() and looks_encrypted(path)
    if encrypted and passphrase is None:
        raise PassphraseNeeded(
            f"{path} is an encrypted database: it opens only with its passphrase "
            "(set LISTENING_TUI_PASSPHRASE, or type it when asked)"
        )
    if not path.exists():
        create_private_file(path)
    if encrypted:
        url = URL.create(ENCRYPTED_DRIVER, password=passphrase, database=str(path))
        # The dialect's default (one connection per thread) would keep a connection for
        # every worker thread; a plain file's queue pool serves the app as well here.
        engine = create_engine(url, poolclass=QueuePool)
    else:
        engine = create_engine(f"sqlite:///{path}")
    _configure_sqlite(engine, busy_timeout_ms, encrypted=encrypted)
    try:
        with engine.connect() as connection:
            names = inspect(connection).get_table_names()
    except DBAPIError as exc:
        engine.dispose()
        if encrypted:
            raise WrongPassphrase(
                f"The passphrase does not open {path}: type it again, exactly (capitals "
                "count), or check this is an encrypted listening-tui database"
            ) from None
        raise DatabaseOpenError(
            f"{path} can't be opened as a database ({_reason(exc)}): "
            "check it is a listening-tui database file"
        ) from None
    if names and "alembic_version" not in names:
        engine.dispose()
        raise DatabaseOpenError(
            f"{path} is a SQLite database of another program (it has tables but is not a "
            "listening-tui database): choose another file"
        )
    found = path.stat()
    shown = f"encrypted SQLite file {path}" if encrypted else f"SQLite file {path}"
    return Database(engine, _factory(engine), shown, path, (found.st_dev, found.st_ino))


def _configure_sqlite(engine: Engine, busy_timeout_ms: int, *, encrypted: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's BEGIN below own transactions (pysqlite's own is unreliable).
        dbapi_connection.isolation_level = None
        dbapi_connection.create_function(UNICODE_LOWER, 1, _unicode_lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        try:
            if encrypted:
                # SQLCipher logs a wrong key's failed pages on stderr, where the app draws.
                cursor.execute("PRAGMA cipher_log_level = NONE")
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = FULL")
            if encrypted:
                # Sorts and temporary tables in memory: a temporary file is not encrypted.
                cursor.execute("PRAGMA temp_store = MEMORY")
            else:
                # Read pages where the OS already caches them instead of copying each into
                # SQLite's 2 MB page cache: the ranking of a large campaign reads ~15%
                # faster (SQLCipher never maps its files).
                cursor.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        if not immediate:
            connection.exec_driver_sql("BEGIN")
            return
        # A writer waits its turn: SQLite's busy handler waits up to the busy timeout, and
        # past it the BEGIN is simply tried again (nothing has been done yet), so a queue
        # of writers never shows anyone "database is locked" while the others finish.
        deadline = time.monotonic() + WRITER_PATIENCE_SECONDS
        while True:
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as exc:
                reason = str(exc.orig).lower()
                busy = "locked" in reason or "busy" in reason
                if not busy or time.monotonic() > deadline:
                    raise
                time.sleep(random.uniform(0.005, 0.05))


def _open_postgresql(url: URL) -> Database:
    shown = url.render_as_string(hide_password=True)
    try:
        engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    except NoSuchModuleError:
        raise DatabaseOpenError(
            f"'{shown}' needs the psycopg driver: use postgresql+psycopg://"
        ) from None
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        raise DatabaseOpenError(
            f"Can't reach the PostgreSQL database {shown} ({_reason(exc)}): check the URL, "
            "that the server is running and that you may connect"
        ) from None
    description = f"PostgreSQL {url.username or ''}@{url.host or 'localhost'}/{url.database}"
    return Database(engine, _factory(engine), description)


def _factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


def _reason(exc: DBAPIError) -> str:
    """The driver's own first line, without SQLAlchemy's background links."""
    text = str(exc.orig) if exc.orig is not None else str(exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__
