"""The figures of every issue group (spec/ranking.md), computed by the database.

One query reads each filtered session's issues once, keeps only each
session's *best* issue in each group (NOT EXISTS an earlier issue of that
session in the same group), and sums the spec's figures in one GROUP BY. A
group is a theme, or for unthemed issues their ``text_key``. On PostgreSQL
the sums go per group and subgroup first, then per group, so that both steps
are hash aggregates (COUNT(DISTINCT) would sort every issue).

The same pass finds each group's earliest issue as the MIN of one sortable
text: the session's ``created_at`` (UTC, fixed width), its id, the position.
Ids compare as 128-bit numbers on both backends: their text is lowercase hex
(32 digits on SQLite, 36 with dashes on PostgreSQL), whose order is the
numbers' order, as is Python's ``UUID`` order. A second, small query then reads
the texts of those earliest issues by session id. No step depends on the
query planner guessing well (a SQLite database is seldom ANALYZEd).

Order and ranks are left to domain.ranking.rank_groups, over the few aggregated
rows, because names are compared case-folded and SQL can't case-fold portably.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy import text as sql_text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import Label
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.selectable import Select

from listening_tui.db.tables import IssueRow, SessionRow, ThemeRow
from listening_tui.domain.ranking import POINTS_BASE, GroupFigures, RankingFilter, Weighting

MOMENT_WIDTH = 26
"""Characters of ``YYYY-MM-DD HH:MM:SS.ffffff``, the sortable text of a moment."""
WORK_MEM = "64MB"
"""PostgreSQL's work memory for the ranking's read (per hash table; 50,000 sessions need ~20 MB)."""
ID_CHUNK = 500
"""Session ids per query when reading the names of unthemed groups."""


class MomentText(FunctionElement[str]):
    """A UTC date-time column as ``YYYY-MM-DD HH:MM:SS.ffffff``, which sorts like the moment."""

    name = "moment_text"
    type = String()
    inherit_cache = True


@compiles(MomentText)
def _moment_text_as_stored(element: MomentText, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite keeps UTCDateTime values as exactly this text (SQLAlchemy's storage format).
    return f"CAST({compiler.process(element.clauses, **kw)} AS VARCHAR)"


@compiles(MomentText, "postgresql")
def _moment_text_postgresql(element: MomentText, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"


def session_conditions(ranking_filter: RankingFilter) -> list[ColumnElement[bool]]:
    """The filter as SQL conditions on listening_sessions."""
    f = ranking_filter
    conditions: list[ColumnElement[bool]] = []
    if f.campaign_id is not None:
        conditions.append(SessionRow.campaign_id == f.campaign_id)
    if f.kind is not None:
        conditions.append(SessionRow.kind == f.kind)
    if f.subgroup is not None:
        conditions.append(SessionRow.subgroup == f.subgroup)
    if f.leader is not None:
        conditions.append(SessionRow.leader == f.leader)
    if f.date_from is not None:
        conditions.append(SessionRow.held_on >= f.date_from)
    if f.date_to is not None:
        conditions.append(SessionRow.held_on <= f.date_to)
    return conditions


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


class RankingRepository:
    """Reads the ranking's figures; writes nothing."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def figures(
        self,
        ranking_filter: RankingFilter,
        weighting: Weighting,
        subgroup_aliases: Mapping[str, str] | None = None,
    ) -> list[GroupFigures]:
        """Every group with an issue in a session that passes the filter, in no order.

        ``subgroup_aliases`` maps subgroup texts to the name they count under in
        the distinct-subgroups figure (small groups folded into "Other subgroups").
        """
        issue, session = IssueRow, SessionRow
        group_text = case((issue.theme_id.is_(None), issue.text_key))
        earlier = aliased(IssueRow, name="earlier")
        # Select one indexed column, not *, so that the covering index answers the probe.
        is_best = ~(
            select(earlier.position)
            .where(
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
            .exists()
        )
        weight = session.participant_count if weighting == "people" else literal(1)
        earliest: ColumnElement[str] = (
            MomentText(session.created_at) + cast(session.id, String) + cast(issue.position, String)
        )
        postgresql = self.session.get_bind().dialect.name == "postgresql"
        if postgresql:
            # Fixed-width ASCII: byte order is the moment's order, without the locale's strcoll.
            earliest = earliest.collate("C")
        named: ColumnElement[str | None] = session.subgroup.expression
        if subgroup_aliases:
            named = case(dict(subgroup_aliases), value=session.subgroup, else_=session.subgroup)
        subgroup = case((session.subgroup != "", named))
        sums = (
            func.sum((POINTS_BASE - issue.position) * weight).label("points"),
            func.count().label("sessions"),
            func.sum(session.participant_count).label("people"),
            _count_if(issue.key_issue == "yes").label("key_yes"),
            _count_if(issue.key_issue == "no").label("key_no"),
            _count_if(issue.key_issue == "dont_know").label("key_dont_know"),
            _count_if(issue.position == 1).label("first_choice"),
            _count_if(session.would_act == "yes").label("would_act"),
            func.min(case((issue.theme_id.is_(None), earliest))).label("earliest"),
        )
        best_issues = (
            select(issue.theme_id, group_text.label("text_key"))
            .join(issue, issue.session_id == session.id)
            .where(*session_conditions(ranking_filter), is_best)
        )
        if postgresql:
            statement = _summed_per_subgroup(best_issues, sums, subgroup, group_text)
            # Compiling this short query costs PostgreSQL's JIT more than it saves; the
            # default 4 MB of work memory would send its hash tables to disk.
            self.session.execute(sql_text("SET LOCAL jit = off"))
            self.session.execute(sql_text(f"SET LOCAL work_mem = '{WORK_MEM}'"))
        else:
            statement = best_issues.add_columns(
                *sums, func.count(func.distinct(subgroup)).label("subgroups")
            ).group_by(issue.theme_id, group_text)
        found = [dict(row) for row in self.session.execute(statement).mappings()]
        theme_names = self._theme_names({row["theme_id"] for row in found if row["theme_id"]})
        earliest_keys = {row["earliest"] for row in found if row["earliest"] is not None}
        issue_texts = self._issue_texts([_issue_of(key) for key in earliest_keys])
        figures = []
        for row in found:
            key = row.pop("earliest")
            if row["theme_id"] is not None:
                row["name"] = theme_names[row["theme_id"]]
            else:
                # Absent only if a save replaced the issue between the two reads (PostgreSQL's
                # read committed); its normalised text is then the best name at hand.
                row["name"] = issue_texts.get(_issue_of(key), row["text_key"]).strip()
            figures.append(GroupFigures.model_validate(row))
        return figures

    def _theme_names(self, theme_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not theme_ids:
            return {}
        rows = self.session.execute(
            select(ThemeRow.id, ThemeRow.name).where(ThemeRow.id.in_(theme_ids))
        )
        return {row.id: row.name for row in rows}

    def _issue_texts(self, issues: list[tuple[uuid.UUID, int]]) -> dict[tuple[uuid.UUID, int], str]:
        """The text of each (session id, position)."""
        wanted = set(issues)
        session_ids = sorted({session_id for session_id, _ in wanted})
        texts: dict[tuple[uuid.UUID, int], str] = {}
        for start in range(0, len(session_ids), ID_CHUNK):
            rows = self.session.execute(
                select(IssueRow.session_id, IssueRow.position, IssueRow.text).where(
                    IssueRow.session_id.in_(session_ids[start : start + ID_CHUNK])
                )
            )
            for session_id, position, text in rows:
                if (session_id, position) in wanted:
                    texts[(session_id, position)] = text
        return texts


def _summed_per_subgroup(
    best_issues: Select[Any],
    sums: tuple[Label[Any], ...],
    subgroup: ColumnElement[str | None],
    group_text: ColumnElement[str | None],
) -> Select[Any]:
    """The figures per group, summed over the group's subgroups (for PostgreSQL).

    COUNT(DISTINCT) makes PostgreSQL sort every best issue by group (and spill
    past the default work memory); grouping by subgroup as well and counting
    the rows of each group needs only two hash aggregates. SQLite sorts to group
    either way, so it counts the distinct subgroups in one pass (it is faster).
    """
    per_subgroup = (
        best_issues.add_columns(subgroup.label("subgroup"), *sums)
        .group_by(IssueRow.theme_id, group_text, subgroup)
        .subquery("per_subgroup")
    )
    column = per_subgroup.c
    # PostgreSQL's sum of bigints is a numeric: cast back to an integer.
    totals = [
        cast(func.sum(column[sum_.name]), BigInteger).label(sum_.name)
        for sum_ in sums
        if sum_.name != "earliest"
    ]
    return select(
        column.theme_id,
        column.text_key,
        *totals,
        func.count(column.subgroup).label("subgroups"),
        # Fixed-width ASCII: byte order is the moment's order, without the locale's strcoll.
        func.min(column.earliest.collate("C")).label("earliest"),
    ).group_by(column.theme_id, column.text_key)


def _issue_of(earliest: str) -> tuple[uuid.UUID, int]:
    """(session id, position) from the sortable text ``moment + id + position``."""
    return uuid.UUID(earliest[MOMENT_WIDTH:-1]), int(earliest[-1])
