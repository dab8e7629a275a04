"""The figures of every issue group (spec/ranking.md), computed by the database in one query.

The query reads each filtered session's issues once, keeps only each
session's *best* issue in each group (no earlier issue of that session is in
the same group: a probe of the covering index ``ix_issues_best_issue``), and
sums the spec's figures in one GROUP BY. A group is a theme, or for unthemed
issues their ``text_key``.

An unthemed group is named by its earliest issue: among the sessions with the
group's earliest ``created_at`` (an aggregate of the same pass), the smaller
session id, then the smaller position; a lookup per group, through the index
on ``created_at``. Ids compare as 128-bit numbers on both backends:
PostgreSQL's ``uuid`` order, and on SQLite the order of 32-digit lowercase hex.

This shape (one sort on SQLite, no second pass over the issues) came out
fastest of those measured with bench/rank.py; see its docstring. Order and
ranks are left to domain.ranking.rank_groups, over the few aggregated rows,
because names are compared case-folded and SQL can't case-fold portably.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, or_, select, text
from sqlalchemy.orm import Session, aliased

from listening_tui.db.tables import IssueRow, SessionRow, ThemeRow
from listening_tui.domain.ranking import POINTS_BASE, GroupFigures, RankingFilter, Weighting


def session_conditions(sessions: Any, ranking_filter: RankingFilter) -> list[ColumnElement[bool]]:
    """The filter as SQL conditions on ``sessions`` (listening_sessions or an alias of it)."""
    f = ranking_filter
    conditions: list[ColumnElement[bool]] = []
    if f.campaign_id is not None:
        conditions.append(sessions.campaign_id == f.campaign_id)
    if f.kind is not None:
        conditions.append(sessions.kind == f.kind)
    if f.subgroup is not None:
        conditions.append(sessions.subgroup == f.subgroup)
    if f.leader is not None:
        conditions.append(sessions.leader == f.leader)
    if f.date_from is not None:
        conditions.append(sessions.held_on >= f.date_from)
    if f.date_to is not None:
        conditions.append(sessions.held_on <= f.date_to)
    return conditions


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


class RankingRepository:
    """Reads the ranking's figures; writes nothing."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def figures(self, ranking_filter: RankingFilter, weighting: Weighting) -> list[GroupFigures]:
        """Every group with an issue in a session that passes the filter, in no order."""
        issue, session = IssueRow, SessionRow
        group_text = case((issue.theme_id.is_(None), issue.text_key))
        earlier = aliased(IssueRow, name="earlier")
        is_best = ~exists().where(
            earlier.session_id == issue.session_id,
            earlier.position < issue.position,
            or_(
                earlier.theme_id == issue.theme_id,
                and_(
                    issue.theme_id.is_(None),
                    earlier.theme_id.is_(None),
                    earlier.text_key == issue.text_key,
                ),
            ),
        )
        weight = session.participant_count if weighting == "people" else literal(1)
        subgroup = case((session.subgroup != "", session.subgroup))
        figures = (
            select(
                issue.theme_id,
                group_text.label("text_key"),
                func.sum((POINTS_BASE - issue.position) * weight).label("points"),
                func.count().label("sessions"),
                func.sum(session.participant_count).label("people"),
                _count_if(issue.key_issue == "yes").label("key_yes"),
                _count_if(issue.key_issue == "no").label("key_no"),
                _count_if(issue.key_issue == "dont_know").label("key_dont_know"),
                func.count(func.distinct(subgroup)).label("subgroups"),
                _count_if(issue.position == 1).label("first_choice"),
                _count_if(session.would_act == "yes").label("would_act"),
                func.min(session.created_at).label("first_created"),
            )
            .join(issue, issue.session_id == session.id)
            .where(*session_conditions(session, ranking_filter), is_best)
            .group_by(issue.theme_id, group_text)
            .subquery("figures")
        )
        named_issue = aliased(IssueRow, name="named_issue")
        named_session = aliased(SessionRow, name="named_session")
        earliest_text = (
            select(named_issue.text)
            .join(named_session, named_session.id == named_issue.session_id)
            .where(
                named_session.created_at == figures.c.first_created,
                *session_conditions(named_session, ranking_filter),
                named_issue.theme_id.is_(None),
                named_issue.text_key == figures.c.text_key,
            )
            .order_by(named_session.id, named_issue.position)
            .limit(1)
            .scalar_subquery()
        )
        statement = select(
            *(column for column in figures.c if column.name != "first_created"),
            case((figures.c.theme_id.is_(None), earliest_text), else_=ThemeRow.name).label("name"),
        ).outerjoin(ThemeRow, ThemeRow.id == figures.c.theme_id)
        if self.session.get_bind().dialect.name == "postgresql":
            # Compiling this short query costs PostgreSQL's JIT more than it saves.
            self.session.execute(text("SET LOCAL jit = off"))
        return [
            GroupFigures.model_validate(dict(row))
            for row in self.session.execute(statement).mappings()
        ]
