"""The ranked issues screen driven with Pilot on the worked example of spec/ranking.md."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static, TabbedContent

from listening_tui.services.database import open_database
from listening_tui.tui.app import ListeningApp
from listening_tui.tui.screens.group_details import GroupDetailsScreen
from listening_tui.tui.screens.ranked import RankedScreen
from listening_tui.tui.widgets.ranking_filters import RankingFilters
from listening_tui.tui.widgets.ranking_table import RankingTable
from tests.integration.loading import load_bundle
from tests.tui.waiting import settle
from tests.unit.test_ranking import WORKED_EXAMPLE

SPEC_ORDER = [row[1] for row in WORKED_EXAMPLE]
"""The worked example's themes in order, weighting ``session``."""
PEOPLE_ORDER = [
    "Pay not keeping up with bills",
    "Short staffing",
    "Branch libraries threatened with closure",
    "Depot toilets broken",
    "Rota changes at a day's notice",
]
"""The same weighted by people: the depot's seven people lift it above the one-to-one."""


@pytest.fixture
def example_db(tmp_path: Path, example_bundle: dict[str, Any]) -> Path:
    """A SQLite file holding spec/example-bundle.json."""
    path = tmp_path / "example.db"
    database = open_database(str(path))
    try:
        load_bundle(database, example_bundle)
    finally:
        database.close()
    return path


@asynccontextmanager
async def ranked_screen(
    path: Path, size: tuple[int, int] = (100, 30)
) -> AsyncIterator[tuple[Pilot[None], RankedScreen]]:
    app = ListeningApp(db_target=str(path))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, RankedScreen)
        yield pilot, app.screen


def shown(screen: RankedScreen) -> list[tuple[str, int, int]]:
    """(theme, points, sessions) of each row, as the table holds them."""
    table = screen.query_one(RankingTable)
    rows = []
    for index in range(table.row_count):
        cells = table.get_row_at(index)
        rows.append((cells[1].plain.strip("“”"), int(cells[2].plain), int(cells[4].plain)))
    return rows


def themes(screen: RankedScreen) -> list[str]:
    return [theme for theme, _, _ in shown(screen)]


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def test_every_figure_of_the_worked_example(example_db: Path) -> None:
    async with ranked_screen(example_db) as (_pilot, screen):
        table = screen.query_one(RankingTable)
        rows = [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]
        figures = [[row[0], row[1].strip("“”"), *row[2:3], *row[4:]] for row in rows]
        assert figures == [[str(value) for value in row] for row in WORKED_EXAMPLE]
        assert rows[0][3] == "█" * len(rows[0][3])  # the top row's bar is full
        assert rows[2][1] == "“Branch libraries threatened with closure”"  # unthemed
        assert "5 groups · all sessions, each session counts once" in text_of(
            screen, "#ranking-status"
        )


async def test_the_weighting_toggle_changes_the_order(example_db: Path) -> None:
    async with ranked_screen(example_db) as (pilot, screen):
        assert themes(screen) == SPEC_ORDER
        await pilot.press("w")
        await settle(pilot)
        assert themes(screen) == PEOPLE_ORDER
        assert [points for _, points, _ in shown(screen)] == [73, 39, 30, 28, 5]
        assert "points times the people" in text_of(screen, "#ranking-status")
        await pilot.press("w")
        await settle(pilot)
        assert themes(screen) == SPEC_ORDER


async def test_filters_change_the_rows(example_db: Path) -> None:
    async with ranked_screen(example_db) as (pilot, screen):
        screen.query_one("#rank-kind", Select).value = "one_to_one"
        await settle(pilot)
        assert shown(screen) == [
            ("Pay not keeping up with bills", 6, 1),
            ("Rota changes at a day's notice", 5, 1),
            ("Short staffing", 4, 1),
        ]
        assert "one-to-one sessions" in text_of(screen, "#ranking-status")
        screen.query_one("#rank-kind", Select).clear()
        subgroups = screen.query_one("#rank-subgroup", Select)
        assert ("Libraries", "Libraries") in subgroups._options  # offered from the campaign
        subgroups.value = "Libraries"
        await settle(pilot)
        assert shown(screen) == [
            ("Branch libraries threatened with closure", 6, 1),
            ("Pay not keeping up with bills", 5, 1),
        ]
        await pilot.press("x")  # clear
        await settle(pilot)
        assert themes(screen) == SPEC_ORDER
        leaders = screen.query_one("#rank-leader", Select)
        leaders.value = "Tom Reilly"
        await settle(pilot)
        assert themes(screen) == [
            "Branch libraries threatened with closure",
            "Pay not keeping up with bills",
        ]


