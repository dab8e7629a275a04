"""The audit log (issue 8) on SQLite and PostgreSQL: one entry per action, by whom, in its
transaction; nothing logged for what failed; no name of a person heard, ever."""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from listening_tui.cli import main
from listening_tui.db.engine import Database
from listening_tui.db.tables import AuditRow, CampaignRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.audit import AuditEntry, AuditQuery
from listening_tui.domain.forms import IssueEntry, SessionForm
from listening_tui.domain.meetings import MeetingSetup, VoteSetup
from listening_tui.domain.voting import ProposalOptions
from listening_tui.errors import ListeningError, NotFound
from listening_tui.services import audit, exports, meetings, privacy, reports, sessions
from listening_tui.services.imports import import_bundle
from tests.bundle_helpers import write_json
from tests.conftest import EXAMPLE_BUNDLE, TEST_ACTOR

GARY = "Gary Whitlock"
GARY_PHONE = "07700 900123"


def entries(database: Database) -> list[AuditEntry]:
    """Every entry, newest first."""
    return list(audit.audit_entries(database, AuditQuery()))


def one_new_entry(database: Database, act: Callable[[], object]) -> AuditEntry:
    """Run ``act``; it must have written exactly one entry, which is returned."""
    before = {entry.id for entry in entries(database)}
    act()
    new = [entry for entry in entries(database) if entry.id not in before]
    assert len(new) == 1, new
    return new[0]


def form() -> SessionForm:
    return SessionForm(
        id=uuid.uuid4(),
        kind="group",
        leader="Siân Griffiths",
        held_on=date(2026, 3, 1),
        community="East depot",
        participant_count=5,
        issues=[IssueEntry(id=uuid.uuid4(), text="Pay", key_issue="yes")],
    )


@pytest.fixture
def campaign_id(database: Database) -> uuid.UUID:
    database.actor = "Ann Lee"
    return import_bundle(database, EXAMPLE_BUNDLE).campaign_id


def test_the_import_is_logged_with_its_counts_and_actor(
    database: Database, campaign_id: uuid.UUID
) -> None:
    (entry,) = entries(database)
    assert (entry.actor, entry.action, entry.target_kind) == ("Ann Lee", "imported", "bundle")
    assert entry.campaign_id == campaign_id
    assert entry.summary == "bundle: 3 sessions added, 2 themes added; campaign created"
    database.actor = "Bob"
    again = one_new_entry(database, lambda: import_bundle(database, EXAMPLE_BUNDLE))
    assert (again.actor, again.summary) == ("Bob", "bundle: 3 unchanged")


def test_a_failed_import_writes_no_entry(
    database: Database, campaign_id: uuid.UUID, tmp_path: Path
) -> None:
    broken = json.loads(EXAMPLE_BUNDLE.read_text(encoding="utf-8"))
    broken["sessions"][1]["issues"][0]["id"] = broken["sessions"][0]["issues"][0]["id"]
    broken["sessions"][1]["id"] = str(uuid.uuid4())
    broken["sessions"][0]["id"] = str(uuid.uuid4())
    before = entries(database)
    with pytest.raises(ListeningError):
        import_bundle(database, write_json(tmp_path, broken))
    assert entries(database) == before


def test_session_create_edit_delete_restore_each_log_once(
    database: Database, campaign_id: uuid.UUID
) -> None:
    database.actor = "Cy"
    written = form()
    created = one_new_entry(database, lambda: sessions.save_session(database, campaign_id, written))
    assert (created.action, created.target_kind, created.target_id) == (
        "created",
        "session",
        written.id,
    )
    assert created.summary == "group session, 1 issues, version 1"
    edited = one_new_entry(
        database,
        lambda: sessions.save_session(
            database, campaign_id, written.model_copy(update={"community": "West"})
        ),
    )
    assert (edited.action, edited.summary) == ("edited", "group session, 1 issues, version 2")
    deleted = one_new_entry(database, lambda: sessions.delete_session(database, written.id))
    assert deleted.action == "deleted"
    restored = one_new_entry(database, lambda: sessions.restore_session(database, written.id))
    assert (restored.action, restored.actor) == ("restored", "Cy")
    assert {e.campaign_id for e in entries(database)} == {campaign_id}


