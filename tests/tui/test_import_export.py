"""The Import and Export screens driven with Pilot on a copy of sample.db: rows and files."""

from __future__ import annotations

import csv
import json
import stat
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, RadioButton, RadioSet, Static

from listening_tui.db.engine import Database
from listening_tui.db.tables import SessionRow
from listening_tui.services import campaigns
from listening_tui.services.export_choices import CSV_FILES
from listening_tui.tui.app import ListeningApp
from listening_tui.tui.dialogs.confirm import ConfirmModal
from listening_tui.tui.screens.exports import ExportScreen
from listening_tui.tui.screens.imports import ImportScreen
from listening_tui.tui.screens.start import StartScreen
from tests.conftest import EXAMPLE_BUNDLE
from tests.tui.test_sessions_screen import count
from tests.tui.test_snapshots import _loaded
from tests.tui.waiting import settle

BROKEN = EXAMPLE_BUNDLE.parent / "broken" / "bad_key_issue.json"
"""A bundle whose third session's first issue has a key_issue that is not an answer."""


@asynccontextmanager
async def screen_of(
    path: Path, key: str, size: tuple[int, int] = (100, 30)
) -> AsyncIterator[tuple[Pilot[None], Any]]:
    app = ListeningApp(db_target=str(path))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        yield pilot, app.screen


def report_text(screen: ImportScreen) -> str:
    return "\n".join(
        str(widget.render()) for widget in screen.query(".import-file").results(Static)
    )


async def choose(pilot: Pilot[None], screen: ImportScreen, path: Path) -> None:
    """Type a file's path (set directly: long) and press Enter, as a user adds a file."""
    path_input = screen.query_one("#import-path", Input)
    path_input.focus()
    path_input.value = str(path)
    await pilot.press("enter")
    await pilot.pause()


async def test_import_reports_each_file_and_keeps_the_bad_one_out(
    sample_copy: Path, sample_db: Database
) -> None:
    sessions_before = count(sample_db, SessionRow)
    async with screen_of(sample_copy, "i") as (pilot, screen):
        assert isinstance(screen, ImportScreen)
        await choose(pilot, screen, BROKEN)
        await choose(pilot, screen, EXAMPLE_BUNDLE)
        assert screen.chosen == [BROKEN, EXAMPLE_BUNDLE]
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert [r.file for r in screen.reports] == [str(EXAMPLE_BUNDLE)]
        text = report_text(screen)
        # exactly the counts the command line prints
        assert (
            f"{EXAMPLE_BUNDLE}: 3 added, 0 unchanged, 0 updated, 0 conflicts; themes: 2 added, "
            "0 reused" in screen.reports[0].summary()
        )
        assert "3 added, 0 unchanged, 0 updated, 0 conflicts; themes: 2 added, 0 reused" in text
        assert 'campaign "Riverside listening campaign" (new here)' in text
        # the refusal names the file and the JSON path, and nothing of it was saved
        ((name, message),) = screen.refusals
        assert name == str(BROKEN)
        assert message.startswith(f"{BROKEN}: sessions[")
        assert ".key_issue" in message
        assert "was refused: nothing from this file was saved" in text
        assert message in text
        summary = str(screen.query_one("#import-summary", Static).render())
        assert summary == "1 of 2 files imported, 1 refused"

        # rows: the example's three sessions, nothing of the broken file
        assert count(sample_db, SessionRow) == sessions_before + 3
        names = sorted(c.name for c in campaigns.list_campaigns(sample_db))
        assert names == [
            "Riverside Council listening campaign 2026",
            "Riverside listening campaign",
        ]

        # the start screen read the campaigns again
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StartScreen)
        assert pilot.app.screen.query_one("#campaigns", DataTable).row_count == 2


async def test_importing_the_same_bundle_again_changes_nothing(
    sample_copy: Path, sample_db: Database
) -> None:
    async with screen_of(sample_copy, "i") as (pilot, screen):
        await choose(pilot, screen, EXAMPLE_BUNDLE)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.reports[0].sessions_added == 3
        sessions_after_first = count(sample_db, SessionRow)
        await pilot.press("ctrl+n")
        assert screen.choosing
        await choose(pilot, screen, EXAMPLE_BUNDLE)
        await pilot.press("ctrl+s")
        await settle(pilot)
        (report,) = screen.reports
        assert (report.sessions_added, report.sessions_unchanged) == (0, 3)
        assert "0 added, 3 unchanged, 0 updated, 0 conflicts" in report_text(screen)
        assert count(sample_db, SessionRow) == sessions_after_first


