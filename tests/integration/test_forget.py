"""Forgetting a person: every trace of the name and contact goes, the ranking stays."""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from listening_tui.db.base import Base
from listening_tui.db.engine import Database
from listening_tui.db.tables import ErasureRow, IntervieweeRow, QuoteRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.drafts import DraftContent, DraftPerson
from listening_tui.domain.ranking import RankingFilter
from listening_tui.errors import InvalidInput
from listening_tui.services.analysis import ranked_issues
from listening_tui.services.drafts import save_draft
from listening_tui.services.imports import import_bundle
from listening_tui.services.privacy import forget_person, preview_forget

NAME = "Gary Whitlock"
CONTACT = "07700 900123"
EMAIL = "gary.whitlock@example.org"


def campaign_with_gary(database: Database, tmp_path: Path, bundle: dict[str, Any]) -> uuid.UUID:
    """The example campaign, Gary named, quoted and mentioned everywhere, with history."""
    bundle = copy.deepcopy(bundle)
    first, second = bundle["sessions"][0], bundle["sessions"][1]
    first["quotes"].append(
        {"text": "Ring me on 07700 900123", "attribution": "Gary Whitlock", "sharing": "meeting"}
    )
    first["reflections"]["notes"] = "Gary coaches under-12s; email gary.whitlock@example.org."
    second["reflections"]["notes"] = "Met through GARY WHITLOCK at the depot. Gary's a lad."
    (tmp_path / "first.json").write_text(json.dumps(bundle), encoding="utf-8")
    import_bundle(database, tmp_path / "first.json")
    newer = copy.deepcopy(bundle)
    newer["sessions"][0]["updated_at"] = "2026-11-21T09:00:00+00:00"
    newer["sessions"][0]["interviewees"][0]["contact"] = "07700 900999"
    (tmp_path / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    import_bundle(database, tmp_path / "newer.json")
    campaign_id = uuid.UUID(bundle["campaign"]["id"])
    person = DraftPerson(name="Gary Whitlock", contact=EMAIL, consent_to_contact=True)
    save_draft(database, campaign_id, uuid.uuid4(), DraftContent(leader="Tom", person=person))
    return campaign_id


def everything(database: Database) -> str:
    """Every row of every table as text: what a trace would be found in."""
    parts: list[str] = []
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(select(table)):
                parts.append(json.dumps([str(v) for v in row], ensure_ascii=False))
    return "\n".join(parts).casefold()


def ranking(database: Database, campaign_id: uuid.UUID) -> list[Any]:
    return [
        group.model_dump()
        for group in ranked_issues(database, RankingFilter(campaign_id=campaign_id))
    ]


def test_the_preview_changes_nothing_and_says_where(
    database: Database, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    campaign_id = campaign_with_gary(database, tmp_path, example_bundle)
    before = everything(database)

    report = preview_forget(database, "gary  whitlock", None)

    assert everything(database) == before
    assert not report.applied
    assert report.counts["interviewees"] == 1
    assert report.counts["attributions"] == 1
    assert report.counts["revisions"] >= 1
    assert report.counts["drafts"] == 1
    assert report.counts["contacts"] == 3  # the live one, the earlier one, the draft's
    whats = {what for place in report.sessions for what in place.what}
    assert {"interviewee", "quote attribution", "reflection notes", "history", "draft"} <= whats
    assert report.campaign_id == campaign_id


def test_forgetting_leaves_no_trace_and_the_same_ranking(
    database: Database, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    campaign_id = campaign_with_gary(database, tmp_path, example_bundle)
    ranked_before = ranking(database, campaign_id)
    assert "whitlock" in everything(database)

    report = forget_person(database, NAME, None)

    assert report.applied
    assert ranking(database, campaign_id) == ranked_before
    dump = everything(database)
    for trace in ("whitlock", "900123", "900999", EMAIL):
        assert trace not in dump
    # The given name goes where Gary was heard, named or quoted ("Gary's a lad": session 2).
    assert "gary" not in dump
    with UnitOfWork(database, write=False) as uow:
        person = uow.session.scalars(
            select(IntervieweeRow).where(IntervieweeRow.name == "[name removed]")
        ).one()
        assert person.contact is None
        assert not person.consent_to_contact
        assert person.member_status == "member"  # the facts without the name stay
        quotes = uow.session.scalars(select(QuoteRow.text)).all()
        assert "Ring me on [contact removed]" in quotes  # kept, without attribution
        log = uow.session.scalars(select(ErasureRow)).one()
        assert log.kind == "forget"
        assert log.campaign_id == campaign_id
        assert "gary" not in json.dumps(log.counts).casefold()


def test_delete_quotes_takes_theirs_and_a_one_to_one_unattributed_ones(
    database: Database, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    campaign_id = campaign_with_gary(database, tmp_path, example_bundle)
    ranked_before = ranking(database, campaign_id)
    first = uuid.UUID(example_bundle["sessions"][0]["id"])

    report = forget_person(database, NAME, None, delete_quotes=True)

    assert report.counts["quotes_deleted"] == 2
    with UnitOfWork(database, write=False) as uow:
        left = uow.session.scalars(select(QuoteRow).where(QuoteRow.session_id == first)).all()
        history = uow.revisions.of_session(first)
    assert left == []
    assert history
    for revision in history:
        assert revision.content["quotes"] == []
    assert ranking(database, campaign_id) == ranked_before


def test_nobody_of_that_name_changes_nothing(
    database: Database, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    campaign_with_gary(database, tmp_path, example_bundle)
    before = everything(database)
    report = forget_person(database, "Nobody Atall", None)
    assert not report.found
    assert everything(database) == before
    with pytest.raises(InvalidInput):
        preview_forget(database, " ", None)


def test_no_trace_in_the_sqlite_files(
    sqlite_database: Database, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    campaign_with_gary(sqlite_database, tmp_path, example_bundle)
    path = sqlite_database.path
    assert path is not None

    def traces() -> list[str]:
        found = []
        for file in (path, path.with_name(path.name + "-wal")):
            data = file.read_bytes() if file.exists() else b""
            for trace in ("Whitlock", "WHITLOCK", "900123", "900999", EMAIL):
                if trace.encode() in data:
                    found.append(f"{file.name}: {trace}")
        return found

    assert traces()  # the test can fail: the name is there before
    forget_person(sqlite_database, NAME, None)
    assert traces() == []
    with sqlite_database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
