"""Repositories: the only code that reads and writes rows. They take a Session and never commit.

Writes of a whole session use ORM-enabled bulk inserts (one statement per
list), which is what keeps a save of a complete session in a few
milliseconds; reads build domain values, never hand out rows.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Result, Row, Table, bindparam, case, delete, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from listening_tui.db.base import utcnow
from listening_tui.db.bulk import insert_rows
from listening_tui.db.ids import ascending_ids
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


def _insert(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """A Core executemany on the unit of work's connection: ~3x faster than ORM-enabled inserts."""
    table = model.__table__
    assert isinstance(table, Table)
    session.connection().execute(insert(table), rows)


# Statements on the save path, built once: building a statement costs more than running it.
_CAMPAIGN_EXISTS = select(CampaignRow.id).where(CampaignRow.id == bindparam("campaign_id"))
_LOCK_CAMPAIGN = (
    select(CampaignRow.id)
    .where(CampaignRow.id == bindparam("campaign_id"))
    .with_for_update(key_share=True)
)
_SUBGROUP_STATE = select(
    func.max(SubgroupRow.position),
    func.coalesce(func.sum(case((SubgroupRow.name_key == bindparam("key"), 1), else_=0)), 0),
).where(SubgroupRow.campaign_id == bindparam("campaign_id"))
_SESSION_LOCATION = select(SessionRow.campaign_id, SessionRow.version).where(
    SessionRow.id == bindparam("session_id")
)
_LAST_REVISION = select(func.max(RevisionRow.number)).where(
    RevisionRow.session_id == bindparam("session_id")
)

# Loaded rows passed the rules when they were saved; a wrong clock must not make them unreadable.
_NO_FUTURE_CHECK = {"today": date.max}


