"""The Export screen's service: the four kinds behind one call, and replacing only when told."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from listening_tui.errors import NotFound, OutputExists
from listening_tui.interchange.results import BundleExport, ContactList, CsvExport
from listening_tui.services.export_choices import export_campaign, suggested_path
from listening_tui.services.exports import CSV_FILES
from listening_tui.services.imports import import_bundle
from tests.conftest import EXAMPLE_BUNDLE


@pytest.fixture
def campaign(database: Any) -> str:
    return str(import_bundle(database, EXAMPLE_BUNDLE).campaign_id)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_each_kind_writes_its_files(database: Any, campaign: str, tmp_path: Path) -> None:
    full = export_campaign(database, "bundle", tmp_path / "a.json", campaign)
    anonymised = export_campaign(database, "anonymised", tmp_path / "b.json", campaign)
    sheets = export_campaign(database, "csv", tmp_path / "sheets", campaign)
    contacts = export_campaign(database, "contacts", tmp_path / "c.csv", campaign)
    assert isinstance(full, BundleExport)
    assert not full.anonymised
    assert isinstance(anonymised, BundleExport)
    assert anonymised.anonymised
    assert json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["anonymised"] is True
    assert isinstance(sheets, CsvExport)
    assert sheets.paths == [str(tmp_path / "sheets" / name) for name in CSV_FILES]
    assert isinstance(contacts, ContactList)
    for path in [tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.csv"]:
        assert mode(path) == 0o600


def test_progress_is_told_up_to_every_session(database: Any, campaign: str, tmp_path: Path) -> None:
    told: list[tuple[int, int]] = []
    export_campaign(
        database, "bundle", tmp_path / "a.json", campaign, progress=lambda *p: told.append(p)
    )
    assert told[0] == (0, 3)
    assert told[-1] == (3, 3)


def test_an_existing_file_is_refused_unless_replacing(
    database: Any, campaign: str, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "a.json"
    out.parent.mkdir()
    out.write_text("old")
    with pytest.raises(OutputExists):
        export_campaign(database, "bundle", out, campaign)
    assert out.read_text() == "old"
    written = export_campaign(database, "bundle", out, campaign, replace=True)
    assert written.path == str(out)
    assert len(json.loads(out.read_text(encoding="utf-8"))["sessions"]) == 3
    assert mode(out) == 0o600
    assert [p.name for p in out.parent.iterdir()] == ["a.json"]


def test_a_failed_replacement_leaves_the_old_file(
    database: Any, campaign: str, tmp_path: Path
) -> None:
    out = tmp_path / "a.json"
    out.write_text("old")
    with pytest.raises(NotFound):
        export_campaign(database, "bundle", out, "no such campaign", replace=True)
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_csv_files_are_replaced_and_other_files_kept(
    database: Any, campaign: str, tmp_path: Path
) -> None:
    folder = tmp_path / "sheets"
    folder.mkdir()
    (folder / "sessions.csv").write_text("old")
    (folder / "mine.ods").write_text("the recorder's own")
    with pytest.raises(OutputExists):
        export_campaign(database, "csv", folder, campaign)
    written = export_campaign(database, "csv", folder, campaign, replace=True)
    assert isinstance(written, CsvExport)
    assert written.paths == [str(folder / name) for name in CSV_FILES]
    assert len((folder / "sessions.csv").read_text(encoding="utf-8").splitlines()) == 4
    assert (folder / "mine.ods").read_text() == "the recorder's own"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_suggested_names_say_campaign_day_and_kind() -> None:
    day = date(2026, 11, 20)
    name = "Riverside Council listening campaign 2026"
    slug = "riverside-council-listening-campaign-2026"
    assert suggested_path("bundle", name, day) == f"~/{slug}-2026-11-20.json"
    assert suggested_path("anonymised", name, day, "/tmp/") == (
        f"/tmp/{slug}-2026-11-20-anonymised.json"
    )
    assert suggested_path("csv", name, day) == f"~/{slug}-2026-11-20-csv/"
    assert suggested_path("contacts", "Ünïon: Branch #4", day) == (
        "~/ünïon-branch-4-2026-11-20-contacts.csv"
    )
