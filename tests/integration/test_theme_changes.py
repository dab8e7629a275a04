"""Theme operations and their undo, on SQLite and PostgreSQL, checking rows after each step."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from listening_tui.db.tables import IssueRow, ThemeRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import Campaign, IssueEntry, Quote, SessionForm, Theme
from listening_tui.domain.themes import IssueQuery
from listening_tui.errors import InvalidInput, NotFound
from listening_tui.services import campaigns, sessions, themes
from listening_tui.services.theme_changes import (
    delete_theme,
    merge_themes,
    put_in_theme,
    rename_theme,
    take_out_of_theme,
    undo_theme_change,
)

State = tuple[list[tuple[uuid.UUID, str]], dict[uuid.UUID, uuid.UUID | None]]


@dataclass
class Desk:
    """A campaign with two themes and three sessions of issues."""

    campaign_id: uuid.UUID
    pay: uuid.UUID
    rota: uuid.UUID
    issues: list[uuid.UUID]
    """Six issues: 0 and 1 in Pay, 2 in Rota, 3, 4 and 5 in no theme."""
    sessions: list[uuid.UUID]


def _session(
    leader: str, held_on: date, issues: list[IssueEntry], quotes: int, kind: str = "group"
) -> SessionForm:
    return SessionForm(
        id=uuid.uuid4(),
        kind=kind,  # type: ignore[arg-type]
        leader=leader,
        held_on=held_on,
        community="East depot",
        subgroup="Refuse collection" if kind == "group" else None,
        participant_count=4 if kind == "group" else 1,
        issues=issues,
        quotes=[Quote(text=f"Quote {n}", sharing="meeting") for n in range(quotes)],
    )


@pytest.fixture
def desk(database: Any) -> Desk:
    return make_desk(database)


def make_desk(database: Any) -> Desk:
    """Store the desk's campaign, themes and sessions."""
    campaign_id = campaigns.create_campaign(
        database, Campaign(id=uuid.uuid4(), name="Riverside")
    ).id
    pay = themes.create_theme(database, campaign_id, Theme(id=uuid.uuid4(), name="Pay")).id
    rota = themes.create_theme(database, campaign_id, Theme(id=uuid.uuid4(), name="Rota")).id
    ids = [uuid.uuid4() for _ in range(6)]

    def entry(n: int, text: str, theme: uuid.UUID | None = None, key: str = "yes") -> IssueEntry:
        return IssueEntry(id=ids[n], text=text, key_issue=key, theme_id=theme)  # type: ignore[arg-type]

    forms = [
        _session(
            "Siân Griffiths",
            date(2026, 3, 1),
            [entry(0, "Pay freeze", pay), entry(2, "Rota changes", rota), entry(3, "Bins")],
            quotes=2,
        ),
        _session(
            "Tom Okafor",
            date(2026, 3, 5),
            [entry(1, "Wages behind prices", pay), entry(4, "Parking for Łukasz", None, "no")],
            quotes=1,
            kind="one_to_one",
        ),
        _session("Tom Okafor", date(2026, 3, 9), [entry(5, "Depot heating", None)], quotes=0),
    ]
    for form in forms:
        sessions.save_session(database, campaign_id, form)
    return Desk(campaign_id, pay, rota, ids, [form.id for form in forms])


def state(database: Any) -> State:
    with UnitOfWork(database, write=False) as uow:
        rows = uow.session.execute(select(ThemeRow.id, ThemeRow.name).order_by(ThemeRow.name))
        theme_rows = [(row.id, row.name) for row in rows]
        issues = {
            row.id: row.theme_id
            for row in uow.session.execute(select(IssueRow.id, IssueRow.theme_id))
        }
    return theme_rows, issues


def names(database: Any) -> list[str]:
    return [name for _, name in state(database)[0]]


def test_put_issues_in_a_new_theme_and_undo(database: Any, desk: Desk) -> None:
    before = state(database)
    change = put_in_theme(database, desk.campaign_id, [desk.issues[3], desk.issues[0]], " Bins ")
    assert change.description == "Put 2 issues in the new theme “Bins”"
    (created,) = change.created
    theme_rows, issues = state(database)
    assert (created.id, "Bins") in theme_rows
    assert issues[desk.issues[3]] == issues[desk.issues[0]] == created.id
    assert [m.before for m in change.moves] == [None, desk.pay]
    undo_theme_change(database, change)
    assert state(database) == before


def test_put_issues_in_an_existing_theme_and_undo(database: Any, desk: Desk) -> None:
    before = state(database)
    change = put_in_theme(
        database, desk.campaign_id, [desk.issues[2], desk.issues[5], desk.issues[0]], desk.pay
    )
    assert change.description == "Put 2 issues in “Pay”"  # issue 0 was there already
    assert state(database)[1][desk.issues[2]] == desk.pay
    assert state(database)[1][desk.issues[5]] == desk.pay
    undo_theme_change(database, change)
    assert state(database) == before


