"""The revision history of a session, after an import conflict: both versions side by side."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import update
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from listening_tui.db.tables import RevisionRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.services.database import open_database
from listening_tui.services.exports import export_bundle
from listening_tui.services.imports import import_bundle
from listening_tui.tui.app import ListeningApp
from listening_tui.tui.screens.history import SessionHistoryScreen
from listening_tui.tui.widgets.session_table import SessionTable
from tests.tui.test_sessions_screen import sessions_screen
from tests.tui.test_snapshots import _loaded
from tests.tui.waiting import settle

NEW_LEADER = "Changed Leader"
NEW_ISSUE = "The first issue as the other laptop wrote it"


def make_conflict(db_path: Path, work: Path) -> UUID:
    """Import a later version of the newest session, as another laptop would send it."""
    database = open_database(str(db_path))
    try:
        export_bundle(database, work / "out.json")
        bundle = json.loads((work / "out.json").read_text(encoding="utf-8"))
        newest = bundle["sessions"][-1]
        newest["leader"] = NEW_LEADER
        newest["issues"][0]["text"] = NEW_ISSUE
        newest["updated_at"] = "2026-11-21T10:00:00+00:00"
        (work / "other-laptop.json").write_text(json.dumps(bundle), encoding="utf-8")
        report = import_bundle(database, work / "other-laptop.json")
        assert report.conflicts == 1
        with UnitOfWork(database) as uow:  # a fixed moment, for the snapshot
            uow.session.execute(
                update(RevisionRow).values(recorded_at=datetime(2026, 11, 21, 12, 0, tzinfo=UTC))
            )
            uow.commit()
    finally:
        database.close()
    return UUID(newest["id"])


def fields_text(screen: SessionHistoryScreen) -> str:
    from rich.console import Console

    console = Console(width=160, record=True)
    console.print(screen.query_one("#history-fields", Static).content)
    return console.export_text()


async def test_history_shows_both_versions_after_an_import_conflict(
    sample_copy: Path, tmp_path: Path
) -> None:
    session_id = make_conflict(sample_copy, tmp_path)
    async with sessions_screen(sample_copy) as (pilot, sessions):
        highlighted = sessions.query_one(SessionTable).highlighted
        assert highlighted is not None
        assert highlighted.id == session_id
        await pilot.press("h")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, SessionHistoryScreen)
        table = screen.query_one("#history-versions", DataTable)
        rows = [table.get_row_at(n) for n in range(table.row_count)]
        assert [row[0] for row in rows] == ["#1", "now"]
        assert str(rows[0][3]).startswith("replaced by import")
        assert str(rows[1][2]) == NEW_LEADER
        status = str(screen.query_one("#history-status", Static).render())
        assert status == "#1 (left) against now (right): 3 fields differ (≠)"
        text = fields_text(screen)
        leader_line = next(line for line in text.splitlines() if "Leader" in line)
        assert leader_line.lstrip().startswith("≠")
        assert NEW_LEADER in leader_line
        assert str(rows[0][2]) in leader_line  # the older leader, beside the new one

        await pilot.press("d")  # only the differences
        assert len([line for line in fields_text(screen).splitlines() if "≠" in line]) == 3

        await pilot.press("f")  # the highlighted (older) version in full
        status = str(screen.query_one("#history-status", Static).render())
        assert status.startswith("Version #1 in full")
        assert NEW_LEADER not in fields_text(screen)

        await pilot.press("escape")
        assert pilot.app.screen is sessions


async def test_a_session_never_changed_has_one_version(sample_copy: Path) -> None:
    async with sessions_screen(sample_copy) as (pilot, _sessions):
        await pilot.press("h")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, SessionHistoryScreen)
        assert screen.query_one("#history-versions", DataTable).row_count == 1
        status = str(screen.query_one("#history-status", Static).render())
        assert status.startswith("No earlier version is kept")


def test_history_snapshot_80x24(snap_compare: Any, snapshot_db: Path, tmp_path: Path) -> None:
    make_conflict(snapshot_db, tmp_path)
    app = ListeningApp(db_target=str(snapshot_db))

    async def open_history(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        await pilot.press("enter")
        await _loaded(pilot)
        await pilot.press("h")
        await _loaded(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_history)


def test_every_reason_a_version_is_kept_has_words() -> None:
    from typing import get_args

    from listening_tui.domain.summaries import RevisionReason
    from listening_tui.tui.screens.history import REASONS

    assert set(REASONS) == set(get_args(RevisionReason))
