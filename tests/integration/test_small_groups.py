"""Small groups stay anonymous, on SQLite and PostgreSQL: the sample's report and anonymised
export name no subgroup heard from fewer than k people; ranking.csv, which names none,
keeps the figures of spec/ranking.md."""

from __future__ import annotations

import copy
import csv
import html
import json
import shutil
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

from listening_tui.domain.forms import Campaign, ListeningSession, Theme
from listening_tui.domain.ranking import RANKING_COLUMNS, RankingFilter, rank_in_python
from listening_tui.domain.small_groups import OTHER_SUBGROUPS, fold_small_subgroups
from listening_tui.errors import InvalidInput
from listening_tui.services.conclusions import save_conclusion
from listening_tui.services.database import open_database
from listening_tui.services.exports import export_bundle, export_csv
from listening_tui.services.imports import import_bundle
from listening_tui.services.reports import report_data, write_report
from listening_tui.services.sample_content import SMALL_SUBGROUPS, sample_bundle
from listening_tui.services.small_groups import (
    set_small_group_k,
    small_group_k,
    subgroup_folding,
)
from tests.integration.loading import load_bundle

FOLDED = [small for small, _, _ in SMALL_SUBGROUPS]
"""The sample's subgroups under 5 people: "Pest control" (3) and "Bereavement services" (2)."""
SAMPLE = Path(__file__).resolve().parents[2] / "sample.db"
NOTE = "The PEST CONTROL lads and the bereavement-services team share the East depot van"


@pytest.fixture
def sample(database: Any) -> tuple[Any, Campaign, dict[str, Any]]:
    """The sample campaign, with the small subgroups' names written into free text too."""
    bundle = copy.deepcopy(sample_bundle())
    sessions: list[dict[str, Any]] = bundle["sessions"]  # type: ignore[assignment]
    sessions[0]["reflections"]["notes"] = NOTE
    sessions[1]["issues"][0]["text"] = "Pest control vans never serviced"
    themes: list[dict[str, Any]] = bundle["themes"]  # type: ignore[assignment]
    themes[0]["description"] = "Pay, as the Bereavement Services staff put it"
    campaign = load_bundle(database, bundle)
    save_conclusion(database, campaign.id, None, "Pest control crews are the most worried.")
    return database, campaign, bundle


def people_per_subgroup(bundle: dict[str, Any]) -> dict[str, int]:
    people: dict[str, int] = {}
    for session in bundle["sessions"]:  # type: ignore[attr-defined]
        if session["subgroup"]:
            people[session["subgroup"]] = (
                people.get(session["subgroup"], 0) + session["participant_count"]
            )
    return people


def plain(path: Path) -> str:
    return html.unescape(path.read_text(encoding="utf-8")).replace("\\", "").casefold()


def test_the_sample_has_subgroups_under_five_people() -> None:
    people = people_per_subgroup(sample_bundle())
    assert {name: people[name] for name in FOLDED} == {"Pest control": 3, "Bereavement services": 2}
    assert sorted(fold_small_subgroups(people, 5).folded_names) == sorted(FOLDED)


def test_k_is_five_unless_changed_and_checked(sample: Any) -> None:
    database, campaign, _ = sample
    assert small_group_k(database, campaign.id) == 5
    for wrong in (0, 51):
        with pytest.raises(InvalidInput, match="from 1 to 50"):
            set_small_group_k(database, campaign.id, wrong)
    set_small_group_k(database, campaign.id, 1)
    assert small_group_k(database, campaign.id) == 1
    assert subgroup_folding(database, campaign.id).folded == frozenset()


@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_the_report_names_no_subgroup_under_k(sample: Any, tmp_path: Path, suffix: str) -> None:
    database, _campaign, bundle = sample
    data = report_data(database, None)
    shown = {s.subgroup: s.people for s in data.subgroups if s.subgroup}
    assert shown[OTHER_SUBGROUPS] == 5
    assert all(people >= 5 for people in shown.values())
    assert set(shown) == (set(people_per_subgroup(bundle)) - set(FOLDED)) | {OTHER_SUBGROUPS}
    out = tmp_path / f"report{suffix}"
    write_report(database, out)
    text = plain(out)
    assert [name for name in FOLDED if name.casefold() in text] == []
    assert "bereavement" not in text
    assert "pest control" not in text
    assert "[other subgroup] crews" in text
    assert OTHER_SUBGROUPS.casefold() in text
    assert "fewer than 5 people" in text


def test_changing_k_changes_the_report(sample: Any, tmp_path: Path) -> None:
    database, campaign, _ = sample
    set_small_group_k(database, campaign.id, 1)
    write_report(database, tmp_path / "all.md")
    everything = plain(tmp_path / "all.md")
    assert "| pest control | 3 | 3 |" in everything
    assert OTHER_SUBGROUPS.casefold() not in everything
    set_small_group_k(database, campaign.id, 25)
    shown = {s.subgroup: s.people for s in report_data(database, None).subgroups if s.subgroup}
    assert "Parks and leisure" not in shown  # 21 people
    assert shown[OTHER_SUBGROUPS] == 2 + 3 + 21 + 20  # and Contact centre: 26 now
    assert min(shown.values()) >= 25


