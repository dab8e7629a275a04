"""Property: the database's ranking equals the plain-Python reference, on SQLite and PostgreSQL.

Random campaigns (sessions of both kinds, subgroups including none and empty,
leaders, dates, created_at ties, one to six issues themed or written in
case, space and punctuation variants of a few texts, would-act answers) and
random filters and weightings. Tables are emptied before every example.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from listening_tui.db.tables import CampaignRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import Campaign, ListeningSession, Theme
from listening_tui.domain.ranking import RankingFilter, rank_in_python
from listening_tui.services import campaigns
from listening_tui.services.analysis import ranked_issues
from listening_tui.services.sessions import store_session
from listening_tui.services.themes import add_theme

THEME_NAMES = ["Pay", "Short staffing", "Damp homes", "pay rises", "Buses"]
TEXTS = ["Bins", "Pay", "Short staffing", "Damp", "Rota changes", "Pay rise"]
SUBGROUPS = [None, "", "Libraries", "libraries", "Home care", "Home  care"]
LEADERS = ["Amina Yusuf", "Tom Reilly", "amina yusuf"]
FIRST_DAY = date(2026, 10, 1)
DAYS = 6
MOMENTS = [datetime(2026, 10, 7, 9, tzinfo=UTC) + timedelta(minutes=m) for m in (0, 0, 1, 90)]
"""created_at values, few enough that sessions often tie."""
NAMESPACE = uuid.UUID("0b5e55ed-0000-4000-8000-000000000000")

ids = st.one_of(st.uuids(), st.integers(0, 2**128 - 1).map(lambda n: uuid.UUID(int=n)))


@st.composite
def issue_texts(draw: st.DrawFn) -> str:
    """One of a few texts as a recorder might type it."""
    text = draw(st.sampled_from(TEXTS))
    change = draw(st.sampled_from(["", "upper", "lower", "spaces", "tab"]))
    if change == "upper":
        text = text.upper()
    elif change == "lower":
        text = text.lower()
    elif change == "spaces":
        text = "  " + text.replace(" ", "   ") + " "
    elif change == "tab":
        text = text.replace(" ", "\t")
    return text + draw(st.sampled_from(["", "", ".", "!", "?", "?!", " .", ".."]))


@st.composite
def sessions(draw: st.DrawFn, session_id: uuid.UUID, theme_ids: list[uuid.UUID]) -> dict[str, Any]:
    """A session in bundle form; its issue ids derive from its own."""
    kind = draw(st.sampled_from(["one_to_one", "group"]))
    issues = []
    for position in range(1, draw(st.integers(1, 6)) + 1):
        theme = draw(st.sampled_from([None, *theme_ids])) if theme_ids else None
        issues.append(
            {
                "id": uuid.uuid5(session_id, str(position)),
                "text": draw(issue_texts()),
                "key_issue": draw(st.sampled_from(["yes", "no", "dont_know"])),
                "theme_id": theme,
            }
        )
    created = draw(st.sampled_from(MOMENTS))
    return {
        "id": session_id,
        "kind": kind,
        "leader": draw(st.sampled_from(LEADERS)),
        "held_on": FIRST_DAY + timedelta(days=draw(st.integers(0, DAYS - 1))),
        "community": "Riverside Council",
        "subgroup": draw(st.sampled_from(SUBGROUPS)),
        "participant_count": 1 if kind == "one_to_one" else draw(st.integers(2, 40)),
        "issues": issues,
        "reflections": {"would_act": draw(st.sampled_from([None, "yes", "no", "dont_know"]))},
        "created_at": created,
        "updated_at": created,
    }


@st.composite
def campaigns_with_sessions(draw: st.DrawFn) -> list[tuple[Campaign, list[Theme], list[Any]]]:
    """One or two campaigns, each with a few themes and sessions (up to 20 in all)."""
    session_ids = draw(st.lists(ids, max_size=20, unique=True))
    count = draw(st.integers(1, 2))
    split = draw(st.integers(0, len(session_ids))) if count == 2 else len(session_ids)
    made = []
    for number, own_ids in enumerate([session_ids[:split], session_ids[split:]][:count]):
        names = draw(st.lists(st.sampled_from(THEME_NAMES), max_size=4, unique=True))
        themes = [Theme(id=uuid.uuid5(NAMESPACE, f"{number}:{name}"), name=name) for name in names]
        theme_ids = [theme.id for theme in themes]
        stored = [draw(sessions(session_id, theme_ids)) for session_id in own_ids]
        campaign = Campaign(id=uuid.uuid5(NAMESPACE, str(number)), name=f"Campaign {number}")
        made.append((campaign, themes, stored))
    return made


@st.composite
def filters(draw: st.DrawFn, campaign_ids: list[uuid.UUID]) -> RankingFilter:
    day = st.one_of(st.none(), st.integers(-1, DAYS).map(lambda n: FIRST_DAY + timedelta(days=n)))
    date_from, date_to = draw(day), draw(day)
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    return RankingFilter(
        campaign_id=draw(st.sampled_from([None, *campaign_ids, uuid.UUID(int=7)])),
        kind=draw(st.sampled_from([None, "one_to_one", "group"])),
        subgroup=draw(st.sampled_from([None, None, *SUBGROUPS[1:]])),
        leader=draw(st.sampled_from([None, None, *LEADERS])),
        date_from=date_from,
        date_to=date_to,
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=campaigns_with_sessions(), data=st.data())
def test_sql_ranking_equals_the_reference(database: Any, world: Any, data: st.DataObject) -> None:
    with database.engine.begin() as connection:
        connection.execute(delete(CampaignRow))  # cascades to everything the example stored
    pairs: list[tuple[uuid.UUID, ListeningSession]] = []
    all_themes: list[Theme] = []
    for campaign, themes, stored in world:
        campaigns.create_campaign(database, campaign)
        with UnitOfWork(database) as uow:
            for theme in themes:
                add_theme(uow, campaign.id, theme)
            for raw in stored:
                session = ListeningSession.model_validate(raw)
                store_session(uow, campaign.id, session)
                pairs.append((campaign.id, session))
            uow.commit()
        all_themes.extend(themes)
    campaign_ids = [campaign.id for campaign, _, _ in world]
    for _ in range(3):
        ranking_filter = data.draw(filters(campaign_ids), label="filter")
        weighting = data.draw(st.sampled_from(["session", "people"]), label="weighting")
        expected = rank_in_python(pairs, all_themes, ranking_filter, weighting)
        assert ranked_issues(database, ranking_filter, weighting) == expected
