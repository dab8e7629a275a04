"""Snapshots of the start screen at fixed sizes (expect churn when textual moves)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from listening_tui.tui.app import ListeningApp


async def _loaded(pilot: Pilot[None]) -> None:
    """Wait for the database worker, its message, the focus change and the footer's redraw."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    await pilot.pause()


def test_start_screen_80x24(snap_compare: Any, snapshot_db: Path) -> None:
    app = ListeningApp(db_target=str(snapshot_db))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded)


def test_start_screen_100x30(snap_compare: Any, snapshot_db: Path) -> None:
    app = ListeningApp(db_target=str(snapshot_db))
    assert snap_compare(app, terminal_size=(100, 30), run_before=_loaded)
