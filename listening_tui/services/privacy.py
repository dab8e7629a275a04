"""Forgetting a person and expiring contact details (issue 8).

``preview_forget`` runs the whole erasure inside a transaction it then rolls
back, so the preview is exactly what ``forget_person`` would change. After a
real erasure on SQLite the freed space is overwritten (``secure_delete``),
the file rebuilt (``VACUUM``) and the write-ahead log emptied
(``wal_checkpoint(TRUNCATE)``), so no trace stays in the database files. On
PostgreSQL the rows are rewritten the same way and the tables vacuumed, but
old row versions may survive in the server's files, its WAL archive and its
backups until they are recycled: that cannot be proven from here.

Each erasure is logged in ``erasures`` with its campaign, time and counts,
never the name.
"""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from listening_tui.db.engine import Database
from listening_tui.db.erasure import Eraser, ErasureCounts, ErasureRepository
from listening_tui.db.retention import DueContact, RetentionRepository
from listening_tui.db.tables import (
    RETENTION_MAX_MONTHS,
    RETENTION_MIN_MONTHS,
    ErasureRow,
)
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.audit import counted
from listening_tui.errors import InvalidInput
from listening_tui.services.campaigns import (
    campaign_setting,
    resolve_campaign,
    set_campaign_setting,
)

WARN_DAYS = 30

COUNT_LABELS = (
    ("interviewees", "as the person heard"),
    ("references", "as a reference"),
    ("attributions", "quote attributions emptied"),
    ("quotes_deleted", "quotes deleted"),
    ("listeners", "as leader or recorder"),
    ("contacts", "contact details removed"),
    ("texts", "texts where the name or contact is replaced"),
    ("revisions", "earlier versions rewritten"),
    ("drafts", "drafts rewritten"),
)
"""The counts of a ForgetReport, in the order and words they are printed."""