def test_an_action_that_fails_logs_nothing(database: Database, campaign_id: uuid.UUID) -> None:
    before = entries(database)
    with pytest.raises(NotFound):
        sessions.restore_session(database, uuid.uuid4())
    with pytest.raises(ListeningError):
        sessions.save_session(database, uuid.uuid4(), form())
    assert entries(database) == before


def test_the_entry_is_in_the_same_transaction_as_the_action(
    database: Database, campaign_id: uuid.UUID
) -> None:
    """Rolled back with the action: the unit of work never commits one without the other."""
    before = entries(database)
    with UnitOfWork(database) as uow:
        uow.log("edited", "campaign", campaign_id, campaign_id=campaign_id)
        uow.session.flush()
        assert uow.session.scalar(select(AuditRow.actor).where(AuditRow.action == "edited"))
    assert entries(database) == before


def test_every_export_and_the_report_are_logged(
    database: Database, campaign_id: uuid.UUID, tmp_path: Path
) -> None:
    database.actor = "Dee"
    kinds = [
        one_new_entry(database, lambda: exports.export_bundle(database, tmp_path / "b.json")),
        one_new_entry(
            database,
            lambda: exports.export_bundle(database, tmp_path / "a.json", anonymise=True),
        ),
        one_new_entry(
            database,
            lambda: exports.export_bundle(
                database, tmp_path / "s.json", passphrase="correct horse battery"
            ),
        ),
        one_new_entry(database, lambda: exports.export_csv(database, tmp_path / "csv")),
        one_new_entry(database, lambda: exports.export_contacts(database, tmp_path / "c.csv")),
        one_new_entry(database, lambda: reports.write_report(database, tmp_path / "r.md")),
    ]
    assert [(e.action, e.actor) for e in kinds] == [("exported", "Dee")] * 6
    assert [e.summary.split(":")[0] for e in kinds] == [
        "bundle",
        "anonymised bundle",
        "sealed bundle",
        "CSV folder",
        "contact list",
        "report (markdown)",
    ]
    assert kinds[0].summary == "bundle: 3 sessions, 2 themes"


def test_votes_and_results_are_logged(database: Database, campaign_id: uuid.UUID) -> None:
    database.actor = "Eve"
    setup = MeetingSetup(title="Ratify", held_on=date(2026, 12, 1), convenor="Eve", present=10)
    meeting_entry = one_new_entry(
        database, lambda: meetings.create_meeting(database, campaign_id, setup)
    )
    assert (meeting_entry.action, meeting_entry.target_kind) == ("created", "meeting")
    assert meeting_entry.target_id is not None
    vote_setup = VoteSetup(title="Ratify pay", method="proposal", rules=ProposalOptions())
    opened = one_new_entry(
        database, lambda: meetings.open_vote(database, meeting_entry.target_id, vote_setup)
    )
    vote_id = opened.target_id
    assert vote_id is not None
    assert (opened.action, opened.summary) == ("created", "vote 1: proposal vote opened")
    for key, value in (("for", 8), ("against", 1), ("abstain", 1), ("present", 10)):

        def enter(key: str = key, value: int = value) -> bool:
            return meetings.enter_figure(database, vote_id, key, value, by="Eve")

        figure = one_new_entry(database, enter)
        assert (figure.action, figure.summary) == (
            "voted",
            f"vote 1: figure {key} entered: {value}",
        )
    closed = one_new_entry(database, lambda: meetings.close_vote(database, vote_id, by="Eve"))
    assert (closed.action, closed.target_id, closed.campaign_id) == ("voted", vote_id, campaign_id)
    assert closed.summary.startswith("vote 1: vote closed and counted")
    reopened = one_new_entry(
        database, lambda: meetings.reopen_vote(database, vote_id, "miscounted by Gary", by="Eve")
    )
    assert "Gary" not in reopened.summary


