"""services.analysis.ranked_issues on SQLite and PostgreSQL: the worked example, filters, names."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import event, select

from listening_tui.db.tables import IssueRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import Campaign, ListeningSession
from listening_tui.domain.ranking import RankingFilter
from listening_tui.services import campaigns
from listening_tui.services.analysis import ranked_issues
from listening_tui.services.sessions import store_session
from tests.integration.loading import load_bundle
from tests.unit.test_ranking import WORKED_EXAMPLE


def rows(groups: list[Any]) -> list[tuple[object, ...]]:
    return [tuple(group.output().values()) for group in groups]


def test_worked_example(database: Any, example_bundle: dict[str, Any]) -> None:
    campaign = load_bundle(database, example_bundle)
    ranked = ranked_issues(database, RankingFilter(campaign_id=campaign.id), "session")
    assert rows(ranked) == WORKED_EXAMPLE
    themes = {t["name"]: uuid.UUID(t["id"]) for t in example_bundle["themes"]}
    assert ranked[0].theme_id == themes["Pay not keeping up with bills"]
    assert ranked[2].theme_id is None
    assert ranked[2].text_key == "branch libraries threatened with closure"


def test_people_weighting(database: Any, example_bundle: dict[str, Any]) -> None:
    campaign = load_bundle(database, example_bundle)
    ranked = ranked_issues(database, RankingFilter(campaign_id=campaign.id), "people")
    # Each session's points times its participants: Pay 6x1 + 6x7 + 5x5 = 73.
    assert [(g.rank, g.theme, g.points) for g in ranked] == [
        (1, "Pay not keeping up with bills", 73),
        (2, "Short staffing", 39),
        (3, "Branch libraries threatened with closure", 30),
        (4, "Depot toilets broken", 28),
        (5, "Rota changes at a day's notice", 5),
    ]


def test_filters(database: Any, example_bundle: dict[str, Any]) -> None:
    campaign = load_bundle(database, example_bundle)

    def ranked(**given: Any) -> list[tuple[str, int, int]]:
        found = ranked_issues(database, RankingFilter(campaign_id=campaign.id, **given))
        return [(g.theme, g.points, g.sessions) for g in found]

    assert ranked(kind="one_to_one") == [
        ("Pay not keeping up with bills", 6, 1),
        ("Rota changes at a day's notice", 5, 1),
        ("Short staffing", 4, 1),
    ]
    assert ranked(subgroup="Libraries") == [
        ("Branch libraries threatened with closure", 6, 1),
        ("Pay not keeping up with bills", 5, 1),
    ]
    assert ranked(subgroup="libraries") == []  # subgroups match exactly
    assert ranked(leader="Tom Reilly") == ranked(subgroup="Libraries")
    assert ranked(date_from=date(2026, 11, 4), date_to=date(2026, 11, 5)) == [
        ("Pay not keeping up with bills", 6, 1),
        ("Short staffing", 5, 1),
        ("Depot toilets broken", 4, 1),
    ]
    # Both ends included: one day alone is a range.
    assert ranked(date_from=date(2026, 11, 6), date_to=date(2026, 11, 6)) == ranked(
        subgroup="Libraries"
    )
    assert ranked(date_to=date(2026, 11, 2)) == []
    assert ranked_issues(database, RankingFilter(campaign_id=uuid.uuid4())) == []
    assert rows(ranked_issues(database, RankingFilter())) == WORKED_EXAMPLE


def a_session(session_id: uuid.UUID, created: datetime, *texts: str) -> ListeningSession:
    return ListeningSession.model_validate(
        {
            "id": session_id,
            "kind": "one_to_one",
            "leader": "Amina Yusuf",
            "held_on": "2026-11-01",
            "community": "Riverside Council",
            "participant_count": 1,
            "issues": [
                {"id": uuid.uuid4(), "text": text, "key_issue": "yes", "theme_id": None}
                for text in texts
            ],
            "created_at": created,
            "updated_at": created,
        }
    )


def store(database: Any, *sessions: ListeningSession) -> Campaign:
    campaign = campaigns.create_campaign(database, Campaign(id=uuid.uuid4(), name="Names"))
    with UnitOfWork(database) as uow:
        for session in sessions:
            store_session(uow, campaign.id, session)
        uow.commit()
    return campaign


@pytest.mark.parametrize(
    ("smaller", "larger"),
    [
        ("7fffffff-ffff-4fff-bfff-ffffffffffff", "80000000-0000-4000-8000-000000000000"),
        ("9fffffff-ffff-4fff-bfff-ffffffffffff", "a0000000-0000-4000-8000-000000000000"),
        ("00000000-0000-4000-8000-0000000000fe", "00000000-0000-4000-8000-0000000000ff"),
        ("12345678-0000-4000-7fff-ffffffffffff", "12345678-0000-4000-8000-000000000000"),
    ],
)
def test_smaller_session_id_names_the_group(database: Any, smaller: str, larger: str) -> None:
    """Same created_at: the smaller id (as a 128-bit number) wins on both backends."""
    assert uuid.UUID(smaller) < uuid.UUID(larger)
    same_time = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
    later = datetime(2026, 11, 1, 9, 30, 0, 1, tzinfo=UTC)
    store(
        database,
        a_session(uuid.uuid4(), later, "bins!"),
        a_session(uuid.UUID(larger), same_time, "Damp", "BINS."),
        a_session(uuid.UUID(smaller), same_time, "Cuts", "Bins"),
    )
    (bins,) = [g for g in ranked_issues(database, RankingFilter()) if g.text_key == "bins"]
    assert (bins.theme, bins.sessions, bins.points) == ("Bins", 3, 6 + 5 + 5)


def test_earliest_created_at_names_the_group_before_ids(database: Any) -> None:
    store(
        database,
        a_session(uuid.UUID(int=1), datetime(2026, 11, 2, tzinfo=UTC), "Pay cut"),
        a_session(uuid.UUID(int=2), datetime(2026, 11, 1, 23, 59, tzinfo=UTC), "x", "PAY CUT?"),
        a_session(uuid.UUID(int=3), datetime(2026, 11, 1, 23, 59, tzinfo=UTC), "pay  cut"),
    )
    (pay,) = [g for g in ranked_issues(database, RankingFilter()) if g.text_key == "pay cut"]
    # Sessions 2 and 3 tie on created_at; 2 is the smaller id, though its issue is second.
    assert pay.theme == "PAY CUT?"


def test_text_key_is_written_with_the_issue(database: Any) -> None:
    store(database, a_session(uuid.uuid4(), datetime(2026, 11, 1, tzinfo=UTC), "Bins  OVERFLOW!"))
    with database.engine.connect() as connection:
        assert connection.scalar(select(IssueRow.text_key)) == "bins overflow"


def _sqlite_plan(sqlite_database: Any, ranking_filter: RankingFilter) -> str:
    """SQLite's plan for the ranking's main query, read with EXPLAIN QUERY PLAN."""
    seen: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "UNION ALL" in statement:
            seen.append((statement, parameters))

    event.listen(sqlite_database.engine, "before_cursor_execute", keep)
    try:
        ranked_issues(sqlite_database, ranking_filter)
    finally:
        event.remove(sqlite_database.engine, "before_cursor_execute", keep)
    ((statement, parameters),) = seen
    with sqlite_database.engine.connect() as connection:
        plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return "\n".join(row[3] for row in plan)


def test_sqlite_ranks_a_campaign_without_sorting_its_issues(
    sqlite_database: Any, example_bundle: dict[str, Any]
) -> None:
    """Each group's issues are read in index order, each session from a covering index."""
    campaign = load_bundle(sqlite_database, example_bundle)
    plan = _sqlite_plan(sqlite_database, RankingFilter(campaign_id=campaign.id))
    assert "TEMP B-TREE FOR GROUP BY" not in plan
    assert "SEARCH issues USING COVERING INDEX ix_issues_theme_sessions (theme_id=?)" in plan
    assert "SEARCH issues USING COVERING INDEX ix_issues_unthemed (theme_id=?)" in plan
    assert plan.count("COVERING INDEX ix_listening_sessions_ranking (id=? AND campaign_id=?)") == 2


def test_sqlite_ranks_a_narrow_filter_from_its_sessions(
    sqlite_database: Any, example_bundle: dict[str, Any]
) -> None:
    campaign = load_bundle(sqlite_database, example_bundle)
    narrow = RankingFilter(
        campaign_id=campaign.id, date_from=date(2026, 3, 1), date_to=date(2026, 3, 31)
    )
    plan = _sqlite_plan(sqlite_database, narrow)
    assert plan.count("(campaign_id=? AND held_on>? AND held_on<?)") == 2