class CampaignRepository:
    """Campaigns with their questions and subgroups."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, campaign: Campaign) -> None:
        """Insert a new campaign with its questions and subgroups."""
        _insert(
            self.session,
            CampaignRow,
            [{"id": campaign.id, "name": campaign.name, "organisation": campaign.organisation}],
        )
        if campaign.questions:
            _insert(
                self.session,
                QuestionRow,
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

    def exists(self, campaign_id: uuid.UUID) -> bool:
        """True when the campaign is in the database (one indexed lookup)."""
        return self.session.scalar(_CAMPAIGN_EXISTS, {"campaign_id": campaign_id}) is not None

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
        state = {"key": key, "campaign_id": campaign_id}
        last, matches = self.session.execute(_SUBGROUP_STATE, state).one()
        if matches:
            return False
        # Two laptops adding subgroups at once on PostgreSQL would both take the next
        # position: the campaign row's lock makes the second wait, then read again.
        # (NO KEY UPDATE does not block sessions being added, which share-lock the key.)
        self.session.execute(_LOCK_CAMPAIGN, {"campaign_id": campaign_id})
        last, matches = self.session.execute(_SUBGROUP_STATE, state).one()
        if matches:
            return False
        _insert(
            self.session,
            SubgroupRow,
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
        _insert(
            self.session,
            ThemeRow,
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
        self.add_many(campaign_id, [form], version)

    def add_many(
        self, campaign_id: uuid.UUID, forms: Sequence[ListeningSession], version: int = 1
    ) -> None:
        """Insert many whole sessions with one statement per table (imports of thousands)."""
        if not forms:
            return
        moment = utcnow()
        # In id order: rows land near each other in every index that starts with the id.
        forms = sorted(forms, key=_id_number)
        insert_rows(
            self.session.connection(),
            _table(SessionRow),
            _FORM_FIELDS,
            [_session_values(form) for form in forms],
            same={
                "campaign_id": campaign_id,
                "version": version,
                "row_created_at": moment,
                "row_updated_at": moment,
            },
        )
        self._insert_lists(forms)

    def replace(self, campaign_id: uuid.UUID, form: ListeningSession, version: int) -> None:
        """Overwrite a stored session with ``form`` (the caller keeps the old version)."""
        self.replace_many(campaign_id, [(form, version)])

    def replace_many(
        self, campaign_id: uuid.UUID, versions: Sequence[tuple[ListeningSession, int]]
    ) -> None:
        """Overwrite stored sessions, each with its new version number (bulk, by id)."""
        if not versions:
            return
        moment = utcnow()
        rows = []
        for form, version in versions:
            values = dict(zip(_FORM_FIELDS, _session_values(form), strict=True))
            values.update(campaign_id=campaign_id, version=version, row_updated_at=moment)
            rows.append(values)
        self.session.execute(update(SessionRow), rows)
        ids = [form.id for form, _ in versions]
        for table in (IssueRow, IntervieweeRow, QuoteRow, ReferenceRow):
            self.session.execute(delete(table).where(table.session_id.in_(ids)))
        self._insert_lists(sorted((form for form, _ in versions), key=_id_number))

    def remove(self, session_id: uuid.UUID) -> None:
        """Delete a session; its lists go with it (ON DELETE CASCADE)."""
        self.session.execute(delete(SessionRow).where(SessionRow.id == session_id))

    def _insert_lists(self, forms: Sequence[ListeningSession]) -> None:
        """Each session's issues, interviewees, quotes and references, one statement per list.

        Issue ids come with the form; the other lists' rows get ascending new ids.
        """
        connection = self.session.connection()
        children = sum(len(f.interviewees) + len(f.quotes) + len(f.references) for f in forms)
        ids = iter(ascending_ids(children))
        insert_rows(
            connection,
            _table(IssueRow),
            ("id", "session_id", "position", "text", "text_key", "key_issue", "theme_id"),
            [
                (
                    issue.id,
                    form.id,
                    n,
                    issue.text,
                    normalise_issue_text(issue.text),
                    issue.key_issue,
                    issue.theme_id,
                )
                for form in forms
                for n, issue in enumerate(form.issues, start=1)
            ],
        )
        insert_rows(
            connection,
            _table(IntervieweeRow),
            (
                *_CHILD_FIELDS,
                "name",
                "contact",
                "consent_to_contact",
                "member_status",
                "affiliations",
            ),
            [
                (
                    next(ids),
                    form.id,
                    n,
                    person.name,
                    person.contact,
                    person.consent_to_contact,
                    person.member_status,
                    list(person.affiliations),
                )
                for form in forms
                for n, person in enumerate(form.interviewees, start=1)
            ],
        )
        insert_rows(
            connection,
            _table(QuoteRow),
            (*_CHILD_FIELDS, "text", "attribution", "sharing"),
            [
                (next(ids), form.id, n, quote.text, quote.attribution, quote.sharing)
                for form in forms
                for n, quote in enumerate(form.quotes, start=1)
            ],
        )
        insert_rows(
            connection,
            _table(ReferenceRow),
            (*_CHILD_FIELDS, "name", "contact", "why"),
            [
                (next(ids), form.id, n, reference.name, reference.contact, reference.why)
                for form in forms
                for n, reference in enumerate(form.references, start=1)
            ],
        )

    def locate(self, session_id: uuid.UUID) -> tuple[uuid.UUID, int] | None:
        """(campaign id, version) of a stored session, or None when it is not there."""
        found = self.session.execute(_SESSION_LOCATION, {"session_id": session_id}).first()
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

    def locate_many(self, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, tuple[uuid.UUID, int]]:
        """(campaign id, version) of those of ``ids`` that are stored (one query)."""
        if not ids:
            return {}
        found = self.session.execute(
            select(SessionRow.id, SessionRow.campaign_id, SessionRow.version).where(
                SessionRow.id.in_(ids)
            )
        )
        return {sid: (campaign_id, version) for sid, campaign_id, version in found}

    def issue_owners(self, issue_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        """The session holding each of ``issue_ids`` that is stored (issue ids are global)."""
        if not issue_ids:
            return {}
        found = self.session.execute(
            select(IssueRow.id, IssueRow.session_id).where(IssueRow.id.in_(issue_ids))
        )
        return {issue_id: session_id for issue_id, session_id in found}  # noqa: C416 (rows)

    def get_many(self, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, ListeningSession]:
        """Those of ``ids`` that are stored, read in five queries without ORM objects."""
        if not ids:
            return {}
        rows = self._core(select(*_SESSION_COLUMNS).where(SessionRow.id.in_(ids))).all()
        return {session.id: session for session in self._build(rows)}

    def in_export_order(
        self, campaign_id: uuid.UUID, batch: int = 1000
    ) -> Iterator[ListeningSession]:
        """The campaign's sessions by held_on, created_at, id, read ``batch`` at a time."""
        statement = (
            select(*_SESSION_COLUMNS)
            .where(SessionRow.campaign_id == campaign_id)
            .order_by(SessionRow.held_on, SessionRow.created_at, SessionRow.id)
            .execution_options(yield_per=batch)
        )
        for part in self._core(statement).partitions():
            yield from self._build(part)

    def _core(self, statement: Any) -> Result[Any]:
        """Run a Core SELECT on the session's connection: plain rows, no ORM loading cost."""
        return self.session.connection().execute(statement)

    def _build(self, rows: Sequence[Row[Any]]) -> list[ListeningSession]:
        """Domain values of session rows, their lists read with one query per table."""
        ids = [row.id for row in rows]
        lists: list[dict[uuid.UUID, list[Any]]] = []
        for columns in _LIST_COLUMNS:
            session_id, position = columns[0].table.c.session_id, columns[0].table.c.position
            grouped: dict[uuid.UUID, list[Any]] = defaultdict(list)
            children = self._core(
                select(session_id, *columns)
                .where(session_id.in_(ids))
                .order_by(session_id, position)
            )
            for child in children.all():
                grouped[child.session_id].append(child)
            lists.append(grouped)
        issues, interviewees, quotes, references = lists
        return [
            ListeningSession.model_validate(
                _session_data(
                    row,
                    issues.get(row.id, ()),
                    interviewees.get(row.id, ()),
                    quotes.get(row.id, ()),
                    references.get(row.id, ()),
                ),
                context=_NO_FUTURE_CHECK,
            )
            for row in rows
        ]

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


