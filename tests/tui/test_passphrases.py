"""Passphrases in the app (Pilot): an encrypted database, sealing and importing a bundle."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, RadioButton, RadioSet, Static

from listening_tui.db import encryption
from listening_tui.db.tables import SessionRow
from listening_tui.interchange import sealed
from listening_tui.interchange.sealed import MAGIC, open_sealed
from listening_tui.services.database import open_database
from listening_tui.services.maintenance import encrypt_database
from listening_tui.tui.app import ListeningApp
from listening_tui.tui.dialogs import passphrase as passphrase_dialog
from listening_tui.tui.dialogs.passphrase import PassphraseModal
from listening_tui.tui.screens.exports import ExportScreen
from listening_tui.tui.screens.imports import ImportScreen
from listening_tui.tui.screens.start import StartScreen
from tests.tui.test_import_export import choose, report_text, screen_of
from tests.tui.test_sessions_screen import count
from tests.tui.waiting import settle

PASSPHRASE = "open sesame please"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sealed, "SCRYPT_N", 2**14)


@pytest.fixture
def encrypted_copy(sample_copy: Path, tmp_path: Path) -> Path:
    database = open_database(str(sample_copy))
    try:
        return encrypt_database(database, tmp_path / "encrypted.db", PASSPHRASE)
    finally:
        database.close()


async def answer(
    pilot: Pilot[None], modal: PassphraseModal, typed: str, again: str | None = None
) -> None:
    """Type a passphrase (set directly: long) and press Enter, as a user would."""
    modal.query_one("#passphrase", Input).value = typed
    if again is not None:
        modal.query_one("#passphrase-again", Input).value = again
        modal.query_one("#passphrase-again", Input).focus()
    else:
        modal.query_one("#passphrase", Input).focus()
    await pilot.press("enter")
    await settle(pilot)


def test_the_dialog_and_the_service_want_the_same_length() -> None:
    assert passphrase_dialog.MIN_NEW == encryption.MIN_PASSPHRASE


async def test_an_encrypted_database_asks_for_its_passphrase_before_loading(
    encrypted_copy: Path,
) -> None:
    app = ListeningApp(db_target=str(encrypted_copy))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, PassphraseModal)
        assert app.database is None
        await answer(pilot, modal, "not the passphrase")
        assert app.screen is not modal  # a new dialog, saying why
        again = app.screen
        assert isinstance(again, PassphraseModal)
        problem = str(again.query_one("#passphrase-problem", Static).render())
        assert "does not open" in problem
        assert app.database is None

        await answer(pilot, again, PASSPHRASE)
        start = app.screen
        assert isinstance(start, StartScreen)
        assert app.database is not None
        assert app.database.encrypted
        line = str(start.query_one("#database-line", Static).render())
        assert line == f"Open database: encrypted SQLite file {encrypted_copy}"
        assert start.query_one("#campaigns", DataTable).row_count == 1
    assert app.error_message is None


async def test_escape_at_the_passphrase_stops_the_app_with_a_sentence(
    encrypted_copy: Path,
) -> None:
    app = ListeningApp(db_target=str(encrypted_copy))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PassphraseModal)
        await pilot.press("escape")
        await settle(pilot)
    assert app.return_code == 2
    assert app.error_message is not None
    assert "encrypted database and no passphrase was given" in app.error_message


async def test_the_export_screen_seals_a_bundle_that_the_import_screen_opens(
    sample_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "sealed.json"
    async with screen_of(sample_copy, "e") as (pilot, screen):
        assert isinstance(screen, ExportScreen)
        screen.query_one("#export-kind", RadioSet).query(RadioButton)[0].value = True
        screen.query_one("#export-seal", Checkbox).value = True
        screen.query_one("#export-path", Input).value = str(out)
        await pilot.press("ctrl+s")
        await settle(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, PassphraseModal)
        await answer(pilot, modal, PASSPHRASE, "a different one")  # a slip: asked again
        assert pilot.app.screen is modal
        assert "differ" in str(modal.query_one("#passphrase-problem", Static).render())
        assert not out.exists()
        await answer(pilot, modal, PASSPHRASE, PASSPHRASE)
        assert isinstance(pilot.app.screen, ExportScreen)
        result = str(screen.query_one("#export-result", Static).render())
        assert "(sealed with a passphrase)" in result
    raw = out.read_bytes()
    assert raw.startswith(MAGIC)
    assert b"Riverside" not in raw
    assert b"Riverside" in open_sealed(out, PASSPHRASE)

    fresh = tmp_path / "fresh.db"
    async with screen_of(fresh, "i") as (pilot, screen):
        assert isinstance(screen, ImportScreen)
        await choose(pilot, screen, out)
        await pilot.press("ctrl+s")
        await settle(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, PassphraseModal)
        await answer(pilot, modal, PASSPHRASE)
        assert [r.sessions_added for r in screen.reports] == [48]
        assert "48 added" in report_text(screen)
    database = open_database(str(fresh))
    try:
        assert count(database, SessionRow) == 48
    finally:
        database.close()


async def test_a_sealed_bundle_with_a_wrong_passphrase_is_refused_on_screen(
    sample_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "sealed.json"
    database = open_database(str(sample_copy))
    try:
        from listening_tui.services.exports import export_bundle

        export_bundle(database, out, passphrase=PASSPHRASE)
    finally:
        database.close()
    fresh = tmp_path / "fresh.db"
    async with screen_of(fresh, "i") as (pilot, screen):
        await choose(pilot, screen, out)
        await pilot.press("ctrl+s")
        await settle(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, PassphraseModal)
        await answer(pilot, modal, "wrong passphrase")
        assert screen.reports == []
        ((_name, message),) = screen.refusals
        assert "does not open this sealed bundle" in message
        assert "nothing from this file was saved" in report_text(screen)