def test_put_refuses_a_taken_name_a_bad_name_and_missing_issues(database: Any, desk: Desk) -> None:
    before = state(database)
    with pytest.raises(InvalidInput, match="already a theme called “Pay”"):
        put_in_theme(database, desk.campaign_id, [desk.issues[3]], "PAY")
    with pytest.raises(InvalidInput, match="theme name"):
        put_in_theme(database, desk.campaign_id, [desk.issues[3]], "   ")
    with pytest.raises(NotFound, match="1 issue of those chosen no longer exist"):
        put_in_theme(database, desk.campaign_id, [desk.issues[3], uuid.uuid4()], "New")
    with pytest.raises(InvalidInput, match="already in “Pay”"):
        put_in_theme(database, desk.campaign_id, [desk.issues[0]], desk.pay)
    other = campaigns.create_campaign(database, Campaign(id=uuid.uuid4(), name="Other")).id
    with pytest.raises(NotFound):
        put_in_theme(database, other, [desk.issues[3]], "New")
    with pytest.raises(NotFound, match="another campaign"):
        put_in_theme(database, desk.campaign_id, [desk.issues[3]], _theme_in(database, other))
    assert state(database)[1] == before[1]


def _theme_in(database: Any, campaign_id: uuid.UUID) -> uuid.UUID:
    return themes.create_theme(database, campaign_id, Theme(id=uuid.uuid4(), name="Elsewhere")).id


def test_rename_and_undo(database: Any, desk: Desk) -> None:
    before = state(database)
    with pytest.raises(InvalidInput, match="already a theme called “Rota”"):
        rename_theme(database, desk.pay, "rota")
    change = rename_theme(database, desk.pay, "Pay and wages")
    assert change.description == "Renamed “Pay” to “Pay and wages”"
    assert names(database) == ["Pay and wages", "Rota"]
    undo_theme_change(database, change)
    assert state(database) == before
    recased = rename_theme(database, desk.pay, "PAY")  # its own name in other capitals
    assert names(database) == ["PAY", "Rota"]
    undo_theme_change(database, recased)
    assert state(database) == before


def test_merge_and_undo(database: Any, desk: Desk) -> None:
    before = state(database)
    change = merge_themes(database, desk.pay, desk.rota)
    assert change.description == "Merged “Pay” into “Rota” (2 issues moved)"
    theme_rows, issues = state(database)
    assert theme_rows == [(desk.rota, "Rota")]
    assert [issues[desk.issues[n]] for n in (0, 1, 2)] == [desk.rota] * 3
    undo_theme_change(database, change)
    assert state(database) == before
    with pytest.raises(InvalidInput, match="itself"):
        merge_themes(database, desk.pay, desk.pay)


def test_take_out_and_undo(database: Any, desk: Desk) -> None:
    before = state(database)
    change = take_out_of_theme(
        database, desk.campaign_id, [desk.issues[0], desk.issues[2], desk.issues[3]]
    )
    assert change.description == "Took 2 issues out of their theme"
    issues = state(database)[1]
    assert issues[desk.issues[0]] is None
    assert issues[desk.issues[2]] is None
    assert names(database) == ["Pay", "Rota"]  # the themes stay
    undo_theme_change(database, change)
    assert state(database) == before
    with pytest.raises(InvalidInput, match="None of the chosen issues is in a theme"):
        take_out_of_theme(database, desk.campaign_id, [desk.issues[3]])


def test_delete_and_undo(database: Any, desk: Desk) -> None:
    before = state(database)
    change = delete_theme(database, desk.pay)
    assert change.description == "Deleted the theme “Pay” (2 issues now in no theme)"
    theme_rows, issues = state(database)
    assert theme_rows == [(desk.rota, "Rota")]
    assert issues[desk.issues[0]] is None
    assert issues[desk.issues[1]] is None
    undo_theme_change(database, change)
    assert state(database) == before
    with pytest.raises(NotFound, match="no longer exists"):
        delete_theme(database, uuid.uuid4())


def test_several_changes_undo_in_reverse_order(database: Any, desk: Desk) -> None:
    before = state(database)
    split = put_in_theme(database, desk.campaign_id, [desk.issues[1]], "Cost of living")
    renamed = rename_theme(database, desk.rota, "Rotas")
    merged = merge_themes(database, split.created[0].id, desk.pay)
    deleted = delete_theme(database, desk.pay)
    assert names(database) == ["Rotas"]
    for change in (deleted, merged, renamed, split):
        undo_theme_change(database, change)
    assert state(database) == before


def test_undo_refuses_when_an_issue_was_deleted_since(database: Any, desk: Desk) -> None:
    change = put_in_theme(database, desk.campaign_id, [desk.issues[5], desk.issues[3]], "Depot")
    sessions.delete_session(database, desk.sessions[2])  # holds issue 5
    after = state(database)
    with pytest.raises(InvalidInput, match="1 issue of it were deleted since"):
        undo_theme_change(database, change)
    assert state(database) == after