async def test_days_are_checked(example_db: Path) -> None:
    async with ranked_screen(example_db) as (pilot, screen):
        filters = screen.query_one(RankingFilters)
        day_from = screen.query_one("#rank-from", Input)
        day_from.focus()
        await pilot.press(*"2026-11-04")
        await settle(pilot)
        assert themes(screen) == [
            "Pay not keeping up with bills",
            "Branch libraries threatened with closure",
            "Short staffing",
            "Depot toilets broken",
        ]
        screen.query_one("#rank-to", Input).value = "2026-11-31"
        await settle(pilot)
        assert filters.error == (
            "To '2026-11-31' is not a date: write it as YYYY-MM-DD, like 2026-11-03"
        )
        assert screen.query_one("#rank-to", Input).has_class("-invalid")
        assert not day_from.has_class("-invalid")
        assert len(themes(screen)) == 4  # nothing ranked until it is put right
        screen.query_one("#rank-to", Input).value = "2026-11-01"
        await settle(pilot)
        assert filters.error == "From 2026-11-04 is after To 2026-11-01: give the earlier day first"
        assert len(themes(screen)) == 4
        screen.query_one("#rank-to", Input).value = "2026-11-05"
        await settle(pilot)
        assert filters.error is None
        assert not screen.query_one("#rank-to", Input).has_class("-invalid")
        assert shown(screen) == [
            ("Pay not keeping up with bills", 6, 1),
            ("Short staffing", 5, 1),
            ("Depot toilets broken", 4, 1),
        ]
        # A day half typed is not an error yet; leaving the box makes it one.
        day_from.value = "2026-11"
        await settle(pilot)
        assert filters.error is None
        screen.query_one(RankingTable).focus()
        await settle(pilot)
        assert filters.error is not None
        assert "'2026-11' is not a date" in filters.error


async def test_each_column_explains_itself(example_db: Path) -> None:
    async with ranked_screen(example_db) as (pilot, screen):
        assert text_of(screen, "#ranking-help").startswith("Rank: Place in the order")
        await pilot.press("right")
        assert text_of(screen, "#ranking-help").startswith("Pay not keeping up with bills.")
        await pilot.press("right")
        assert "6 points for a first issue" in text_of(screen, "#ranking-help")
        await pilot.press("w")
        await settle(pilot)
        assert "times the people in that session" in text_of(screen, "#ranking-help")
        await pilot.press("right", "right", "right", "right")
        assert text_of(screen, "#ranking-help").startswith("Key: Y: Sessions that marked")
        # The mouse over a header shows its help as a tooltip.
        table = screen.query_one(RankingTable)
        await pilot.hover("#ranking", offset=(10, 0))
        assert str(table.tooltip).startswith("The recorders' theme.")
        await pilot.hover("#ranking", offset=(2, 0))
        assert str(table.tooltip).startswith("Place in the order")


async def test_enter_opens_the_details_of_a_theme(example_db: Path) -> None:
    async with ranked_screen(example_db) as (pilot, screen):
        await pilot.press("down", "enter")  # Short staffing
        await settle(pilot)
        details = pilot.app.screen
        assert isinstance(details, GroupDetailsScreen)
        issues = details.query_one("#details-issues", DataTable)
        texts = [issues.get_row_at(i)[4].plain for i in range(issues.row_count)]
        assert texts == ["Crews running two men short", "Not enough carers for the round"]
        assert [issues.get_row_at(i)[2].plain for i in range(issues.row_count)] == ["★ 5", "★ 4"]
        sessions = details.query_one("#details-sessions", DataTable)
        assert [sessions.get_row_at(i)[0] for i in range(sessions.row_count)] == [
            "2026-11-05",
            "2026-11-03",
        ]
        assert details.query_one(TabbedContent).get_tab("quotes").label.plain == "Quotes (2)"
        await pilot.press("3")
        quotes = [str(q.content) for q in details.query(".quote").results(Static)]
        assert quotes[0].startswith(" MEETING ONLY ")
        assert quotes[1].startswith(" DECISION MAKERS ")
        everything = " ".join(str(s.content) for s in details.query(Static))
        assert "07700 900123" not in everything  # the interviewee's contact
        await pilot.press("4")
        reflections = [str(r.content) for r in details.query(".reflection").results(Static)]
        assert "Notes: Coaches under-12s; could bring parents." in reflections[1]
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen


async def test_enter_opens_the_details_of_unthemed_issues(example_db: Path) -> None:
    async with ranked_screen(example_db) as (pilot, _screen):
        await pilot.press("down", "down", "right", "enter")  # from any column
        await settle(pilot)
        details = pilot.app.screen
        assert isinstance(details, GroupDetailsScreen)
        assert "(issues with no theme yet)" in text_of(details, "#details-title")
        issues = details.query_one("#details-issues", DataTable)
        assert [issues.get_row_at(i)[4].plain for i in range(issues.row_count)] == [
            "Branch libraries threatened with closure"
        ]
        assert text_of(details, "#details-summary").startswith(
            "Rank 3 · 6 points · 1 session · 5 people"
        )


async def test_a_ratified_priority_is_marked(example_db: Path) -> None:
    from listening_tui.services.campaigns import list_campaigns
    from tests.integration.test_meetings import ratify_pay

    database = open_database(str(example_db))
    try:
        (campaign,) = list_campaigns(database)
        ratify_pay(database, campaign.id)
    finally:
        database.close()
    async with ranked_screen(example_db) as (_pilot, screen):
        table = screen.query_one(RankingTable)
        names = [table.get_row_at(i)[1].plain for i in range(table.row_count)]
        assert [n for n in names if n.startswith("✔ ")] == ["✔ Pay not keeping up with bills"]
        assert "✔ ratified at a meeting" in str(screen.query_one("#ranking-status", Static).content)
