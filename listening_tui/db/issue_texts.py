"""Issue texts of a campaign, for theme suggestions."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from listening_tui.db.tables import IssueRow, SessionRow, ThemeRow
from listening_tui.domain.suggestions import IssueText


class IssueTextRepository:
    """Reads issue ids, texts and themes without loading whole sessions."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def in_campaign(self, campaign_id: uuid.UUID) -> list[IssueText]:
        """Every issue of the campaign, in a stable order (session date, session, position)."""
        rows = self.session.execute(
            select(IssueRow.id, IssueRow.text, IssueRow.theme_id)
            .join(SessionRow, SessionRow.id == IssueRow.session_id)
            .where(SessionRow.campaign_id == campaign_id)
            .order_by(SessionRow.held_on, SessionRow.id, IssueRow.position)
        )
        return [IssueText(id=row.id, text=row.text, theme_id=row.theme_id) for row in rows]

    def theme_names(self, campaign_id: uuid.UUID) -> dict[uuid.UUID, str]:
        """The campaign's themes, id to name."""
        rows = self.session.execute(
            select(ThemeRow.id, ThemeRow.name).where(ThemeRow.campaign_id == campaign_id)
        )
        return {row.id: row.name for row in rows}
