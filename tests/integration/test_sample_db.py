"""The sample.db in the repository: opens, is at the newest migration, holds a real campaign."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import create_engine, func, select

from listening_tui.db.migrate import current_revision, head_revision
from listening_tui.db.tables import (
    IntervieweeRow,
    IssueRow,
    QuoteRow,
    ReferenceRow,
    SessionRow,
    ThemeRow,
)
from listening_tui.services import campaigns, sessions
from listening_tui.services.database import open_database
from listening_tui.services.sample import write_sample

SAMPLE = Path(__file__).resolve().parents[2] / "sample.db"


def test_sample_db_is_at_the_newest_migration() -> None:
    engine = create_engine(f"sqlite:///file:{SAMPLE}?mode=ro&uri=true")
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_sample_db_holds_the_promised_campaign(tmp_path: Path) -> None:
    copy = tmp_path / "sample.db"
    shutil.copyfile(SAMPLE, copy)
    database = open_database(str(copy))
    try:
        (campaign,) = campaigns.list_campaigns(database)
        assert campaign.session_count >= 40
        with database.engine.connect() as connection:

            def count(statement: object) -> int:
                return int(connection.scalar(statement) or 0)  # type: ignore[call-overload]

            subgroups = count(select(func.count(func.distinct(SessionRow.subgroup))))
            assert subgroups >= 6
            by_kind = select(SessionRow.kind, func.count()).group_by(SessionRow.kind)
            kinds = dict(connection.execute(by_kind).all())
            assert kinds["one_to_one"] >= 10
            assert kinds["group"] >= 10
            assert count(select(func.count()).select_from(ThemeRow)) >= 6
            assert count(select(func.count()).where(IssueRow.theme_id.is_(None))) >= 20
            assert count(select(func.count()).where(IssueRow.theme_id.is_not(None))) >= 100
            assert count(select(func.count()).select_from(QuoteRow)) >= 20
            assert count(select(func.count()).select_from(ReferenceRow)) >= 10
            assert count(select(func.count()).where(SessionRow.potential_leader)) >= 5
            assert count(select(func.count()).where(SessionRow.would_act.is_not(None))) >= 30
            assert count(select(func.count()).where(IntervieweeRow.contact.is_not(None))) >= 5
    finally:
        database.close()


def test_sample_db_is_what_the_sample_command_writes(tmp_path: Path) -> None:
    """Regenerate with `listening-tui sample --out sample.db` when this fails."""
    fresh = tmp_path / "fresh.db"
    write_sample(fresh)
    copy = tmp_path / "committed.db"
    shutil.copyfile(SAMPLE, copy)
    dumps = []
    for path in (copy, fresh):
        database = open_database(str(path))
        try:
            (campaign,) = campaigns.list_campaigns(database)
            listed = sessions.list_sessions(database, campaign.id)
            dumps.append(
                [sessions.get_session(database, s.id).session.model_dump() for s in listed]
                + [campaigns.get_campaign(database, campaign.id).model_dump()]
            )
        finally:
            database.close()
    assert dumps[0] == dumps[1]
