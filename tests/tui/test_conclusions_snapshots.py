"""Snapshot of the conclusions screen at 80x24 (expect churn when textual moves)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from listening_tui.tui.app import ListeningApp
from tests.tui.test_snapshots import _loaded


def test_conclusions_screen(snap_compare: Any, snapshot_db: Path) -> None:
    app = ListeningApp(db_target=str(snapshot_db))

    async def open_conclusions(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        await pilot.press("n")
        await _loaded(pilot)
        await _loaded(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_conclusions)
