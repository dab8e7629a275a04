"""Importing bundles (spec/bundle.md, import semantics) on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import uuid
from pathlib import Path
from typing import Any

import pytest

from listening_tui.domain.forms import ListeningSession
from listening_tui.errors import InvalidInput
from listening_tui.services import campaigns, sessions, themes
from listening_tui.services.imports import import_bundle
from tests.bundle_helpers import exported, row_counts, wipe, write_json
from tests.conftest import EXAMPLE_BUNDLE

CAMPAIGN = uuid.UUID("bac64a08-ce35-5c9f-8a0b-b7b2e4d31281")
STAFFING = uuid.UUID("86c0ee3c-ff6a-5b6b-baba-1985c840ae9f")


def counts(report: Any) -> tuple[int, int, int, int, int, int]:
    return (
        report.sessions_added,
        report.sessions_unchanged,
        report.sessions_updated,
        report.conflicts,
        report.themes_added,
        report.themes_reused,
    )


def edited(bundle: dict[str, Any], index: int, text: str, updated_at: str) -> dict[str, Any]:
    """The bundle with session ``index``'s first issue reworded at ``updated_at``."""
    changed = copy.deepcopy(bundle)
    session = changed["sessions"][index]
    session["issues"][0]["text"] = text
    session["updated_at"] = updated_at
    return changed


def test_import_into_an_empty_database(database: Any, tmp_path: Path) -> None:
    report = import_bundle(database, EXAMPLE_BUNDLE, shown="example.json")
    assert counts(report) == (3, 0, 0, 0, 2, 0)
    assert report.campaign_created
    assert report.file == "example.json"
    assert report.summary().startswith("example.json: 3 added, 0 unchanged, 0 updated")
    (summary,) = campaigns.list_campaigns(database)
    assert (summary.name, summary.session_count, summary.theme_count) == (
        "Riverside listening campaign",
        3,
        2,
    )


def test_importing_twice_changes_nothing(database: Any, tmp_path: Path) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    before, rows = exported(database, tmp_path), row_counts(database)
    again = import_bundle(database, EXAMPLE_BUNDLE)
    assert counts(again) == (0, 3, 0, 0, 0, 2)
    assert not again.campaign_created
    assert exported(database, tmp_path) == before
    assert row_counts(database) == rows


