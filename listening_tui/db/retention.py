"""Contact details kept past their campaign's retention period, and their expiry.

A contact given in a session is kept for the campaign's
``contact_retention_months`` after the session's date. Expiring it empties
the contact field of the interviewee or reference, in the live rows and in the
kept earlier versions of the session; the consent to be contacted stays, as a
record of what the person agreed to at the time.
"""

from __future__ import annotations

import calendar
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from listening_tui.db.tables import (
    CampaignRow,
    IntervieweeRow,
    ReferenceRow,
    RevisionRow,
    SessionRow,
)


def add_months(day: date, months: int) -> date:
    """``day`` moved ``months`` later; the 31st becomes the month's last day."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class DueContact:
    """A contact detail whose retention period ends soon or has ended."""

    row_id: uuid.UUID
    role: str
    """``interviewee`` or ``reference``."""
    name: str
    contact: str
    session_id: uuid.UUID
    held_on: date
    expires_on: date
    campaign_id: uuid.UUID
    campaign_name: str


class RetentionRepository:
    """Queries and changes about contact retention; takes a Session and never commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def due(self, today: date, warn_days: int, campaign_id: uuid.UUID | None) -> list[DueContact]:
        """Contacts that expire before ``today + warn_days`` (or already have), oldest first."""
        campaigns = select(CampaignRow.id, CampaignRow.name, CampaignRow.contact_retention_months)
        if campaign_id is not None:
            campaigns = campaigns.where(CampaignRow.id == campaign_id)
        found: list[DueContact] = []
        for campaign in self.session.execute(campaigns).all():
            months = campaign.contact_retention_months
            # Held on or before this date, the contact expires within warn_days.
            horizon = date.fromordinal(today.toordinal() + warn_days)
            latest = _months_before(horizon, months)
            for table, role in ((IntervieweeRow, "interviewee"), (ReferenceRow, "reference")):
                rows = self.session.execute(
                    select(
                        table.id,
                        table.name,
                        table.contact,
                        SessionRow.id.label("sid"),
                        SessionRow.held_on,
                    )
                    .join(SessionRow, SessionRow.id == table.session_id)
                    .where(
                        SessionRow.campaign_id == campaign.id,
                        SessionRow.held_on <= latest,
                        table.contact.is_not(None),
                        table.contact != "",
                    )
                )
                found.extend(
                    DueContact(
                        row_id=r.id,
                        role=role,
                        name=r.name,
                        contact=r.contact,
                        session_id=r.sid,
                        held_on=r.held_on,
                        expires_on=add_months(r.held_on, months),
                        campaign_id=campaign.id,
                        campaign_name=campaign.name,
                    )
                    for r in rows
                )
        found.sort(key=lambda d: (d.expires_on, d.name.casefold(), str(d.row_id)))
        return found

    def expire(self, due: list[DueContact]) -> dict[str, int]:
        """Empty these contacts, and every contact in their sessions' kept versions."""
        counts = {"interviewees": 0, "references": 0, "revisions": 0}
        for table, role, counter in (
            (IntervieweeRow, "interviewee", "interviewees"),
            (ReferenceRow, "reference", "references"),
        ):
            ids = [d.row_id for d in due if d.role == role]
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                self.session.execute(update(table).where(table.id.in_(chunk)).values(contact=None))
            counts[counter] = len(ids)
        sessions = sorted({d.session_id for d in due}, key=str)
        for start in range(0, len(sessions), 500):
            chunk = sessions[start : start + 500]
            rows = self.session.execute(
                select(RevisionRow.id, RevisionRow.content).where(RevisionRow.session_id.in_(chunk))
            ).all()
            for row in rows:
                content = _without_contacts(row.content)
                if content != row.content:
                    counts["revisions"] += 1
                    self.session.execute(
                        update(RevisionRow).where(RevisionRow.id == row.id).values(content=content)
                    )
        return counts

    def expire_deleted_history(self, today: date) -> int:
        """Contacts in kept versions of deleted sessions whose period has ended."""
        months: dict[uuid.UUID, int] = {
            row.id: row.contact_retention_months
            for row in self.session.execute(
                select(CampaignRow.id, CampaignRow.contact_retention_months)
            )
        }
        live = select(SessionRow.id)
        changed = 0
        rows = self.session.execute(
            select(RevisionRow.id, RevisionRow.campaign_id, RevisionRow.content).where(
                RevisionRow.session_id.not_in(live)
            )
        ).all()
        for row in rows:
            held = row.content.get("held_on") if isinstance(row.content, dict) else None
            try:
                held_on = date.fromisoformat(held) if isinstance(held, str) else None
            except ValueError:
                held_on = None
            if held_on is None or add_months(held_on, months.get(row.campaign_id, 12)) > today:
                continue
            content = _without_contacts(row.content)
            if content != row.content:
                changed += 1
                self.session.execute(
                    update(RevisionRow).where(RevisionRow.id == row.id).values(content=content)
                )
        return changed


def _months_before(day: date, months: int) -> date:
    """The latest date whose ``add_months`` is on or before ``day``."""
    guess = add_months(day, -months)
    while add_months(guess, months) > day:
        guess = date.fromordinal(guess.toordinal() - 1)
    while add_months(date.fromordinal(guess.toordinal() + 1), months) <= day:
        guess = date.fromordinal(guess.toordinal() + 1)
    return guess


def _without_contacts(content: Any) -> Any:
    if isinstance(content, dict):
        return {
            key: None if key == "contact" else _without_contacts(value)
            for key, value in content.items()
        }
    if isinstance(content, list):
        return [_without_contacts(value) for value in content]
    return content
