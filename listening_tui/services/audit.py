"""The audit log (issue 8): who created, edited, deleted, exported, imported, erased and voted.

Database changes log themselves inside their own unit of work (``uow.log``),
so an action and its entry are saved or dropped together. Exports change no
row: their entry is written once the files are complete (``log_export``), and
if it cannot be written the files are removed again: an export the log does
not know of would be personal data the user was told was not written.
Entries hold ids, counts and kinds only, never a person's name or contact,
nor a file name (which may hold one).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

from listening_tui.db.engine import Database
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.audit import AuditEntry, AuditPage, AuditQuery
from listening_tui.errors import DatabaseError, ListeningError
from listening_tui.interchange.files import private_text_file, refuse_existing, remove_written
from listening_tui.interchange.spreadsheets import Sheet

AUDIT_COLUMNS = ("at", "actor", "action", "target_kind", "target_id", "campaign_id", "summary")
"""The columns of an audit CSV (``listening-tui audit --out``), in order."""


def log_action(
    database: Database,
    action: str,
    target_kind: str,
    target_id: uuid.UUID | None,
    *,
    campaign_id: uuid.UUID | None,
    summary: str = "",
) -> None:
    """Write one entry in a transaction of its own (for actions that change no row)."""
    with UnitOfWork(database) as uow:
        if campaign_id is not None and not uow.campaigns.exists(campaign_id):
            campaign_id = None
        uow.log(action, target_kind, target_id, campaign_id=campaign_id, summary=summary)
        uow.commit()


def log_export(
    database: Database,
    target_kind: str,
    campaign_id: uuid.UUID,
    summary: str,
    *,
    written: Sequence[Path],
    created: Sequence[Path] = (),
) -> None:
    """Log an export whose files are complete; if that fails, remove them and say so.

    ``written`` are the files this export created, ``created`` the folders it
    made for them (deepest first; removed only if left empty).
    """
    try:
        log_action(
            database, "exported", target_kind, campaign_id, campaign_id=campaign_id, summary=summary
        )
    except BaseException as exc:
        remove_written(written, created)
        if not isinstance(exc, ListeningError):
            raise
        removed = "file it wrote was" if len(written) == 1 else "files it wrote were"
        raise DatabaseError(
            "Nothing was exported: the export could not be recorded in the audit log, so the "
            f"{removed} removed again. {exc.message}"
        ) from None


def audit_page(database: Database, query: AuditQuery, offset: int, limit: int) -> AuditPage:
    """One page of matching entries, newest first, with how many match (two short queries)."""
    with UnitOfWork(database, write=False) as uow:
        total = uow.audit.count(query)
        entries = uow.audit.page(query, offset, limit) if total > offset else []
    return AuditPage(entries=entries, total=total, offset=offset)


def audit_actors(database: Database, campaign_id: uuid.UUID | None) -> list[str]:
    """Who has entries in the campaign's log (or anywhere), for the actor filter."""
    with UnitOfWork(database, write=False) as uow:
        return uow.audit.actors(campaign_id)


def audit_entries(database: Database, query: AuditQuery) -> Iterator[AuditEntry]:
    """Every matching entry, newest first, read a thousand at a time."""
    with UnitOfWork(database, write=False) as uow:
        yield from uow.audit.stream(query)


def export_audit(database: Database, out: Path, query: AuditQuery) -> int:
    """Write the matching entries, newest first, to the new CSV file ``out`` (mode 0600)."""
    out = out.expanduser().absolute()
    refuse_existing(out)
    with (
        UnitOfWork(database, write=False) as uow,
        private_text_file(out, newline="") as handle,
    ):
        sheet = Sheet(handle, AUDIT_COLUMNS)
        for row in uow.audit.stream_rows(query):
            row["at"] = row["at"].isoformat(timespec="seconds")
            sheet.write(row)
    return sheet.rows
