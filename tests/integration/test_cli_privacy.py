"""``listening-tui forget`` and ``listening-tui retention`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.integration.test_cli import assert_one_line_refusal, run


def file_bytes(db: Path) -> bytes:
    """The database file and its write-ahead log, as they are on disk."""
    wal = Path(f"{db}-wal")
    return db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def bundle_db(tmp_path: Path, bundle: dict[str, Any]) -> Path:
    (tmp_path / "b.json").write_text(json.dumps(bundle), encoding="utf-8")
    db = tmp_path / "c.db"
    assert run("--db", str(db), "import", str(tmp_path / "b.json")).returncode == 0
    return db


def test_forget_without_yes_shows_and_changes_nothing(
    tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    db = bundle_db(tmp_path, example_bundle)
    before = run("--db", str(db), "rank", "--format", "json").stdout

    shown = run("--db", str(db), "forget", "--person", "Gary Whitlock")
    assert shown.returncode == 0, shown.stderr
    assert "Would change" in shown.stdout
    assert "as the person heard" in shown.stdout
    assert b"Whitlock" in file_bytes(db)

    done = run("--db", str(db), "forget", "--person", "Gary Whitlock", "--yes")
    assert done.returncode == 0, done.stderr
    assert "Changed in" in done.stdout
    assert "Whitlock" not in done.stdout
    assert run("--db", str(db), "rank", "--format", "json").stdout == before
    assert b"Whitlock" not in file_bytes(db)


def test_forget_refuses_a_blank_name(tmp_path: Path, example_bundle: dict[str, Any]) -> None:
    db = bundle_db(tmp_path, example_bundle)
    assert_one_line_refusal(run("--db", str(db), "forget", "--person", " "), "name")


def test_retention_lists_and_applies(tmp_path: Path, example_bundle: dict[str, Any]) -> None:
    bundle = json.loads(json.dumps(example_bundle))
    for session in bundle["sessions"]:
        session["held_on"] = "2020-01-02"
    db = bundle_db(tmp_path, bundle)
    assert b"900123" in file_bytes(db)
    listed = run("--db", str(db), "retention")
    assert listed.returncode == 0, listed.stderr
    assert "EXPIRED 2021-01-02  Gary Whitlock" in listed.stdout

    applied = run("--db", str(db), "retention", "--apply")
    assert applied.returncode == 0, applied.stderr
    assert "Expired 1 contact details" in applied.stdout
    assert "No contact details are due" in applied.stdout
    assert b"900123" not in file_bytes(db)
