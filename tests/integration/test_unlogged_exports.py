"""An export whose audit entry cannot be written leaves nothing behind (a failed command
changes nothing): the files it wrote, and the folders it made for them, are removed again,
a file that was there before is untouched, and the CLI says why in one line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from listening_tui.cli import main
from listening_tui.db.engine import Database
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.audit import AuditQuery
from listening_tui.errors import DatabaseError
from listening_tui.services import audit, exports, reports
from listening_tui.services.export_choices import export_campaign
from listening_tui.services.exports import CSV_FILES
from listening_tui.services.imports import import_bundle
from tests.conftest import EXAMPLE_BUNDLE

NOTHING = "Nothing was exported: the export could not be recorded in the audit log"


def busy_log(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, writing an audit entry fails as a database kept busy too long does."""

    def log(self: UnitOfWork, *args: Any, **kwargs: Any) -> None:
        raise OperationalError("INSERT INTO audit_log", {}, Exception("database is locked"))

    monkeypatch.setattr(UnitOfWork, "log", log)


def files_below(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A SQLite file holding the example campaign."""
    path = str(tmp_path / "campaign.db")
    assert main(["--db", path, "import", str(EXAMPLE_BUNDLE)]) == 0
    return path


@pytest.mark.parametrize(
    ("command", "out"),
    [
        (["export"], "new/bundle.json"),
        (["export", "--anonymise"], "bundle.json"),
        (["export", "--format", "csv"], "new/deeper/csv"),
        (["contacts"], "new/contacts.csv"),
        (["report"], "new/report.html"),
    ],
)
def test_the_cli_removes_what_it_wrote_and_says_why(
    db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    out: str,
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    capsys.readouterr()
    busy_log(monkeypatch)
    assert main(["--db", db, *command, "--out", str(folder / out)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(f"listening-tui: {NOTHING}")
    assert "kept the database busy" in lines[0]
    assert "Traceback" not in captured.err
    assert captured.out == ""
    assert files_below(folder) == []


def test_a_csv_folder_that_was_there_keeps_its_other_files(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    busy_log(monkeypatch)
    assert main(["--db", db, "export", "--format", "csv", "--out", str(folder)]) == 2
    assert NOTHING in capsys.readouterr().err
    assert files_below(folder) == ["notes.txt"]
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_file_at_the_target_is_left_as_it_was(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "bundle.json"
    out.write_text("someone's only copy", encoding="utf-8")
    busy_log(monkeypatch)
    assert main(["--db", db, "export", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "someone's only copy"


@pytest.mark.parametrize("kind", ["bundle", "anonymised", "contacts", "csv"])
def test_replacing_keeps_the_old_file_when_the_log_fails(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: Any
) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    campaign = str(exports.resolve_campaign(database, None).id)
    folder = tmp_path / "out"
    folder.mkdir()
    if kind == "csv":
        out = folder / "csv"
        out.mkdir()
        old = [out / name for name in CSV_FILES]
    else:
        out = folder / "export.json"
        old = [out]
    for path in old:
        path.write_text(f"old {path.name}", encoding="utf-8")
    before = files_below(folder)
    entries = list(audit.audit_entries(database, AuditQuery()))
    busy_log(monkeypatch)
    with pytest.raises(DatabaseError, match="^" + NOTHING):
        export_campaign(database, kind, out, campaign, replace=True)
    assert files_below(folder) == before
    assert [path.read_text(encoding="utf-8") for path in old] == [f"old {p.name}" for p in old]
    monkeypatch.undo()
    assert list(audit.audit_entries(database, AuditQuery())) == entries


def test_a_sealed_bundle_and_a_report_in_a_new_folder_go_too(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    folder = tmp_path / "out"
    folder.mkdir()
    busy_log(monkeypatch)
    with pytest.raises(DatabaseError, match="file it wrote was removed again"):
        exports.export_bundle(database, folder / "a" / "b.json", passphrase="correct horse")
    with pytest.raises(DatabaseError, match=NOTHING):
        reports.write_report(database, folder / "r" / "report.md")
    assert os.listdir(folder) == []


def test_an_export_that_is_logged_keeps_its_file(database: Database, tmp_path: Path) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    written = exports.export_contacts(database, tmp_path / "new" / "contacts.csv")
    assert Path(written.path).read_text(encoding="utf-8-sig").startswith("name")
    (entry,) = [e for e in audit.audit_entries(database, AuditQuery()) if e.action == "exported"]
    assert entry.target_kind == "contacts"
