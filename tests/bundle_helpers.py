"""Helpers shared by the bundle tests: export to a dict, write a bundle file, empty a database."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select

from listening_tui.db.base import Base
from listening_tui.services.exports import export_bundle


def exported(
    database: Any, folder: Path, campaign: str | None = None, *, anonymise: bool = False
) -> dict[str, Any]:
    """The campaign's bundle as a dict, without its exported_at (which is always new)."""
    out = folder / f"export-{uuid.uuid4().hex[:8]}.json"
    export_bundle(database, out, campaign, anonymise=anonymise)
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    del data["exported_at"]
    return data


def write_json(folder: Path, bundle: dict[str, Any], name: str | None = None) -> Path:
    """``bundle`` written as a file in ``folder``."""
    path = folder / (name or f"bundle-{uuid.uuid4().hex[:8]}.json")
    path.write_text(json.dumps(bundle, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def wipe(database: Any) -> None:
    """Delete every row, children first (works on SQLite and PostgreSQL)."""
    with database.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(delete(table))


def row_counts(database: Any) -> dict[str, int]:
    """How many rows each table holds (but the audit log, which grows with every action)."""
    with database.engine.connect() as connection:
        return {
            table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for table in Base.metadata.sorted_tables
            if table.name != "audit_entries"
        }
