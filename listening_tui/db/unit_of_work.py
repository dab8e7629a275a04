"""One Session per user action: ``with UnitOfWork(db) as uow: ...; uow.commit()``.

Leaving the block without ``commit()`` rolls everything back, so a failed
action leaves the database exactly as it was. Database failures leave as
DatabaseError with a sentence the user can act on.
"""

from __future__ import annotations

import uuid
from types import TracebackType

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from listening_tui.db.audit import AuditRepository
from listening_tui.db.engine import IMMEDIATE, Database
from listening_tui.db.group_details import GroupDetailsRepository
from listening_tui.db.meetings import MeetingRepository
from listening_tui.db.ranking import RankingRepository
from listening_tui.db.repositories import (
    CampaignRepository,
    RevisionRepository,
    SessionRepository,
    ThemeRepository,
)
from listening_tui.db.session_list import SessionListRepository
from listening_tui.errors import DatabaseError


class UnitOfWork:
    """A transaction and the repositories that work inside it."""

    campaigns: CampaignRepository
    themes: ThemeRepository
    sessions: SessionRepository
    revisions: RevisionRepository
    session_list: SessionListRepository
    ranking: RankingRepository
    group_details: GroupDetailsRepository
    meetings: MeetingRepository
    audit: AuditRepository

    def __init__(self, database: Database, *, write: bool = True) -> None:
        self.database = database
        self.write = write
        """A writer takes SQLite's write lock at BEGIN, so it waits its turn instead of failing."""
        self._session: Session | None = None

    def __enter__(self) -> UnitOfWork:
        bind = self.database.engine
        if self.write and self.database.dialect == "sqlite":
            bind = bind.execution_options(**{IMMEDIATE: True})
        session = self.database.session_factory(bind=bind)
        self._session = session
        self.campaigns = CampaignRepository(session)
        self.themes = ThemeRepository(session)
        self.sessions = SessionRepository(session)
        self.revisions = RevisionRepository(session)
        self.session_list = SessionListRepository(session)
        self.ranking = RankingRepository(session)
        self.group_details = GroupDetailsRepository(session)
        self.meetings = MeetingRepository(session)
        self.audit = AuditRepository(session)
        return self

    def log(
        self,
        action: str,
        target_kind: str,
        target_id: uuid.UUID | None,
        *,
        campaign_id: uuid.UUID | None,
        summary: str = "",
    ) -> None:
        """Add an audit entry by the database's actor, kept or dropped with this transaction."""
        self.audit.add(
            self.database.actor,
            action,
            target_kind,
            target_id,
            campaign_id=campaign_id,
            summary=summary,
        )

    @property
    def session(self) -> Session:
        """The ORM session of this unit of work."""
        assert self._session is not None, "use the unit of work in a with block"
        return self._session

    def commit(self) -> None:
        """Make everything done in this unit of work permanent (on disk, for SQLite)."""
        problem = self.database.file_problem()
        if problem is not None:
            self.session.rollback()
            raise DatabaseError(
                f"{problem}, so nothing was saved: put the file back, or quit and open "
                "the database again"
            )
        try:
            self.session.commit()
        except DBAPIError as exc:
            self.session.rollback()
            raise database_error(exc) from None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            session.rollback()
        finally:
            session.close()
            self._session = None
        if isinstance(exc, DBAPIError):
            raise database_error(exc) from None


def database_error(exc: DBAPIError) -> DatabaseError:
    """A sentence for a failure the database reported."""
    text = str(exc.orig or exc).lower()
    if isinstance(exc, IntegrityError):
        return DatabaseError(
            "The database refused the change because it breaks one of its rules "
            f"({str(exc.orig).splitlines()[0]}); nothing was saved"
        )
    if "locked" in text or "busy" in text:
        return DatabaseError(
            "Another program kept the database busy for too long; nothing was saved. Try again"
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(
            "The database has become read-only, so nothing was saved: make the file writable "
            "and try again"
        )
    if "disk is full" in text or "no space" in text:
        return DatabaseError(
            "The disk is full, so nothing was saved: free some space and try again"
        )
    if "connection" in text or "server closed" in text or "terminating" in text:
        return DatabaseError(
            "The connection to the database server was lost, so nothing was saved: "
            "check the network and try again"
        )
    return DatabaseError(f"The database failed ({str(exc.orig or exc).splitlines()[0]})")