def test_the_anonymised_export_names_no_subgroup_under_k(sample: Any, tmp_path: Path) -> None:
    database, _, bundle = sample
    out = tmp_path / "anonymous.json"
    export_bundle(database, out, anonymise=True)
    raw = out.read_text(encoding="utf-8").casefold()
    assert [name for name in FOLDED if name.casefold() in raw] == []
    assert "bereavement" not in raw
    assert "pest" not in raw
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["campaign"]["subgroups"][-1] == OTHER_SUBGROUPS
    assert sum(s["subgroup"] == OTHER_SUBGROUPS for s in data["sessions"]) == 5
    assert "[other subgroup] lads" in raw
    pay = {t["id"]: t for t in data["themes"]}[bundle["themes"][0]["id"]]
    assert pay["description"] == "Pay, as the [other subgroup] staff put it"
    # It imports cleanly, and what it brings names no small subgroup either.
    fresh = open_database(str(tmp_path / "fresh.db"))
    try:
        assert import_bundle(fresh, out).sessions_added == 48
        export_bundle(fresh, tmp_path / "again.json")
        again = (tmp_path / "again.json").read_text(encoding="utf-8").casefold()
        assert [name for name in FOLDED if name.casefold() in again] == []
    finally:
        fresh.close()


def test_plain_bundles_keep_every_subgroup(sample: Any, tmp_path: Path) -> None:
    database, _, _ = sample
    export_bundle(database, tmp_path / "plain.json")
    data = json.loads((tmp_path / "plain.json").read_text(encoding="utf-8"))
    assert data["campaign"]["subgroups"][-2:] == FOLDED
    assert OTHER_SUBGROUPS not in json.dumps(data)


def expected_ranking(bundle: dict[str, Any], k: int) -> list[list[str]]:
    """spec/ranking.md over the bundle, each session's subgroup shown as folded."""
    folding = fold_small_subgroups(people_per_subgroup(bundle), k)
    campaign_id = uuid.UUID(str(bundle["campaign"]["id"]))  # type: ignore[index]
    sessions = []
    for raw in bundle["sessions"]:  # type: ignore[attr-defined]
        session = ListeningSession.model_validate(raw)
        shown = session.model_copy(update={"subgroup": folding.shown(session.subgroup)})
        sessions.append((campaign_id, shown))
    themes = [Theme.model_validate(t) for t in bundle["themes"]]  # type: ignore[attr-defined]
    ranked = rank_in_python(sessions, themes, RankingFilter(campaign_id=campaign_id))
    return [[str(group.output()[c]) for c in RANKING_COLUMNS] for group in ranked]


def ranking_csv(database: Any, folder: Path) -> list[list[str]]:
    export_csv(database, folder)
    text = (folder / "ranking.csv").read_text(encoding="utf-8-sig")
    return list(csv.reader(text.splitlines()))[1:]


def test_ranking_csv_names_no_subgroup_and_keeps_the_spec_figures(
    sample: Any, tmp_path: Path
) -> None:
    """ranking.csv only counts subgroups, so k does not change it: it stays the spec's."""
    database, campaign, bundle = sample
    at_five = ranking_csv(database, tmp_path / "k5")
    assert at_five == expected_ranking(bundle, 1)
    text = (tmp_path / "k5" / "ranking.csv").read_text(encoding="utf-8-sig").casefold()
    assert [name for name in FOLDED if name.casefold() in text] == []
    set_small_group_k(database, campaign.id, 1)
    assert ranking_csv(database, tmp_path / "k1") == at_five
    subgroups = RANKING_COLUMNS.index("subgroups")
    assert at_five[0][subgroups] == "10"  # Pay was heard in every one of the ten subgroups


def test_sample_db_report_and_anonymised_export_name_no_subgroup_under_k(tmp_path: Path) -> None:
    """On the repository's sample.db (regenerate it with `listening-tui sample` if this fails)."""
    copy_path = tmp_path / "sample.db"
    shutil.copyfile(SAMPLE, copy_path)
    with sqlite3.connect(copy_path) as connection:
        small = [
            name
            for name, people in connection.execute(
                "SELECT subgroup, SUM(participant_count) FROM listening_sessions "
                "WHERE subgroup IS NOT NULL GROUP BY subgroup"
            )
            if people < 5
        ]
    connection.close()
    assert sorted(small) == sorted(FOLDED)
    database = open_database(str(copy_path))
    try:
        write_report(database, tmp_path / "report.html")
        write_report(database, tmp_path / "report.md")
        export_bundle(database, tmp_path / "anonymous.json", anonymise=True)
    finally:
        database.close()
    for name in ("report.html", "report.md", "anonymous.json"):
        text = plain(tmp_path / name)
        assert [s for s in small if s.casefold() in text] == [], name
        assert OTHER_SUBGROUPS.casefold() in text, name
