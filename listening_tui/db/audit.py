"""The audit log's rows: added inside the action's own transaction, read newest first by page."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select, true
from sqlalchemy.orm import Session

from listening_tui.db.tables import AuditRow
from listening_tui.domain.audit import ACTIONS, AuditEntry, AuditQuery, actor_name, audit_summary


class AuditRepository:
    """Writes and pages the ``audit_entries`` table."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        actor: str,
        action: str,
        target_kind: str,
        target_id: uuid.UUID | None,
        *,
        campaign_id: uuid.UUID | None,
        summary: str = "",
    ) -> None:
        """Add one entry (flushed with the rest of the transaction)."""
        assert action in ACTIONS, action
        self.session.add(
            AuditRow(
                campaign_id=campaign_id,
                actor=actor_name(actor),
                action=action,
                target_kind=target_kind,
                target_id=target_id,
                summary=audit_summary(summary),
            )
        )

    def count(self, query: AuditQuery) -> int:
        """How many entries match."""
        statement = select(func.count()).select_from(AuditRow).where(_where(query))
        return int(self.session.scalar(statement) or 0)

    def page(self, query: AuditQuery, offset: int, limit: int) -> list[AuditEntry]:
        """One page of matching entries, newest first."""
        statement = _newest_first(query).offset(offset).limit(limit)
        return [AuditEntry.model_validate(row) for row in self.session.scalars(statement)]

    def stream(self, query: AuditQuery, chunk: int = 1000) -> Iterator[AuditEntry]:
        """Every matching entry, newest first, read a chunk at a time."""
        for row in self.stream_rows(query, chunk):
            # Read from our own table: already valid, so not validated again (~10x faster).
            yield AuditEntry.model_construct(**row)

    def stream_rows(self, query: AuditQuery, chunk: int = 1000) -> Iterator[dict[str, Any]]:
        """Every matching entry as a dict of its columns, newest first (for CSV)."""
        columns = [getattr(AuditRow, name) for name in AuditEntry.model_fields]
        statement = (
            select(*columns)
            .where(_where(query))
            .order_by(AuditRow.at.desc(), AuditRow.id.desc())
            .execution_options(yield_per=chunk)
        )
        for row in self.session.execute(statement):
            yield row._asdict()

    def actors(self, campaign_id: uuid.UUID | None) -> list[str]:
        """The names that have entries (in the campaign, or anywhere), in alphabetical order."""
        statement = select(AuditRow.actor).distinct()
        if campaign_id is not None:
            statement = statement.where(AuditRow.campaign_id == campaign_id)
        return sorted(self.session.scalars(statement), key=str.casefold)


def _newest_first(query: AuditQuery) -> Select[AuditRow]:
    return select(AuditRow).where(_where(query)).order_by(AuditRow.at.desc(), AuditRow.id.desc())


def _where(query: AuditQuery) -> ColumnElement[bool]:
    conditions = []
    if query.campaign_id is not None:
        conditions.append(AuditRow.campaign_id == query.campaign_id)
    if query.action:
        conditions.append(AuditRow.action == query.action)
    if query.actor:
        conditions.append(AuditRow.actor == query.actor)
    return and_(true(), *conditions)
