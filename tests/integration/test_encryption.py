"""Encrypted databases (SQLCipher): ``encrypt --out``, opening with a passphrase, raw bytes."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from listening_tui.db.engine import open_engine
from listening_tui.db.targets import precheck
from listening_tui.errors import (
    DatabaseOpenError,
    InvalidInput,
    OutputExists,
    PassphraseNeeded,
    WrongPassphrase,
)
from listening_tui.services.database import open_database
from listening_tui.services.maintenance import backup_database, encrypt_database
from listening_tui.services.sample import write_sample
from tests.bundle_helpers import exported
from tests.integration.test_cli import assert_one_line_refusal, run

PASSPHRASE = 'river\'side "stories" 2026'
"""Quotes of both kinds: the passphrase is quoted into SQLCipher's PRAGMA key."""


@pytest.fixture(scope="module")
def plain_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample campaign in a plain SQLite file (made once: it takes a second)."""
    path = tmp_path_factory.mktemp("plain") / "sample.db"
    write_sample(path)
    return path


@pytest.fixture(scope="module")
def secrets(plain_file: Path) -> list[bytes]:
    """Texts that must never be readable in an encrypted file: an issue, a name, a contact."""
    with closing(sqlite3.connect(plain_file)) as connection:
        issue = connection.execute("SELECT text FROM issues ORDER BY length(text) DESC").fetchone()
        name = connection.execute("SELECT name FROM interviewees ORDER BY name").fetchone()
        contact = connection.execute(
            "SELECT contact FROM interviewees WHERE contact IS NOT NULL"
        ).fetchone()
    return [str(value[0]).encode("utf-8") for value in (issue, name, contact)]


@pytest.fixture(scope="module")
def encrypted_file(plain_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An encrypted copy of the sample, written by the command line as a user would."""
    out = tmp_path_factory.mktemp("encrypted") / "sealed.db"
    result = run(
        "--db", str(plain_file), "encrypt", "--out", str(out),
        env={"LISTENING_TUI_PASSPHRASE": PASSPHRASE},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    return out


@pytest.fixture
def opened(encrypted_file: Path) -> Iterator[Any]:
    database = open_database(str(encrypted_file), passphrase=PASSPHRASE)
    try:
        yield database
    finally:
        database.close()


def files_of(path: Path) -> list[Path]:
    """The database file and any journal or WAL beside it."""
    return [p for p in path.parent.iterdir() if p.name.startswith(path.name)]


def test_the_plain_file_shows_the_secrets_so_the_byte_search_can_fail(
    plain_file: Path, secrets: list[bytes]
) -> None:
    raw = plain_file.read_bytes()
    for secret in secrets:
        assert secret in raw


def test_no_content_is_readable_in_the_encrypted_file(
    encrypted_file: Path, secrets: list[bytes]
) -> None:
    assert stat.S_IMODE(encrypted_file.stat().st_mode) == 0o600
    for path in files_of(encrypted_file):
        raw = path.read_bytes()
        assert not raw.startswith(b"SQLite format 3")
        for secret in [*secrets, b"Riverside", b"alembic_version", b"CREATE TABLE"]:
            assert secret not in raw, (path.name, secret)


def test_the_copy_opens_with_its_passphrase_and_exports_the_same_bundle(
    plain_file: Path, opened: Any, tmp_path: Path
) -> None:
    assert opened.encrypted
    assert opened.description.startswith("encrypted SQLite file")
    original = open_database(str(plain_file))
    try:
        assert exported(opened, tmp_path) == exported(original, tmp_path)
    finally:
        original.close()


def test_the_pragmas_still_apply_to_an_encrypted_file(opened: Any) -> None:
    with opened.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2
        assert connection.execute(text("PRAGMA temp_store")).scalar() == 2
        assert connection.execute(text("PRAGMA cipher_version")).scalar()


def test_writes_to_the_encrypted_file_stay_encrypted(encrypted_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(encrypted_file.read_bytes())
    copy.chmod(0o600)
    database = open_database(str(copy), passphrase=PASSPHRASE)
    try:
        with database.engine.begin() as connection:
            connection.execute(text("UPDATE campaigns SET name = 'Zebra crossing campaign Qx7'"))
        for path in files_of(copy):  # the WAL too, before any checkpoint
            assert b"Zebra crossing" not in path.read_bytes(), path.name
    finally:
        database.close()
    for path in files_of(copy):
        assert b"Zebra crossing" not in path.read_bytes(), path.name


def test_a_wrong_passphrase_is_refused_with_exit_2(encrypted_file: Path) -> None:
    result = run(
        "--db", str(encrypted_file), "rank", env={"LISTENING_TUI_PASSPHRASE": "not it at all"}
    )
    assert_one_line_refusal(result, "The passphrase does not open", str(encrypted_file))
    with pytest.raises(WrongPassphrase):
        open_engine(str(encrypted_file), passphrase="not it at all")


def test_no_passphrase_and_no_terminal_is_refused_with_exit_2(
    encrypted_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LISTENING_TUI_PASSPHRASE", raising=False)
    result = run("--db", str(encrypted_file), "rank", env={"LISTENING_TUI_PASSPHRASE": ""})
    assert_one_line_refusal(result, "encrypted database", "LISTENING_TUI_PASSPHRASE")
    with pytest.raises(PassphraseNeeded):
        open_engine(str(encrypted_file))


def test_an_encrypted_file_passes_the_precheck_but_other_files_do_not(
    encrypted_file: Path, tmp_path: Path
) -> None:
    precheck(str(encrypted_file))  # the app starts, then asks for the passphrase
    other = tmp_path / "notes.txt"
    other.write_text("not a database\n" * 10)
    with pytest.raises(DatabaseOpenError, match="not a database"):
        precheck(str(other))


def test_encrypt_never_writes_over_a_file(plain_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "taken.db"
    out.write_text("someone's only copy")
    result = run(
        "--db", str(plain_file), "encrypt", "--out", str(out),
        env={"LISTENING_TUI_PASSPHRASE": PASSPHRASE},
    )  # fmt: skip
    assert_one_line_refusal(result, "already exists")
    assert out.read_text() == "someone's only copy"
    database = open_database(str(plain_file))
    try:
        with pytest.raises(OutputExists):
            encrypt_database(database, out, PASSPHRASE)
    finally:
        database.close()


def test_a_short_passphrase_is_refused(plain_file: Path, tmp_path: Path) -> None:
    database = open_database(str(plain_file))
    try:
        with pytest.raises(InvalidInput, match="too short"):
            encrypt_database(database, tmp_path / "short.db", "abc")
    finally:
        database.close()
    assert not (tmp_path / "short.db").exists()


def test_a_backup_of_an_encrypted_file_is_encrypted_too(
    opened: Any, tmp_path: Path, secrets: list[bytes]
) -> None:
    out = backup_database(opened, tmp_path / "backup.db")
    raw = out.read_bytes()
    for secret in secrets:
        assert secret not in raw
    copy = open_database(str(out), passphrase=PASSPHRASE)
    try:
        assert exported(copy, tmp_path) == exported(opened, tmp_path)
    finally:
        copy.close()


def test_an_encrypted_copy_of_an_encrypted_file_takes_the_new_passphrase(
    opened: Any, tmp_path: Path
) -> None:
    out = encrypt_database(opened, tmp_path / "rekeyed.db", "another passphrase")
    with pytest.raises(WrongPassphrase):
        open_engine(str(out), passphrase=PASSPHRASE)
    open_engine(str(out), passphrase="another passphrase").close()


def test_postgresql_is_not_encrypted_this_way(pg_url: str, tmp_path: Path) -> None:
    database = open_database(pg_url)
    try:
        with pytest.raises(InvalidInput, match="PostgreSQL"):
            encrypt_database(database, tmp_path / "x.db", PASSPHRASE)
    finally:
        database.close()
    assert not (tmp_path / "x.db").exists()
    result = run("--db", pg_url, "encrypt", "--out", str(tmp_path / "x.db"))
    assert_one_line_refusal(result, "PostgreSQL server")
