"""When the database cannot take a form, it goes to a rescue file, and comes back next start."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from textual.widgets import Input, TextArea

from listening_tui.services import sessions
from listening_tui.services.campaigns import list_campaigns
from listening_tui.services.database import open_database
from listening_tui.services.rescue import pending_rescues
from listening_tui.tui.app import ListeningApp
from listening_tui.tui.dialogs.confirm import ConfirmModal
from listening_tui.tui.screens.form import SessionFormScreen
from tests.tui.waiting import settle


def make_read_only(app: ListeningApp) -> None:
    """From now on every connection of the app refuses writes, as a read-only file would."""
    assert app.database is not None
    engine = app.database.engine

    def refuse_writes(connection: Any, _record: Any) -> None:
        connection.execute("PRAGMA query_only = ON")

    event.listen(engine, "connect", refuse_writes)
    engine.dispose()


def fill_the_disk(app: ListeningApp) -> None:
    """From now on the database file can't grow, as on a full disk."""
    assert app.database is not None
    engine = app.database.engine

    def no_room(connection: Any, _record: Any) -> None:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", no_room)
    engine.dispose()


def delete_the_file(app: ListeningApp) -> None:
    """Someone deletes the database file (and its WAL) while the app is open."""
    assert app.database is not None
    assert app.database.path is not None
    for suffix in ("", "-wal", "-shm"):
        Path(str(app.database.path) + suffix).unlink(missing_ok=True)


@pytest.mark.parametrize(
    ("fault", "said"),
    [(fill_the_disk, "disk is full"), (delete_the_file, "was deleted or moved")],
)
async def test_other_faults_keep_the_form_in_a_rescue_file(
    sample_copy: Path, fault: Callable[[ListeningApp], None], said: str
) -> None:
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SessionFormScreen)
        form.query_one("#leader", Input).value = "Faulty Day"
        form.query_one(".issue-text", Input).value = "Lifts broken for weeks"
        # Notes longer than the free space left in the file's pages: the file must grow.
        form.query_one("#notes", TextArea).text = "She told me about the lifts. " * 600
        fault(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        (rescue,) = pending_rescues()
        shown = [n.message for n in app._notifications]
        assert any(said in m and str(rescue) in m for m in shown), shown
        data = json.loads(rescue.read_text(encoding="utf-8"))
        assert data["sessions"][0]["leader"] == "Faulty Day"


async def test_a_refused_save_goes_to_a_rescue_file_and_comes_back(
    sample_copy: Path, private_data_folder: Path
) -> None:
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SessionFormScreen)
        form.query_one("#leader", Input).value = "Rescued Leader"
        form.query_one(".issue-text", Input).value = "Damp in every flat on Mill Lane"
        make_read_only(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # the form stays open with everything typed
        (rescue,) = pending_rescues()
        assert rescue.parent == private_data_folder / "rescue"
        shown = [n.message for n in app._notifications]
        assert any("read-only" in m and str(rescue) in m for m in shown)
        await pilot.press("ctrl+q")  # the draft can't be stored either: quitting is still safe
        await settle(pilot)
    (note,) = app.notes_on_exit
    assert str(rescue) in note
    assert pending_rescues() == [rescue]  # the same content is not written twice

    again = ListeningApp(db_target=str(sample_copy))
    async with again.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        modal = again.screen
        assert isinstance(modal, ConfirmModal)
        assert "1 form was kept in rescue files" in modal.question
        await pilot.click("#confirm")
        await settle(pilot)
        await settle(pilot)
    assert pending_rescues() == []
    database = open_database(str(sample_copy))
    try:
        (campaign,) = list_campaigns(database)
        leaders = [s.leader for s in sessions.list_sessions(database, campaign.id)]
        assert leaders.count("Rescued Leader") == 1
    finally:
        database.close()
