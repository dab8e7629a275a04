"""Reads and writes of the themes screen: issue lines, theme provenance, moving issues.

Kept apart from repositories.py because it is all statement building. The
issue list pages like the sessions list (db/session_list.py): the page's ids
with ORDER BY, OFFSET and LIMIT, then the columns of those ids alone, and a
COUNT(*); a campaign of 175,000 issues is never read whole. Provenance is one
GROUP BY per figure, outer-joined to the themes. Lists of ids are sent in
chunks, below every database's limit on bound parameters.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    delete,
    exists,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from listening_tui.db.engine import UNICODE_LOWER
from listening_tui.db.session_list import _ascii_skeleton
from listening_tui.db.tables import (
    ChosenQuoteRow,
    IssueRow,
    QuoteRow,
    SessionRow,
    ThemeConclusionRow,
    ThemeRow,
)
from listening_tui.domain.themes import (
    IssueLine,
    IssueQuery,
    KeptChoice,
    KeptConclusion,
    ThemeOverview,
    ThemeProvenance,
)

CHUNK = 500
"""Ids bound in one statement."""


def chunks(ids: Collection[uuid.UUID]) -> Iterator[list[uuid.UUID]]:
    """``ids`` in lists of at most CHUNK."""
    listed = list(ids)
    for start in range(0, len(listed), CHUNK):
        yield listed[start : start + CHUNK]


class ThemeOpsRepository:
    """Issue lines, provenance and theme moves; takes a Session and never commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # ---- the issue list ----

    def page(
        self, campaign_id: uuid.UUID, query: IssueQuery, offset: int, limit: int
    ) -> list[IssueLine]:
        """The ``limit`` issues from ``offset`` of the ordered, filtered list."""
        ids = self._filtered(
            select(IssueRow.id).join(SessionRow, SessionRow.id == IssueRow.session_id),
            campaign_id,
            query,
        )
        if query.order == "held_on":
            ids = ids.order_by(
                SessionRow.held_on.desc(), SessionRow.id, IssueRow.position, IssueRow.id
            )
        else:
            ids = ids.order_by(IssueRow.text_key, IssueRow.id)
        page_ids = list(self.session.scalars(ids.offset(max(offset, 0)).limit(max(limit, 0))))
        found = {line.id: line for line in self.lines(page_ids)}
        return [found[issue_id] for issue_id in page_ids if issue_id in found]

    def lines(self, issue_ids: Collection[uuid.UUID]) -> list[IssueLine]:
        """The lines of these issues (those that exist), in no particular order."""
        found: list[IssueLine] = []
        for chunk in chunks(issue_ids):
            statement = (
                select(
                    IssueRow.id,
                    IssueRow.session_id,
                    IssueRow.text,
                    IssueRow.position,
                    IssueRow.key_issue,
                    SessionRow.held_on,
                    SessionRow.kind,
                    SessionRow.subgroup,
                    SessionRow.leader,
                    IssueRow.theme_id,
                    ThemeRow.name.label("theme_name"),
                )
                .join(SessionRow, SessionRow.id == IssueRow.session_id)
                .outerjoin(ThemeRow, ThemeRow.id == IssueRow.theme_id)
                .where(IssueRow.id.in_(chunk))
            )
            found.extend(IssueLine.model_validate(row) for row in self.session.execute(statement))
        return found

    def count(self, campaign_id: uuid.UUID, query: IssueQuery) -> int:
        """How many of the campaign's issues match the query's filters."""
        statement = self._filtered(
            select(func.count()).select_from(IssueRow).join(SessionRow),
            campaign_id,
            query,
        )
        return int(self.session.scalar(statement) or 0)

    def _filtered(
        self, statement: Select[Any], campaign_id: uuid.UUID, query: IssueQuery
    ) -> Select[Any]:
        statement = statement.where(SessionRow.campaign_id == campaign_id)
        if query.theme == "unthemed":
            statement = statement.where(IssueRow.theme_id.is_(None))
        elif isinstance(query.theme, uuid.UUID):
            statement = statement.where(IssueRow.theme_id == query.theme)
        if query.kind is not None:
            statement = statement.where(SessionRow.kind == query.kind)
        if query.subgroup is not None:
            statement = statement.where(SessionRow.subgroup == query.subgroup)
        if query.leader is not None:
            statement = statement.where(SessionRow.leader == query.leader)
        if query.key_issue is not None:
            statement = statement.where(IssueRow.key_issue == query.key_issue)
        if query.text:
            statement = statement.where(self._contains(IssueRow.text, query.text))
        return statement

    def _contains(self, column: Any, text: str) -> ColumnElement[bool]:
        """``column`` holds ``text`` ignoring case, wildcards literal (as db/session_list.py)."""
        needle = text.lower()
        if self.session.get_bind().dialect.name != "sqlite":
            return func.lower(column).contains(needle, autoescape=True)
        if needle.isascii():
            return column.contains(needle, autoescape=True)  # type: ignore[no-any-return]
        exact = getattr(func, UNICODE_LOWER)(column).contains(needle, autoescape=True)
        return and_(column.like(_ascii_skeleton(needle), escape="/"), exact)

    # ---- provenance ----

    def overview(self, campaign_id: uuid.UUID) -> ThemeOverview:
        """Every theme by name with its issues, sessions, listeners and quotes; the unthemed."""
        in_campaign = SessionRow.campaign_id == campaign_id
        issues = (
            select(IssueRow.theme_id, func.count().label("issues"))
            .join(SessionRow, SessionRow.id == IssueRow.session_id)
            .where(in_campaign, IssueRow.theme_id.is_not(None))
            .group_by(IssueRow.theme_id)
            .subquery()
        )
        # Each (theme, session) once, then per theme: sessions, distinct leaders, their quotes.
        pairs = (
            select(IssueRow.theme_id, IssueRow.session_id)
            .join(SessionRow, SessionRow.id == IssueRow.session_id)
            .where(in_campaign, IssueRow.theme_id.is_not(None))
            .distinct()
            .subquery()
        )
        quote_counts = (
            select(QuoteRow.session_id, func.count().label("quotes"))
            .join(SessionRow, SessionRow.id == QuoteRow.session_id)
            .where(in_campaign)
            .group_by(QuoteRow.session_id)
            .subquery()
        )
        stats = (
            select(
                pairs.c.theme_id,
                func.count().label("sessions"),
                func.count(SessionRow.leader.distinct()).label("listeners"),
                func.coalesce(func.sum(quote_counts.c.quotes), 0).label("quotes"),
            )
            .join(SessionRow, SessionRow.id == pairs.c.session_id)
            .outerjoin(quote_counts, quote_counts.c.session_id == pairs.c.session_id)
            .group_by(pairs.c.theme_id)
            .subquery()
        )
        statement = (
            select(
                ThemeRow.id,
                ThemeRow.name,
                ThemeRow.description,
                func.coalesce(issues.c.issues, 0).label("issues"),
                func.coalesce(stats.c.sessions, 0).label("sessions"),
                func.coalesce(stats.c.listeners, 0).label("listeners"),
                func.coalesce(stats.c.quotes, 0).label("quotes"),
                exists()
                .where(
                    ThemeConclusionRow.theme_id == ThemeRow.id,
                    func.length(func.trim(ThemeConclusionRow.text)) > 0,
                )
                .label("concluded"),
                select(func.count())
                .select_from(ChosenQuoteRow)
                .where(ChosenQuoteRow.theme_id == ThemeRow.id)
                .scalar_subquery()
                .label("chosen_quotes"),
            )
            .outerjoin(issues, issues.c.theme_id == ThemeRow.id)
            .outerjoin(stats, stats.c.theme_id == ThemeRow.id)
            .where(ThemeRow.campaign_id == campaign_id)
            .order_by(ThemeRow.name_key, ThemeRow.id)
        )
        themes = [ThemeProvenance.model_validate(row) for row in self.session.execute(statement)]
        totals = self.session.execute(
            select(
                func.count(),
                func.coalesce(func.sum(case((IssueRow.theme_id.is_(None), 1), else_=0)), 0),
            )
            .join(SessionRow, SessionRow.id == IssueRow.session_id)
            .where(in_campaign)
        ).one()
        return ThemeOverview(themes=themes, unthemed=int(totals[1]), total=int(totals[0]))

    # ---- moves ----

    def themes_of(
        self, campaign_id: uuid.UUID, issue_ids: Collection[uuid.UUID]
    ) -> dict[uuid.UUID, uuid.UUID | None]:
        """The theme of each of these issues that exists in the campaign (None: no theme)."""
        found: dict[uuid.UUID, uuid.UUID | None] = {}
        for chunk in chunks(issue_ids):
            rows = self.session.execute(
                select(IssueRow.id, IssueRow.theme_id)
                .join(SessionRow, SessionRow.id == IssueRow.session_id)
                .where(SessionRow.campaign_id == campaign_id, IssueRow.id.in_(chunk))
            )
            found.update({row.id: row.theme_id for row in rows})
        return found

    def issues_in(self, theme_id: uuid.UUID) -> list[uuid.UUID]:
        """The ids of the theme's issues."""
        return list(
            self.session.scalars(
                select(IssueRow.id).where(IssueRow.theme_id == theme_id).order_by(IssueRow.id)
            )
        )

    def count_in(self, theme_id: uuid.UUID) -> int:
        """How many issues the theme holds."""
        statement = select(func.count()).select_from(IssueRow).where(IssueRow.theme_id == theme_id)
        return int(self.session.scalar(statement) or 0)

    def set_theme(self, issue_ids: Sequence[uuid.UUID], theme_id: uuid.UUID | None) -> None:
        """Put these issues in ``theme_id`` (None: in no theme)."""
        for chunk in chunks(issue_ids):
            self.session.execute(
                update(IssueRow)
                .where(IssueRow.id.in_(chunk))
                .values(theme_id=theme_id)
                .execution_options(synchronize_session=False)
            )

    def rename(self, theme_id: uuid.UUID, name: str) -> None:
        """Give the theme a new name (the caller has checked it is free)."""
        self.session.execute(
            update(ThemeRow)
            .where(ThemeRow.id == theme_id)
            .values(name=name, name_key=name.casefold())
            .execution_options(synchronize_session=False)
        )

    def delete(self, theme_ids: Collection[uuid.UUID]) -> None:
        """Delete these themes (issues still in them become unthemed)."""
        for chunk in chunks(theme_ids):
            self.session.execute(
                delete(ThemeRow)
                .where(ThemeRow.id.in_(chunk))
                .execution_options(synchronize_session=False)
            )

    # ---- what goes with a theme: its conclusion and chosen quotes ----

    def conclusion(self, theme_id: uuid.UUID) -> KeptConclusion | None:
        """The theme's conclusion as stored, or None."""
        row = self.session.execute(
            select(ThemeConclusionRow.text, ThemeConclusionRow.updated_at).where(
                ThemeConclusionRow.theme_id == theme_id
            )
        ).first()
        if row is None:
            return None
        return KeptConclusion(theme_id=theme_id, text=row.text, updated_at=row.updated_at)

    def write_conclusion(
        self, campaign_id: uuid.UUID, theme_id: uuid.UUID, text: str, updated_at: Any = None
    ) -> None:
        """Set the theme's conclusion text (and ``updated_at`` when given), making the row."""
        values: dict[str, Any] = {"text": text}
        if updated_at is not None:
            values["updated_at"] = updated_at
        result = self.session.execute(
            update(ThemeConclusionRow)
            .where(ThemeConclusionRow.theme_id == theme_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if not getattr(result, "rowcount", 0):
            self.session.execute(
                insert(ThemeConclusionRow).values(
                    theme_id=theme_id, campaign_id=campaign_id, **values
                )
            )

    def drop_conclusion(self, theme_id: uuid.UUID) -> None:
        """Delete the theme's conclusion row, if any."""
        self.session.execute(
            delete(ThemeConclusionRow)
            .where(ThemeConclusionRow.theme_id == theme_id)
            .execution_options(synchronize_session=False)
        )

    def choices(self, theme_id: uuid.UUID) -> list[KeptChoice]:
        """The quotes chosen for the theme's conclusion, as stored, in the order chosen."""
        rows = self.session.execute(
            select(
                ChosenQuoteRow.id,
                ChosenQuoteRow.theme_id,
                ChosenQuoteRow.session_id,
                ChosenQuoteRow.quote_text,
                ChosenQuoteRow.purpose,
                ChosenQuoteRow.chosen_at,
            )
            .where(ChosenQuoteRow.theme_id == theme_id)
            .order_by(ChosenQuoteRow.chosen_at, ChosenQuoteRow.id)
        )
        return [KeptChoice.model_validate(row._asdict()) for row in rows]

    def existing_choices(self, choice_ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
        """Those of these chosen-quote ids still stored."""
        found: set[uuid.UUID] = set()
        for chunk in chunks(choice_ids):
            found.update(
                self.session.scalars(select(ChosenQuoteRow.id).where(ChosenQuoteRow.id.in_(chunk)))
            )
        return found

    def move_choices(self, choice_ids: Collection[uuid.UUID], theme_id: uuid.UUID) -> None:
        """Make these chosen quotes go with another theme's conclusion."""
        for chunk in chunks(choice_ids):
            self.session.execute(
                update(ChosenQuoteRow)
                .where(ChosenQuoteRow.id.in_(chunk))
                .values(theme_id=theme_id)
                .execution_options(synchronize_session=False)
            )

    def delete_choices(self, choice_ids: Collection[uuid.UUID]) -> None:
        """Delete these chosen quotes."""
        for chunk in chunks(choice_ids):
            self.session.execute(
                delete(ChosenQuoteRow)
                .where(ChosenQuoteRow.id.in_(chunk))
                .execution_options(synchronize_session=False)
            )

    def insert_choices(self, campaign_id: uuid.UUID, choices: Sequence[KeptChoice]) -> None:
        """Store these chosen quotes again exactly (ids and times) in one statement."""
        if choices:
            self.session.execute(
                insert(ChosenQuoteRow),
                [{"campaign_id": campaign_id, **choice.model_dump()} for choice in choices],
            )
