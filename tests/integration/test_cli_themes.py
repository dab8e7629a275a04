"""``listening-tui themes suggest`` as a real process, and the service behind it."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

from listening_tui.services.suggestions import suggest_themes
from tests.integration.loading import load_bundle
from tests.integration.test_cli import assert_one_line_refusal, run


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("themes") / "sample.db"
    result = run("sample", "--out", str(target))
    assert result.returncode == 0, result.stderr
    return target


def _contents(target: Path) -> list[Any]:
    with sqlite3.connect(target) as connection:
        return [
            connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("issues", "themes", "listening_sessions")
        ]


def _unthemed(target: Path) -> set[str]:
    with sqlite3.connect(target) as connection:
        rows = connection.execute("SELECT id FROM issues WHERE theme_id IS NULL").fetchall()
    return {str(uuid.UUID(str(row[0]))) for row in rows}


def test_json_is_a_list_of_theme_and_issue_ids_and_nothing_is_applied(sample_db: Path) -> None:
    before = _contents(sample_db)
    result = run("--db", str(sample_db), "themes", "suggest", "--format", "json")
    assert result.returncode == 0, result.stderr
    suggestions = json.loads(result.stdout)
    assert suggestions
    assert all(list(item) == ["theme", "issue_ids"] for item in suggestions)
    assert all(isinstance(item["theme"], str) and item["theme"] for item in suggestions)
    proposed = [issue_id for item in suggestions for issue_id in item["issue_ids"]]
    assert len(proposed) == len(set(proposed))
    assert set(proposed) <= _unthemed(sample_db)
    assert _contents(sample_db) == before


def test_the_same_database_gives_the_same_json(sample_db: Path) -> None:
    first = run("themes", "suggest", "--format", "json", "--db", str(sample_db))
    second = run("--db", str(sample_db), "themes", "suggest", "--format", "json")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout


def test_table_names_each_proposal_and_its_issues(sample_db: Path) -> None:
    result = run("--db", str(sample_db), "themes", "suggest", "--campaign", _campaign(sample_db))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "nothing applied" in lines[0]
    assert any(
        line.startswith('1. New theme "') or line.startswith('1. Join theme "') for line in lines
    )
    assert any(line.startswith("   - ") for line in lines)


def test_unknown_campaign_is_refused_in_one_line(sample_db: Path) -> None:
    before = _contents(sample_db)
    result = run("--db", str(sample_db), "themes", "suggest", "--campaign", "No such campaign")
    assert_one_line_refusal(result, "No such campaign")
    assert _contents(sample_db) == before


def test_bad_format_is_refused(sample_db: Path) -> None:
    result = run("--db", str(sample_db), "themes", "suggest", "--format", "xml")
    assert_one_line_refusal(result, "--format")


def _campaign(target: Path) -> str:
    with sqlite3.connect(target) as connection:
        (name,) = connection.execute("SELECT name FROM campaigns").fetchone()
    return str(name)


def test_service_on_the_worked_example_proposes_nothing(
    database: Any, example_bundle: dict[str, Any]
) -> None:
    """Its three unthemed issues (rota notice, depot toilets, libraries) are three concerns,
    none of them pay or staffing: no group and no join is right."""
    campaign = load_bundle(database, example_bundle)
    assert suggest_themes(database, campaign.id) == []
