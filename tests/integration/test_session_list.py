"""The sessions list's service on SQLite and PostgreSQL: filters, sorts, pages and counts in SQL."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from listening_tui.domain.forms import Campaign, Interviewee, IssueEntry, SessionForm
from listening_tui.domain.queries import SORT_COLUMNS, SessionQuery, SortColumn
from listening_tui.domain.summaries import SessionSummary
from listening_tui.services import campaigns, sessions
from listening_tui.services.sessions import browse_sessions, campaign_facets


def make_campaign(database: Any, name: str = "Riverside") -> uuid.UUID:
    campaign = Campaign(id=uuid.uuid4(), name=name)
    return campaigns.create_campaign(database, campaign).id


def add(
    database: Any,
    campaign_id: uuid.UUID,
    *,
    leader: str = "Amina Yusuf",
    held_on: date = date(2026, 3, 1),
    kind: str = "one_to_one",
    people: int = 1,
    subgroup: str | None = None,
    issues: tuple[str, ...] = ("Pay",),
    recorder: str | None = None,
    community: str = "East depot",
    interviewees: tuple[str, ...] = (),
) -> uuid.UUID:
    """Save one session through the service and return its id."""
    form = SessionForm(
        id=uuid.uuid4(),
        kind=kind,  # type: ignore[arg-type]
        leader=leader,
        recorder=recorder,
        held_on=held_on,
        community=community,
        subgroup=subgroup,
        participant_count=people,
        interviewees=[Interviewee(name=name) for name in interviewees],
        issues=[IssueEntry(id=uuid.uuid4(), text=text, key_issue="yes") for text in issues],
    )
    return sessions.save_session(database, campaign_id, form).session.id


@pytest.fixture
def riverside(database: Any) -> tuple[Any, uuid.UUID, dict[str, uuid.UUID]]:
    """Eight sessions with ties on every column, and one in another campaign."""
    campaign_id = make_campaign(database)
    named = {
        "a": add(database, campaign_id, leader="Amina Yusuf", held_on=date(2026, 3, 1),
                 subgroup="Libraries", issues=("Pay is too low", "Parking")),
        "b": add(database, campaign_id, leader="bob Reilly", held_on=date(2026, 3, 1),
                 kind="group", people=12, subgroup="Home care",
                 issues=("rota changes", "Travel time", "Sick pay")),
        "c": add(database, campaign_id, leader="Siân Griffiths", held_on=date(2026, 2, 14),
                 recorder="Łukasz Nowak", issues=("Zero-hours contracts",),
                 interviewees=("Zoë Ðorđević",)),
        "d": add(database, campaign_id, leader="Amina Yusuf", held_on=date(2026, 4, 2),
                 kind="group", people=3, issues=("100% of shifts short", "Vans", "Pay", "Heat")),
        "e": add(database, campaign_id, leader="Łukasz Nowak", held_on=date(2026, 1, 5),
                 subgroup="libraries annex", community="Central Library",
                 issues=("Lone working at night",)),
        "f": add(database, campaign_id, leader="Amina Yusuf", held_on=date(2026, 3, 1),
                 subgroup="Libraries", issues=("pay_band review", "Pay")),
        "g": add(database, campaign_id, leader="Grace Okafor", held_on=date(2025, 12, 1),
                 kind="group", people=12, subgroup="Home care",
                 issues=("Childcare costs", "Staffing"), interviewees=("Björn Ek", "Ama")),
        "h": add(database, campaign_id, leader="Dev Patel", held_on=date(2026, 4, 2),
                 issues=("Travel/fuel \\ costs",), recorder="Siân Griffiths"),
    }  # fmt: skip
    other = make_campaign(database, "Elsewhere")
    add(database, other, leader="Amina Yusuf", subgroup="Libraries", issues=("Pay is too low",))
    return database, campaign_id, named


def everything(database: Any, campaign_id: uuid.UUID, query: SessionQuery) -> list[SessionSummary]:
    page = browse_sessions(database, campaign_id, query, 0, 1000)
    assert page.total == len(page.rows)
    return page.rows


SORT_KEYS: dict[SortColumn, Callable[[SessionSummary], Any]] = {
    "held_on": lambda s: s.held_on,
    "kind": lambda s: s.kind,
    "leader": lambda s: (s.leader.lower(), s.leader),
    "subgroup": lambda s: (s.subgroup.lower(), s.subgroup) if s.subgroup else ("", ""),
    "participant_count": lambda s: s.participant_count,
    "issue_count": lambda s: s.issue_count,
    "first_issue": lambda s: (s.first_issue or "").lower(),
}


@pytest.mark.parametrize("direction", ["asc", "desc"])
@pytest.mark.parametrize("column", SORT_COLUMNS)
def test_every_column_sorts_both_ways_with_the_id_as_tiebreak(
    riverside: Any, column: SortColumn, direction: str
) -> None:
    database, campaign_id, _ = riverside
    query = SessionQuery(sort_by=column, direction=direction)  # type: ignore[arg-type]
    rows = everything(database, campaign_id, query)
    assert len(rows) == 8
    descending = direction == "desc"
    key = SORT_KEYS[column]
    expected = sorted(rows, key=lambda s: (key(s), s.id), reverse=descending)
    if column == "subgroup":
        expected = [s for s in expected if s.subgroup] + [s for s in expected if not s.subgroup]
    assert [s.id for s in rows] == [s.id for s in expected]


def test_sorts_ignore_case_and_keep_sessions_without_subgroup_last(riverside: Any) -> None:
    database, campaign_id, named = riverside
    by_leader = everything(database, campaign_id, SessionQuery(sort_by="leader", direction="asc"))
    assert [s.leader for s in by_leader][:5] == [
        "Amina Yusuf", "Amina Yusuf", "Amina Yusuf", "bob Reilly", "Dev Patel",
    ]  # fmt: skip
    for direction in ("asc", "desc"):
        query = SessionQuery(sort_by="subgroup", direction=direction)  # type: ignore[arg-type]
        rows = everything(database, campaign_id, query)
        assert {s.id for s in rows[-3:]} == {named["c"], named["d"], named["h"]}
    newest = everything(database, campaign_id, SessionQuery())
    assert [s.held_on for s in newest] == sorted((s.held_on for s in newest), reverse=True)
    assert {newest[0].id, newest[1].id} == {named["d"], named["h"]}
    assert newest[0].id > newest[1].id


def test_a_summary_holds_counts_and_the_first_issue(riverside: Any) -> None:
    database, campaign_id, named = riverside
    rows = {s.id: s for s in everything(database, campaign_id, SessionQuery())}
    b = rows[named["b"]]
    assert (b.kind, b.leader, b.subgroup, b.participant_count) == (
        "group",
        "bob Reilly",
        "Home care",
        12,
    )
    assert (b.issue_count, b.first_issue, b.version) == (3, "rota changes", 1)
    assert rows[named["d"]].issue_count == 4
    assert rows[named["h"]].subgroup is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (SessionQuery(kind="group"), {"b", "d", "g"}),
        (SessionQuery(kind="one_to_one"), {"a", "c", "e", "f", "h"}),
        (SessionQuery(subgroup="Libraries"), {"a", "f"}),
        (SessionQuery(subgroup="libraries"), set()),
        (SessionQuery(leader="Amina Yusuf"), {"a", "d", "f"}),
        (SessionQuery(leader="Amina"), set()),
        (SessionQuery(leader="Łukasz Nowak"), {"e"}),
        (SessionQuery(kind="group", leader="Amina Yusuf"), {"d"}),
        (SessionQuery(kind="group", subgroup="Home care", leader="Grace Okafor"), {"g"}),
        (SessionQuery(kind="one_to_one", subgroup="Home care"), set()),
        (SessionQuery(subgroup="", leader=""), {"a", "b", "c", "d", "e", "f", "g", "h"}),
    ],
)
def test_filters_are_exact_and_combine(
    riverside: Any, query: SessionQuery, expected: set[str]
) -> None:
    database, campaign_id, named = riverside
    page = browse_sessions(database, campaign_id, query, 0, 100)
    assert {s.id for s in page.rows} == {named[n] for n in expected}
    assert page.total == len(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("amina", {"a", "d", "f"}),  # leader
        ("BOB", {"b"}),  # leader, case ignored
        ("siân", {"c", "h"}),  # leader of c, recorder of h
        ("SIÂN GRIFF", {"c", "h"}),
        ("łukasz", {"c", "e"}),  # recorder of c, leader of e
        ("ŁUKASZ", {"c", "e"}),
        ("ðorđević", {"c"}),  # interviewee
        ("björn", {"g"}),  # second interviewee
        ("central library", {"e"}),  # community
        ("home care", {"b", "g"}),  # subgroup
        ("libraries", {"a", "e", "f"}),  # subgroup, and part of another
        ("sick pay", {"b"}),  # third issue
        ("pay", {"a", "b", "d", "f"}),  # issue text anywhere, not only the first
        ("  heat  ", {"d"}),  # trimmed
        ("%", {"d"}),  # taken literally, not "anything"
        ("100%", {"d"}),
        ("_", {"f"}),  # not "any one character"
        ("y_b", {"f"}),
        ("a_d", set()),
        ("/", {"h"}),  # SQLAlchemy's escape character, literally
        ("\\", {"h"}),
        ("nothing like this", set()),
    ],
)
def test_text_search_covers_names_places_and_issues(
    riverside: Any, text: str, expected: set[str]
) -> None:
    database, campaign_id, named = riverside
    page = browse_sessions(database, campaign_id, SessionQuery(text=text), 0, 100)
    assert {s.id for s in page.rows} == {named[n] for n in expected}
    assert page.total == len(expected)


def test_text_search_combines_with_filters_and_sorts(riverside: Any) -> None:
    database, campaign_id, named = riverside
    query = SessionQuery(text="pay", kind="one_to_one", sort_by="issue_count", direction="asc")
    page = browse_sessions(database, campaign_id, query, 0, 100)
    assert [s.id for s in page.rows] == sorted([named["a"], named["f"]])
    assert page.total == 2


def test_pages_cover_the_list_once_and_count_every_match(riverside: Any) -> None:
    database, campaign_id, _ = riverside
    for query in (SessionQuery(), SessionQuery(sort_by="first_issue"), SessionQuery(text="a")):
        whole = [s.id for s in everything(database, campaign_id, query)]
        pages = [browse_sessions(database, campaign_id, query, offset, 3) for offset in (0, 3, 6)]
        assert [len(p.rows) for p in pages] == [3, 3, len(whole) - 6]
        assert [p.offset for p in pages] == [0, 3, 6]
        assert {p.total for p in pages} == {len(whole)}
        assert [s.id for p in pages for s in p.rows] == whole
    at_end = browse_sessions(database, campaign_id, SessionQuery(), 8, 3)
    assert (at_end.rows, at_end.total, at_end.offset) == ([], 8, 8)
    beyond = browse_sessions(database, campaign_id, SessionQuery(), 50, 3)
    assert (beyond.rows, beyond.total) == ([], 8)
    last = browse_sessions(database, campaign_id, SessionQuery(), 7, 3)
    assert len(last.rows) == 1
    assert browse_sessions(database, campaign_id, SessionQuery(), 0, 0).rows == []


def test_an_empty_campaign_has_an_empty_list(database: Any) -> None:
    campaign_id = make_campaign(database)
    page = browse_sessions(database, campaign_id, SessionQuery(text="x"), 0, 100)
    assert (page.rows, page.total, page.offset) == ([], 0, 0)
    facets = campaign_facets(database, campaign_id)
    assert (facets.leaders, facets.subgroups) == ([], [])


def test_facets_are_the_distinct_leaders_and_subgroups(riverside: Any) -> None:
    database, campaign_id, _ = riverside
    facets = campaign_facets(database, campaign_id)
    assert facets.leaders == [
        "Amina Yusuf", "bob Reilly", "Dev Patel", "Grace Okafor", "Siân Griffiths", "Łukasz Nowak",
    ]  # fmt: skip
    assert facets.subgroups == ["Home care", "Libraries", "libraries annex"]


def test_wildcards_stay_literal_in_searches_beyond_ascii(database: Any) -> None:
    campaign_id = make_campaign(database)
    literal = add(database, campaign_id, issues=("Łódź_100% of posts cut",))
    lookalike = add(database, campaign_id, issues=("ŁÓDŹ-1000 posts",))
    add(database, campaign_id, issues=("Lodz_100% without accents",))

    def found(text: str) -> set[uuid.UUID]:
        page = browse_sessions(database, campaign_id, SessionQuery(text=text), 0, 100)
        assert page.total == len(page.rows)
        return {s.id for s in page.rows}

    assert found("łódź_100%") == {literal}
    assert found("ÓDŹ_1") == {literal}
    assert found("łódź") == {literal, lookalike}
    assert found("ódź-1000") == {lookalike}
    assert found("ódź%") == set()