def _bulk(table: Any) -> Any:
    """A Core INSERT of the table, run as one executemany for a whole list of rows.

    Not the ORM's bulk INSERT: that does bookkeeping per row (and, unless told
    otherwise, splits rows by which fields are empty), several times slower for
    an import of 50,000 sessions. Column defaults (ids, timestamps) still apply.
    """
    return insert(table.__table__)


_FORM_FIELDS = (
    "id", "kind", "leader", "recorder", "held_on", "community", "subgroup",
    "participant_count", "potential_leader", "moved", "decision_makers_should_hear",
    "would_act", "difference", "reflection_notes", "created_at", "updated_at",
)  # fmt: skip
"""The session row's columns that _session_values gives, in its order."""

_CHILD_FIELDS = ("id", "session_id", "position")
"""The first columns of every list held by a session (interviewees, quotes, references)."""


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _id_number(form: ListeningSession) -> int:
    return form.id.int


def _session_values(form: ListeningSession) -> tuple[Any, ...]:
    """The values of a session's row that the form holds, in the order of _FORM_FIELDS."""
    reflections = form.reflections
    return (
        form.id,
        form.kind,
        form.leader,
        form.recorder,
        form.held_on,
        form.community,
        form.subgroup,
        form.participant_count,
        form.potential_leader,
        reflections.moved,
        reflections.decision_makers_should_hear,
        reflections.would_act,
        reflections.difference,
        reflections.notes,
        form.created_at,
        form.updated_at,
    )


_SESSION_COLUMNS = tuple(
    SessionRow.__table__.c[name]
    for name in (
        "id", "kind", "leader", "recorder", "held_on", "community", "subgroup",
        "participant_count", "moved", "decision_makers_should_hear", "would_act",
        "difference", "reflection_notes", "potential_leader", "created_at", "updated_at",
    )
)  # fmt: skip
"""What _session_data reads from a session row (reading fewer columns is faster)."""

