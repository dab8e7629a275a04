"""``listening-tui rank`` run as a real process: the worked example, the formats, the refusals."""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from listening_tui.domain.forms import Campaign
from listening_tui.domain.ranking import RANKING_COLUMNS
from listening_tui.services import campaigns
from listening_tui.services.database import open_database
from tests.integration.loading import load_bundle
from tests.integration.test_cli import assert_one_line_refusal, run
from tests.unit.test_ranking import WORKED_EXAMPLE

NARROW = {"COLUMNS": "80", "LINES": "24"}
HEADINGS = ["Points", "Sess", "People", "Yes", "No", "DK", "Subgr", "First", "Act"]


def target_of(database: Any) -> str:
    """What --db must say to reach this database."""
    if database.path is not None:
        return str(database.path)
    rendered: str = database.engine.url.render_as_string(hide_password=False)
    return rendered


@pytest.fixture
def example_db(database: Any, example_bundle: dict[str, Any]) -> tuple[str, Campaign]:
    """The worked example's bundle in a database; (--db target, campaign)."""
    campaign = load_bundle(database, example_bundle)
    return target_of(database), campaign


def rank(target: str, *args: str) -> Any:
    return run("--db", target, "rank", *args, env=NARROW)


def test_json_reproduces_the_worked_example(example_db: tuple[str, Campaign]) -> None:
    target, _ = example_db
    result = rank(target, "--format", "json")
    assert result.returncode == 0, result.stderr
    ranked = json.loads(result.stdout)
    assert [list(group) for group in ranked] == [list(RANKING_COLUMNS)] * 5
    assert [tuple(group.values()) for group in ranked] == WORKED_EXAMPLE


def test_csv_has_the_same_columns_and_a_header(example_db: tuple[str, Campaign]) -> None:
    target, campaign = example_db
    result = rank(target, "--format", "csv", "--campaign", campaign.name, "--weight", "session")
    assert result.returncode == 0, result.stderr
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert table[0] == list(RANKING_COLUMNS)
    expected = [[str(value) for value in row] for row in WORKED_EXAMPLE]
    assert table[1:] == expected


def test_table_fits_80_columns(example_db: tuple[str, Campaign]) -> None:
    target, campaign = example_db
    result = rank(target, "--campaign", str(campaign.id))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "Riverside listening campaign" in lines[0]
    header = next(line for line in lines if line.startswith("Rank "))
    assert header.split() == ["Rank", "Theme", *HEADINGS]
    first = next(line for line in lines if line.strip().startswith("1 "))
    assert first.split() == ["1", *WORKED_EXAMPLE[0][1].split(), *map(str, WORKED_EXAMPLE[0][2:])]
    last = next(line for line in lines if "Depot toilets broken" in line)
    assert last.split() == ["5", *WORKED_EXAMPLE[4][1].split(), *map(str, WORKED_EXAMPLE[4][2:])]


def test_weight_people_and_filters(example_db: tuple[str, Campaign]) -> None:
    target, _ = example_db
    result = rank(
        target,
        "--format=json",
        "--weight=people",
        "--kind=group",
        "--from=2026-11-05",
        "--to=2026-11-06",
        "--leader=Amina Yusuf",
    )
    assert result.returncode == 0, result.stderr
    ranked = json.loads(result.stdout)
    assert [(g["rank"], g["theme"], g["points"]) for g in ranked] == [
        (1, "Pay not keeping up with bills", 42),
        (2, "Short staffing", 35),
        (3, "Depot toilets broken", 28),
    ]
    nothing = rank(target, "--format", "json", "--subgroup", "Nobody's subgroup")
    assert nothing.returncode == 0
    assert json.loads(nothing.stdout) == []


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--kind", "small_group"], ["--kind", "invalid choice", "one_to_one"]),
        (["--weight", "votes"], ["--weight", "invalid choice"]),
        (["--format", "xml"], ["--format", "invalid choice"]),
        (["--from", "3/11/2026"], ["--from '3/11/2026' is not a date", "YYYY-MM-DD"]),
        (["--to", "2026-02-30"], ["--to '2026-02-30' is not a date"]),
        (["--from", "2026-11-06", "--to", "2026-11-05"], ["is after --to", "earlier day first"]),
        (["--subgroup", "  "], ["--subgroup needs a name"]),
        (["--campaign", "Nowhere"], ['There is no campaign "Nowhere"']),
        (["--campaign", str(uuid.UUID(int=1))], ["There is no campaign"]),
    ],
)
def test_bad_values_get_one_line_and_exit_2(
    sqlite_database: Any, example_bundle: dict[str, Any], args: list[str], fragments: list[str]
) -> None:
    load_bundle(sqlite_database, example_bundle)
    assert_one_line_refusal(rank(str(sqlite_database.path), *args), *fragments)


def test_bad_arguments_create_no_database(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    assert_one_line_refusal(rank(str(missing), "--from", "tomorrow"), "not a date")
    assert_one_line_refusal(rank(str(missing), "--from", "2026-11-02", "--to", "2026-11-01"))
    assert not missing.exists()


def test_campaign_must_be_named_when_there_are_two(tmp_path: Path) -> None:
    path = tmp_path / "two.db"
    database = open_database(str(path))
    try:
        for name in ("North", "South"):
            campaigns.create_campaign(database, Campaign(id=uuid.uuid4(), name=name))
    finally:
        database.close()
    assert_one_line_refusal(rank(str(path)), "2 campaigns", "--campaign")
    named = rank(str(path), "--campaign", "north", "--format", "json")
    assert named.returncode == 0, named.stderr
    assert json.loads(named.stdout) == []
