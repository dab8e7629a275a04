"""Saturation, conclusions and chosen quotes on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import Campaign, ListeningSession, Theme
from listening_tui.errors import NotFound, SharingRefused
from listening_tui.services import campaigns
from listening_tui.services.conclusions import (
    campaign_conclusions,
    choose_quote,
    quote_options,
    save_conclusion,
    toggle_quote,
    unchoose_quote,
)
from listening_tui.services.saturation import saturation
from listening_tui.services.sessions import store_session
from listening_tui.services.themes import add_theme

PAY = uuid.UUID("00000000-0000-4000-8000-0000000000aa")
STAFF = uuid.UUID("00000000-0000-4000-8000-0000000000bb")


def a_session(
    number: int,
    held_on: str,
    issues: list[tuple[str, uuid.UUID | None]],
    *,
    subgroup: str | None = None,
    people: int = 1,
    quotes: list[tuple[str, str]] = (),  # type: ignore[assignment]
    created_day: int = 1,
) -> ListeningSession:
    """A session; ``created_day`` sets when it was written up (November 2026)."""
    created = datetime(2026, 11, created_day, 12, tzinfo=UTC)
    return ListeningSession.model_validate(
        {
            "id": uuid.UUID(int=number),
            "kind": "one_to_one" if people == 1 else "group",
            "leader": "Leader Person",
            "held_on": held_on,
            "community": "Depot",
            "subgroup": subgroup,
            "participant_count": people,
            "issues": [
                {"id": uuid.uuid4(), "text": text, "key_issue": "yes", "theme_id": theme}
                for text, theme in issues
            ],
            "quotes": [
                {"text": text, "attribution": "Gary Whitlock", "sharing": sharing}
                for text, sharing in quotes
            ],
            "created_at": created,
            "updated_at": created,
        },
        context={"today": date(2026, 12, 31)},
    )


def store(database: Any, sessions: list[ListeningSession], subgroups: list[str] = ()) -> Campaign:  # type: ignore[assignment]
    campaign = campaigns.create_campaign(
        database,
        Campaign(id=uuid.uuid4(), name="Depot campaign", subgroups=list(subgroups)),
    )
    with UnitOfWork(database) as uow:
        add_theme(uow, campaign.id, Theme(id=PAY, name="Pay"))
        add_theme(uow, campaign.id, Theme(id=STAFF, name="Staffing"))
        for session in sessions:
            store_session(uow, campaign.id, session)
        uow.commit()
    return campaign


def test_saturation_counts_concerns_when_first_heard(database: Any) -> None:
    sessions = [
        # Written up first but held last: order is by held_on.
        a_session(1, "2026-10-05", [("Pay", PAY), ("Toilets broken", None)], created_day=1),
        a_session(2, "2026-10-01", [("Wages", PAY), ("Toilets  BROKEN.", None)], created_day=2),
        a_session(
            3,
            "2026-10-02",
            [("Short staffed", STAFF), ("toilets broken!", None), ("No parking", None)],
            subgroup="Drivers",
            people=5,
            created_day=3,
        ),
        a_session(4, "2026-10-03", [("pay", PAY)], subgroup="drivers", created_day=4),
        # Same day as session 4, written up later: comes after it.
        a_session(5, "2026-10-03", [("Canteen closed", None)], subgroup="Cleaners", created_day=5),
    ]
    campaign = store(database, sessions, subgroups=["Drivers", "Office", "Cleaners"])
    found = saturation(database, campaign.id)
    assert [(s.held_on.day, s.new_themes, s.new_texts) for s in found.sessions] == [
        (1, 1, 1),  # Pay, "toilets broken"
        (2, 1, 1),  # Staffing, "no parking" ("toilets broken!" is the same text)
        (3, 0, 0),
        (3, 0, 1),  # "canteen closed"
        (5, 0, 0),
    ]
    assert found.total_concerns == 5
    assert found.quiet_run == 1
    assert found.summary() == (
        "5 distinct concerns in 5 sessions; the latest session turned up nothing new."
    )
    heard = [(s.subgroup, s.sessions, s.people) for s in found.subgroups]
    assert heard == [("Office", 0, 0), ("Cleaners", 1, 1), ("Drivers", 2, 6), (None, 2, 2)]


def test_saturation_of_an_empty_campaign(database: Any) -> None:
    campaign = store(database, [], subgroups=["Office"])
    found = saturation(database, campaign.id)
    assert found.sessions == []
    assert found.summary() == "No session has been written up yet."
    assert [(s.subgroup, s.sessions) for s in found.subgroups] == [("Office", 0)]


QUOTES = [
    ("Sort the pay out.", "decision_makers"),
    ("I cry in the van.", "meeting"),
    ("My manager is a bully.", "recorders_only"),
]


@pytest.fixture
def quoted(database: Any) -> tuple[Any, Campaign]:
    sessions = [
        a_session(1, "2026-10-01", [("Pay", PAY)], quotes=QUOTES),
        a_session(
            2, "2026-10-02", [("Staff", STAFF)], quotes=[("Two of us do five jobs.", "meeting")]
        ),
    ]
    return database, store(database, sessions)


def test_conclusion_texts_are_kept_as_typed(quoted: tuple[Any, Campaign]) -> None:
    database, campaign = quoted
    save_conclusion(database, campaign.id, None, "  Pay first.\n\nThen staffing.  ")
    save_conclusion(database, campaign.id, PAY, "Everyone said it.")
    save_conclusion(database, campaign.id, PAY, "Everyone said it, twice.")
    found = campaign_conclusions(database, campaign.id)
    assert found.overall.text == "  Pay first.\n\nThen staffing.  "
    assert [(c.title, c.text) for c in found.themes] == [
        ("Pay", "Everyone said it, twice."),
        ("Staffing", ""),
    ]
    with pytest.raises(NotFound, match="not in the campaign any more"):
        save_conclusion(database, campaign.id, uuid.uuid4(), "lost?")


def test_quotes_are_offered_from_the_theme_sessions(quoted: tuple[Any, Campaign]) -> None:
    database, campaign = quoted
    assert [q.text for q in quote_options(database, campaign.id, PAY)] == [t for t, _ in QUOTES]
    assert [q.text for q in quote_options(database, campaign.id, STAFF)] == [
        "Two of us do five jobs."
    ]
    assert len(quote_options(database, campaign.id, None)) == 4


def test_sharing_decides_what_may_be_chosen(quoted: tuple[Any, Campaign]) -> None:
    database, campaign = quoted
    session = uuid.UUID(int=1)
    assert choose_quote(database, campaign.id, PAY, session, "Sort the pay out.", "decision_makers")
    assert not choose_quote(
        database, campaign.id, PAY, session, "Sort the pay out.", "decision_makers"
    )
    assert choose_quote(database, campaign.id, PAY, session, "I cry in the van.", "meeting")
    with pytest.raises(SharingRefused, match=r"meeting only.*can't go in the report"):
        choose_quote(database, campaign.id, PAY, session, "I cry in the van.", "decision_makers")
    for purpose in ("decision_makers", "meeting"):
        with pytest.raises(SharingRefused, match="recorders only"):
            choose_quote(database, campaign.id, PAY, session, "My manager is a bully.", purpose)  # type: ignore[arg-type]
    with pytest.raises(NotFound, match="no longer in its session"):
        choose_quote(database, campaign.id, PAY, session, "Never said.", "meeting")
    found = campaign_conclusions(database, campaign.id).themes[0]
    assert [(q.text, sorted(q.chosen_for)) for q in found.quotes] == [
        ("Sort the pay out.", ["decision_makers"]),
        ("I cry in the van.", ["meeting"]),
    ]
    assert [q.text for q in found.quotes_for("decision_makers")] == ["Sort the pay out."]
    assert [q.text for q in found.quotes_for("meeting")] == ["I cry in the van."]
    options = {q.text: q.chosen_for for q in quote_options(database, campaign.id, PAY)}
    assert options["Sort the pay out."] == {"decision_makers"}
    assert options["My manager is a bully."] == frozenset()
    # The overall conclusion's choices are its own.
    assert campaign_conclusions(database, campaign.id).overall.quotes == []
    assert unchoose_quote(database, campaign.id, PAY, session, "I cry in the van.", "meeting")
    assert not unchoose_quote(database, campaign.id, PAY, session, "I cry in the van.", "meeting")


def test_toggle_chooses_then_takes_away(quoted: tuple[Any, Campaign]) -> None:
    database, campaign = quoted
    (first, *_) = quote_options(database, campaign.id, PAY)
    assert toggle_quote(database, campaign.id, None, first, "decision_makers") == (
        "Chosen for the report for decision makers."
    )
    (first, *_) = quote_options(database, campaign.id, None)
    assert first.chosen_for == {"decision_makers"}
    assert toggle_quote(database, campaign.id, None, first, "decision_makers") == (
        "Taken out of the report for decision makers."
    )
    assert campaign_conclusions(database, campaign.id).overall.quotes == []


def test_choices_follow_the_quote_through_edits(quoted: tuple[Any, Campaign]) -> None:
    database, campaign = quoted
    session_id = uuid.UUID(int=1)
    choose_quote(database, campaign.id, PAY, session_id, "Sort the pay out.", "decision_makers")
    choose_quote(database, campaign.id, None, session_id, "Sort the pay out.", "meeting")

    def resave(quotes: list[tuple[str, str]]) -> None:
        edited = a_session(1, "2026-10-01", [("Pay", PAY)], quotes=quotes)
        with UnitOfWork(database) as uow:
            uow.sessions.replace(campaign.id, edited, 2)
            uow.commit()

    # Quote rows are written again on an edit: the choice stays with the same words.
    resave([("New one.", "meeting"), *QUOTES])
    assert [q.text for q in campaign_conclusions(database, campaign.id).themes[0].quotes] == [
        "Sort the pay out."
    ]
    # Narrowed to the meeting: out of the report, and out of the decision makers' choice.
    resave([("Sort the pay out.", "meeting")])
    found = campaign_conclusions(database, campaign.id)
    assert found.themes[0].quotes == []
    assert [q.text for q in found.overall.quotes_for("meeting")] == ["Sort the pay out."]
    # Gone from the session: gone from every conclusion.
    resave([])
    found = campaign_conclusions(database, campaign.id)
    assert found.overall.quotes == []
    assert found.themes[0].quotes == []
