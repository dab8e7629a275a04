"""The sessions list driven with Pilot on a copy of sample.db, checking the database each step."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import func, select
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from listening_tui.db.engine import Database
from listening_tui.db.tables import RevisionRow, SessionRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import ListeningSession
from listening_tui.services import campaigns, sessions
from listening_tui.tui import app as app_module
from listening_tui.tui import screens
from listening_tui.tui.app import ListeningApp
from listening_tui.tui.dialogs.delete_session import ConfirmDeleteModal
from listening_tui.tui.screens.sessions import SessionsScreen
from listening_tui.tui.screens.start import StartScreen
from listening_tui.tui.widgets.session_table import SessionTable
from tests.tui.waiting import settle


def stored(database: Database) -> list[ListeningSession]:
    """Every stored session of the sample campaign, read through the services."""
    (campaign,) = campaigns.list_campaigns(database)
    return [
        sessions.get_session(database, s.id).session
        for s in sessions.list_sessions(database, campaign.id)
    ]


def count(database: Database, table: Any, **where: Any) -> int:
    statement = select(func.count()).select_from(table)
    for name, value in where.items():
        statement = statement.where(getattr(table, name) == value)
    with UnitOfWork(database, write=False) as uow:
        return int(uow.session.scalar(statement) or 0)


@asynccontextmanager
async def sessions_screen(
    path: Path, size: tuple[int, int] = (100, 30), app: ListeningApp | None = None
) -> AsyncIterator[tuple[Pilot[None], SessionsScreen]]:
    app = app or ListeningApp(db_target=str(path))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)
        yield pilot, app.screen


def shown(screen: SessionsScreen) -> list[UUID]:
    return [s.id for s in screen.query_one(SessionTable).summaries]


def status(screen: SessionsScreen) -> str:
    return str(screen.query_one("#sessions-status", Static).render())


def mentions(session: ListeningSession, words: str) -> bool:
    """The list's text search, written independently in Python."""
    texts = [session.leader, session.recorder or "", session.community, session.subgroup or ""]
    texts += [p.name for p in session.interviewees] + [i.text for i in session.issues]
    return any(words.lower() in text.lower() for text in texts)


async def test_the_list_opens_on_the_newest_sessions(
    sample_copy: Path, sample_db: Database
) -> None:
    async with sessions_screen(sample_copy) as (_pilot, screen):
        everything = stored(sample_db)
        newest = sorted(everything, key=lambda s: (s.held_on, s.id), reverse=True)
        assert shown(screen) == [s.id for s in newest]
        assert status(screen) == "Showing 48 of 48 sessions · newest first"
        assert screen.focused is screen.query_one(SessionTable)
        table = screen.query_one(SessionTable)
        assert str(table.ordered_columns[0].label) == "Held on▼"


async def test_typing_filters_after_a_pause(sample_copy: Path, sample_db: Database) -> None:
    async with sessions_screen(sample_copy) as (pilot, screen):
        await pilot.press("slash")
        assert screen.focused is screen.query_one("#session-search", Input)
        queries = screen._generation
        await pilot.press(*"łukasz")
        await settle(pilot)
        assert screen._generation == queries, "no query while typing"
        assert len(shown(screen)) == 48
        await pilot.pause(0.4)
        await settle(pilot)
        assert screen._generation == queries + 1, "one query for the word"
        everything = stored(sample_db)
        expected = {s.id for s in everything if mentions(s, "łukasz")}
        assert 0 < len(expected) < 48
        assert set(shown(screen)) == expected
        assert (
            status(screen)
            == f"Showing {len(expected)} of {len(expected)} matching sessions · newest first"
        )
        for _ in "łukasz":
            await pilot.press("backspace")
        await pilot.press(*"night")
        await pilot.press("enter")
        await settle(pilot)
        assert set(shown(screen)) == {s.id for s in everything if mentions(s, "night")}
        assert screen.focused is screen.query_one(SessionTable)
        assert count(sample_db, SessionRow) == 48


async def test_the_choices_filter_and_combine(sample_copy: Path, sample_db: Database) -> None:
    async with sessions_screen(sample_copy) as (pilot, screen):
        everything = stored(sample_db)
        leaders = screen.query_one("#leader-filter", Select)
        subgroups = screen.query_one("#subgroup-filter", Select)
        assert [value for _, value in leaders._options[1:]] == sorted(
            {s.leader for s in everything}, key=str.casefold
        )
        subgroups.value = "Libraries"
        await settle(pilot)
        libraries = [s for s in everything if s.subgroup == "Libraries"]
        assert set(shown(screen)) == {s.id for s in libraries}
        screen.query_one("#kind-filter", Select).value = "group"
        await settle(pilot)
        assert set(shown(screen)) == {s.id for s in libraries if s.kind == "group"}
        leader = libraries[0].leader
        leaders.value = leader
        screen.query_one("#kind-filter", Select).clear()
        await settle(pilot)
        assert set(shown(screen)) == {s.id for s in libraries if s.leader == leader}
        subgroups.clear()
        leaders.clear()
        await settle(pilot)
        assert len(shown(screen)) == 48


