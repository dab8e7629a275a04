"""Repositories: the only code that reads and writes rows. They take a Session and never commit.

Writes of a whole session use ORM-enabled bulk inserts (one statement per
list), which is what keeps a save of a complete session in a few
milliseconds; reads build domain values, never hand out rows.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from listening_tui.db.base import utcnow
from listening_tui.db.tables import (
    CampaignRow,
    IntervieweeRow,
    IssueRow,
    QuestionRow,
    QuoteRow,
    ReferenceRow,
    RevisionRow,
    SessionRow,
    SubgroupRow,
    ThemeRow,
)
from listening_tui.domain.forms import Campaign, ListeningSession, Theme
from listening_tui.domain.ranking import normalise_issue_text
from listening_tui.domain.summaries import CampaignSummary, Revision, SessionSummary

# Loaded rows passed the rules when they were saved; a wrong clock must not make them unreadable.
_NO_FUTURE_CHECK = {"today": date.max}


class CampaignRepository:
    """Campaigns with their questions and subgroups."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, campaign: Campaign) -> None:
        """Insert a new campaign with its questions and subgroups."""
        self.session.execute(
            insert(CampaignRow),
            [{"id": campaign.id, "name": campaign.name, "organisation": campaign.organisation}],
        )
        if campaign.questions:
            self.session.execute(
                insert(QuestionRow),
                [
                    {"campaign_id": campaign.id, "position": n, "text": text}
                    for n, text in enumerate(campaign.questions, start=1)
                ],
            )
        for name in campaign.subgroups:
            self.add_subgroup(campaign.id, name)

    def get(self, campaign_id: uuid.UUID) -> Campaign | None:
        """The campaign with this id, or None."""
        row = self.session.get(
            CampaignRow,
            campaign_id,
            options=[selectinload(CampaignRow.questions), selectinload(CampaignRow.subgroups)],
        )
        if row is None:
            return None
        return Campaign(
            id=row.id,
            name=row.name,
            organisation=row.organisation,
            questions=[q.text for q in row.questions],
            subgroups=[s.name for s in row.subgroups],
        )

    def ids_named(self, name: str) -> list[uuid.UUID]:
        """Ids of the campaigns with this name, ignoring case."""
        wanted = name.strip().casefold()
        rows = self.session.execute(select(CampaignRow.id, CampaignRow.name))
        return [cid for cid, cname in rows if cname.casefold() == wanted]

    def all_ids(self) -> list[uuid.UUID]:
        """Every campaign's id."""
        return list(self.session.scalars(select(CampaignRow.id)))

    def summaries(self) -> list[CampaignSummary]:
        """Every campaign with its session, people and theme counts (SQL aggregates)."""
        sessions = (
            select(
                SessionRow.campaign_id,
                func.count().label("session_count"),
                func.coalesce(func.sum(SessionRow.participant_count), 0).label("people_heard"),
            )
            .group_by(SessionRow.campaign_id)
            .subquery()
        )
        themes = (
            select(ThemeRow.campaign_id, func.count().label("theme_count"))
            .group_by(ThemeRow.campaign_id)
            .subquery()
        )
        statement = (
            select(
                CampaignRow.id,
                CampaignRow.name,
                CampaignRow.organisation,
                func.coalesce(sessions.c.session_count, 0),
                func.coalesce(sessions.c.people_heard, 0),
                func.coalesce(themes.c.theme_count, 0),
            )
            .outerjoin(sessions, sessions.c.campaign_id == CampaignRow.id)
            .outerjoin(themes, themes.c.campaign_id == CampaignRow.id)
            .order_by(func.lower(CampaignRow.name), CampaignRow.id)
        )
        return [
            CampaignSummary(
                id=cid,
                name=name,
                organisation=organisation,
                session_count=count,
                people_heard=people,
                theme_count=theme_count,
            )
            for cid, name, organisation, count, people, theme_count in self.session.execute(
                statement
            )
        ]

    def add_subgroup(self, campaign_id: uuid.UUID, name: str) -> bool:
        """Add a subgroup unless one with the same name (ignoring case) exists; True if added."""
        key = name.casefold()
        exists = self.session.scalar(
            select(SubgroupRow.id).where(
                SubgroupRow.campaign_id == campaign_id, SubgroupRow.name_key == key
            )
        )
        if exists is not None:
            return False
        last = self.session.scalar(
            select(func.max(SubgroupRow.position)).where(SubgroupRow.campaign_id == campaign_id)
        )
        self.session.execute(
            insert(SubgroupRow),
            [
                {
                    "campaign_id": campaign_id,
                    "position": (last or 0) + 1,
                    "name": name,
                    "name_key": key,
                }
            ],
        )
        return True


