"""Three laptops, one campaign: their bundles merge to the same database in every order.

Each laptop starts from the example bundle, then edits and adds on its own:

- S1: edited on A (11:00) and on B (12:00) -> B's wins everywhere;
- S2: edited on B (12:00) and on C (11:00) -> B's wins;
- S3: edited on A and on C at the same minute -> settled by content, the same each time;
- each laptop adds one session; A and B each add a theme, C uses a theme by its id.

Every bundle holds all four sessions of its laptop, so after the first import
each later bundle brings 1 new session and 3 that differ from what is stored:
in every order 6 added, 6 conflicts, 0 unchanged, themes 4 added and 4 reused,
and 6 versions kept in the history. Which import "updated" depends on the order.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from listening_tui.domain.forms import IssueEntry, SessionForm, Theme
from listening_tui.services import sessions, themes
from listening_tui.services.database import open_database
from listening_tui.services.exports import export_bundle
from listening_tui.services.imports import import_bundle
from tests.bundle_helpers import exported, row_counts, wipe
from tests.conftest import EXAMPLE_BUNDLE

CAMPAIGN = uuid.UUID("bac64a08-ce35-5c9f-8a0b-b7b2e4d31281")
PAY = uuid.UUID("b930af1a-c1c1-5855-a42b-0eafc1dd5e42")
S1 = uuid.UUID("d122d6ad-ad64-5a76-8a82-68b46004b4fc")
S2 = uuid.UUID("5d8eacb6-0128-5b36-bce5-0777d5d47603")
S3 = uuid.UUID("91e527c4-6a33-5919-b01c-beb945c5f43d")


def at(hour: int) -> datetime:
    return datetime(2026, 11, 10, hour, 0, tzinfo=UTC)


def reword(database: Any, session_id: uuid.UUID, text: str, hour: int) -> None:
    """Save the session again with its first issue reworded, as the app would at ``hour``."""
    stored = sessions.get_session(database, session_id).session
    issues = [stored.issues[0].model_copy(update={"text": text}), *stored.issues[1:]]
    form = SessionForm.model_validate(
        stored.model_copy(update={"issues": issues}).model_dump(
            exclude={"created_at", "updated_at"}
        )
    )
    sessions.save_session(database, CAMPAIGN, form, now=at(hour))


def new_session(database: Any, laptop: str, theme_id: uuid.UUID | None) -> None:
    form = SessionForm(
        id=uuid.uuid4(),
        kind="one_to_one",
        leader=f"Listener on laptop {laptop}",
        held_on=datetime(2026, 11, 9).date(),
        community="Riverside Council",
        subgroup="Libraries",
        participant_count=1,
        issues=[
            IssueEntry(
                id=uuid.uuid4(), text=f"Raised on {laptop}", key_issue="yes", theme_id=theme_id
            )
        ],
    )
    sessions.save_session(database, CAMPAIGN, form, now=at(9))


def laptop(folder: Path, name: str) -> Path:
    """Make laptop ``name``'s database from the example, change it, and export its bundle."""
    database = open_database(str(folder / f"{name}.db"))
    try:
        import_bundle(database, EXAMPLE_BUNDLE)
        if name == "A":
            housing = themes.create_theme(
                database, CAMPAIGN, Theme(id=uuid.uuid4(), name="Housing")
            )
            reword(database, S1, "Unpaid travel time (A)", 11)
            reword(database, S3, "Libraries closing (A)", 11)
            new_session(database, "A", housing.id)
        elif name == "B":
            childcare = themes.create_theme(
                database, CAMPAIGN, Theme(id=uuid.uuid4(), name="Childcare")
            )
            reword(database, S1, "Unpaid travel time (B)", 12)
            reword(database, S2, "Wages frozen (B)", 12)
            new_session(database, "B", childcare.id)
        else:
            reword(database, S2, "Wages frozen (C)", 11)
            reword(database, S3, "Libraries closing (C)", 11)
            new_session(database, "C", PAY)
        out = folder / f"{name}.json"
        export_bundle(database, out)
    finally:
        database.close()
    return out


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("laptops")
    return {name: laptop(folder, name) for name in "ABC"}


def test_every_order_gives_the_same_campaign(
    database: Any, tmp_path: Path, bundles: dict[str, Path]
) -> None:
    results = []
    for order in itertools.permutations("ABC"):
        wipe(database)
        reports = [import_bundle(database, bundles[name]) for name in order]
        total = {
            key: sum(getattr(report, key) for report in reports)
            for key in (
                "sessions_added",
                "sessions_unchanged",
                "conflicts",
                "themes_added",
                "themes_reused",
            )
        }
        assert total == {
            "sessions_added": 6,
            "sessions_unchanged": 0,
            "conflicts": 6,
            "themes_added": 4,
            "themes_reused": 4,
        }, order
        assert [r.sessions_added for r in reports] == [4, 1, 1]
        assert [r.conflicts for r in reports] == [0, 3, 3]
        assert row_counts(database)["session_revisions"] == 6
        merged = exported(database, tmp_path)
        results.append(merged)
        # Importing every bundle again changes nothing, whatever came first.
        again = [import_bundle(database, bundles[name]) for name in order]
        assert [(r.sessions_unchanged, r.conflicts) for r in again] == [(4, 0)] * 3
        assert exported(database, tmp_path) == merged
        assert row_counts(database)["session_revisions"] == 6
    assert all(result == results[0] for result in results[1:])
    texts = {s["id"]: s["issues"][0]["text"] for s in results[0]["sessions"]}
    assert texts[str(S1)] == "Unpaid travel time (B)"
    assert texts[str(S2)] == "Wages frozen (B)"
    assert texts[str(S3)] in {"Libraries closing (A)", "Libraries closing (C)"}
    assert len(results[0]["sessions"]) == 6
    assert [t["name"] for t in results[0]["themes"]] == [
        "Childcare",
        "Housing",
        "Pay not keeping up with bills",
        "Short staffing",
    ]


def test_updates_in_one_order_are_as_documented(database: Any, bundles: dict[str, Path]) -> None:
    """A, then B, then C: B replaces A's S1 and the base S2; C loses S2 but S3 is a tie."""
    reports = [import_bundle(database, bundles[name]) for name in "ABC"]
    assert [r.sessions_updated for r in reports][:2] == [0, 2]
    assert reports[2].sessions_updated in (0, 1)  # S3's tie goes to the greater content
    history = sessions.session_history(database, S2)
    assert [r.reason for r in history] == ["import_conflict", "import_older"]