async def test_a_folder_lists_its_bundles_to_tick(sample_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "from-branches"
    folder.mkdir()
    (folder / "b.json").write_bytes(EXAMPLE_BUNDLE.read_bytes())
    (folder / "notes.txt").write_text("not a bundle")
    async with screen_of(sample_copy, "i") as (pilot, screen):
        path_input = screen.query_one("#import-path", Input)
        path_input.value = f"{folder}/"
        await pilot.pause()
        files = screen.query_one("#import-files")
        assert [files.get_option_at_index(i).prompt for i in range(files.option_count)] == [
            "b.json"
        ]
        files.focus()
        await pilot.press("space")
        await pilot.pause()
        assert screen.chosen == [folder / "b.json"]
        path_input.focus()
        path_input.value = f"{folder}/b"
        path_input.cursor_position = len(path_input.value)
        await pilot.press("tab")
        assert path_input.value == f"{folder}/b.json"


async def _export(pilot: Pilot[None], screen: ExportScreen, kind: int, out: str) -> None:
    screen.query_one("#export-kind", RadioSet).query(RadioButton)[kind].value = True
    await pilot.pause()
    screen.query_one("#export-path", Input).value = out
    await pilot.press("ctrl+s")
    await settle(pilot)


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_export_writes_each_kind(sample_copy: Path, tmp_path: Path) -> None:
    async with screen_of(sample_copy, "e") as (pilot, screen):
        assert isinstance(screen, ExportScreen)
        await _export(pilot, screen, 0, str(tmp_path / "full.json"))
        bundle = json.loads((tmp_path / "full.json").read_text(encoding="utf-8"))
        assert len(bundle["sessions"]) == 48
        assert bundle["anonymised"] is False
        result = str(screen.query_one("#export-result", Static).render())
        assert f"Written: {tmp_path / 'full.json'}" in result
        assert '48 sessions, 9 themes: "Riverside Council listening campaign 2026"' in result

        await _export(pilot, screen, 1, str(tmp_path / "anon.json"))
        anonymised = json.loads((tmp_path / "anon.json").read_text(encoding="utf-8"))
        assert anonymised["anonymised"] is True
        assert len(anonymised["sessions"]) == 48
        leaders = {s["leader"] for s in bundle["sessions"]}
        assert not leaders & {s["leader"] for s in anonymised["sessions"]}
        assert "recorders-only quotes left out" in str(
            screen.query_one("#export-result", Static).render()
        )

        await _export(pilot, screen, 2, str(tmp_path / "sheets"))
        for name in CSV_FILES:
            assert _private(tmp_path / "sheets" / name)
        with (tmp_path / "sheets" / "sessions.csv").open(encoding="utf-8", newline="") as f:
            assert len(list(csv.DictReader(f))) == 48
        assert "48 sessions" in str(screen.query_one("#export-result", Static).render())

        await _export(pilot, screen, 3, str(tmp_path / "contacts.csv"))
        with (tmp_path / "contacts.csv").open(encoding="utf-8", newline="") as f:
            people = list(csv.DictReader(f))
        assert people
        assert f"{len(people)} people agreed to be contacted" in str(
            screen.query_one("#export-result", Static).render()
        )
        for name in ("full.json", "anon.json", "contacts.csv"):
            assert _private(tmp_path / name)


async def test_export_asks_before_replacing_a_file(sample_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "kept.json"
    out.write_text("someone's only copy")
    async with screen_of(sample_copy, "e") as (pilot, screen):
        await _export(pilot, screen, 0, str(out))
        assert isinstance(pilot.app.screen, ConfirmModal)
        await pilot.press("escape")
        await settle(pilot)
        assert out.read_text() == "someone's only copy"
        assert screen.last_export is None

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmModal)
        await pilot.click("#confirm")
        await settle(pilot)
        assert len(json.loads(out.read_text(encoding="utf-8"))["sessions"]) == 48
        assert _private(out)
        assert [p.name for p in out.parent.iterdir()] == ["kept.json"]  # no partial file left
        assert screen.last_export is not None
        assert screen.last_export.path == str(out)


async def test_a_refused_export_says_why(sample_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    async with screen_of(sample_copy, "e") as (pilot, screen):
        await _export(pilot, screen, 2, str(tmp_path / "a-file"))
        result = str(screen.query_one("#export-result", Static).render())
        assert "Nothing was written" in result
        assert "is a file, not a folder" in result


def test_import_report_snapshot_80x24(snap_compare: Any, snapshot_db: Path) -> None:
    """The report of a good and a refused file, at fixed paths (the report names them)."""
    folder = snapshot_db.parent
    for source in (EXAMPLE_BUNDLE, BROKEN):
        (folder / source.name).write_bytes(source.read_bytes())
    app = ListeningApp(db_target=str(snapshot_db))

    async def import_two(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        await pilot.press("i")
        await _loaded(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ImportScreen)
        for source in (EXAMPLE_BUNDLE, BROKEN):
            await choose(pilot, screen, folder / source.name)
        await pilot.press("ctrl+s")
        await _loaded(pilot)
        await _loaded(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=import_two)
