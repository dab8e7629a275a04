"""Databases made at each migration upgrade to head with their data intact.

``tests/data/migrations/at-NNNN.db`` each hold the same campaign, written at
that migration (see make_fixtures.py there). Each must open, upgrade, pass
every check and export exactly what was recorded when it was made.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from listening_tui.db.migrate import HEAD, current_revision
from listening_tui.db.tables import DraftRow, IssueRow, RevisionRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.ranking import RankingFilter, normalise_issue_text
from listening_tui.services.analysis import ranked_issues
from listening_tui.services.database import open_database
from listening_tui.services.exports import export_bundle
from listening_tui.services.maintenance import check_database

FIXTURES = Path(__file__).parent.parent / "data" / "migrations"
MADE = sorted(FIXTURES.glob("at-*.db"))
EXPECTED: dict[str, Any] = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))


def test_there_is_a_database_for_every_migration() -> None:
    from tests.data.migrations.make_fixtures import revisions

    assert [path.stem.removeprefix("at-") for path in MADE] == revisions()
    assert revisions()[-1] == HEAD


@pytest.mark.parametrize("made", MADE, ids=[path.stem for path in MADE])
def test_upgrade_keeps_every_session_revision_and_draft(made: Path, tmp_path: Path) -> None:
    path = tmp_path / "campaign.db"
    shutil.copy(made, path)
    database = open_database(str(path))
    try:
        assert current_revision(database.engine) == HEAD
        assert [r.problems for r in check_database(database)] == [()] * 5
        out = tmp_path / "export.json"
        export_bundle(database, out, now=datetime.fromisoformat("2026-11-22T12:00:00+00:00"))
        assert json.loads(out.read_text(encoding="utf-8")) == EXPECTED["bundle"]
        with UnitOfWork(database, write=False) as uow:
            counted = {
                "revisions": uow.session.scalar(select(func.count()).select_from(RevisionRow)),
                "drafts": uow.session.scalar(select(func.count()).select_from(DraftRow)),
            }
            keys = dict(uow.session.execute(select(IssueRow.text, IssueRow.text_key)).all())
        # Drafts arrived with migration 0002: a database made before it had none.
        assert counted == {
            "revisions": EXPECTED["revisions"],
            "drafts": EXPECTED["drafts"] if made.stem >= "at-0002" else 0,
        }
        assert keys == {text: normalise_issue_text(text) for text in keys}
        groups = ranked_issues(
            database, RankingFilter(campaign_id=EXPECTED["bundle"]["campaign"]["id"])
        )
        assert sum(group.sessions for group in groups) >= 1
    finally:
        database.close()
    backups = list(tmp_path.glob("campaign.before-upgrade-*.db"))
    assert len(backups) == (0 if made.stem == f"at-{HEAD}" else 1)