def test_a_later_version_wins_and_the_stored_one_goes_to_history(
    database: Any, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    newer = edited(example_bundle, 2, "Branch libraries to close in March", "2026-11-08T10:00:00Z")
    report = import_bundle(database, write_json(tmp_path, newer))
    assert counts(report) == (0, 2, 1, 1, 0, 2)
    session_id = uuid.UUID(newer["sessions"][2]["id"])
    stored = sessions.get_session(database, session_id)
    assert stored.session.issues[0].text == "Branch libraries to close in March"
    assert stored.version == 2
    (kept,) = sessions.session_history(database, session_id)
    assert kept.reason == "import_conflict"
    assert kept.content["issues"][0]["text"] == "Branch libraries threatened with closure"
    # The original again: older, and already in the history, so nothing changes.
    rows = row_counts(database)
    assert counts(import_bundle(database, EXAMPLE_BUNDLE)) == (0, 3, 0, 0, 0, 2)
    assert row_counts(database) == rows


def test_an_older_version_is_kept_in_history_once(
    database: Any, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    newer = edited(example_bundle, 0, "Travel time is unpaid", "2026-11-04T08:00:00+01:00")
    import_bundle(database, write_json(tmp_path, newer))
    report = import_bundle(database, EXAMPLE_BUNDLE)
    assert counts(report) == (0, 2, 0, 1, 0, 2)
    session_id = uuid.UUID(newer["sessions"][0]["id"])
    assert sessions.get_session(database, session_id).session.issues[0].text == (
        "Travel time is unpaid"
    )
    (kept,) = sessions.session_history(database, session_id)
    assert kept.reason == "import_older"
    assert kept.content == ListeningSession.model_validate(
        example_bundle["sessions"][0]
    ).model_dump(mode="json")
    rows = row_counts(database)
    assert counts(import_bundle(database, EXAMPLE_BUNDLE)) == (0, 3, 0, 0, 0, 2)
    assert row_counts(database) == rows


def test_the_same_moment_in_another_offset_is_unchanged(
    database: Any, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    shifted = copy.deepcopy(example_bundle)
    shifted["sessions"][0]["updated_at"] = "2026-11-03T20:20:00+01:00"
    assert counts(import_bundle(database, write_json(tmp_path, shifted)))[:4] == (0, 3, 0, 0)


def test_equal_times_are_settled_by_content_in_any_order(
    database: Any, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    same_time = example_bundle["sessions"][1]["updated_at"]
    first = write_json(tmp_path, edited(example_bundle, 1, "Wages frozen", same_time))
    second = write_json(tmp_path, edited(example_bundle, 1, "Rent up, wages not", same_time))
    results = []
    for order in ((first, second), (second, first)):
        wipe(database)
        reports = [import_bundle(database, path) for path in order]
        assert reports[1].conflicts == 1
        results.append(exported(database, tmp_path))
    assert results[0] == results[1]
    assert results[0]["sessions"][1]["issues"][0]["text"] == "Wages frozen"


def test_an_anonymised_bundle_never_wins_a_tie(
    database: Any, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    anonymised = copy.deepcopy(example_bundle)
    anonymised["anonymised"] = True
    anonymised["sessions"][0]["leader"] = "Listener 1"
    report = import_bundle(database, write_json(tmp_path, anonymised))
    assert (report.sessions_updated, report.conflicts) == (0, 1)
    stored = sessions.get_session(database, uuid.UUID(anonymised["sessions"][0]["id"]))
    assert stored.session.leader == "Amina Yusuf"


def test_a_new_theme_with_a_known_name_is_mapped_and_its_issues_follow(
    database: Any, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    other = copy.deepcopy(example_bundle)
    renamed = str(uuid.uuid4())
    other["themes"] = [
        {"id": renamed, "name": "  short STAFFING ", "description": "from a laptop"},
        {"id": str(uuid.uuid4()), "name": "Depot conditions", "description": None},
    ]
    session = copy.deepcopy(other["sessions"][1])
    session["id"] = str(uuid.uuid4())
    for issue in session["issues"]:
        issue["id"] = str(uuid.uuid4())
        issue["theme_id"] = renamed
    other["sessions"] = [session]
    report = import_bundle(database, write_json(tmp_path, other))
    assert counts(report) == (1, 0, 0, 0, 1, 1)
    stored = sessions.get_session(database, uuid.UUID(session["id"])).session
    assert {issue.theme_id for issue in stored.issues} == {STAFFING}
    names = [theme.name for theme in themes.list_themes(database, CAMPAIGN)]
    assert names == ["Depot conditions", "Pay not keeping up with bills", "Short staffing"]


def test_the_campaign_is_reused_without_renaming_it(
    database: Any, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    renamed = copy.deepcopy(example_bundle)
    renamed["campaign"]["name"] = "Somebody else's name for it"
    renamed["campaign"]["subgroups"].append("Parks")
    renamed["sessions"][2]["subgroup"] = "Bereavement services"
    renamed["sessions"][2]["updated_at"] = "2026-11-09T10:00:00+00:00"
    report = import_bundle(database, write_json(tmp_path, renamed))
    assert report.campaign_name == "Riverside listening campaign"
    stored = campaigns.get_campaign(database, CAMPAIGN)
    assert stored.name == "Riverside listening campaign"
    assert stored.subgroups[-2:] == ["Parks", "Bereavement services"]


def test_issues_may_name_themes_already_in_the_campaign(
    database: Any, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    later = copy.deepcopy(example_bundle)
    later["themes"] = []
    assert counts(import_bundle(database, write_json(tmp_path, later))) == (0, 3, 0, 0, 0, 0)


def test_a_refused_bundle_leaves_no_trace_even_after_a_thousand_sessions(
    database: Any, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    """The first thousand sessions are written before the bad one is met; all are undone."""
    import_bundle(database, EXAMPLE_BUNDLE)
    before, rows = exported(database, tmp_path), row_counts(database)
    big = copy.deepcopy(example_bundle)
    big["themes"].append({"id": str(uuid.uuid4()), "name": "Brand new", "description": None})
    template = example_bundle["sessions"][1]
    big["sessions"] = []
    for _ in range(1001):
        session = copy.deepcopy(template)
        session["id"] = str(uuid.uuid4())
        for issue in session["issues"]:
            issue["id"] = str(uuid.uuid4())
        big["sessions"].append(session)
    taken = example_bundle["sessions"][0]["issues"][0]["id"]
    big["sessions"][1000]["issues"][0]["id"] = taken
    path = write_json(tmp_path, big, "big.json")
    told: list[tuple[int, int]] = []
    with pytest.raises(InvalidInput) as refused:
        import_bundle(database, path, shown="big.json", progress=lambda *n: told.append(n))
    assert told == [(1000, 1001)]
    assert refused.value.message.startswith(
        "big.json: sessions[1000].issues[0].id: this issue id belongs to another session"
    )
    assert exported(database, tmp_path) == before
    assert row_counts(database) == rows


def _copies(example_bundle: dict[str, Any], ids: list[str]) -> dict[str, Any]:
    """A bundle of copies of the example's second session, with these session ids."""
    bundle = copy.deepcopy(example_bundle)
    bundle["sessions"] = []
    for session_id in ids:
        session = copy.deepcopy(example_bundle["sessions"][1])
        session["id"] = session_id
        for issue in session["issues"]:
            issue["id"] = str(uuid.uuid4())
        bundle["sessions"].append(session)
    return bundle


LAST, FIRST = "ffffffff-ffff-4fff-bfff-ffffffffffff", "00000000-0000-4000-8000-000000000001"
"""Session ids that sort last and first: messages follow the file's order, not the ids'."""


def test_the_first_taken_issue_id_in_the_file_is_named_whatever_is_written_first(
    database: Any, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    before = exported(database, tmp_path)
    clash = _copies(example_bundle, [LAST, FIRST])
    clash["sessions"][0]["issues"][0]["id"] = example_bundle["sessions"][0]["issues"][0]["id"]
    clash["sessions"][1]["issues"][0]["id"] = example_bundle["sessions"][2]["issues"][0]["id"]
    with pytest.raises(InvalidInput) as refused:
        import_bundle(database, write_json(tmp_path, clash, "clash.json"), shown="clash.json")
    assert refused.value.message.startswith(
        "clash.json: sessions[0].issues[0].id: this issue id belongs to another session"
    )
    assert exported(database, tmp_path) == before


def test_a_taken_issue_id_before_another_campaigns_session_is_named_first(
    database: Any, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    elsewhere = _copies(example_bundle, [FIRST])
    elsewhere["campaign"] = {"id": str(uuid.uuid4()), "name": "Elsewhere"}
    elsewhere["themes"] = []
    for issue in elsewhere["sessions"][0]["issues"]:
        issue["theme_id"] = None
    import_bundle(database, write_json(tmp_path, elsewhere, "elsewhere.json"))
    before = row_counts(database)
    both = _copies(example_bundle, [LAST, FIRST])
    both["sessions"][0]["issues"][0]["id"] = example_bundle["sessions"][0]["issues"][0]["id"]
    with pytest.raises(InvalidInput) as refused:
        import_bundle(database, write_json(tmp_path, both, "both.json"), shown="both.json")
    assert refused.value.message.startswith("both.json: sessions[0].issues[0].id: ")
    both["sessions"].reverse()
    with pytest.raises(InvalidInput) as refused:
        import_bundle(database, write_json(tmp_path, both, "both.json"), shown="both.json")
    assert refused.value.message.startswith(
        "both.json: sessions[0].id: a session with this id belongs to another campaign here"
    )
    assert row_counts(database) == before


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda b: b["sessions"][1]["issues"][1].update(theme_id=str(uuid.uuid4())),
            "sessions[1].issues[1].theme_id: expected the id of a theme in this bundle or in "
            "the campaign",
        ),
        (
            lambda b: b["campaign"].update(id=str(uuid.uuid4())),
            "themes[0].id: this theme id belongs to another campaign here",
        ),
    ],
)
def test_references_the_database_cannot_honour_are_refused(
    database: Any, tmp_path: Path, example_bundle: dict[str, Any], edit: Any, message: str
) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    rows = row_counts(database)
    broken = copy.deepcopy(example_bundle)
    edit(broken)
    with pytest.raises(InvalidInput) as refused:
        import_bundle(database, write_json(tmp_path, broken, "b.json"), shown="b.json")
    assert refused.value.message.startswith(f"b.json: {message}")
    assert row_counts(database) == rows


def test_a_later_version_can_empty_fields(
    database: Any, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    emptied = copy.deepcopy(example_bundle)
    session = emptied["sessions"][1]
    session.update(recorder=None, subgroup=None, quotes=[], reflections={})
    session["updated_at"] = "2026-11-06T08:00:00+00:00"
    assert counts(import_bundle(database, write_json(tmp_path, emptied)))[2] == 1
    stored = sessions.get_session(database, uuid.UUID(session["id"]))
    assert (stored.session.recorder, stored.session.subgroup, stored.session.quotes) == (
        None,
        None,
        [],
    )
    assert stored.session.reflections.would_act is None
    assert stored.version == 2
