"""Make one small SQLite database at each migration, holding the same campaign.

Run once when a migration is added (``python tests/data/migrations/make_fixtures.py``);
files already here are kept as they are, because each must stay what that
migration made. The campaign is the spec's example bundle, imported, then one
session edited by a newer bundle (a kept revision), one deleted (its deletion
kept) and one draft left open. Rows are written at each revision with the
columns that revision has, so a newer column is filled by the migration that
adds it, as it would be on a user's laptop. ``expected.json`` records what the
campaign exports as and how many revisions and drafts there are.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
import tempfile
import uuid
from contextlib import closing
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
ROOT = HERE.parent.parent.parent
EXAMPLE = HERE.parent / "example-bundle.json"
EXPORTED_AT = "2026-11-22T12:00:00+00:00"
DRAFT_ID = uuid.UUID("5d0c1f2e-7b3a-4c8e-9f10-2a3b4c5d6e7f")


def build_reference(folder: Path) -> Path:
    """The campaign made at head through the services; returns the database file."""
    from listening_tui.domain.drafts import DraftContent, DraftIssue
    from listening_tui.services.database import open_database
    from listening_tui.services.drafts import save_draft
    from listening_tui.services.imports import import_bundle
    from listening_tui.services.sessions import delete_session

    bundle = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    path = folder / "reference.db"
    database = open_database(str(path))
    try:
        (folder / "example.json").write_text(json.dumps(bundle), encoding="utf-8")
        import_bundle(database, folder / "example.json")
        newer = json.loads(json.dumps(bundle))
        newer["sessions"][0]["leader"] = "Amina (edited later)"
        newer["sessions"][0]["updated_at"] = "2026-11-21T09:00:00+00:00"
        (folder / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
        import_bundle(database, folder / "newer.json")
        delete_session(database, uuid.UUID(bundle["sessions"][2]["id"]))
        content = DraftContent(
            leader="Tom",
            community="Riverside",
            issues=[DraftIssue(text="Street lights out on Mill Lane", key_issue="yes")],
        )
        save_draft(database, uuid.UUID(bundle["campaign"]["id"]), DRAFT_ID, content)
    finally:
        database.close()
    return path


def expected(path: Path, folder: Path) -> dict[str, Any]:
    """What a database holding the campaign must give back after any upgrade."""
    from datetime import datetime

    from sqlalchemy import func, select

    from listening_tui.db.tables import DraftRow, RevisionRow
    from listening_tui.db.unit_of_work import UnitOfWork
    from listening_tui.services.database import open_database
    from listening_tui.services.exports import export_bundle

    database = open_database(str(path))
    try:
        out = folder / f"export-{uuid.uuid4().hex}.json"
        export_bundle(database, out, now=datetime.fromisoformat(EXPORTED_AT))
        with UnitOfWork(database, write=False) as uow:
            revisions = uow.session.scalar(select(func.count()).select_from(RevisionRow))
            drafts = uow.session.scalar(select(func.count()).select_from(DraftRow))
    finally:
        database.close()
    return {
        "bundle": json.loads(out.read_text(encoding="utf-8")),
        "revisions": revisions,
        "drafts": drafts,
    }


def rows_of(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as typed Python values, by table name."""
    from sqlalchemy import select

    from listening_tui.db.base import Base
    from listening_tui.services.database import open_database

    database = open_database(str(path))
    try:
        with database.engine.connect() as connection:
            return {
                table.name: [dict(row._mapping) for row in connection.execute(select(table))]
                for table in Base.metadata.sorted_tables
            }
    finally:
        database.close()


def make_at(revision: str, rows: dict[str, list[dict[str, Any]]], out: Path) -> None:
    """A database at ``revision`` holding ``rows`` in the columns that revision has."""
    from alembic import command
    from sqlalchemy import MetaData, Table, insert, inspect

    from listening_tui.db.base import Base
    from listening_tui.db.engine import open_engine
    from listening_tui.db.migrate import alembic_config

    database = open_engine(str(out))
    try:
        with database.engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
            inspector = inspect(connection)
            present = set(inspector.get_table_names())
            for table in Base.metadata.sorted_tables:
                if table.name not in present or not rows[table.name]:
                    continue
                columns = {column["name"] for column in inspector.get_columns(table.name)}
                then = Table(
                    table.name,
                    MetaData(),
                    *(column._copy() for column in table.columns if column.name in columns),
                )
                connection.execute(
                    insert(then),
                    [{k: v for k, v in row.items() if k in columns} for row in rows[table.name]],
                )
    finally:
        database.close()
    with closing(sqlite3.connect(out)) as raw:
        raw.execute("VACUUM")


def revisions() -> list[str]:
    """Every migration's id, oldest first."""
    from alembic.script import ScriptDirectory

    from listening_tui.db.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def main() -> int:
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        reference = build_reference(folder)
        expected_file = HERE / "expected.json"
        if not expected_file.exists():
            copy = folder / "for-expected.db"
            shutil.copy(reference, copy)
            expected_file.write_text(
                json.dumps(expected(copy, folder), indent=1, sort_keys=True) + "\n",
                encoding="utf-8",
            )
        rows = rows_of(reference)
        for revision in revisions():
            out = HERE / f"at-{revision}.db"
            if out.exists():
                print(f"kept {out.name}")
                continue
            make_at(revision, rows, out)
            print(f"made {out.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
