"""``backup`` and ``check``: a checked copy while others write, and damage found and named."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Uuid, bindparam, text

from listening_tui.cli import main
from listening_tui.db.engine import Database
from listening_tui.domain.forms import Campaign, Theme
from listening_tui.services import campaigns
from listening_tui.services.maintenance import check_database
from listening_tui.services.sessions import delete_session
from listening_tui.services.themes import create_theme
from tests.integration.loading import load_bundle


def _problems(database: Database) -> dict[str, tuple[str, ...]]:
    return {result.name: result.problems for result in check_database(database)}


def _wrong(database: Database) -> list[str]:
    return [problem for problems in _problems(database).values() for problem in problems]


def _run(database: Database, sql: str, **values: Any) -> None:
    """Raw SQL behind the app's back; ids are given as strings and stored as each database does."""
    statement = text(sql).bindparams(*(bindparam(name, type_=Uuid()) for name in values))
    with database.engine.begin() as connection:
        connection.execute(statement, {k: uuid.UUID(str(v)) for k, v in values.items()})


@pytest.fixture
def loaded(database: Database, example_bundle: dict[str, Any]) -> Database:
    load_bundle(database, example_bundle)
    delete_session(database, uuid.UUID(example_bundle["sessions"][2]["id"]))
    return database


def test_a_sound_database_passes_every_check(loaded: Database) -> None:
    results = check_database(loaded)
    assert len(results) == 5
    assert _wrong(loaded) == []


def test_a_gap_in_issue_positions_is_named(loaded: Database, example_bundle: Any) -> None:
    session_id = example_bundle["sessions"][0]["id"]
    _run(loaded, "DELETE FROM issues WHERE session_id = :s AND position = 2", s=session_id)
    assert _wrong(loaded) == [
        f"session {session_id}: its issues are numbered 1..3, not 1..n without gaps"
    ]


def test_a_session_removed_behind_the_apps_back_is_named(
    loaded: Database, example_bundle: Any, tmp_path: Path
) -> None:
    import json

    from listening_tui.services.imports import import_bundle

    edited = json.loads(json.dumps(example_bundle))
    first = edited["sessions"][0]
    first["leader"] = "Someone else"
    first["updated_at"] = "2026-11-21T09:00:00+00:00"
    (tmp_path / "newer.json").write_text(json.dumps(edited), encoding="utf-8")
    assert import_bundle(loaded, tmp_path / "newer.json").conflicts == 1
    assert _wrong(loaded) == []
    _run(loaded, "DELETE FROM listening_sessions WHERE id = :s", s=first["id"])
    assert _wrong(loaded) == [
        f"session {first['id']} is gone, but its deletion was not kept "
        "(last kept as 'import_conflict')"
    ]


def test_a_version_beyond_the_kept_history_is_named(loaded: Database, example_bundle: Any) -> None:
    session_id = example_bundle["sessions"][1]["id"]
    _run(loaded, "UPDATE listening_sessions SET version = 3 WHERE id = :s", s=session_id)
    assert _wrong(loaded) == [
        f"session {session_id} is at version 3 but only 0 earlier versions are kept"
    ]


def test_renumbered_history_and_a_foreign_theme_are_named(
    loaded: Database, example_bundle: Any
) -> None:
    other = campaigns.create_campaign(loaded, Campaign(id=uuid.uuid4(), name="Elsewhere"))
    theme = create_theme(loaded, other.id, Theme(id=uuid.uuid4(), name="Not ours"))
    issue_id = example_bundle["sessions"][0]["issues"][0]["id"]
    _run(loaded, "UPDATE issues SET theme_id = :t WHERE id = :i", t=theme.id, i=issue_id)
    gone = example_bundle["sessions"][2]["id"]
    _run(loaded, "UPDATE session_revisions SET number = 3 WHERE session_id = :s", s=gone)
    assert _wrong(loaded) == [
        f"issue {issue_id} points at theme {theme.id}, which its campaign does not have",
        f"session {gone}: 1 kept versions are numbered up to 3, not 1..n without gaps",
    ]


def test_check_command_exits_1_and_says_what_is_wrong(
    tmp_path: Path, example_bundle: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from listening_tui.services.database import open_database

    path = tmp_path / "c.db"
    database = open_database(str(path))
    load_bundle(database, example_bundle)
    database.close()
    assert main(["--db", str(path), "check"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("all checks passed")
    with sqlite3.connect(path) as raw:
        raw.execute("DELETE FROM issues WHERE position = 1")
    assert main(["--db", str(path), "check"]) == 1
    out = capsys.readouterr().out
    assert "WRONG  positions of issues, interviewees, quotes and references: 3 problem(s)" in out
    assert out.splitlines()[-1].endswith("3 problem(s)")


def test_backup_is_a_checked_private_copy_taken_while_a_writer_holds_the_database(
    tmp_path: Path, example_bundle: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from listening_tui.services.database import open_database

    path = tmp_path / "c.db"
    database = open_database(str(path))
    load_bundle(database, example_bundle)
    database.close()
    writer = sqlite3.connect(path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE listening_sessions SET leader = 'half-done'")
    out = tmp_path / "copy.db"
    try:
        assert main(["--db", str(path), "backup", "--out", str(out)]) == 0
    finally:
        writer.rollback()
        writer.close()
    assert capsys.readouterr().out.strip() == str(out)
    assert out.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(out) as copy:
        leaders = {row[0] for row in copy.execute("SELECT leader FROM listening_sessions")}
    assert "half-done" not in leaders
    assert len(leaders) >= 1
    assert main(["--db", str(out), "check"]) == 0
    assert main(["--db", str(path), "backup", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_backup_of_a_server_database_points_at_pg_dump(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", pg_url, "backup", "--out", str(tmp_path / "x.db")]) == 2
    err = capsys.readouterr().err
    assert "pg_dump" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.db").exists()


def test_an_older_database_is_copied_before_it_is_upgraded(
    tmp_path: Path, example_bundle: Any
) -> None:
    from alembic import command

    from listening_tui.db.engine import open_engine
    from listening_tui.db.migrate import alembic_config
    from listening_tui.services.database import open_database

    path = tmp_path / "old.db"
    database = open_engine(str(path))
    with database.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0002")
    database.close()
    open_database(str(path)).close()
    copies = list(tmp_path.glob("old.before-upgrade-from-0002-*.db"))
    assert len(copies) == 1
    assert copies[0].stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(copies[0]) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [("0002",)]
    open_database(str(path)).close()
    assert len(list(tmp_path.glob("old.before-upgrade-*"))) == 1
