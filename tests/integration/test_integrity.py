"""Typed work that must not be lost: themes re-done under an open form; conclusions of themes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from listening_tui.db.tables import ChosenQuoteRow, ThemeConclusionRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.errors import ClockWrong, InvalidInput
from listening_tui.services import sessions
from listening_tui.services.conclusions import campaign_conclusions, choose_quote, save_conclusion
from listening_tui.services.database import open_database
from listening_tui.services.imports import import_bundle
from listening_tui.services.theme_changes import (
    delete_theme,
    merge_themes,
    put_in_theme,
    undo_theme_change,
)
from listening_tui.services.themes import theme_overview
from tests.bundle_helpers import row_counts
from tests.conftest import EXAMPLE_BUNDLE, _empty_tables
from tests.integration.test_theme_changes import Desk, make_desk, state


@pytest.fixture
def desk(database: Any) -> Desk:
    return make_desk(database)


def test_a_form_open_during_re_theming_keeps_the_recorders_themes(
    database: Any, desk: Desk
) -> None:
    opened = sessions.get_session(database, desk.sessions[0]).session
    opened_themes = {issue.id: issue.theme_id for issue in opened.issues}
    # meanwhile the recorder moves issue 0 (Pay) to Rota and issue 3 (none) to a new theme
    put_in_theme(database, desk.campaign_id, [desk.issues[0]], desk.rota)
    bins = put_in_theme(database, desk.campaign_id, [desk.issues[3]], "Bins").created[0].id
    # the listener edits a wording and saves the form as it was opened
    issues = [
        issue.model_copy(update={"text": "Pay freeze, three years"}) if n == 0 else issue
        for n, issue in enumerate(opened.issues)
    ]
    form = opened.model_copy(update={"issues": issues})
    sessions.save_session(
        database, desk.campaign_id, form, base_version=1, opened_themes=opened_themes
    )
    saved = sessions.get_session(database, desk.sessions[0]).session
    assert saved.issues[0].text == "Pay freeze, three years"
    assert [issue.theme_id for issue in saved.issues] == [desk.rota, desk.rota, bins]
    assert state(database)[1][desk.issues[0]] == desk.rota


def test_a_theme_the_form_changed_is_saved(database: Any, desk: Desk) -> None:
    opened = sessions.get_session(database, desk.sessions[0]).session
    opened_themes = {issue.id: issue.theme_id for issue in opened.issues}
    put_in_theme(database, desk.campaign_id, [desk.issues[3]], desk.rota)
    issues = [
        issue.model_copy(update={"theme_id": desk.pay}) if n == 1 else issue
        for n, issue in enumerate(opened.issues)
    ]
    extra = opened.issues[0].model_copy(update={"id": uuid.uuid4(), "text": "New one"})
    form = opened.model_copy(update={"issues": [*issues, extra]})
    sessions.save_session(database, desk.campaign_id, form, opened_themes=opened_themes)
    saved = sessions.get_session(database, desk.sessions[0]).session
    # issue 2 changed by the form; issue 3 re-themed by the recorder; the new issue as typed
    assert [i.theme_id for i in saved.issues] == [desk.pay, desk.pay, desk.rota, desk.pay]


def test_a_theme_deleted_while_the_form_was_open_does_not_block_the_save(
    database: Any, desk: Desk
) -> None:
    opened = sessions.get_session(database, desk.sessions[0]).session
    opened_themes = {issue.id: issue.theme_id for issue in opened.issues}
    delete_theme(database, desk.rota)
    sessions.save_session(database, desk.campaign_id, opened, opened_themes=opened_themes)
    saved = sessions.get_session(database, desk.sessions[0]).session
    assert [i.theme_id for i in saved.issues] == [desk.pay, None, None]


# ---- a theme's conclusion and chosen quotes through merge, delete and undo ----

Kept = tuple[dict[uuid.UUID, tuple[str, Any]], list[tuple[Any, ...]]]


def kept(database: Any) -> Kept:
    """Every theme conclusion (text, updated_at) and every chosen quote row, as stored."""
    with UnitOfWork(database, write=False) as uow:
        texts = {
            row.theme_id: (row.text, row.updated_at)
            for row in uow.session.execute(select(ThemeConclusionRow)).scalars().all()
        }
        choices = [
            (c.id, c.theme_id, c.session_id, c.quote_text, c.purpose, c.chosen_at)
            for c in uow.session.execute(select(ChosenQuoteRow).order_by(ChosenQuoteRow.id))
            .scalars()
            .all()
        ]
    return texts, choices


def concluded(database: Any, desk: Desk) -> None:
    """Pay and Rota each get a conclusion; quotes chosen for both, one for both alike."""
    first = desk.sessions[0]
    save_conclusion(database, desk.campaign_id, desk.pay, "Pay is the top concern.")
    save_conclusion(database, desk.campaign_id, desk.rota, "Rotas change without notice.\n")
    choose_quote(database, desk.campaign_id, desk.pay, first, "Quote 0", "meeting")
    choose_quote(database, desk.campaign_id, desk.rota, first, "Quote 0", "meeting")
    choose_quote(database, desk.campaign_id, desk.rota, first, "Quote 1", "meeting")
    choose_quote(database, desk.campaign_id, None, first, "Quote 1", "meeting")


def test_merge_carries_the_conclusion_and_quotes_and_undo_puts_them_back(
    database: Any, desk: Desk
) -> None:
    concluded(database, desk)
    before = kept(database), state(database)
    change = merge_themes(database, desk.rota, desk.pay)
    assert "its conclusion added to the target's" in change.description
    pay = {c.theme_id: c for c in campaign_conclusions(database, desk.campaign_id).themes}
    assert list(pay) == [desk.pay]
    assert pay[desk.pay].text == (
        "Pay is the top concern.\n\n"
        "— From the merged theme “Rota” —\n"
        "Rotas change without notice.\n"
    )
    # Quote 0 for the meeting was chosen for both: once; Quote 1 moved with the conclusion
    assert sorted((q.text, sorted(q.chosen_for)) for q in pay[desk.pay].quotes) == [
        ("Quote 0", ["meeting"]),
        ("Quote 1", ["meeting"]),
    ]
    undo_theme_change(database, change)
    assert (kept(database), state(database)) == before


def test_merge_into_a_theme_without_a_conclusion_takes_the_text_as_it_is(
    database: Any, desk: Desk
) -> None:
    save_conclusion(database, desk.campaign_id, desk.rota, "Rotas change without notice.")
    before = kept(database)
    change = merge_themes(database, desk.rota, desk.pay)
    texts, _ = kept(database)
    assert [text for text, _ in texts.values()] == ["Rotas change without notice."]
    assert list(texts) == [desk.pay]
    undo_theme_change(database, change)
    assert kept(database) == before


def test_undo_of_a_merge_refuses_when_the_joined_conclusion_was_edited(
    database: Any, desk: Desk
) -> None:
    concluded(database, desk)
    change = merge_themes(database, desk.rota, desk.pay)
    save_conclusion(database, desk.campaign_id, desk.pay, "Rewritten after the merge.")
    after = kept(database), state(database)
    with pytest.raises(InvalidInput, match="conclusion of the theme it was merged into was edited"):
        undo_theme_change(database, change)
    assert (kept(database), state(database)) == after


def test_delete_keeps_the_conclusion_for_undo(database: Any, desk: Desk) -> None:
    concluded(database, desk)
    before = kept(database), state(database)
    change = delete_theme(database, desk.rota)
    assert change.description == (
        "Deleted the theme “Rota” (1 issue now in no theme; its conclusion and 2 chosen quotes "
        "went with it)"
    )
    texts, choices = kept(database)
    assert desk.rota not in texts
    assert all(choice[1] != desk.rota for choice in choices)
    assert len(choices) == 2  # Pay's quote and the overall one stay
    undo_theme_change(database, change)
    assert (kept(database), state(database)) == before


def test_undo_of_a_new_theme_refuses_when_a_conclusion_was_written_for_it(
    database: Any, desk: Desk
) -> None:
    change = put_in_theme(database, desk.campaign_id, [desk.issues[3]], "Bins")
    (bins,) = change.created
    save_conclusion(database, desk.campaign_id, bins.id, "Bins overflow on Mondays.")
    with pytest.raises(InvalidInput, match="a conclusion or chosen quotes were written"):
        undo_theme_change(database, change)
    assert kept(database)[0][bins.id][0] == "Bins overflow on Mondays."


def test_the_overview_says_which_themes_have_a_conclusion(database: Any, desk: Desk) -> None:
    concluded(database, desk)
    save_conclusion(database, desk.campaign_id, desk.pay, "  ")
    overview = {t.name: t for t in theme_overview(database, desk.campaign_id).themes}
    assert (overview["Pay"].concluded, overview["Pay"].chosen_quotes) == (False, 1)
    assert (overview["Rota"].concluded, overview["Rota"].chosen_quotes) == (True, 2)


# ---- a clock far behind ----


def test_a_save_with_the_clock_behind_says_so_and_stores_nothing(database: Any, desk: Desk) -> None:
    stored = sessions.get_session(database, desk.sessions[0])
    newest = max(sessions.get_session(database, s).session.updated_at for s in desk.sessions)
    edited = stored.session.model_copy(update={"leader": "Someone else"})
    rows = row_counts(database)
    for now in (datetime(2001, 1, 1, tzinfo=UTC), newest - timedelta(days=2)):
        with pytest.raises(ClockWrong, match=r"clock says it is .* so nothing was saved"):
            sessions.save_session(database, desk.campaign_id, edited, now=now)
        new = edited.model_copy(update={"id": uuid.uuid4()})
        with pytest.raises(ClockWrong):
            sessions.save_session(database, desk.campaign_id, new, now=now)
    assert row_counts(database) == rows
    assert sessions.get_session(database, desk.sessions[0]) == stored
    # a clock a few hours behind (time zones) still saves
    saved = sessions.save_session(
        database, desk.campaign_id, edited, now=newest - timedelta(hours=5)
    )
    assert saved.session.leader == "Someone else"


def test_an_import_with_the_clock_behind_says_so_and_imports_nothing(
    database: Any, desk: Desk
) -> None:
    newest = max(sessions.get_session(database, s).session.updated_at for s in desk.sessions)
    rows = row_counts(database)
    with pytest.raises(ClockWrong, match=r"example\.json: This computer's clock says it is"):
        import_bundle(
            database, EXAMPLE_BUNDLE, shown="example.json", now=newest - timedelta(days=3)
        )
    assert row_counts(database) == rows
    report = import_bundle(database, EXAMPLE_BUNDLE, now=newest)
    assert report.sessions_added == 3


def test_on_a_shared_server_its_clock_decides_not_a_laptop_that_ran_ahead(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL: a clock ahead of the server is refused, and times stored in the
    future by an earlier laptop do not make a correct clock look behind."""
    database = open_database(pg_url)
    try:
        _empty_tables(database)
        desk = make_desk(database)
        stored = sessions.get_session(database, desk.sessions[0])
        future = datetime.now(UTC) + timedelta(days=30)
        edited = stored.session.model_copy(update={"leader": "Ahead"})
        sessions.save_session(database, desk.campaign_id, edited, now=future)  # given, not read
        rows = row_counts(database)
        monkeypatch.setattr(sessions, "utcnow", lambda: datetime.now(UTC) + timedelta(days=2))
        fresh = edited.model_copy(
            update={
                "id": uuid.uuid4(),
                "leader": "Fresh",
                "issues": [i.model_copy(update={"id": uuid.uuid4()}) for i in edited.issues],
                "quotes": [q.model_copy(update={"id": uuid.uuid4()}) for q in edited.quotes],
            }
        )
        with pytest.raises(ClockWrong, match=r"server says .* ahead of it by more than a day"):
            sessions.save_session(database, desk.campaign_id, fresh)
        assert row_counts(database) == rows
        monkeypatch.setattr(sessions, "utcnow", lambda: datetime.now(UTC))
        saved = sessions.save_session(database, desk.campaign_id, fresh)
        assert saved.session.leader == "Fresh"
    finally:
        database.close()