class ThemeRepository:
    """The recorder's themes."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, campaign_id: uuid.UUID, theme: Theme) -> None:
        """Insert a theme (the caller has checked its name is free)."""
        self.session.execute(
            insert(ThemeRow),
            [
                {
                    "id": theme.id,
                    "campaign_id": campaign_id,
                    "name": theme.name,
                    "name_key": theme.name.casefold(),
                    "description": theme.description,
                }
            ],
        )

    def get(self, theme_id: uuid.UUID) -> tuple[uuid.UUID, Theme] | None:
        """(campaign id, theme) for this id, or None."""
        row = self.session.get(ThemeRow, theme_id)
        if row is None:
            return None
        return row.campaign_id, _theme(row)

    def named(self, campaign_id: uuid.UUID, name: str) -> Theme | None:
        """The campaign's theme with this name, ignoring case."""
        row = self.session.scalar(
            select(ThemeRow).where(
                ThemeRow.campaign_id == campaign_id, ThemeRow.name_key == name.casefold()
            )
        )
        return None if row is None else _theme(row)

    def in_campaign(self, campaign_id: uuid.UUID) -> list[Theme]:
        """The campaign's themes, by name."""
        rows = self.session.scalars(
            select(ThemeRow)
            .where(ThemeRow.campaign_id == campaign_id)
            .order_by(ThemeRow.name_key, ThemeRow.id)
        )
        return [_theme(row) for row in rows]

    def ids_in_campaign(self, campaign_id: uuid.UUID, ids: set[uuid.UUID]) -> set[uuid.UUID]:
        """Which of ``ids`` are themes of this campaign."""
        if not ids:
            return set()
        return set(
            self.session.scalars(
                select(ThemeRow.id).where(ThemeRow.campaign_id == campaign_id, ThemeRow.id.in_(ids))
            )
        )


def _theme(row: ThemeRow) -> Theme:
    return Theme(id=row.id, name=row.name, description=row.description)


class SessionRepository:
    """Listening sessions with everything the form holds."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, campaign_id: uuid.UUID, form: ListeningSession, version: int = 1) -> None:
        """Insert a whole session: the form row, then each list in one statement."""
        self.session.execute(insert(SessionRow), [_session_values(campaign_id, form, version)])
        self._insert_lists(form)

    def replace(self, campaign_id: uuid.UUID, form: ListeningSession, version: int) -> None:
        """Overwrite a stored session with ``form`` (the caller keeps the old version)."""
        values = _session_values(campaign_id, form, version)
        del values["id"]
        values["row_updated_at"] = utcnow()
        self.session.execute(update(SessionRow).where(SessionRow.id == form.id).values(values))
        for table in (IssueRow, IntervieweeRow, QuoteRow, ReferenceRow):
            self.session.execute(delete(table).where(table.session_id == form.id))
        self._insert_lists(form)

    def remove(self, session_id: uuid.UUID) -> None:
        """Delete a session; its lists go with it (ON DELETE CASCADE)."""
        self.session.execute(delete(SessionRow).where(SessionRow.id == session_id))

    def _insert_lists(self, form: ListeningSession) -> None:
        sid = form.id
        self.session.execute(
            insert(IssueRow),
            [
                {
                    "id": issue.id,
                    "session_id": sid,
                    "position": n,
                    "text": issue.text,
                    "text_key": normalise_issue_text(issue.text),
                    "key_issue": issue.key_issue,
                    "theme_id": issue.theme_id,
                }
                for n, issue in enumerate(form.issues, start=1)
            ],
        )
        lists: list[tuple[Any, list[dict[str, Any]]]] = [
            (IntervieweeRow, [p.model_dump() for p in form.interviewees]),
            (QuoteRow, [q.model_dump() for q in form.quotes]),
            (ReferenceRow, [r.model_dump() for r in form.references]),
        ]
        for table, entries in lists:
            if entries:
                self.session.execute(
                    insert(table),
                    [
                        {"session_id": sid, "position": n, **entry}
                        for n, entry in enumerate(entries, start=1)
                    ],
                )

    def locate(self, session_id: uuid.UUID) -> tuple[uuid.UUID, int] | None:
        """(campaign id, version) of a stored session, or None when it is not there."""
        found = self.session.execute(
            select(SessionRow.campaign_id, SessionRow.version).where(SessionRow.id == session_id)
        ).first()
        return None if found is None else (found[0], found[1])

    def get(self, session_id: uuid.UUID) -> tuple[uuid.UUID, int, ListeningSession] | None:
        """(campaign id, version, session) for this id, or None."""
        row = self.session.get(
            SessionRow,
            session_id,
            options=[
                selectinload(SessionRow.issues),
                selectinload(SessionRow.interviewees),
                selectinload(SessionRow.quotes),
                selectinload(SessionRow.references),
            ],
            populate_existing=True,
        )
        if row is None:
            return None
        return row.campaign_id, row.version, session_from_row(row)

    def summaries(self, campaign_id: uuid.UUID) -> list[SessionSummary]:
        """The campaign's sessions, newest first, each with its issue count and first issue."""
        counts = (
            select(IssueRow.session_id, func.count().label("issue_count"))
            .group_by(IssueRow.session_id)
            .subquery()
        )
        first = select(IssueRow.session_id, IssueRow.text).where(IssueRow.position == 1).subquery()
        statement = (
            select(SessionRow, func.coalesce(counts.c.issue_count, 0), first.c.text)
            .outerjoin(counts, counts.c.session_id == SessionRow.id)
            .outerjoin(first, first.c.session_id == SessionRow.id)
            .where(SessionRow.campaign_id == campaign_id)
            .order_by(SessionRow.held_on.desc(), SessionRow.created_at.desc(), SessionRow.id)
        )
        return [
            SessionSummary(
                id=row.id,
                kind=row.kind,
                leader=row.leader,
                held_on=row.held_on,
                subgroup=row.subgroup,
                participant_count=row.participant_count,
                issue_count=issue_count,
                first_issue=first_text,
                updated_at=row.updated_at,
                version=row.version,
            )
            for row, issue_count, first_text in self.session.execute(statement)
        ]

    def count(self, campaign_id: uuid.UUID | None = None) -> int:
        """How many sessions (in one campaign, or in all)."""
        statement = select(func.count()).select_from(SessionRow)
        if campaign_id is not None:
            statement = statement.where(SessionRow.campaign_id == campaign_id)
        return int(self.session.scalar(statement) or 0)