"""Contacts expiring within this many days are listed for review."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class TouchedSession(_Model):
    """A session the erasure changes, and where in it."""

    session_id: uuid.UUID
    held_on: date | None
    leader: str
    what: list[str]


class ForgetReport(_Model):
    """What forgetting a person changes (preview) or changed (applied)."""

    campaign_id: uuid.UUID
    campaign_name: str
    applied: bool
    delete_quotes: bool
    counts: dict[str, int]
    """interviewees, references, attributions, quotes_deleted, texts, listeners,
    contacts, revisions, drafts, sessions."""
    sessions: list[TouchedSession]
    elsewhere: list[str]
    file_note: str = ""
    """How the database file was cleaned afterwards (applied only)."""

    @property
    def found(self) -> bool:
        """Whether anything at all names them."""
        return any(self.counts.values())


class ContactDue(_Model):
    """A contact detail due to expire (or past its period)."""

    row_id: uuid.UUID
    role: str
    name: str
    contact: str
    session_id: uuid.UUID
    held_on: date
    expires_on: date
    expired: bool
    campaign_name: str


class RetentionReport(_Model):
    """Contacts due, and what an expiry changed."""

    due: list[ContactDue]
    expired_counts: dict[str, int] = {}
    file_note: str = ""


def _check_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if len(cleaned) < 2:
        raise InvalidInput("Give the person's name as it was written down (at least 2 letters)")
    return cleaned


def _run_forget(
    database: Database, name: str, campaign_id: uuid.UUID, delete_quotes: bool, apply: bool
) -> ErasureCounts:
    with UnitOfWork(database) as uow:
        if apply and database.dialect == "sqlite":
            uow.session.connection().exec_driver_sql("PRAGMA secure_delete = ON")
        repository = ErasureRepository(uow.session)
        spellings, contacts = repository.spellings_and_contacts(
            campaign_id, Eraser([name], [], delete_quotes)
        )
        eraser = Eraser({name, *spellings}, contacts, delete_quotes)
        result = repository.erase(campaign_id, eraser)
        result.counts["contacts"] += len(contacts)
        counts = {key: value for key, value in result.counts.items() if value}
        if apply and counts:
            uow.session.add(ErasureRow(campaign_id=campaign_id, kind="forget", counts=counts))
            uow.log(
                "erased",
                "person",
                None,
                campaign_id=campaign_id,
                summary=f"a person forgotten: {counted(counts)}",
            )
            uow.commit()
    return result


def preview_forget(
    database: Database, name: str, campaign: str | uuid.UUID | None, delete_quotes: bool = False
) -> ForgetReport:
    """Everything forgetting ``name`` would change; changes nothing."""
    return _forget(database, name, campaign, delete_quotes, apply=False)


def forget_person(
    database: Database, name: str, campaign: str | uuid.UUID | None, delete_quotes: bool = False
) -> ForgetReport:
    """Erase ``name`` and their contacts from the campaign, then clean the database file."""
    return _forget(database, name, campaign, delete_quotes, apply=True)


def _forget(
    database: Database,
    name: str,
    campaign: str | uuid.UUID | None,
    delete_quotes: bool,
    apply: bool,
) -> ForgetReport:
    name = _check_name(name)
    found = resolve_campaign(database, str(campaign) if campaign is not None else None)
    result = _run_forget(database, name, found.id, delete_quotes, apply)
    note = secure_compact(database) if apply else ""
    sessions = sorted(
        result.places.values(), key=lambda p: (p.held_on or date.min, str(p.session_id))
    )
    return ForgetReport(
        campaign_id=found.id,
        campaign_name=found.name,
        applied=apply,
        delete_quotes=delete_quotes,
        counts={key: value for key, value in result.counts.items() if value},
        sessions=[
            TouchedSession(
                session_id=p.session_id, held_on=p.held_on, leader=p.leader, what=sorted(p.what)
            )
            for p in sessions
        ],
        elsewhere=sorted(result.elsewhere),
        file_note=note,
    )


def secure_compact(database: Database) -> str:
    """Leave no trace of erased rows in the database files; returns what was done.

    The erasure is already committed when this runs: a failure here (another
    program writing for too long) is reported as a note, not as an error.
    """
    try:
        return _compact(database)
    except DBAPIError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        return (
            f"The erasure is saved, but the file could not be cleaned now ({reason}): "
            "close other copies of the app, then forget the same person again: it cleans "
            "the file even when nothing is left to erase"
        )


def _compact(database: Database) -> str:
    if database.dialect != "sqlite":
        with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in (
                "interviewees",
                "session_references",
                "quotes",
                "issues",
                "listening_sessions",
                "session_revisions",
                "drafts",
                "chosen_quotes",
            ):
                conn.exec_driver_sql(f"VACUUM {table}")
        return (
            "PostgreSQL: the rows were rewritten and the tables vacuumed; old copies may "
            "remain in the server's files, logs and backups until the server reuses them"
        )
    raw = database.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute("VACUUM")
        busy = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cursor.close()
    finally:
        raw.close()
    if busy and busy[0]:
        return (
            "The file was rebuilt, but another program has the database open: the last "
            "traces in its -wal file go when that program closes"
        )
    return "The database file was rebuilt and its write-ahead log emptied"


def retention_months(database: Database, campaign_id: uuid.UUID) -> int:
    """How many months the campaign keeps contact details after a session."""
    return campaign_setting(database, campaign_id, "contact_retention_months")


def set_retention_months(database: Database, campaign_id: uuid.UUID, months: int) -> None:
    """Change the campaign's retention period (1 to 120 months)."""
    if not RETENTION_MIN_MONTHS <= months <= RETENTION_MAX_MONTHS:
        raise InvalidInput(
            f"Keep contact details between {RETENTION_MIN_MONTHS} and {RETENTION_MAX_MONTHS} "
            "months after the session"
        )
    set_campaign_setting(database, campaign_id, "contact_retention_months", months)


