"""services.analysis.group_details on SQLite and PostgreSQL: behind a line of the ranking."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from listening_tui.db.engine import Database
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import Campaign, ListeningSession
from listening_tui.domain.group_details import GroupKey
from listening_tui.domain.ranking import RankingFilter
from listening_tui.errors import NotFound
from listening_tui.services import campaigns
from listening_tui.services.analysis import group_details, ranked_issues
from listening_tui.services.sessions import store_session
from tests.integration.loading import load_bundle

PAY = uuid.UUID("b930af1a-c1c1-5855-a42b-0eafc1dd5e42")
SHORT = uuid.UUID("86c0ee3c-ff6a-5b6b-baba-1985c840ae9f")
HOME_CARE = uuid.UUID("d122d6ad-ad64-5a76-8a82-68b46004b4fc")
REFUSE = uuid.UUID("5d8eacb6-0128-5b36-bce5-0777d5d47603")
LIBRARIES = uuid.UUID("91e527c4-6a33-5919-b01c-beb945c5f43d")


def add_session(database: Database, campaign_id: uuid.UUID, **changes: Any) -> uuid.UUID:
    """Store a group session (defaults below, changed by ``changes``); its id."""
    session_id = uuid.uuid4()
    data: dict[str, Any] = {
        "id": str(session_id),
        "kind": "group",
        "leader": "Dev Patel",
        "held_on": "2026-11-10",
        "community": "Parks",
        "subgroup": "Parks",
        "participant_count": 4,
        "issues": [],
        "created_at": "2026-11-10T10:00:00+00:00",
        "updated_at": "2026-11-10T10:00:00+00:00",
    } | changes
    data["issues"] = [
        {"id": str(uuid.uuid4()), "key_issue": "yes", "theme_id": None} | issue
        for issue in data["issues"]
    ]
    with UnitOfWork(database) as uow:
        store_session(uow, campaign_id, ListeningSession.model_validate(data))
        uow.commit()
    return session_id


def test_a_theme_of_the_worked_example(database: Database, example_bundle: dict[str, Any]) -> None:
    campaign = load_bundle(database, example_bundle)
    details = group_details(database, campaign.id, GroupKey(theme_id=PAY), RankingFilter())
    assert details.name == "Pay not keeping up with bills"
    assert details.description == "Pay freezes, cost of living, rent and energy"
    assert details.session_total == 3
    # Most recent first.
    assert [s.id for s in details.sessions] == [LIBRARIES, REFUSE, HOME_CARE]
    assert [
        (s.held_on, s.kind, s.leader, s.subgroup, s.participant_count) for s in details.sessions
    ] == [
        (date(2026, 11, 6), "group", "Tom Reilly", "Libraries", 5),
        (date(2026, 11, 5), "group", "Amina Yusuf", "Refuse collection", 7),
        (date(2026, 11, 3), "one_to_one", "Amina Yusuf", "Home care", 1),
    ]
    assert [(i.session_id, i.position, i.text, i.key_issue, i.counted) for i in details.issues] == [
        (LIBRARIES, 2, "Energy bills", "dont_know", True),
        (REFUSE, 1, "Wages frozen while rent keeps going up", "yes", True),
        (HOME_CARE, 1, "Travel time between visits is unpaid", "yes", True),
    ]
    assert [(q.session_id, q.sharing) for q in details.quotes] == [
        (REFUSE, "meeting"),
        (HOME_CARE, "decision_makers"),
    ]
    assert details.quotes[0].sharing_label.startswith("may be read out at the ratification meeting")
    home_care = details.sessions[2].reflections
    assert home_care.moved == "Yes - he cares for his mum as well as his clients."
    assert (home_care.would_act, home_care.difference) == ("yes", "a_lot")
    assert home_care.notes == "Coaches under-12s; could bring parents."
    assert details.sessions[0].reflections.would_act is None


def test_never_a_contact_detail(database: Database, example_bundle: dict[str, Any]) -> None:
    campaign = load_bundle(database, example_bundle)
    for key in (GroupKey(theme_id=PAY), GroupKey(theme_id=SHORT)):
        shown = group_details(database, campaign.id, key, RankingFilter()).model_dump_json()
        assert "07700 900123" not in shown  # the interviewee's phone number
        assert "Gary Whitlock" not in shown  # nor the names of the people heard
        assert "WhatsApp" not in shown  # nor the people to meet next


@pytest.mark.parametrize("weighting", ["session", "people"])
def test_the_details_add_up_to_the_ranking(
    database: Database, example_bundle: dict[str, Any], weighting: Any
) -> None:
    campaign = load_bundle(database, example_bundle)
    add_session(
        database,
        campaign.id,
        issues=[
            {"text": "Parks toilets locked", "key_issue": "no"},
            {"text": "Pay rise below inflation", "theme_id": str(PAY)},
            {"text": "Overtime not paid on time", "theme_id": str(PAY), "key_issue": "no"},
            {"text": "  BRANCH libraries   threatened with closure!"},
        ],
    )
    ranking_filter = RankingFilter(campaign_id=campaign.id)
    ranked = ranked_issues(database, ranking_filter, weighting)
    assert len(ranked) == 6
    for group in ranked:
        details = group_details(database, campaign.id, GroupKey.of(group), ranking_filter)
        assert details.name == group.theme
        assert details.session_total == len(details.sessions) == group.sessions
        assert sum(s.points(weighting) for s in details.sessions) == group.points
        assert sum(s.participant_count for s in details.sessions) == group.people
        counted = [i for i in details.issues if i.counted]
        assert len(counted) == group.sessions
        assert sum(i.key_issue == "yes" for i in counted) == group.key_yes
        assert sum(i.key_issue == "no" for i in counted) == group.key_no
        assert sum(i.position == 1 for i in counted) == group.first_choice


def test_an_unthemed_group_and_a_theme_twice_in_one_session(
    database: Database, example_bundle: dict[str, Any]
) -> None:
    campaign = load_bundle(database, example_bundle)
    parks = add_session(
        database,
        campaign.id,
        issues=[
            {"text": "Parks toilets locked"},
            {"text": "Pay rise below inflation", "theme_id": str(PAY)},
            {"text": "Overtime not paid on time", "theme_id": str(PAY), "key_issue": "no"},
            {"text": "  BRANCH libraries   threatened with closure!", "key_issue": "dont_know"},
        ],
    )
    key = GroupKey(text_key="branch libraries threatened with closure")
    details = group_details(database, campaign.id, key, RankingFilter())
    # Named by its earliest issue (the Libraries session was saved first), trimmed.
    assert details.name == "Branch libraries threatened with closure"
    assert details.description is None
    assert [(i.session_id, i.position, i.text, i.counted) for i in details.issues] == [
        (parks, 4, "BRANCH libraries   threatened with closure!", True),
        (LIBRARIES, 1, "Branch libraries threatened with closure", True),
    ]
    assert [s.best_position for s in details.sessions] == [4, 1]
    assert details.quotes == []

    pay = group_details(database, campaign.id, GroupKey(theme_id=PAY), RankingFilter())
    in_parks = [(i.position, i.key_issue, i.counted) for i in pay.issues if i.session_id == parks]
    assert in_parks == [(2, "yes", True), (3, "no", False)]
    assert pay.sessions[0].id == parks
    assert pay.sessions[0].points("people") == (7 - 2) * 4

    # A themed issue with the same words is not in the unthemed group.
    add_session(
        database,
        campaign.id,
        held_on="2026-11-11",
        issues=[{"text": "Branch libraries threatened with closure", "theme_id": str(SHORT)}],
    )
    again = group_details(database, campaign.id, key, RankingFilter())
    assert [s.id for s in again.sessions] == [parks, LIBRARIES]


def test_filters_and_limit(database: Database, example_bundle: dict[str, Any]) -> None:
    campaign = load_bundle(database, example_bundle)
    pay = GroupKey(theme_id=PAY)

    def sessions(**given: Any) -> list[uuid.UUID]:
        details = group_details(database, campaign.id, pay, RankingFilter(**given))
        return [s.id for s in details.sessions]

    assert sessions(kind="group") == [LIBRARIES, REFUSE]
    assert sessions(kind="one_to_one") == [HOME_CARE]
    assert sessions(subgroup="Libraries") == [LIBRARIES]
    assert sessions(leader="Amina Yusuf") == [REFUSE, HOME_CARE]
    assert sessions(date_from=date(2026, 11, 4), date_to=date(2026, 11, 5)) == [REFUSE]
    assert sessions(date_from=date(2026, 11, 7)) == []
    # The campaign given wins over the filter's.
    assert sessions(campaign_id=uuid.uuid4()) == [LIBRARIES, REFUSE, HOME_CARE]

    shown = group_details(database, campaign.id, pay, RankingFilter(), limit=1)
    assert shown.session_total == 3
    assert [s.id for s in shown.sessions] == [LIBRARIES]
    assert {i.session_id for i in shown.issues} == {LIBRARIES}
    assert shown.quotes == []

    nothing = group_details(
        database, campaign.id, GroupKey(text_key="no one wrote this"), RankingFilter()
    )
    assert (nothing.name, nothing.session_total, nothing.issues) == ("no one wrote this", 0, [])


def test_a_theme_that_is_not_there(database: Database, example_bundle: dict[str, Any]) -> None:
    campaign = load_bundle(database, example_bundle)
    other = campaigns.create_campaign(database, Campaign(id=uuid.uuid4(), name="Another campaign"))
    with pytest.raises(NotFound, match="no longer in this campaign"):
        group_details(database, campaign.id, GroupKey(theme_id=uuid.uuid4()), RankingFilter())
    with pytest.raises(NotFound):
        group_details(database, other.id, GroupKey(theme_id=PAY), RankingFilter())