def test_forget_and_retention_are_logged_and_no_name_stays(
    database: Database, campaign_id: uuid.UUID
) -> None:
    database.actor = "Fay"
    expired = one_new_entry(
        database, lambda: privacy.expire_contacts(database, None, today=date(2099, 1, 1))
    )
    assert (expired.action, expired.target_kind) == ("erased", "contacts")
    assert expired.summary.startswith("retention expiry: ")
    erased = one_new_entry(database, lambda: privacy.forget_person(database, GARY, None))
    assert (erased.action, erased.target_kind, erased.target_id) == ("erased", "person", None)
    assert erased.summary.startswith("a person forgotten: ")
    with UnitOfWork(database, write=False) as uow:
        rows = uow.session.execute(select(AuditRow)).scalars().all()
        text = " ".join(
            f"{r.actor} {r.action} {r.target_kind} {r.target_id} {r.summary}" for r in rows
        )
    for trace in ("Gary", "Whitlock", GARY_PHONE, "Priya", "Shah"):
        assert trace.casefold() not in text.casefold()


def test_entries_outlive_a_deleted_campaign(database: Database, campaign_id: uuid.UUID) -> None:
    with UnitOfWork(database) as uow:
        uow.session.execute(delete(CampaignRow).where(CampaignRow.id == campaign_id))
        uow.commit()
    (entry,) = entries(database)
    assert (entry.action, entry.campaign_id) == ("imported", None)


def test_pages_are_newest_first_and_filtered(database: Database, campaign_id: uuid.UUID) -> None:
    for actor in ("Gil", "Hal", "Gil"):
        database.actor = actor
        audit.log_action(database, "exported", "csv", campaign_id, campaign_id=campaign_id)
    page = audit.audit_page(database, AuditQuery(campaign_id=campaign_id), 0, 2)
    assert page.total == 4
    assert [e.actor for e in page.entries] == ["Gil", "Hal"]
    rest = audit.audit_page(database, AuditQuery(campaign_id=campaign_id), 2, 2)
    assert [e.actor for e in rest.entries] == ["Gil", "Ann Lee"]
    gil = audit.audit_page(database, AuditQuery(actor="Gil", action="exported"), 0, 10)
    assert gil.total == 2
    assert audit.audit_actors(database, campaign_id) == ["Ann Lee", "Gil", "Hal"]


def test_cli_as_and_the_environment_name_the_actor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "c.db")
    assert main(["--db", db, "--as", "Ivy", "import", str(EXAMPLE_BUNDLE)]) == 0
    assert main(["--db", db, "contacts", "--out", str(tmp_path / "c.csv")]) == 0
    monkeypatch.delenv("LISTENING_TUI_USER")
    monkeypatch.setattr("getpass.getuser", lambda: "login-name")
    assert main(["report", "--db", db, "--out", str(tmp_path / "r.md")]) == 0
    assert main(["--db", db, "export", "--as", "Jo", "--out", str(tmp_path / "b.json")]) == 0
    capsys.readouterr()
    assert main(["--db", db, "audit"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[1:3] for line in lines] == [
        ["Jo", "exported"],
        ["login-name", "exported"],
        [TEST_ACTOR, "exported"],
        ["Ivy", "imported"],
    ]
    out = tmp_path / "audit.csv"
    assert main(["--db", db, "audit", "--by", "Ivy", "--out", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["actor"], r["action"], r["target_kind"]) for r in rows] == [
        ("Ivy", "imported", "bundle")
    ]
    assert main(["--db", db, "audit", "--campaign", "Nowhere"]) == 2


def test_adding_as_changes_no_other_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "c.db")
    main(["--db", db, "import", str(EXAMPLE_BUNDLE)])
    capsys.readouterr()
    assert main(["--db", db, "rank"]) == 0
    plain = capsys.readouterr()
    assert main(["--db", db, "--as", "Kit", "rank"]) == 0
    assert capsys.readouterr() == plain
