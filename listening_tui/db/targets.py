"""Checks on a --db target that need no database library, so the CLI can run them at once.

Used before the app starts (a wrong target gets one line and exit 2 without
the screen flashing up) and again when the engine is built.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from listening_tui.errors import DatabaseOpenError
from listening_tui.paths import make_private_folders

SQLITE_HEADER = b"SQLite format 3\x00"

SQLCIPHER_PAGE = 512
"""An encrypted (SQLCipher) file is whole pages, each a multiple of 512 bytes."""


def is_url(target: str) -> bool:
    """True for ``scheme://...`` targets, False for file paths."""
    return "://" in target


SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def precheck(target: str) -> None:
    """Refuse at once a target that can't be a database (a server is checked on connect)."""
    if not is_url(target):
        check_sqlite_file(Path(target).expanduser().absolute())
        return
    scheme = target.split("://", 1)[0]
    if scheme.split("+", 1)[0].lower() not in SUPPORTED_BACKENDS:
        raise DatabaseOpenError(unsupported(f"{scheme}://…"))


def unsupported(shown: str) -> str:
    """The sentence for a database URL of a kind the app can't use."""
    return (
        f"'{shown}' is not supported: use a SQLite file path or a PostgreSQL URL "
        "like postgresql+psycopg://user@host/dbname"
    )


def check_sqlite_file(path: Path) -> None:
    """Refuse, with a sentence, a path that cannot be or hold a campaign database."""
    if path.is_dir():
        raise DatabaseOpenError(
            f"{path} is a folder, not a database file: "
            f"give a file name, like {path / 'listening.db'}"
        )
    if not path.exists():
        parent = path.parent
        if parent.exists() and not parent.is_dir():
            raise DatabaseOpenError(f"{parent} is a file, so {path} can't be created in it")
        if parent.exists() and not os.access(parent, os.W_OK | os.X_OK):
            raise DatabaseOpenError(
                f"Can't create {path}: the folder {parent} is read-only. Choose another place"
            )
        return
    if not path.is_file():
        raise DatabaseOpenError(f"{path} is not a regular file: give a database file")
    if not os.access(path, os.R_OK):
        raise DatabaseOpenError(f"{path} can't be read: you don't have permission to open it")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER and not looks_encrypted(path):
        raise DatabaseOpenError(
            f"{path} is not a database (it is some other kind of file): "
            "give a listening-tui database file, or a new file name to start one"
        )
    if not os.access(path, os.W_OK):
        raise DatabaseOpenError(
            f"{path} is read-only: the app must be able to save into it. Make it writable "
            f"(chmod u+w {path}) or copy it somewhere you can write"
        )
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise DatabaseOpenError(
            f"The folder {path.parent} is read-only, and SQLite needs to write its journal "
            "beside the database: move the file somewhere you can write"
        )


def looks_encrypted(path: Path) -> bool:
    """Whether ``path`` may be an encrypted database: whole pages and no plain SQLite header.

    SQLCipher's first bytes are a random salt, so nothing tells its file from random
    bytes for sure: only the passphrase opening it does.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return size > 0 and size % SQLCIPHER_PAGE == 0 and header != SQLITE_HEADER


def create_private_file(path: Path) -> None:
    """Create the database file (and its folders) readable by the owner only."""
    try:
        make_private_folders(path.parent)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, stat.S_IRUSR | stat.S_IWUSR)
        os.close(fd)
        os.chmod(path, 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise DatabaseOpenError(f"Can't create {path}: {exc.strerror}") from None
