"""Snapshots at fixed sizes (expect churn when textual moves): the start screen and the form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from listening_tui.tui.app import ListeningApp
from tests.tui.waiting import database_open

SIZES = [(80, 24), (120, 40)]


async def _loaded(pilot: Pilot[None]) -> None:
    """Wait for the database worker, its message, the focus change and the footer's redraw."""
    await database_open(pilot)
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]  # a blink is not a change
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    await pilot.pause()


async def _form(pilot: Pilot[None], key: str) -> None:
    await _loaded(pilot)
    await pilot.press(key)
    await _loaded(pilot)
    # the offered date is today's: fix it so the picture does not change from day to day
    pilot.app.screen.query_one("#held-on", Input).value = "2026-11-20"
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_start_screen(snap_compare: Any, snapshot_db: Path, size: tuple[int, int]) -> None:
    app = ListeningApp(db_target=str(snapshot_db))
    assert snap_compare(app, terminal_size=size, run_before=_loaded)


@pytest.mark.parametrize("size", SIZES)
def test_empty_one_to_one_form(snap_compare: Any, snapshot_db: Path, size: tuple[int, int]) -> None:
    app = ListeningApp(db_target=str(snapshot_db))

    async def open_form(pilot: Pilot[None]) -> None:
        await _form(pilot, "o")

    assert snap_compare(app, terminal_size=size, run_before=open_form)


@pytest.mark.parametrize("size", SIZES)
def test_group_form_with_errors(
    snap_compare: Any, snapshot_db: Path, size: tuple[int, int]
) -> None:
    app = ListeningApp(db_target=str(snapshot_db))

    async def refused(pilot: Pilot[None]) -> None:
        await _form(pilot, "g")
        screen = pilot.app.screen
        screen.query_one("#held-on", Input).value = "2099-01-01"
        screen.query_one("#participants", Input).value = "1"
        screen.query_one("#group-names", Input).value = "Siân, Łukasz"
        await pilot.press("ctrl+s")
        await _loaded(pilot)
        await _loaded(pilot)

    assert snap_compare(app, terminal_size=size, run_before=refused)
