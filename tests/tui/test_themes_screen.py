"""The themes screen driven from the keyboard on a copy of sample.db, checking rows each step."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from uuid import UUID

from sqlalchemy import select
from textual.pilot import Pilot
from textual.widgets import Input, Static

from listening_tui.db.engine import Database
from listening_tui.db.tables import IssueRow, ThemeRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.services.campaigns import list_campaigns
from listening_tui.services.suggestions import suggest_themes
from listening_tui.tui.app import ListeningApp
from listening_tui.tui.dialogs.confirm import ConfirmModal
from listening_tui.tui.dialogs.theme_picker import RenameThemeModal, ThemePickerModal
from listening_tui.tui.screens.suggestions import SuggestionsScreen
from listening_tui.tui.screens.themes import ThemesScreen
from listening_tui.tui.widgets.issue_table import MARK, IssueTable
from listening_tui.tui.widgets.theme_list import ThemeList
from tests.tui.waiting import settle

Themes = dict[str, set[UUID]]


def themes_in(database: Database) -> tuple[Themes, set[UUID]]:
    """Each theme's name and issues, and the issues in no theme, read from the rows."""
    with UnitOfWork(database, write=False) as uow:
        names = dict(uow.session.execute(select(ThemeRow.id, ThemeRow.name)).all())
        rows = uow.session.execute(select(IssueRow.id, IssueRow.theme_id)).all()
        found: Themes = {name: set() for name in names.values()}
        unthemed = set()
        for issue_id, theme_id in rows:
            if theme_id is None:
                unthemed.add(issue_id)
            else:
                found[names[theme_id]].add(issue_id)
    return found, unthemed


@asynccontextmanager
async def themes_screen(
    path: Path, size: tuple[int, int] = (100, 30)
) -> AsyncIterator[tuple[Pilot[None], ThemesScreen]]:
    app = ListeningApp(db_target=str(path))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, ThemesScreen)
        yield pilot, app.screen


async def to_theme_row(pilot: Pilot[None], screen: ThemesScreen, name: str) -> None:
    """From the issues, move left and down to the row of ``name`` (or a pseudo-row)."""
    await pilot.press("left")
    theme_list = screen.query_one(ThemeList)
    assert theme_list.overview is not None
    rows = ["All issues", "In no theme", *(t.name for t in theme_list.overview.themes)]
    delta = rows.index(name) - theme_list.cursor_row
    await pilot.press(*(["down"] * delta if delta > 0 else ["up"] * -delta))
    assert theme_list.cursor_row == rows.index(name)
    await pilot.press("right")
    await settle(pilot)


def shown(screen: ThemesScreen) -> list[UUID]:
    return [line.id for line in screen.query_one(IssueTable).lines]


async def test_build_merge_split_and_undo_from_the_keyboard(
    sample_copy: Path, sample_db: Database
) -> None:
    original = themes_in(sample_db)
    themes, unthemed = original
    async with themes_screen(sample_copy) as (pilot, screen):
        table = screen.query_one(IssueTable)
        assert len(table.lines) == 100  # one page of the 206
        await to_theme_row(pilot, screen, "In no theme")
        assert set(shown(screen)) == unthemed
        first, second = shown(screen)[:2]

        # build: two unthemed issues into a new theme
        await pilot.press("space", "space")
        assert table.marked == {first, second}
        assert str(table.get_row_at(0)[0]) == MARK
        await pilot.press("t")
        assert isinstance(screen.app.screen, ThemePickerModal)
        await pilot.press(*"Bins", "enter")
        await settle(pilot)
        built, _ = themes_in(sample_db)
        assert built == themes | {"Bins": {first, second}}
        assert table.marked == set()

        # merge: the new theme into Library closures
        await to_theme_row(pilot, screen, "Bins")
        await pilot.press("left", "m")
        await pilot.press(*"libr", "enter")
        await settle(pilot)
        merged, _ = themes_in(sample_db)
        library = themes["Library closures"] | {first, second}
        assert "Bins" not in merged
        assert merged["Library closures"] == library

        # split: two of Library closures' issues out into a new theme
        await to_theme_row(pilot, screen, "Library closures")
        assert set(shown(screen)) == library
        split_off = shown(screen)[:2]
        await pilot.press("space", "space", "t", *"Split", "enter")
        await settle(pilot)
        split, _ = themes_in(sample_db)
        assert split["Split"] == set(split_off)
        assert split["Library closures"] == library - set(split_off)

        # undo, one step at a time, checking the rows after each
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert themes_in(sample_db)[0] == merged
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert themes_in(sample_db)[0] == built
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert themes_in(sample_db) == original
        assert screen.undo_stack == []


