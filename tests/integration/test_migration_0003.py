"""Migration 0003 fills issues.text_key for issues stored before it, on both backends."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, insert, select

from listening_tui.db.migrate import alembic_config
from listening_tui.db.tables import CampaignRow, IssueRow, SessionRow
from listening_tui.domain.ranking import normalise_issue_text

TEXTS = ["  Pay  FROZEN! ", "Straße repairs?", "Bins\tnot\ncollected.", "Why??", "ok", "ΣΊΣΥΦΟΣ"]


def _fill_at_0001(engine: Engine, sessions: int) -> dict[uuid.UUID, str]:
    """Store sessions and issues with a 0001 schema (no text_key); returns text by issue id."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    campaign_id = uuid.uuid4()
    moment = datetime(2026, 11, 1, tzinfo=UTC)
    session_rows = [
        {
            "id": uuid.uuid4(),
            "campaign_id": campaign_id,
            "kind": "one_to_one",
            "leader": "Amina",
            "held_on": date(2026, 11, 1),
            "community": "Riverside",
            "participant_count": 1,
            "potential_leader": False,
            "created_at": moment,
            "updated_at": moment,
            "version": 1,
            "row_created_at": moment,
            "row_updated_at": moment,
        }
        for _ in range(sessions)
    ]
    texts: dict[uuid.UUID, str] = {}
    issue_rows = []
    for n, row in enumerate(session_rows):
        for position in range(1, 6):
            issue_id = uuid.uuid4()
            texts[issue_id] = TEXTS[(n + position) % len(TEXTS)]
            issue_rows.append(
                {
                    "id": issue_id,
                    "session_id": row["id"],
                    "position": position,
                    "text": texts[issue_id],
                    "key_issue": "yes",
                    "theme_id": None,
                }
            )
    campaigns = CampaignRow.__table__
    listening_sessions = SessionRow.__table__
    issues = IssueRow.__table__  # Core inserts write only the columns given: no text_key
    with engine.begin() as connection:
        campaign = {"id": campaign_id, "name": "Old"}
        stamps = {"row_created_at": moment, "row_updated_at": moment}
        connection.execute(insert(campaigns), [{**campaign, **stamps}])
        connection.execute(insert(listening_sessions), session_rows)
        connection.execute(insert(issues), issue_rows)
    return texts


def _check_upgrade(engine: Engine, sessions: int) -> None:
    texts = _fill_at_0001(engine, sessions)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    with engine.connect() as connection:
        stored = dict(connection.execute(select(IssueRow.id, IssueRow.text_key)).all())
    assert len(stored) == len(texts) == sessions * 5
    assert stored == {issue_id: normalise_issue_text(text) for issue_id, text in texts.items()}
    assert {stored[i] for i in texts if texts[i] == "  Pay  FROZEN! "} == {"pay frozen"}


def test_sqlite_upgrade_fills_text_key_in_batches(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        _check_upgrade(engine, sessions=450)  # 2,250 issues: more than one batch of 2,000
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_postgresql_upgrade_fills_text_key(make_pg_database: Callable[[], str]) -> None:
    engine = create_engine(make_pg_database())
    try:
        _check_upgrade(engine, sessions=450)
    finally:
        engine.dispose()
