"""Meetings, their votes, figures, ballots and corrections: reads and writes, never commits."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from listening_tui.db.base import utcnow
from listening_tui.db.tables import (
    AgendaItemRow,
    BallotRow,
    IssueRow,
    MeetingRow,
    QuoteRow,
    SessionRow,
    ThemeRatificationRow,
    ThemeRow,
    VoteEventRow,
    VoteFigureRow,
    VoteRow,
)
from listening_tui.domain.meetings import (
    AgendaItem,
    Meeting,
    MeetingSetup,
    MeetingSummary,
    Ratification,
    StoredBallot,
    Vote,
    VoteEvent,
    VoteSetup,
)


class MeetingRepository:
    """The convenor's meetings and everything entered at them."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # ---- meetings ----

    def add(self, meeting_id: uuid.UUID, campaign_id: uuid.UUID, setup: MeetingSetup) -> None:
        """Insert a meeting with its agenda."""
        self.session.add(
            MeetingRow(
                id=meeting_id,
                campaign_id=campaign_id,
                **setup.model_dump(exclude={"agenda"}),
            )
        )
        self.session.flush()
        self._write_agenda(meeting_id, setup.agenda)

    def replace(self, meeting_id: uuid.UUID, setup: MeetingSetup) -> bool:
        """Change a meeting's setup and agenda; False when there is no such meeting."""
        done = self.session.execute(
            update(MeetingRow)
            .where(MeetingRow.id == meeting_id)
            .values(**setup.model_dump(exclude={"agenda"}), row_updated_at=utcnow())
        )
        if not done.rowcount:  # type: ignore[attr-defined]
            return False
        self.session.execute(delete(AgendaItemRow).where(AgendaItemRow.meeting_id == meeting_id))
        self._write_agenda(meeting_id, setup.agenda)
        return True

    def _write_agenda(self, meeting_id: uuid.UUID, agenda: Iterable[AgendaItem]) -> None:
        self.session.add_all(
            AgendaItemRow(meeting_id=meeting_id, position=n, title=item.title, minutes=item.minutes)
            for n, item in enumerate(agenda, start=1)
        )
        self.session.flush()

    def set_present(self, meeting_id: uuid.UUID, present: int) -> bool:
        """Store how many are in the room; False when there is no such meeting."""
        done = self.session.execute(
            update(MeetingRow)
            .where(MeetingRow.id == meeting_id)
            .values(present=present, row_updated_at=utcnow())
        )
        return bool(done.rowcount)  # type: ignore[attr-defined]

    def get(self, meeting_id: uuid.UUID) -> Meeting | None:
        """A meeting with its agenda."""
        row = self.session.get(MeetingRow, meeting_id)
        if row is None:
            return None
        items = self.session.scalars(
            select(AgendaItemRow)
            .where(AgendaItemRow.meeting_id == meeting_id)
            .order_by(AgendaItemRow.position)
        ).all()
        return Meeting(
            id=row.id,
            campaign_id=row.campaign_id,
            title=row.title,
            held_on=row.held_on,
            place=row.place,
            convenor=row.convenor,
            present=row.present,
            quorum=row.quorum,
            agenda=tuple(AgendaItem(title=i.title, minutes=i.minutes) for i in items),
        )

    def summaries(self, campaign_id: uuid.UUID) -> list[MeetingSummary]:
        """The campaign's meetings, newest first, with how many votes each held."""
        votes = (
            select(VoteRow.meeting_id, func.count().label("votes"))
            .group_by(VoteRow.meeting_id)
            .subquery()
        )
        rows = self.session.execute(
            select(
                MeetingRow.id,
                MeetingRow.title,
                MeetingRow.held_on,
                MeetingRow.place,
                MeetingRow.present,
                func.coalesce(votes.c.votes, 0).label("votes"),
            )
            .outerjoin(votes, votes.c.meeting_id == MeetingRow.id)
            .where(MeetingRow.campaign_id == campaign_id)
            .order_by(MeetingRow.held_on.desc(), MeetingRow.row_created_at.desc())
        ).all()
        return [MeetingSummary.model_validate(row) for row in rows]

    # ---- votes ----

    def add_vote(self, vote_id: uuid.UUID, meeting_id: uuid.UUID, setup: VoteSetup) -> None:
        """Insert an open vote, numbered after the meeting's last."""
        last = self.session.scalar(
            select(func.max(VoteRow.number)).where(VoteRow.meeting_id == meeting_id)
        )
        self.session.add(
            VoteRow(
                id=vote_id,
                meeting_id=meeting_id,
                number=(last or 0) + 1,
                title=setup.title,
                method=setup.method,
                rules=setup.rules.model_dump(mode="json"),
                choices=[c.model_dump(mode="json") for c in setup.choices],
                theme_id=setup.theme_id,
                status="open",
                opened_at=utcnow(),
            )
        )
        self.session.flush()

    def vote_row(self, vote_id: uuid.UUID, *, lock: bool = False) -> VoteRow | None:
        """The vote's row (locked for update on PostgreSQL when asked)."""
        query = select(VoteRow).where(VoteRow.id == vote_id)
        if lock:
            query = query.with_for_update()
        return self.session.scalars(query).one_or_none()

    def votes(self, meeting_id: uuid.UUID) -> list[Vote]:
        """The meeting's votes in the order they were opened."""
        rows = self.session.scalars(
            select(VoteRow).where(VoteRow.meeting_id == meeting_id).order_by(VoteRow.number)
        ).all()
        return [vote_of(row) for row in rows]

    def figures(self, vote_id: uuid.UUID) -> dict[str, int]:
        """Every figure entered on the vote, by key."""
        rows = self.session.execute(
            select(VoteFigureRow.key, VoteFigureRow.value).where(VoteFigureRow.vote_id == vote_id)
        ).all()
        return {row.key: row.value for row in rows}

    def set_figure(self, vote_id: uuid.UUID, key: str, value: int) -> int | None:
        """Store a figure; returns the value it replaced, or None if it is new."""
        row = self.session.scalars(
            select(VoteFigureRow).where(VoteFigureRow.vote_id == vote_id, VoteFigureRow.key == key)
        ).one_or_none()
        if row is None:
            self.session.add(VoteFigureRow(vote_id=vote_id, key=key, value=value))
            self.session.flush()
            return None
        old = row.value
        row.value = value
        row.entered_at = utcnow()
        self.session.flush()
        return old

    def ballots(self, vote_id: uuid.UUID) -> list[StoredBallot]:
        """The vote's ballots by number."""
        rows = self.session.scalars(
            select(BallotRow).where(BallotRow.vote_id == vote_id).order_by(BallotRow.number)
        ).all()
        return [
            StoredBallot.model_validate(
                {"number": r.number, "preferences": r.preferences, "source": r.source}
            )
            for r in rows
        ]

    def ballot_count(self, vote_id: uuid.UUID) -> int:
        """How many ballots the vote holds."""
        return (
            self.session.scalar(
                select(func.count()).select_from(BallotRow).where(BallotRow.vote_id == vote_id)
            )
            or 0
        )

    def add_ballots(
        self, vote_id: uuid.UUID, ballots: Iterable[Sequence[str]], source: str
    ) -> list[int]:
        """Append ballots after the last number; returns their numbers."""
        last = self.session.scalar(
            select(func.max(BallotRow.number)).where(BallotRow.vote_id == vote_id)
        )
        start = (last or 0) + 1
        rows: list[dict[str, Any]] = [
            {
                "id": uuid.uuid4(),
                "vote_id": vote_id,
                "number": start + n,
                "preferences": list(preferences),
                "source": source,
                "entered_at": utcnow(),
            }
            for n, preferences in enumerate(ballots)
        ]
        if rows:
            self.session.execute(BallotRow.__table__.insert(), rows)  # type: ignore[attr-defined]
        return [row["number"] for row in rows]

    def replace_ballot(
        self, vote_id: uuid.UUID, number: int, preferences: tuple[str, ...]
    ) -> tuple[str, ...] | None:
        """Change a ballot's preferences; returns the old ones (None: no such ballot)."""
        row = self.session.scalars(
            select(BallotRow).where(BallotRow.vote_id == vote_id, BallotRow.number == number)
        ).one_or_none()
        if row is None:
            return None
        old = tuple(row.preferences)
        row.preferences = list(preferences)
        row.entered_at = utcnow()
        self.session.flush()
        return old

    def add_event(self, vote_id: uuid.UUID, **values: Any) -> None:
        """Record a correction, close or reopening."""
        self.session.add(VoteEventRow(vote_id=vote_id, at=utcnow(), **values))
        self.session.flush()

    def events(self, vote_id: uuid.UUID) -> list[VoteEvent]:
        """The vote's corrections, closes and reopenings, oldest first."""
        rows = self.session.scalars(
            select(VoteEventRow)
            .where(VoteEventRow.vote_id == vote_id)
            .order_by(VoteEventRow.at, VoteEventRow.id)
        ).all()
        return [VoteEvent.model_validate(row) for row in rows]

    def close(self, vote_id: uuid.UUID, result: dict[str, Any], at: datetime) -> None:
        """Mark the vote closed with its stored result."""
        self.session.execute(
            update(VoteRow)
            .where(VoteRow.id == vote_id)
            .values(status="closed", closed_at=at, result=result)
        )

    def reopen(self, vote_id: uuid.UUID) -> None:
        """Mark the vote open again, its result and ratifications withdrawn."""
        self.session.execute(
            update(VoteRow)
            .where(VoteRow.id == vote_id)
            .values(status="open", closed_at=None, result=None)
        )
        self.session.execute(
            delete(ThemeRatificationRow).where(ThemeRatificationRow.vote_id == vote_id)
        )

    def set_statement(self, vote_id: uuid.UUID, statement: str | None) -> None:
        """Store the meeting's decision in words."""
        self.session.execute(
            update(VoteRow).where(VoteRow.id == vote_id).values(statement=statement)
        )

    # ---- ratifications ----

    def ratify(self, vote_id: uuid.UUID, theme_ids: Iterable[uuid.UUID]) -> None:
        """Mark themes ratified by this vote."""
        rows = [
            {"id": uuid.uuid4(), "theme_id": t, "vote_id": vote_id, "ratified_at": utcnow()}
            for t in dict.fromkeys(theme_ids)
        ]
        if rows:
            self.session.execute(ThemeRatificationRow.__table__.insert(), rows)  # type: ignore[attr-defined]

    def existing_themes(
        self, campaign_id: uuid.UUID, theme_ids: Iterable[uuid.UUID]
    ) -> set[uuid.UUID]:
        """Which of these themes still exist in the campaign."""
        wanted = list(theme_ids)
        if not wanted:
            return set()
        return set(
            self.session.scalars(
                select(ThemeRow.id).where(
                    ThemeRow.campaign_id == campaign_id, ThemeRow.id.in_(wanted)
                )
            )
        )

    def ratified_names(self, vote_id: uuid.UUID) -> list[str]:
        """Names of the themes this vote ratified."""
        return list(
            self.session.scalars(
                select(ThemeRow.name)
                .join(ThemeRatificationRow, ThemeRatificationRow.theme_id == ThemeRow.id)
                .where(ThemeRatificationRow.vote_id == vote_id)
                .order_by(ThemeRow.name_key)
            )
        )

    def ratifications(self, campaign_id: uuid.UUID) -> list[Ratification]:
        """Every ratification of the campaign's themes, by meeting date then vote."""
        rows = self.session.execute(
            select(
                ThemeRow.id.label("theme_id"),
                ThemeRow.name.label("theme"),
                VoteRow.id.label("vote_id"),
                VoteRow.title.label("vote_title"),
                MeetingRow.title.label("meeting_title"),
                MeetingRow.held_on,
            )
            .select_from(ThemeRatificationRow)
            .join(ThemeRow, ThemeRow.id == ThemeRatificationRow.theme_id)
            .join(VoteRow, VoteRow.id == ThemeRatificationRow.vote_id)
            .join(MeetingRow, MeetingRow.id == VoteRow.meeting_id)
            .where(ThemeRow.campaign_id == campaign_id)
            .order_by(MeetingRow.held_on, VoteRow.number, ThemeRow.name_key)
        ).all()
        return [Ratification.model_validate(row) for row in rows]

    def ratified_theme_ids(self, campaign_id: uuid.UUID) -> frozenset[uuid.UUID]:
        """The campaign's themes ratified by at least one closed vote."""
        return frozenset(
            self.session.scalars(
                select(ThemeRatificationRow.theme_id)
                .join(ThemeRow, ThemeRow.id == ThemeRatificationRow.theme_id)
                .where(ThemeRow.campaign_id == campaign_id)
                .distinct()
            )
        )

    # ---- presentation ----

    def meeting_quotes(
        self,
        campaign_id: uuid.UUID,
        theme_id: uuid.UUID | None,
        text_key: str | None,
        limit: int = 2,
    ) -> list[str]:
        """Quotes the meeting may hear from sessions that raised this group, never a name.

        Sessions where the group came first are read first, then the newest.
        """
        group = (
            IssueRow.theme_id == theme_id
            if theme_id is not None
            else (IssueRow.theme_id.is_(None) & (IssueRow.text_key == text_key))
        )
        rows = self.session.execute(
            select(QuoteRow.text)
            .join(IssueRow, IssueRow.session_id == QuoteRow.session_id)
            .join(SessionRow, SessionRow.id == QuoteRow.session_id)
            .where(
                SessionRow.campaign_id == campaign_id,
                group,
                QuoteRow.sharing.in_(MEETING_MAY_HEAR),
            )
            .order_by(
                IssueRow.position,
                SessionRow.held_on.desc(),
                SessionRow.id,
                QuoteRow.position,
            )
            .limit(limit * 4)
        ).scalars()
        return list(dict.fromkeys(rows))[:limit]


MEETING_MAY_HEAR = ("meeting", "decision_makers")
"""Sharing levels whose quotes may be read out at the ratification meeting."""


def vote_of(row: VoteRow) -> Vote:
    """The domain value of a vote row."""
    return Vote.model_validate(
        {
            "id": row.id,
            "meeting_id": row.meeting_id,
            "number": row.number,
            "title": row.title,
            "method": row.method,
            "rules": row.rules,
            "theme_id": row.theme_id,
            "choices": row.choices,
            "status": row.status,
            "opened_at": row.opened_at,
            "closed_at": row.closed_at,
            "statement": row.statement,
        }
    )
