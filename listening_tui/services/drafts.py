"""Drafts: what a listener has typed into a form, kept until the session is saved.

The app writes the draft within two seconds of any change and on quit; the
next start offers every draft that is left, so a crash or a closed terminal
never loses notes. Saving the session deletes its draft in the same transaction.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, select

from listening_tui.db.base import utcnow
from listening_tui.db.engine import Database
from listening_tui.db.tables import CampaignRow, DraftRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.drafts import DraftContent
from listening_tui.domain.forms import SessionKind
from listening_tui.errors import NotFound


class Draft(BaseModel):
    """A stored draft: whose form it is and what was typed."""

    model_config = ConfigDict(frozen=True)

    id: uuid.UUID
    campaign_id: uuid.UUID
    campaign_name: str
    kind: SessionKind
    base_version: int | None
    """The session's version when editing began; None for a new session."""
    content: DraftContent
    created_at: datetime
    updated_at: datetime

    @property
    def headline(self) -> str:
        """One line that lets the listener recognise the draft."""
        kind = "One-to-one" if self.kind == "one_to_one" else "Group session"
        parts = [kind, self.content.leader.strip() or "no leader yet"]
        parts.append(self.content.held_on.strip() or "no date yet")
        first = next((i.text.strip() for i in self.content.issues if i.text.strip()), "")
        if first:
            parts.append(f"“{first[:40]}”")
        return " · ".join(parts)


def save_draft(
    database: Database,
    campaign_id: uuid.UUID,
    draft_id: uuid.UUID,
    content: DraftContent,
    *,
    base_version: int | None = None,
) -> None:
    """Create or replace the draft (one short write transaction)."""
    now = utcnow()
    data = content.model_dump(mode="json")
    with UnitOfWork(database) as uow:
        row = uow.session.get(DraftRow, draft_id)
        if row is None:
            uow.session.add(
                DraftRow(
                    id=draft_id,
                    campaign_id=campaign_id,
                    session_id=content.session_id,
                    kind=content.kind,
                    base_version=base_version,
                    content=data,
                    created_at=now,
                    updated_at=now,
                )
            )
        else:
            row.content = data
            row.kind = content.kind
            row.updated_at = now
        uow.commit()


def list_drafts(database: Database, campaign_id: uuid.UUID | None = None) -> list[Draft]:
    """Unfinished drafts, the most recently changed first."""
    statement = (
        select(DraftRow, CampaignRow.name)
        .join(CampaignRow, CampaignRow.id == DraftRow.campaign_id)
        .order_by(DraftRow.updated_at.desc(), DraftRow.id)
    )
    if campaign_id is not None:
        statement = statement.where(DraftRow.campaign_id == campaign_id)
    with UnitOfWork(database, write=False) as uow:
        return [_draft(row, name) for row, name in uow.session.execute(statement)]


def get_draft(database: Database, draft_id: uuid.UUID) -> Draft:
    """One draft."""
    statement = (
        select(DraftRow, CampaignRow.name)
        .join(CampaignRow, CampaignRow.id == DraftRow.campaign_id)
        .where(DraftRow.id == draft_id)
    )
    with UnitOfWork(database, write=False) as uow:
        found = uow.session.execute(statement).first()
        if found is None:
            raise NotFound("That draft is no longer there (it was saved or discarded)")
        return _draft(found[0], found[1])


def draft_for_session(database: Database, session_id: uuid.UUID) -> Draft | None:
    """The unfinished draft of a stored session, if someone started editing it."""
    with UnitOfWork(database, write=False) as uow:
        draft_id = uow.session.scalar(select(DraftRow.id).where(DraftRow.session_id == session_id))
    return None if draft_id is None else get_draft(database, draft_id)


def discard_draft(database: Database, draft_id: uuid.UUID) -> None:
    """Throw a draft away (the listener asked for it)."""
    with UnitOfWork(database) as uow:
        uow.session.execute(delete(DraftRow).where(DraftRow.id == draft_id))
        uow.commit()


def _draft(row: DraftRow, campaign_name: str) -> Draft:
    return Draft(
        id=row.id,
        campaign_id=row.campaign_id,
        campaign_name=campaign_name,
        kind=row.kind,
        base_version=row.base_version,
        content=DraftContent.model_validate(row.content),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