def contacts_due(
    database: Database, campaign: str | uuid.UUID | None = None, today: date | None = None
) -> RetentionReport:
    """Contacts past their period or expiring within WARN_DAYS, soonest first."""
    today = today or date.today()
    campaign_id = _campaign_id(database, campaign)
    with UnitOfWork(database, write=False) as uow:
        due = RetentionRepository(uow.session).due(today, WARN_DAYS, campaign_id)
    return RetentionReport(due=[_due(d, today) for d in due])


def expire_contacts(
    database: Database, campaign: str | uuid.UUID | None = None, today: date | None = None
) -> RetentionReport:
    """Empty every contact past its period (history included); lists what is still due soon."""
    today = today or date.today()
    campaign_id = _campaign_id(database, campaign)
    with UnitOfWork(database) as uow:
        if database.dialect == "sqlite":
            uow.session.connection().exec_driver_sql("PRAGMA secure_delete = ON")
        repository = RetentionRepository(uow.session)
        past = [d for d in repository.due(today, 0, campaign_id) if d.expires_on <= today]
        counts = repository.expire(past)
        counts["revisions"] += repository.expire_deleted_history(today)
        by_campaign: dict[uuid.UUID, int] = {}
        for item in past:
            by_campaign[item.campaign_id] = by_campaign.get(item.campaign_id, 0) + 1
        for campaign_key, number in sorted(by_campaign.items(), key=lambda kv: str(kv[0])):
            uow.session.add(
                ErasureRow(campaign_id=campaign_key, kind="retention", counts={"contacts": number})
            )
            uow.log(
                "erased",
                "contacts",
                None,
                campaign_id=campaign_key,
                summary=f"retention expiry: {number} contacts emptied",
            )
        uow.commit()
    note = secure_compact(database) if any(counts.values()) else ""
    remaining = contacts_due(database, campaign, today)
    return RetentionReport(due=remaining.due, expired_counts=counts, file_note=note)


def _campaign_id(database: Database, campaign: str | uuid.UUID | None) -> uuid.UUID | None:
    if campaign is None:
        return None
    return resolve_campaign(database, str(campaign)).id


def _due(item: DueContact, today: date) -> ContactDue:
    return ContactDue(
        row_id=item.row_id,
        role=item.role,
        name=item.name,
        contact=item.contact,
        session_id=item.session_id,
        held_on=item.held_on,
        expires_on=item.expires_on,
        expired=item.expires_on <= today,
        campaign_name=item.campaign_name,
    )


def erasure_log(database: Database, campaign_id: uuid.UUID) -> list[dict[str, object]]:
    """The campaign's erasures, oldest first: when, what kind, how many (never whom)."""
    with UnitOfWork(database, write=False) as uow:
        rows = uow.session.execute(
            select(ErasureRow.erased_at, ErasureRow.kind, ErasureRow.counts)
            .where(ErasureRow.campaign_id == campaign_id)
            .order_by(ErasureRow.erased_at)
        ).all()
    return [{"erased_at": r.erased_at, "kind": r.kind, "counts": dict(r.counts)} for r in rows]


def describe_forget(report: ForgetReport) -> list[str]:
    """The report in lines, for the command line and the app alike."""
    if not report.found:
        nobody = f"Nobody of that name is found in {report.campaign_name}; nothing to change."
        return [nobody, report.file_note] if report.file_note else [nobody]
    head = "Changed" if report.applied else "Would change (nothing is changed without --yes)"
    lines = [f"{head} in {report.campaign_name}:"]
    for key, label in COUNT_LABELS:
        if report.counts.get(key):
            lines.append(f"  {report.counts[key]:>4}  {label}")
    lines.append(f"  {report.counts.get('sessions', 0):>4}  sessions touched:")
    for place in report.sessions:
        held = place.held_on.isoformat() if place.held_on else "(deleted)"
        lines.append(f"        {held}  {place.leader}: {', '.join(place.what)}")
    if report.elsewhere:
        lines.append(f"  also: {', '.join(report.elsewhere)}")
    if report.file_note:
        lines.append(report.file_note)
    if report.applied:
        lines.append(
            "Backups, exported bundles and other laptops still hold the name: "
            "forget the person there too."
        )
    return lines
