"""Exports on SQLite and PostgreSQL: round trips, anonymised bundles, CSV and contact lists."""

from __future__ import annotations

import copy
import csv
import json
import shutil
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

from listening_tui.errors import InvalidInput, OutputExists
from listening_tui.services.database import open_database
from listening_tui.services.exports import export_bundle, export_contacts, export_csv
from listening_tui.services.imports import import_bundle
from listening_tui.services.small_groups import set_small_group_k
from tests.bundle_helpers import exported, write_json
from tests.conftest import EXAMPLE_BUNDLE

SAMPLE = Path(__file__).resolve().parents[2] / "sample.db"


@pytest.fixture
def sample_copy(tmp_path: Path) -> Any:
    """An open copy of the repository's sample.db."""
    copy_path = tmp_path / "sample.db"
    shutil.copyfile(SAMPLE, copy_path)
    database = open_database(str(copy_path))
    yield database
    database.close()


def round_trip(bundle_path: Path, folder: Path) -> dict[str, Any]:
    """Import into a new empty SQLite database and export again."""
    database = open_database(str(folder / f"trip-{uuid.uuid4().hex[:6]}.db"))
    try:
        import_bundle(database, bundle_path)
        return exported(database, folder)
    finally:
        database.close()


def test_round_trip_of_the_example(
    database: Any, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    first = exported(database, tmp_path)
    second = round_trip(
        write_json(tmp_path, {"exported_at": "2026-11-21T10:00:00Z", **first}), tmp_path
    )
    assert second == first
    # The export is the example with every key written out (reflections: {} -> nulls).
    expected = copy.deepcopy(example_bundle)
    del expected["exported_at"]
    expected["sessions"][2]["reflections"] = dict.fromkeys(
        ("moved", "decision_makers_should_hear", "would_act", "difference", "notes")
    )
    assert first == expected


def test_round_trip_of_the_sample(database: Any, tmp_path: Path, sample_copy: Any) -> None:
    out = tmp_path / "sample.json"
    export_bundle(sample_copy, out)
    original = json.loads(out.read_text(encoding="utf-8"))
    del original["exported_at"]
    import_bundle(database, out)
    again = exported(database, tmp_path)
    assert again == original
    assert round_trip(out, tmp_path) == original
    assert len(original["sessions"]) == 48


def test_export_file_is_private_ordered_and_never_overwritten(
    database: Any, tmp_path: Path
) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    out = tmp_path / "sub" / "bundle.json"
    report = export_bundle(database, out)
    assert (report.sessions, report.themes, report.anonymised) == (3, 2, False)
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    text = out.read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == [
        "format",
        "version",
        "exported_at",
        "anonymised",
        "campaign",
        "themes",
        "sessions",
    ]
    assert data["exported_at"][-6] in "+-" or data["exported_at"].endswith("Z")
    held = [(s["held_on"], s["created_at"], s["id"]) for s in data["sessions"]]
    assert held == sorted(held)
    out.write_text("someone's only copy")
    with pytest.raises(OutputExists, match="already exists"):
        export_bundle(database, out)
    assert out.read_text() == "someone's only copy"


def names_and_contacts(path: Path) -> tuple[set[str], set[str]]:
    """(person names, attributions and contacts) stored in a SQLite campaign file."""
    connection = sqlite3.connect(path)
    try:
        people: set[str] = set()
        for query in (
            "SELECT leader FROM listening_sessions",
            "SELECT recorder FROM listening_sessions",
            "SELECT name FROM interviewees",
            "SELECT contact FROM interviewees",
            "SELECT name FROM session_references",
            "SELECT contact FROM session_references",
        ):
            people |= {row[0] for row in connection.execute(query) if row[0]}
        attributions = {
            row[0] for row in connection.execute("SELECT attribution FROM quotes") if row[0]
        }
    finally:
        connection.close()
    return people, attributions


def test_anonymised_sample_holds_no_name_or_contact(tmp_path: Path, sample_copy: Any) -> None:
    out = tmp_path / "anonymous.json"
    report = export_bundle(sample_copy, out, anonymise=True)
    text = out.read_text(encoding="utf-8")
    people, attributions = names_and_contacts(tmp_path / "sample.db")
    assert len(people) > 100
    folded = text.casefold()
    assert [name for name in people if name.casefold() in folded] == []
    assert [name for name in attributions if name in text] == []
    firsts = {name.split()[0] for name in people if name[0].isupper() and " " in name}
    assert {"Gary", "Amina", "Ceri"} & firsts
    assert [first for first in firsts if f"{first} " in text or f" {first}" in text] == []
    data = json.loads(text)
    assert data["anonymised"] is True
    assert report.quotes_left_out > 0
    assert all(q["sharing"] != "recorders_only" for s in data["sessions"] for q in s["quotes"])
    assert all(
        p["contact"] is None for s in data["sessions"] for p in s["interviewees"] + s["references"]
    )
    # A valid bundle: it imports into an empty database.
    database = open_database(str(tmp_path / "region.db"))
    try:
        assert import_bundle(database, out).sessions_added == 48
    finally:
        database.close()


def test_pseudonyms_are_stable_and_distinct(tmp_path: Path, sample_copy: Any) -> None:
    plain, anonymous = tmp_path / "plain.json", tmp_path / "anonymous.json"
    export_bundle(sample_copy, plain)
    export_bundle(sample_copy, anonymous, anonymise=True)
    before = json.loads(plain.read_text(encoding="utf-8"))["sessions"]
    after = json.loads(anonymous.read_text(encoding="utf-8"))["sessions"]
    given: dict[str, set[str]] = {}
    for real, masked in zip(before, after, strict=True):
        given.setdefault(real["leader"], set()).add(masked["leader"])
        for person, alias in zip(real["interviewees"], masked["interviewees"], strict=True):
            given.setdefault(person["name"], set()).add(alias["name"])
    assert all(len(aliases) == 1 for aliases in given.values())
    aliases = [next(iter(a)) for a in given.values()]
    assert len(set(aliases)) == len(aliases)
    assert {a.split()[0] for a in aliases} == {"Listener", "Participant"}


def test_anonymised_free_text(
    database: Any, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    bundle = copy.deepcopy(example_bundle)
    first = bundle["sessions"][0]
    first["reflections"]["notes"] = "GARY WHITLOCK knows Tom Reilly; ring 07700900123. Gary's keen."
    first["quotes"].append(
        {"text": "Ask Lorraine (shift lead).", "attribution": "Gary", "sharing": "meeting"}
    )
    first["quotes"].append({"text": "Secret", "attribution": None, "sharing": "recorders_only"})
    import_bundle(database, write_json(tmp_path, bundle))
    data = exported(database, tmp_path, anonymise=True)
    session = data["sessions"][0]
    gary = session["interviewees"][0]["name"]
    tom = data["sessions"][1]["recorder"]
    lorraine = session["references"][0]["name"]
    assert (gary, lorraine, tom) == ("Participant 1", "Participant 2", "Listener 2")
    assert session["reflections"]["notes"] == (
        f"{gary} knows {tom}; ring [contact removed]. {gary}'s keen."
    )
    assert [q["text"] for q in session["quotes"]][1:] == [f"Ask {lorraine}."]
    assert session["quotes"][1]["attribution"] == gary
    assert len(session["quotes"]) == 2


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_export(database: Any, tmp_path: Path, example_bundle: dict[str, Any]) -> None:
    bundle = copy.deepcopy(example_bundle)
    first = bundle["sessions"][0]
    first["issues"][0]["text"] = '=HYPERLINK("http://evil.example","pay")'
    first["quotes"][0]["text"] = "@SUM(1+1)"
    first["interviewees"][0]["contact"] = "+44 7700 900123"
    first["leader"] = "-Amina"
    first["references"][0]["why"] = "+1 for her"
    import_bundle(database, write_json(tmp_path, bundle))
    report = export_csv(database, tmp_path / "sheets")
    assert [Path(p).name for p in report.paths] == [
        "sessions.csv",
        "issues.csv",
        "quotes.csv",
        "people.csv",
        "ranking.csv",
    ]
    assert (report.sessions, report.issues, report.quotes, report.people) == (3, 8, 2, 3)
    folder = tmp_path / "sheets"
    for path in report.paths:
        assert oct(Path(path).stat().st_mode & 0o777) == "0o600"
    issues = read_csv(folder / "issues.csv")
    assert list(issues[0])[:5] == ["session_id", "position", "text", "key_issue", "theme"]
    assert issues[0]["text"] == '\'=HYPERLINK("http://evil.example","pay")'
    assert issues[0]["theme"] == "Pay not keeping up with bills"
    assert issues[1]["theme"] == ""
    assert read_csv(folder / "quotes.csv")[0]["text"] == "'@SUM(1+1)"
    people = read_csv(folder / "people.csv")
    assert people[0]["contact"] == "'+44 7700 900123"
    assert people[1]["why"] == "'+1 for her"
    sessions_csv = read_csv(folder / "sessions.csv")
    assert sessions_csv[0]["leader"] == "'-Amina"
    assert sessions_csv[0]["potential_leader"] == "yes"
    every_cell = [
        cell for rows in (issues, people, sessions_csv) for row in rows for cell in row.values()
    ]
    assert not [c for c in every_cell if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    with pytest.raises(OutputExists):
        export_csv(database, folder)


def test_contacts_only_people_who_agreed(database: Any, tmp_path: Path, sample_copy: Any) -> None:
    out = tmp_path / "contacts.csv"
    report = export_contacts(sample_copy, out)
    rows = read_csv(out)
    assert report.people == len(rows) > 5
    connection = sqlite3.connect(tmp_path / "sample.db")
    consenting = connection.execute(
        "SELECT count(*) FROM interviewees WHERE consent_to_contact"
    ).fetchone()[0]
    refusing = {
        r[0]
        for r in connection.execute("SELECT name FROM interviewees WHERE NOT consent_to_contact")
    }
    references = {r[0] for r in connection.execute("SELECT name FROM session_references")}
    connection.close()
    assert len(rows) == consenting
    names = {row["name"] for row in rows}
    assert not names & refusing
    assert not names & references
    assert list(rows[0]) == [
        "name",
        "contact",
        "subgroup",
        "affiliations",
        "member_status",
        "potential_leader",
        "session_id",
        "held_on",
        "leader",
    ]
    assert [r["name"].casefold() for r in rows] == sorted(r["name"].casefold() for r in rows)


def test_contacts_on_both_databases(database: Any, tmp_path: Path) -> None:
    import_bundle(database, EXAMPLE_BUNDLE)
    out = tmp_path / "contacts.csv"
    assert export_contacts(database, out).people == 1
    (row,) = read_csv(out)
    assert (row["name"], row["contact"], row["subgroup"]) == (
        "Gary Whitlock",
        "07700 900123",
        "Home care",
    )
    assert row["affiliations"] == "St Mark's church; Riverside Rovers FC (coach)"


def test_exports_need_a_campaign_and_a_folder(database: Any, tmp_path: Path) -> None:
    from listening_tui.errors import NotFound

    with pytest.raises(NotFound, match="no campaign yet"):
        export_bundle(database, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()
    import_bundle(database, EXAMPLE_BUNDLE)
    (tmp_path / "f").write_text("x")
    with pytest.raises(InvalidInput, match="is a file"):
        export_csv(database, tmp_path / "f")


def test_ranking_csv_is_the_spec_ranking(database: Any, tmp_path: Path) -> None:
    """ranking.csv holds the worked example of spec/ranking.md, header and figures.

    With k = 1: the example's one-to-one in Home care is a subgroup of one person,
    which ranking.csv otherwise folds (tests/integration/test_small_groups.py).
    """
    from tests.conftest import EXAMPLE_BUNDLE

    set_small_group_k(database, import_bundle(database, EXAMPLE_BUNDLE).campaign_id, 1)
    report = export_csv(database, tmp_path / "sheets")
    text = (tmp_path / "sheets" / "ranking.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    assert rows[0] == [
        "rank", "theme", "points", "sessions", "people", "key_yes", "key_no",
        "key_dont_know", "subgroups", "first_choice", "would_act",
    ]  # fmt: skip
    assert rows[1:] == [
        ["1", "Pay not keeping up with bills", "17", "3", "13", "2", "0", "1", "3", "2", "1"],
        ["2", "Short staffing", "9", "2", "8", "2", "0", "0", "2", "0", "1"],
        ["3", "Branch libraries threatened with closure", "6", "1", "5", "1", "0", "0", "1", "1", "0"],  # noqa: E501
        ["4", "Rota changes at a day's notice", "5", "1", "1", "0", "0", "1", "1", "0", "1"],
        ["5", "Depot toilets broken", "4", "1", "7", "0", "1", "0", "1", "0", "0"],
    ]  # fmt: skip
    assert report.ranked_groups == 5