async def test_take_out_rename_and_delete_then_undo(sample_copy: Path, sample_db: Database) -> None:
    original = themes_in(sample_db)
    async with themes_screen(sample_copy, size=(80, 24)) as (pilot, screen):
        await to_theme_row(pilot, screen, "Housing costs")
        taken = shown(screen)[0]
        await pilot.press("x")
        await settle(pilot)
        themes, unthemed = themes_in(sample_db)
        assert taken in unthemed
        assert taken not in themes["Housing costs"]

        await pilot.press("left", "r")
        modal = screen.app.screen
        assert isinstance(modal, RenameThemeModal)
        modal.query_one(Input).value = "Rent and housing"
        await pilot.press("enter")
        await settle(pilot)
        assert "Rent and housing" in themes_in(sample_db)[0]
        provenance = str(screen.query_one("#theme-provenance", Static).render())
        assert provenance.startswith(f"{len(original[0]['Housing costs']) - 1} issues · ")

        await pilot.press("delete")
        assert isinstance(screen.app.screen, ConfirmModal)
        await pilot.press("tab", "enter")
        await settle(pilot)
        themes, unthemed = themes_in(sample_db)
        assert "Rent and housing" not in themes
        assert original[0]["Housing costs"] <= unthemed

        for _ in range(3):
            await pilot.press("ctrl+z")
            await settle(pilot)
        assert themes_in(sample_db) == original


async def test_a_refused_name_changes_nothing(sample_copy: Path, sample_db: Database) -> None:
    original = themes_in(sample_db)
    async with themes_screen(sample_copy) as (pilot, screen):
        await to_theme_row(pilot, screen, "Housing costs")
        await pilot.press("left", "r")
        screen.app.screen.query_one(Input).value = "short STAFFING"
        await pilot.press("enter")
        await settle(pilot)
        assert themes_in(sample_db) == original
        assert screen.undo_stack == []
        assert any("already a theme" in n.message for n in screen.app._notifications)


async def test_accept_one_suggestion_and_reject_another(
    sample_copy: Path, sample_db: Database
) -> None:
    original = themes_in(sample_db)
    (campaign,) = list_campaigns(sample_db)
    accepted, rejected = suggest_themes(sample_db, campaign.id)[:2]
    async with themes_screen(sample_copy) as (pilot, screen):
        await pilot.press("s")
        await settle(pilot)
        review = screen.app.screen
        assert isinstance(review, SuggestionsScreen)
        assert len(review.proposals) > 2
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        themes, unthemed = themes_in(sample_db)
        assert accepted.theme_id is not None
        assert set(accepted.issue_ids) <= themes[accepted.theme]
        assert set(rejected.issue_ids) <= unthemed
        assert themes[accepted.theme] == original[0][accepted.theme] | set(accepted.issue_ids)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.app.screen is screen
        assert len(screen.undo_stack) == 1
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert themes_in(sample_db) == original


async def test_an_edited_suggestion_applies_its_name_and_ticks(
    sample_copy: Path, sample_db: Database
) -> None:
    original = themes_in(sample_db)
    (campaign,) = list_campaigns(sample_db)
    suggestions = suggest_themes(sample_db, campaign.id)
    index = next(n for n, s in enumerate(suggestions) if s.theme_id is None)
    chosen = suggestions[index]
    async with themes_screen(sample_copy) as (pilot, screen):
        await pilot.press("s")
        await settle(pilot)
        await pilot.press(*["down"] * index, "e")
        modal = screen.app.screen
        modal.query_one(Input).value = "Cold offices"
        await pilot.press("tab", "space", "ctrl+s", "a")
        await settle(pilot)
        themes, _ = themes_in(sample_db)
        assert themes["Cold offices"] == set(chosen.issue_ids[1:])
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert themes_in(sample_db) == original


async def test_deleting_a_concluded_theme_says_so_and_undo_brings_the_conclusion_back(
    sample_copy: Path, sample_db: Database
) -> None:
    from listening_tui.services.conclusions import campaign_conclusions, save_conclusion

    campaign_id = list_campaigns(sample_db)[0].id
    names = {t.title: t.theme_id for t in campaign_conclusions(sample_db, campaign_id).themes}
    housing = names["Housing costs"]
    assert housing is not None
    save_conclusion(sample_db, campaign_id, housing, "Rents rose faster than pay.")

    def housing_text() -> str | None:
        found = campaign_conclusions(sample_db, campaign_id).themes
        return next((t.text for t in found if t.theme_id == housing), None)

    async with themes_screen(sample_copy) as (pilot, screen):
        await to_theme_row(pilot, screen, "Housing costs")
        await pilot.press("delete")
        modal = screen.app.screen
        assert isinstance(modal, ConfirmModal)
        assert "Its conclusion will go too." in modal.question
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert housing_text() is None
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert housing_text() == "Rents rose faster than pay."
