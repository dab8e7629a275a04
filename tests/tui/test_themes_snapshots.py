"""Snapshots of the themes screen on the sample campaign at 80x24 and 160x50."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from listening_tui.tui.app import ListeningApp
from tests.tui.test_snapshots import _loaded


async def _open_themes(pilot: Pilot[None]) -> None:
    await _loaded(pilot)
    await pilot.press("t")
    await _loaded(pilot)
    await pilot.press("space", "down", "space")
    await _loaded(pilot)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_themes_screen(snap_compare: Any, snapshot_db: Path, size: tuple[int, int]) -> None:
    app = ListeningApp(db_target=str(snapshot_db))
    assert snap_compare(app, terminal_size=size, run_before=_open_themes)