_LIST_COLUMNS = (
    (IssueRow.id, IssueRow.text, IssueRow.key_issue, IssueRow.theme_id),
    (
        IntervieweeRow.name,
        IntervieweeRow.contact,
        IntervieweeRow.consent_to_contact,
        IntervieweeRow.member_status,
        IntervieweeRow.affiliations,
    ),
    (QuoteRow.text, QuoteRow.attribution, QuoteRow.sharing),
    (ReferenceRow.name, ReferenceRow.contact, ReferenceRow.why),
)
"""What _session_data reads from issues, interviewees, quotes and references, in that order."""


def session_from_row(row: SessionRow) -> ListeningSession:
    """Rebuild the domain value of a stored session."""
    data = _session_data(row, row.issues, row.interviewees, row.quotes, row.references)
    return ListeningSession.model_validate(data, context=_NO_FUTURE_CHECK)


def _session_data(
    row: Any,
    issues: Iterable[Any],
    interviewees: Iterable[Any],
    quotes: Iterable[Any],
    references: Iterable[Any],
) -> dict[str, Any]:
    """The bundle form of a session from its row and list rows (ORM objects or plain rows)."""
    return {
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
            for p in interviewees
        ],
        "issues": [
            {"id": i.id, "text": i.text, "key_issue": i.key_issue, "theme_id": i.theme_id}
            for i in issues
        ],
        "quotes": [
            {"text": q.text, "attribution": q.attribution, "sharing": q.sharing} for q in quotes
        ],
        "reflections": {
            "moved": row.moved,
            "decision_makers_should_hear": row.decision_makers_should_hear,
            "would_act": row.would_act,
            "difference": row.difference,
            "notes": row.reflection_notes,
        },
        "references": [{"name": r.name, "contact": r.contact, "why": r.why} for r in references],
        "potential_leader": row.potential_leader,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


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
        last = self.session.scalar(_LAST_REVISION, {"session_id": version.id})
        number = (last or 0) + 1
        _insert(
            self.session,
            RevisionRow,
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

    def last_deleted(self, session_id: uuid.UUID) -> tuple[uuid.UUID, dict[str, Any]] | None:
        """(campaign id, content) of the session's most recent deletion, or None."""
        found = self.session.execute(
            select(RevisionRow.campaign_id, RevisionRow.content)
            .where(RevisionRow.session_id == session_id, RevisionRow.reason == "delete")
            .order_by(RevisionRow.number.desc())
            .limit(1)
        ).first()
        return None if found is None else (found[0], found[1])

    def keep_many(
        self,
        campaign_id: uuid.UUID,
        versions: Sequence[tuple[ListeningSession, str]],
        recorded_at: datetime | None = None,
    ) -> None:
        """Store many versions, each with its reason, numbered after each session's last."""
        if not versions:
            return
        ids = {version.id for version, _ in versions}
        found = self.session.execute(
            select(RevisionRow.session_id, func.max(RevisionRow.number))
            .where(RevisionRow.session_id.in_(ids))
            .group_by(RevisionRow.session_id)
        )
        last: dict[uuid.UUID, int] = {session_id: number for session_id, number in found}  # noqa: C416
        moment = recorded_at or utcnow()
        rows = []
        for version, reason in versions:
            number = last.get(version.id, 0) + 1
            last[version.id] = number
            rows.append(
                {
                    "session_id": version.id,
                    "campaign_id": campaign_id,
                    "number": number,
                    "reason": reason,
                    "content": version.model_dump(mode="json"),
                    "content_updated_at": version.updated_at,
                    "recorded_at": moment,
                }
            )
        self.session.execute(_bulk(RevisionRow), rows)

    def of_session(self, session_id: uuid.UUID) -> list[Revision]:
        """The session's kept versions, oldest first."""
        rows = self.session.scalars(
            select(RevisionRow)
            .where(RevisionRow.session_id == session_id)
            .order_by(RevisionRow.number)
        )
        return [Revision.model_validate(row) for row in rows]
