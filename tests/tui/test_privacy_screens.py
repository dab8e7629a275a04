"""Forget a person and review contacts due to expire, driven with Pilot on a copy of sample.db."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select, update
from textual.widgets import Button, DataTable, Input, Static

from listening_tui.db.engine import Database
from listening_tui.db.tables import CampaignRow, ErasureRow, IntervieweeRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.tui.dialogs.confirm import ConfirmModal
from listening_tui.tui.dialogs.forget import ForgetPersonModal
from listening_tui.tui.screens.retention import RetentionScreen
from tests.tui.test_sessions_screen import sessions_screen
from tests.tui.waiting import settle

NAME = "Yasmin Ali"


def named(database: Database, name: str) -> int:
    with UnitOfWork(database, write=False) as uow:
        statement = select(func.count()).where(IntervieweeRow.name == name)
        return int(uow.session.scalar(statement) or 0)


def text_of(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_forget_shows_a_preview_before_it_can_erase(
    sample_copy: Path, sample_db: Database
) -> None:
    async with sessions_screen(sample_copy, size=(80, 24)) as (pilot, _screen):
        await pilot.press("f")
        modal = pilot.app.screen
        assert isinstance(modal, ForgetPersonModal)
        forget = modal.query_one("#forget-apply", Button)
        assert forget.disabled

        modal.query_one("#forget-name", Input).value = NAME
        await pilot.press("enter")  # preview
        await settle(pilot)
        preview = text_of(modal, "#forget-preview")
        assert "Press Forget" in preview
        assert "as the person heard" in preview
        assert "interviewee" in preview
        assert not forget.disabled
        assert named(sample_db, NAME) == 1  # the preview changed nothing

        modal.query_one("#forget-name", Input).value = "Yasmin"
        await pilot.pause()
        assert forget.disabled  # a new name needs a new preview
        modal.query_one("#forget-name", Input).value = NAME
        await pilot.press("enter")
        await settle(pilot)

        await pilot.click("#forget-apply")
        await settle(pilot)
        assert "Changed in" in text_of(modal, "#forget-preview")
        assert named(sample_db, NAME) == 0
        with UnitOfWork(sample_db, write=False) as uow:
            assert uow.session.scalar(select(func.count()).select_from(ErasureRow)) == 1
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ForgetPersonModal)
    assert b"Yasmin" not in sample_copy.read_bytes()


async def test_contacts_due_are_reviewed_then_expired(
    sample_copy: Path, sample_db: Database
) -> None:
    with UnitOfWork(sample_db) as uow:
        uow.session.execute(update(CampaignRow).values(contact_retention_months=1))
        uow.commit()
    async with sessions_screen(sample_copy, size=(80, 24)) as (pilot, _screen):
        await pilot.press("c")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, RetentionScreen)
        table = screen.query_one("#retention-table", DataTable)
        assert table.row_count > 0
        assert screen.expired_count > 0
        assert screen.query_one("#retention-months", Input).value == "1"

        await pilot.press("x")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmModal)
        await pilot.press("escape")  # keep them after all
        await settle(pilot)
        assert screen.expired_count > 0

        await pilot.press("x")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmModal)
        await pilot.click("#confirm")
        await settle(pilot)
        assert screen.expired_count == 0
        assert "Expired" in text_of(screen, "#retention-summary")

        screen.query_one("#retention-months", Input).value = "0"
        await pilot.click("#retention-save")
        await settle(pilot)
        assert "between 1 and 120" in text_of(screen, "#retention-error")
    with UnitOfWork(sample_db, write=False) as uow:
        assert uow.session.scalar(select(CampaignRow.contact_retention_months)) == 1


async def test_the_small_group_size_is_shown_and_saved(
    sample_copy: Path, sample_db: Database
) -> None:
    async with sessions_screen(sample_copy, size=(80, 24)) as (pilot, _screen):
        await pilot.press("c")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, RetentionScreen)
        size = screen.query_one("#small-group-k", Input)
        assert size.value == "5"

        size.value = "51"
        await pilot.click("#small-group-save")
        await settle(pilot)
        assert "from 1 to 50" in text_of(screen, "#retention-error")

        size.value = "8"
        size.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert text_of(screen, "#retention-error") == ""
    with UnitOfWork(sample_db, write=False) as uow:
        assert uow.session.scalar(select(CampaignRow.small_group_k)) == 8
        assert uow.session.scalar(select(CampaignRow.contact_retention_months)) == 12
