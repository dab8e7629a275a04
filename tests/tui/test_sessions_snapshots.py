"""Snapshots of the sessions list and its delete dialog at fixed sizes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from listening_tui.tui.app import ListeningApp
from tests.tui.test_snapshots import _loaded


async def _open_sessions(pilot: Pilot[None]) -> None:
    await _loaded(pilot)
    await pilot.press("enter")
    await _loaded(pilot)


def test_sessions_list_80x24(snap_compare: Any, snapshot_db: Path) -> None:
    app = ListeningApp(db_target=str(snapshot_db))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open_sessions)


def test_sessions_list_120x40(snap_compare: Any, snapshot_db: Path) -> None:
    app = ListeningApp(db_target=str(snapshot_db))
    assert snap_compare(app, terminal_size=(120, 40), run_before=_open_sessions)


def test_sessions_list_filtered_and_sorted_120x40(snap_compare: Any, snapshot_db: Path) -> None:
    app = ListeningApp(db_target=str(snapshot_db))

    async def filter_and_sort(pilot: Pilot[None]) -> None:
        await _open_sessions(pilot)
        await pilot.press("slash", *"childcare", "enter")
        await _loaded(pilot)
        await pilot.press("s", "s", "s")
        await _loaded(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=filter_and_sort)


def test_delete_dialog_80x24(snap_compare: Any, snapshot_db: Path) -> None:
    app = ListeningApp(db_target=str(snapshot_db))

    async def ask_to_delete(pilot: Pilot[None]) -> None:
        await _open_sessions(pilot)
        await pilot.press("down", "delete")
        await _loaded(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=ask_to_delete)
