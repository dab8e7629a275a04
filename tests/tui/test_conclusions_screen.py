"""The conclusions screen driven with Pilot on a copy of sample.db, checking the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Sparkline, TextArea

from listening_tui.db.engine import Database
from listening_tui.db.tables import CampaignConclusionRow, ChosenQuoteRow, ThemeConclusionRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.tui.app import ListeningApp
from listening_tui.tui.dialogs.report import ReportModal
from listening_tui.tui.screens.conclusions import ConclusionsScreen
from listening_tui.tui.screens.saturation import SaturationScreen
from listening_tui.tui.screens.start import StartScreen
from tests.tui.waiting import settle


def rows(database: Database, *columns: Any) -> list[tuple[Any, ...]]:
    with UnitOfWork(database, write=False) as uow:
        return [tuple(row) for row in uow.session.execute(select(*columns))]


async def open_conclusions(pilot: Pilot[None]) -> ConclusionsScreen:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ConclusionsScreen)
    return screen


async def test_write_a_conclusion_and_pick_quotes(sample_copy: Path, sample_db: Database) -> None:
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_conclusions(pilot)
        box = screen.query_one("#conclusion-text", TextArea)
        assert box.has_focus
        assert box.text.startswith("Pay came first")
        box.load_text("")
        await pilot.press("N", "o", "w")
        await pilot.press("escape")  # leaving saves at once
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        assert rows(sample_db, CampaignConclusionRow.text) == [("Now",)]

        screen = await open_conclusions(pilot)
        # The second theme (Short staffing): a text of its own, kept by the autosave.
        options = screen.query_one("#conclusion-list", OptionList)
        options.focus()
        await pilot.press("down", "down")
        await settle(pilot)
        assert screen.current is not None
        assert screen.titles[screen.current] == "Short staffing"
        await pilot.press("tab", "S", "o")
        await pilot.pause(1.2)  # past AUTOSAVE_SECONDS: no key saves it
        await settle(pilot)
        assert ("So",) in rows(sample_db, ThemeConclusionRow.text)

        # The quotes of that theme's sessions: one refused, one chosen, one key each.
        await pilot.press("tab")
        table = screen.query_one("#quote-table", DataTable)
        assert table.has_focus
        before = rows(sample_db, ChosenQuoteRow.quote_text)
        meeting_only = next(i for i, q in enumerate(screen.quotes) if q.sharing == "meeting")
        table.move_cursor(row=meeting_only)
        await pilot.press("d")
        await settle(pilot)
        assert rows(sample_db, ChosenQuoteRow.quote_text) == before
        assert any("meeting only" in n.message for n in app._notifications)
        shared = next(i for i, q in enumerate(screen.quotes) if q.sharing == "decision_makers")
        table.move_cursor(row=shared)
        await pilot.press("d")
        await settle(pilot)
        chosen = rows(
            sample_db, ChosenQuoteRow.quote_text, ChosenQuoteRow.purpose, ChosenQuoteRow.theme_id
        )
        assert len(chosen) == len(before) + 1
        assert (screen.quotes[shared].text, "decision_makers") in [(t, p) for t, p, _ in chosen]
        assert screen.quotes[shared].chosen_for == {"decision_makers"}
        assert str(table.get_cell_at((shared, 0))) == "✔"


async def test_saturation_and_report_from_the_app(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_conclusions(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, SaturationScreen)
        assert len(app.screen.query_one(Sparkline).data or []) == 48
        assert app.screen.query_one("#subgroup-table", DataTable).row_count == 10
        await pilot.press("escape")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ReportModal)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConclusionsScreen)
        (written,) = tmp_path.glob("*-report.html")
        assert "Pay not keeping up with bills" in written.read_text(encoding="utf-8")
        # Again: the file exists, so the dialog says so and stays open.
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReportModal)
        assert "already exists" in str(app.screen.query_one("#report-error").render())
