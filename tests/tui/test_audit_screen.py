"""The audit screen and the name asked at the start (Pilot; assertions on rows and files)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select
from textual.widgets import DataTable, Input, Select, Static

from listening_tui.actor import remember_name, remembered_name
from listening_tui.db.engine import Database
from listening_tui.db.tables import CampaignRow
from listening_tui.services.audit import log_action
from listening_tui.services.database import open_database
from listening_tui.services.exports import export_contacts
from listening_tui.services.reports import write_report
from listening_tui.tui.app import ListeningApp
from listening_tui.tui.dialogs.actor_name import ActorNameModal
from listening_tui.tui.dialogs.audit_export import AuditExportModal
from listening_tui.tui.screens import audit as audit_screen
from listening_tui.tui.screens.audit import AuditScreen
from listening_tui.tui.screens.start import StartScreen
from listening_tui.tui.widgets.audit_table import AuditTable
from tests.tui.waiting import database_open, settle


def _seed(path: Path, folder: Path) -> None:
    """Two entries: Ann exported the contacts, then Bob wrote the report."""
    database = open_database(str(path))
    try:
        database.actor = "Ann"
        export_contacts(database, folder / "contacts.csv")
        database.actor = "Bob"
        write_report(database, folder / "report.md")
    finally:
        database.close()


async def test_the_log_opens_filters_and_exports(sample_copy: Path, tmp_path: Path) -> None:
    _seed(sample_copy, tmp_path)
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AuditScreen)
        table = screen.query_one("#audit-table", DataTable)
        assert [table.get_row_at(n)[1:3] for n in range(table.row_count)] == [
            ["Bob", "exported"],
            ["Ann", "exported"],
        ]
        screen.query_one("#audit-actor", Select).value = "Ann"
        await settle(pilot)
        assert table.row_count == 1
        assert str(table.get_row_at(0)[4]).startswith("contact list: ")
        screen.query_one("#audit-action", Select).value = "imported"
        await settle(pilot)
        assert table.row_count == 0
        screen.query_one("#audit-action", Select).clear()
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, AuditExportModal)
        out = tmp_path / "audit.csv"
        app.screen.query_one("#audit-export-path", Input).value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AuditScreen)
    assert out.stat().st_mode & 0o777 == 0o600
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["actor"], r["action"], r["target_kind"]) for r in rows] == [
        ("Ann", "exported", "contacts")
    ]


async def test_the_start_asks_a_name_once_and_logs_under_it(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LISTENING_TUI_USER")
    remember_name("Last Time")
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 30)) as pilot:
        await database_open(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ActorNameModal)
        typed = app.screen.query_one("#actor-name", Input)
        assert typed.value == "Last Time"
        typed.value = "  Dana   Fox "
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        assert app.database is not None
        assert (app.actor, app.database.actor) == ("Dana Fox", "Dana Fox")
    assert remembered_name() == "Dana Fox"


async def test_pages_load_near_the_end_and_a_shows_every_campaign(
    sample_copy: Path, sample_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit_screen, "PAGE_SIZE", 10)
    monkeypatch.setattr(audit_screen, "PREFETCH", 2)
    with sample_db.session_factory() as session:
        campaign_id = session.scalars(select(CampaignRow.id)).first()
    for _ in range(25):
        log_action(sample_db, "edited", "campaign", campaign_id, campaign_id=campaign_id)
    for _ in range(3):
        log_action(sample_db, "exported", "bundle", None, campaign_id=None)
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 14)) as pilot:
        await settle(pilot)
        start = app.screen
        assert isinstance(start, StartScreen)
        start.query_one(DataTable).move_cursor(row=start.campaign_ids.index(campaign_id))
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AuditScreen)
        table = screen.query_one(AuditTable)
        status = screen.query_one("#audit-status", Static)
        assert table.last_visible_row < 8
        assert table.row_count == 10
        assert str(status.content) == "10 of 25 entries shown, newest first"
        table.move_cursor(row=9)
        await settle(pilot)
        assert table.row_count == 20
        table.move_cursor(row=19)
        await settle(pilot)
        assert table.row_count == 25
        assert {entry.campaign_id for entry in table.entries} == {campaign_id}
        await pilot.press("a")
        await settle(pilot)
        assert str(screen.query_one("#audit-title", Static).content) == "Audit log · every campaign"
        assert str(status.content) == "10 of 28 entries shown, newest first"
        assert [entry.action for entry in table.entries[:3]] == ["exported"] * 3