async def test_keys_and_header_clicks_sort(sample_copy: Path, sample_db: Database) -> None:
    async with sessions_screen(sample_copy) as (pilot, screen):
        table = screen.query_one(SessionTable)
        await pilot.press("s")
        await settle(pilot)
        kinds = [s.kind for s in table.summaries]
        assert kinds == sorted(kinds)
        assert status(screen).endswith("groups first")
        await pilot.press("r")
        await settle(pilot)
        assert [s.kind for s in table.summaries] == sorted(kinds, reverse=True)
        columns = table.ordered_columns
        x = sum(c.get_render_width(table) for c in columns[:4]) + 2
        assert str(columns[4].label) == "People"
        await pilot.click(SessionTable, offset=(x, 0))
        await settle(pilot)
        people = [s.participant_count for s in table.summaries]
        assert people == sorted(people, reverse=True)
        assert str(table.ordered_columns[4].label) == "People▼"
        await pilot.click(SessionTable, offset=(x, 0))
        await settle(pilot)
        assert [s.participant_count for s in table.summaries] == sorted(people)
        assert status(screen).endswith("fewest people first")
        assert count(sample_db, SessionRow) == 48


async def test_pages_load_as_the_cursor_nears_the_end(
    sample_copy: Path, sample_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screens.sessions, "PAGE_SIZE", 10)
    monkeypatch.setattr(screens.sessions, "PREFETCH", 2)
    async with sessions_screen(sample_copy, size=(100, 12)) as (pilot, screen):
        table = screen.query_one(SessionTable)
        assert table.scrollable_content_region.height < 10
        assert len(shown(screen)) == 10
        assert status(screen) == "Showing 10 of 48 sessions · newest first"
        await pilot.press("down", "down", "down", "down")
        await settle(pilot)
        assert len(shown(screen)) == 10, "not yet near the end"
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert len(shown(screen)) == 20
        assert status(screen) == "Showing 20 of 48 sessions · newest first"
        for _ in range(8):
            await pilot.press("pagedown")
            await settle(pilot)
        everything = stored(sample_db)
        newest = sorted(everything, key=lambda s: (s.held_on, s.id), reverse=True)
        assert shown(screen) == [s.id for s in newest]
        assert status(screen) == "Showing 48 of 48 sessions · newest first"


async def test_delete_asks_then_deletes_and_u_brings_it_back(
    sample_copy: Path, sample_db: Database
) -> None:
    async with sessions_screen(sample_copy) as (pilot, screen):
        table = screen.query_one(SessionTable)
        await pilot.press("down", "down")
        target = table.summaries[2]
        await pilot.press("delete")
        modal = pilot.app.screen
        assert isinstance(modal, ConfirmDeleteModal)
        text = " ".join(str(w.render()) for w in modal.query(Static))
        assert target.held_on.isoformat() in text
        assert target.leader in text
        assert (target.first_issue or "") in text
        await pilot.press("n")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert count(sample_db, SessionRow) == 48
        await pilot.press("delete")
        await pilot.press("y")
        await settle(pilot)
        assert count(sample_db, SessionRow) == 47
        assert count(sample_db, SessionRow, id=target.id) == 0
        assert count(sample_db, RevisionRow, session_id=target.id, reason="delete") == 1
        assert target.id not in shown(screen)
        assert status(screen).startswith("Showing 47 of 47 sessions")
        messages = [n.message for n in pilot.app._notifications]
        assert any("Press u to undo" in m for m in messages)
        await pilot.press("u")
        await settle(pilot)
        assert count(sample_db, SessionRow) == 48
        assert count(sample_db, SessionRow, id=target.id) == 1
        assert shown(screen)[2] == target.id
        assert table.highlighted is not None
        assert table.highlighted.id == target.id
        await pilot.press("u")
        await settle(pilot)
        assert count(sample_db, SessionRow) == 48
        assert count(sample_db, RevisionRow) == 1


async def test_enter_asks_the_app_to_edit_the_highlighted_session(sample_copy: Path) -> None:
    asked: list[UUID] = []

    class RecordingApp(ListeningApp):
        CSS_PATH = str(Path(app_module.__file__).parent / "app.tcss")

        def on_sessions_screen_edit_session(self, event: SessionsScreen.EditSession) -> None:
            asked.append(event.session_id)

    app = RecordingApp(db_target=str(sample_copy))
    async with sessions_screen(sample_copy, app=app) as (pilot, screen):
        await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert asked == [shown(screen)[1]]


async def test_escape_leaves_the_filters_then_the_screen(sample_copy: Path) -> None:
    async with sessions_screen(sample_copy) as (pilot, screen):
        await pilot.press("slash")
        await pilot.press("escape")
        assert screen.focused is screen.query_one(SessionTable)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, StartScreen)


