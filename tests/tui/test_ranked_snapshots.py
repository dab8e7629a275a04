"""Snapshots of the ranked issues screen on the sample campaign, and one group's details."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from listening_tui.tui.app import ListeningApp
from tests.tui.test_snapshots import _loaded


async def _open_ranking(pilot: Pilot[None]) -> None:
    await _loaded(pilot)
    await pilot.press("k")
    await _loaded(pilot)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_ranked_issues(snap_compare: Any, snapshot_db: Path, size: tuple[int, int]) -> None:
    app = ListeningApp(db_target=str(snapshot_db))
    assert snap_compare(app, terminal_size=size, run_before=_open_ranking)


def test_ranked_issues_scrolled_to_would_act_80x24(snap_compare: Any, snapshot_db: Path) -> None:
    app = ListeningApp(db_target=str(snapshot_db))

    async def scroll_right(pilot: Pilot[None]) -> None:
        await _open_ranking(pilot)
        await pilot.press(*["right"] * 11)
        await _loaded(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=scroll_right)


def test_group_details_quotes_80x24(snap_compare: Any, snapshot_db: Path) -> None:
    app = ListeningApp(db_target=str(snapshot_db))

    async def open_quotes(pilot: Pilot[None]) -> None:
        await _open_ranking(pilot)
        await pilot.press("enter")
        await _loaded(pilot)
        await pilot.press("3")
        await _loaded(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_quotes)