def test_undo_refuses_when_an_issue_moved_since(database: Any, desk: Desk) -> None:
    change = take_out_of_theme(database, desk.campaign_id, [desk.issues[0]])
    put_in_theme(database, desk.campaign_id, [desk.issues[0]], desk.rota)
    after = state(database)
    with pytest.raises(InvalidInput, match="put in another theme since"):
        undo_theme_change(database, change)
    assert state(database) == after


def test_undo_of_a_new_theme_refuses_when_it_gained_issues(database: Any, desk: Desk) -> None:
    change = put_in_theme(database, desk.campaign_id, [desk.issues[3]], "Bins")
    put_in_theme(database, desk.campaign_id, [desk.issues[5]], change.created[0].id)
    after = state(database)
    with pytest.raises(InvalidInput, match="1 issue were put in “Bins” since"):
        undo_theme_change(database, change)
    assert state(database) == after


def test_undo_of_a_deletion_refuses_when_the_name_was_taken(database: Any, desk: Desk) -> None:
    change = delete_theme(database, desk.pay)
    themes.create_theme(database, desk.campaign_id, Theme(id=uuid.uuid4(), name="pay"))
    after = state(database)
    with pytest.raises(InvalidInput, match="another theme is now called “pay”"):
        undo_theme_change(database, change)
    assert state(database) == after


def test_undo_of_a_rename_refuses_when_renamed_again(database: Any, desk: Desk) -> None:
    change = rename_theme(database, desk.pay, "Wages")
    rename_theme(database, desk.pay, "Salaries")
    with pytest.raises(InvalidInput, match="renamed or deleted since"):
        undo_theme_change(database, change)
    assert names(database) == ["Rota", "Salaries"]


def test_provenance_counts_issues_sessions_listeners_and_quotes(database: Any, desk: Desk) -> None:
    put_in_theme(database, desk.campaign_id, [desk.issues[5]], desk.pay)
    overview = themes.theme_overview(database, desk.campaign_id)
    figures = {t.name: (t.issues, t.sessions, t.listeners, t.quotes) for t in overview.themes}
    # Pay: issues 0 (Siân, 2 quotes), 1 (Tom, 1 quote), 5 (Tom, no quote)
    assert figures == {"Pay": (3, 3, 2, 3), "Rota": (1, 1, 1, 2)}
    assert (overview.unthemed, overview.total) == (2, 6)
    empty = themes.create_theme(database, desk.campaign_id, Theme(id=uuid.uuid4(), name="Empty"))
    overview = themes.theme_overview(database, desk.campaign_id)
    assert next((t.name, t.issues, t.quotes) for t in overview.themes) == ("Empty", 0, 0)
    assert empty.id == overview.themes[0].id


def _listed(database: Any, desk: Desk, **filters: Any) -> list[uuid.UUID]:
    page = themes.browse_issues(database, desk.campaign_id, IssueQuery(**filters), 0, 100)
    assert page.total == len(page.rows)
    return [line.id for line in page.rows]


def test_the_issue_list_filters_and_orders(database: Any, desk: Desk) -> None:
    i = desk.issues
    assert _listed(database, desk) == [i[3], i[5], i[4], i[0], i[2], i[1]]  # A–Z by wording
    assert _listed(database, desk, order="held_on") == [i[5], i[1], i[4], i[0], i[2], i[3]]
    assert _listed(database, desk, theme=desk.pay) == [i[0], i[1]]
    assert _listed(database, desk, theme="unthemed") == [i[3], i[5], i[4]]
    assert _listed(database, desk, text="PAY") == [i[0]]
    assert _listed(database, desk, text="łukasz") == [i[4]]
    assert _listed(database, desk, text="100%") == []
    assert _listed(database, desk, kind="one_to_one") == [i[4], i[1]]
    assert _listed(database, desk, leader="Siân Griffiths") == [i[3], i[0], i[2]]
    assert _listed(database, desk, subgroup="Refuse collection") == [i[3], i[5], i[0], i[2]]
    assert _listed(database, desk, key_issue="no") == [i[4]]
    line = themes.issue_lines(database, [i[1]])[0]
    assert (line.text, line.position, line.leader, line.theme_name) == (
        "Wages behind prices",
        1,
        "Tom Okafor",
        "Pay",
    )
    assert (line.kind, line.held_on, line.key_issue) == ("one_to_one", date(2026, 3, 5), "yes")


def test_the_issue_list_pages(database: Any, desk: Desk) -> None:
    query = IssueQuery()
    first = themes.browse_issues(database, desk.campaign_id, query, 0, 4)
    rest = themes.browse_issues(database, desk.campaign_id, query, 4, 4)
    beyond = themes.browse_issues(database, desk.campaign_id, query, 8, 4)
    assert (first.total, len(first.rows), len(rest.rows), beyond.rows) == (6, 4, 2, [])
    assert [r.id for r in first.rows + rest.rows] == _listed(database, desk)