def _session_values(campaign_id: uuid.UUID, form: ListeningSession, version: int) -> dict[str, Any]:
    reflections = form.reflections
    return {
        "id": form.id,
        "campaign_id": campaign_id,
        "kind": form.kind,
        "leader": form.leader,
        "recorder": form.recorder,
        "held_on": form.held_on,
        "community": form.community,
        "subgroup": form.subgroup,
        "participant_count": form.participant_count,
        "potential_leader": form.potential_leader,
        "moved": reflections.moved,
        "decision_makers_should_hear": reflections.decision_makers_should_hear,
        "would_act": reflections.would_act,
        "difference": reflections.difference,
        "reflection_notes": reflections.notes,
        "created_at": form.created_at,
        "updated_at": form.updated_at,
        "version": version,
    }


def session_from_row(row: SessionRow) -> ListeningSession:
    """Rebuild the domain value of a stored session."""
    data = {
        "id": row.id,
        "kind": row.kind,
        "leader": row.leader,
        "recorder": row.recorder,
        "held_on": row.held_on,
        "community": row.community,
        "subgroup": row.subgroup,
        "participant_count": row.participant_count,
        "interviewees": [
            {
                "name": p.name,
                "contact": p.contact,
                "consent_to_contact": p.consent_to_contact,
                "member_status": p.member_status,
                "affiliations": list(p.affiliations),
            }
            for p in row.interviewees
        ],
        "issues": [
            {"id": i.id, "text": i.text, "key_issue": i.key_issue, "theme_id": i.theme_id}
            for i in row.issues
        ],
        "quotes": [
            {"text": q.text, "attribution": q.attribution, "sharing": q.sharing} for q in row.quotes
        ],
        "reflections": {
            "moved": row.moved,
            "decision_makers_should_hear": row.decision_makers_should_hear,
            "would_act": row.would_act,
            "difference": row.difference,
            "notes": row.reflection_notes,
        },
        "references": [
            {"name": r.name, "contact": r.contact, "why": r.why} for r in row.references
        ],
        "potential_leader": row.potential_leader,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }
    return ListeningSession.model_validate(data, context=_NO_FUTURE_CHECK)


class RevisionRepository:
    """Earlier versions of sessions: written, listed, never changed."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def keep(
        self,
        campaign_id: uuid.UUID,
        version: ListeningSession,
        reason: str,
        recorded_at: datetime | None = None,
    ) -> int:
        """Store ``version`` as the session's next revision; returns its number."""
        last = self.session.scalar(
            select(func.max(RevisionRow.number)).where(RevisionRow.session_id == version.id)
        )
        number = (last or 0) + 1
        self.session.execute(
            insert(RevisionRow),
            [
                {
                    "session_id": version.id,
                    "campaign_id": campaign_id,
                    "number": number,
                    "reason": reason,
                    "content": version.model_dump(mode="json"),
                    "content_updated_at": version.updated_at,
                    "recorded_at": recorded_at or utcnow(),
                }
            ],
        )
        return number

    def of_session(self, session_id: uuid.UUID) -> list[Revision]:
        """The session's kept versions, oldest first."""
        rows = self.session.scalars(
            select(RevisionRow)
            .where(RevisionRow.session_id == session_id)
            .order_by(RevisionRow.number)
        )
        return [Revision.model_validate(row) for row in rows]