async def test_a_page_for_an_older_query_is_dropped(sample_copy: Path, sample_db: Database) -> None:
    async with sessions_screen(sample_copy) as (pilot, screen):
        (campaign,) = campaigns.list_campaigns(sample_db)
        from listening_tui.domain.queries import SessionQuery

        old = sessions.browse_sessions(sample_db, campaign.id, SessionQuery(kind="group"), 0, 100)
        screen.post_message(SessionsScreen.PageLoaded(0, old, None))
        await settle(pilot)
        assert len(shown(screen)) == 48


async def test_undo_after_someone_else_restored_says_why(
    sample_copy: Path, sample_db: Database
) -> None:
    async with sessions_screen(sample_copy) as (pilot, screen):
        target = screen.query_one(SessionTable).summaries[0]
        await pilot.press("delete", "y")
        await settle(pilot)
        assert count(sample_db, SessionRow) == 47
        sessions.restore_session(sample_db, target.id)
        await pilot.press("u")
        await settle(pilot)
        (failure,) = [n for n in pilot.app._notifications if n.severity == "error"]
        assert failure.title == "Could not undo the deletion"
        assert "in the list already" in failure.message
        assert count(sample_db, SessionRow) == 48
        assert count(sample_db, RevisionRow, session_id=target.id) == 1


async def test_enter_opens_the_form_and_saving_refreshes_the_list(
    sample_copy: Path, sample_db: Database
) -> None:
    from listening_tui.tui.screens.form import SessionFormScreen

    async with sessions_screen(sample_copy, size=(100, 40)) as (pilot, screen):
        table = screen.query_one(SessionTable)
        await pilot.press("down", "down")
        target = table.summaries[2]
        await pilot.press("enter")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, SessionFormScreen)
        leader = form.query_one("#leader", Input)
        assert leader.value == target.leader
        leader.value = "Łucja Wiśniewska"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await settle(pilot)
        assert pilot.app.screen is screen
        saved = sessions.get_session(sample_db, target.id)
        assert (saved.session.leader, saved.version) == ("Łucja Wiśniewska", 2)
        assert table.highlighted is not None
        assert table.highlighted.id == target.id
        assert table.highlighted.leader == "Łucja Wiśniewska"
        assert len(shown(screen)) == 48
        leaders = screen.query_one("#leader-filter", Select)
        assert ("Łucja Wiśniewska", "Łucja Wiśniewska") in leaders._options


async def test_a_save_after_someone_else_saved_asks_before_writing_over(
    sample_copy: Path, sample_db: Database
) -> None:
    from textual.widgets import Button

    from listening_tui.tui.dialogs.confirm import ConfirmModal
    from listening_tui.tui.screens.form import SessionFormScreen

    async with sessions_screen(sample_copy, size=(100, 40)) as (pilot, screen):
        target = screen.query_one(SessionTable).summaries[0]
        await pilot.press("enter")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, SessionFormScreen)
        # Meanwhile another laptop saves the same session.
        theirs = sessions.get_session(sample_db, target.id)
        sessions.save_session(
            sample_db,
            theirs.campaign_id,
            theirs.session.model_copy(update={"leader": "Other laptop"}),
            base_version=1,
        )
        form.query_one("#leader", Input).value = "Mine"
        await pilot.press("ctrl+s")
        await settle(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, ConfirmModal)
        assert "after you began editing it" in modal.question
        stored = sessions.get_session(sample_db, target.id)
        assert (stored.session.leader, stored.version) == ("Other laptop", 2)
        modal.query_one("#confirm", Button).press()
        await settle(pilot)
        await settle(pilot)
        stored = sessions.get_session(sample_db, target.id)
        assert (stored.session.leader, stored.version) == ("Mine", 3)
        reasons = [r.reason for r in sessions.session_history(sample_db, target.id)]
        assert reasons == ["edit", "edit_conflict", "edit"]
        assert pilot.app.screen is screen


async def test_sessions_saved_elsewhere_appear_without_a_restart(
    sample_copy: Path, sample_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from listening_tui.tui.screens import sessions as sessions_module

    monkeypatch.setattr(sessions_module, "POLL_SECONDS", 0.2)
    async with sessions_screen(sample_copy) as (pilot, screen):
        before = set(shown(screen))
        assert len(before) == 48
        await asyncio.sleep(0.5)  # the list has learnt the campaign's marker
        # Another laptop saves a session and deletes another.
        newest = sessions.get_session(sample_db, next(iter(before)))
        issues = [i.model_copy(update={"id": uuid4()}) for i in newest.session.issues]
        copy = newest.session.model_copy(
            update={"id": uuid4(), "leader": "From elsewhere", "issues": issues}
        )
        sessions.save_session(sample_db, newest.campaign_id, copy)
        sessions.delete_session(sample_db, newest.session.id)
        for _ in range(50):
            await asyncio.sleep(0.1)
            await settle(pilot)
            if copy.id in shown(screen):
                break
        assert copy.id in shown(screen)
        assert newest.session.id not in shown(screen)
        assert len(shown(screen)) == 48
