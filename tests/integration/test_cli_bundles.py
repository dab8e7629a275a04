"""import, export and contacts run as real processes, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from listening_tui.services.imports import import_bundle
from tests.bundle_helpers import exported, row_counts
from tests.conftest import EXAMPLE_BUNDLE
from tests.integration.test_cli import assert_one_line_refusal, run

BROKEN = EXAMPLE_BUNDLE.parent / "broken"
EXPECTED: dict[str, list[str]] = json.loads(
    (EXAMPLE_BUNDLE.parent / "broken-expected.json").read_text(encoding="utf-8")
)


def target(database: Any) -> str:
    """What --db takes for this database."""
    if database.path is not None:
        return str(database.path)
    return str(database.engine.url.render_as_string(hide_password=False))


def test_the_corpus_is_complete() -> None:
    files = sorted(path.name for path in BROKEN.glob("*.json"))
    assert files == sorted(EXPECTED)
    assert len(files) >= 30


def test_every_broken_bundle_is_refused_and_changes_nothing(database: Any, tmp_path: Path) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    before, rows = exported(database, tmp_path), row_counts(database)
    names = sorted(EXPECTED)
    result = run("--db", target(database), "import", *(str(BROKEN / name) for name in names))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(names), result.stderr
    for name, line in zip(names, lines, strict=True):
        assert line.startswith(f"listening-tui: {BROKEN / name}: "), line
        for fragment in EXPECTED[name]:
            assert fragment in line, (name, fragment, line)
    assert result.stdout.strip() == f"0 of {len(names)} files imported, {len(names)} refused"
    assert exported(database, tmp_path) == before
    assert row_counts(database) == rows


def test_one_bad_file_is_one_line(database: Any) -> None:
    result = run("--db", target(database), "import", str(BROKEN / "bad_key_issue.json"))
    assert_one_line_refusal(
        result,
        "bad_key_issue.json: sessions[2].issues[0].key_issue: expected one of yes, no, dont_know",
    )
    assert row_counts(database)["campaigns"] == 0


def test_good_files_are_imported_beside_a_bad_one(database: Any, tmp_path: Path) -> None:
    result = run(
        "--db",
        target(database),
        "import",
        str(BROKEN / "version_2.json"),
        str(EXAMPLE_BUNDLE),
        str(EXAMPLE_BUNDLE),
    )
    assert result.returncode == 2
    assert "made by a newer version" in result.stderr
    out = result.stdout.splitlines()
    assert out[0].startswith(f"{EXAMPLE_BUNDLE}: 3 added, 0 unchanged, 0 updated, 0 conflicts")
    assert out[1].startswith(f"{EXAMPLE_BUNDLE}: 0 added, 3 unchanged")
    assert out[2] == "2 of 3 files imported, 1 refused"
    assert row_counts(database)["listening_sessions"] == 3


def test_export_csv_and_contacts_from_the_command_line(database: Any, tmp_path: Path) -> None:
    db = target(database)
    assert run("--db", db, "import", str(EXAMPLE_BUNDLE)).returncode == 0
    bundle = tmp_path / "out.json"
    result = run("--db", db, "export", "--out", str(bundle))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        str(bundle),
        '3 sessions, 2 themes: "Riverside listening campaign"',
    ]
    assert oct(bundle.stat().st_mode & 0o777) == "0o600"
    assert_one_line_refusal(run("--db", db, "export", "--out", str(bundle)), "already exists")
    anonymous = tmp_path / "anon.json"
    result = run("--db", db, "export", "--anonymise", "--out", str(anonymous))
    assert result.returncode == 0, result.stderr
    assert "anonymised; 0 recorders-only quotes left out" in result.stdout
    assert "Gary" not in anonymous.read_text(encoding="utf-8")
    result = run("--db", db, "export", "--format", "csv", "--out", str(tmp_path / "csv"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:5] == [
        str(tmp_path / "csv" / name)
        for name in ("sessions.csv", "issues.csv", "quotes.csv", "people.csv", "ranking.csv")
    ]
    assert_one_line_refusal(
        run("--db", db, "export", "--format", "csv", "--anonymise", "--out", str(tmp_path)),
        "--anonymise is for bundles",
    )
    contacts = tmp_path / "contacts.csv"
    result = run(
        "--db", db, "contacts", "--out", str(contacts), "--campaign", "riverside LISTENING campaign"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(contacts), "1 person agreed to be contacted"]
    assert_one_line_refusal(
        run("--db", db, "contacts", "--out", str(tmp_path / "c2.csv"), "--campaign", "Nowhere"),
        'no campaign "Nowhere"',
    )
