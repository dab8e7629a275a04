"""Opening --db targets: what works, and a clear DatabaseOpenError for what does not."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from listening_tui.config import Settings
from listening_tui.db.engine import resolve_target
from listening_tui.db.migrate import current_revision, head_revision
from listening_tui.errors import DatabaseOpenError
from listening_tui.services.database import open_database


def test_new_file_and_folders_are_created_private(tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "campaign.db"
    database = open_database(str(target))
    try:
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
        assert current_revision(database.engine) == head_revision()
        assert database.description == f"SQLite file {target}"
    finally:
        database.close()
    for sidecar in target.parent.iterdir():
        assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600, sidecar


def test_sqlite_pragmas(sqlite_database) -> None:  # type: ignore[no-untyped-def]
    with sqlite_database.engine.connect() as connection:
        values = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
        }
    assert values == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "synchronous": 2,  # FULL
        "busy_timeout": 10_000,
    }


def test_sqlite_url_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "by-url.db"
    open_database(f"sqlite:///{path}").close()
    again = open_database(str(path))
    try:
        assert current_revision(again.engine) == head_revision()
    finally:
        again.close()


def expect_refusal(target: str, *fragments: str) -> str:
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(target)
    message = caught.value.message
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_a_directory_is_refused(tmp_path: Path) -> None:
    expect_refusal(str(tmp_path), "is a folder, not a database file", "give a file name")


def test_a_text_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes from Tuesday\n")
    expect_refusal(str(notes), "is not a database")
    assert notes.read_text() == "my notes from Tuesday\n"


def test_a_read_only_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root ignores permissions, so the check is made on what os.access answers."""
    path = tmp_path / "ro.db"
    open_database(str(path)).close()
    before = path.read_bytes()
    path.chmod(0o400)
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode, **kw: False if Path(p) == path and mode & os.W_OK else real_access(p, mode),
    )
    expect_refusal(str(path), "is read-only", "chmod u+w")
    assert path.read_bytes() == before


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
    expect_refusal(str(path), "another program")
    with sqlite3.connect(path) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master")]
    assert tables == ["contacts"]


def test_a_file_inside_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    expect_refusal(str(blocker / "campaign.db"), "is a file")


def test_an_unreachable_postgresql_server_is_refused() -> None:
    expect_refusal(
        "postgresql+psycopg://nobody@127.0.0.1:1/nothing",
        "Can't reach the PostgreSQL database",
        "check the URL",
    )


def test_password_is_not_shown() -> None:
    message = expect_refusal("postgresql://nobody:s3cret@127.0.0.1:1/nothing")
    assert "s3cret" not in message


@pytest.mark.parametrize(
    ("target", "fragment"),
    [
        ("mysql://root@localhost/test", "is not supported"),
        ("sqlite://", "names no file"),
        ("sqlite:///:memory:", "names no file"),
    ],
)
def test_unsupported_targets(target: str, fragment: str) -> None:
    expect_refusal(target, fragment)


def test_postgres_url_without_driver_uses_psycopg() -> None:
    resolved = resolve_target("postgresql://u@h/db")
    assert not isinstance(resolved, Path)
    assert resolved.drivername == "postgresql+psycopg"


def test_postgresql_opens_and_migrates(make_pg_database) -> None:  # type: ignore[no-untyped-def]
    url = make_pg_database()
    database = open_database(url)
    try:
        assert database.dialect == "postgresql"
        assert current_revision(database.engine) == head_revision()
        with database.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM listening_sessions")).scalar() == 0
    finally:
        database.close()


def test_target_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("LISTENING_TUI_DB", raising=False)
    assert Settings().db_target(None) == str(tmp_path / "xdg" / "listening-tui" / "listening.db")
    monkeypatch.setenv("LISTENING_TUI_DB", "/from/env.db")
    assert Settings().db_target(None) == "/from/env.db"
    assert Settings().db_target("/from/flag.db") == "/from/flag.db"
