"""The start screen and sessions list, driven with Pilot against real databases."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from listening_tui.tui.app import ListeningApp
from listening_tui.tui.screens.sessions import SessionsScreen
from listening_tui.tui.screens.start import StartScreen
from tests.tui.waiting import settle


async def test_start_screen_lists_campaigns_with_counts(sample_copy: Path) -> None:
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StartScreen)
        line = str(screen.query_one("#database-line", Static).render())
        assert line == f"Open database: SQLite file {sample_copy}"
        table = screen.query_one("#campaigns", DataTable)
        assert table.row_count == 1
        name, count, people, themes, organisation = table.get_row_at(0)
        assert name == "Riverside Council listening campaign 2026"
        assert organisation == "Riverside Council UNISON branch"
        assert (count, themes) == ("48", "9")
        assert int(people) > 48


async def test_enter_opens_the_sessions_and_escape_returns(sample_copy: Path) -> None:
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 48
        dates = [str(table.get_row_at(n)[0]) for n in range(table.row_count)]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)


async def test_an_empty_database_says_how_to_start(tmp_path: Path) -> None:
    app = ListeningApp(db_target=str(tmp_path / "new.db"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        hint = str(app.screen.query_one("#start-hint", Static).render())
        assert "holds no campaign yet" in hint
        assert "listening-tui sample" in hint
    assert (tmp_path / "new.db").exists()


async def test_an_unusable_database_stops_the_app_with_status_2() -> None:
    app = ListeningApp(db_target="postgresql+psycopg://nobody@127.0.0.1:1/none")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):  # the app exits on its own once the worker reports
            if app.error_message is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 2
    assert app.error_message is not None
    assert app.error_message.startswith("Can't reach the PostgreSQL database")
