"""The figures of every issue group (spec/ranking.md), computed by the database.

A group is a theme, or for unthemed issues their ``text_key``. Each filtered
session counts once in a group, through its *best* issue there: position 1,
or NOT EXISTS an earlier issue of that session in the same group. Themes and
unthemed texts are summed by two queries joined by UNION ALL, each with its
own index (db/tables.py): a theme's issues session by session, unthemed issues
text by text. SQLite then reads every group's issues in the group's order,
finds an issue's earlier ones beside it in the same index and its session in
a covering index, and groups as it goes, where one query over both kinds of
group sorted every issue. On PostgreSQL the sums go per group and subgroup
first, then per group, so that both steps are hash aggregates
(COUNT(DISTINCT) would sort every issue).

The unthemed query also finds each group's earliest issue as the MIN of one
sortable text: the session's ``created_at`` (UTC, fixed width), its id, the
position. Ids compare as 128-bit numbers on both backends: their text is
lowercase hex (32 digits on SQLite, 36 with dashes on PostgreSQL), whose order
is the numbers' order, as is Python's ``UUID`` order. A second, small query
then reads the texts of those earliest issues by session id. On SQLite, which
plan reads what depends only on the indexes, not on statistics (a SQLite
database is seldom ANALYZEd): a narrow filter starts from its sessions instead.

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
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy import text as sql_text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.selectable import CompoundSelect, Select

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
    # COUNT of a CASE without ELSE: one step less per row than SUM(... ELSE 0) on SQLite.
    return func.count(case((condition, 1)))


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
        postgresql = self.session.get_bind().dialect.name == "postgresql"
        themed, unthemed = _best_issues(ranking_filter, postgresql)
        issue, session = IssueRow, SessionRow
        weight = session.participant_count if weighting == "people" else literal(1)
        earliest: ColumnElement[str] = (
            MomentText(session.created_at) + cast(session.id, String) + cast(issue.position, String)
        )
        if postgresql:
            # Fixed-width ASCII: byte order is the moment's order, without the locale's strcoll.
            earliest = earliest.collate("C")
        sums = (
            func.sum((POINTS_BASE - issue.position) * weight).label("points"),
            func.count().label("sessions"),
            func.sum(session.participant_count).label("people"),
            _count_if(issue.key_issue == "yes").label("key_yes"),
            _count_if(issue.key_issue == "no").label("key_no"),
            _count_if(issue.key_issue == "dont_know").label("key_dont_know"),
            _count_if(issue.position == 1).label("first_choice"),
            _count_if(session.would_act == "yes").label("would_act"),
        )
        # NULL where the other query has a value; the themed query comes first, so its
        # columns' types (a UUID) decode the union's rows.
        themed = themed.add_columns(*sums, null().label("earliest"))
        unthemed = unthemed.add_columns(*sums, func.min(earliest).label("earliest"))
        named: ColumnElement[str | None] = session.subgroup.expression
        if subgroup_aliases:
            named = case(dict(subgroup_aliases), value=session.subgroup, else_=session.subgroup)
        subgroup = case((session.subgroup != "", named))
        if postgresql:
            statement: CompoundSelect[Any] | Select[Any] = _summed_per_subgroup(
                themed, unthemed, subgroup, [*(sum_.name for sum_ in sums)]
            )
            # Compiling this short query costs PostgreSQL's JIT more than it saves; the
            # default 4 MB of work memory would send its hash tables to disk.
            self.session.execute(sql_text("SET LOCAL jit = off"))
            self.session.execute(sql_text(f"SET LOCAL work_mem = '{WORK_MEM}'"))
        else:
            subgroups = func.count(func.distinct(subgroup)).label("subgroups")
            statement = union_all(themed.add_columns(subgroups), unthemed.add_columns(subgroups))
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


def _best_issues(
    ranking_filter: RankingFilter, postgresql: bool
) -> tuple[Select[Any], Select[Any]]:
    """The filtered sessions' best issues in each theme, and in each unthemed text, grouped.

    Each query selects its group's columns (``theme_id``, ``text_key``) and is
    grouped by its group; the caller adds the sums.
    """
    issue, session, theme = IssueRow, SessionRow, ThemeRow
    earlier = aliased(IssueRow, name="earlier")
    conditions = session_conditions(ranking_filter)

    def best(same_group: ColumnElement[bool]) -> ColumnElement[bool]:
        # Select one indexed column, not *, so that the covering index answers the probe.
        earlier_issue = (
            select(earlier.position)
            .where(earlier.session_id == issue.session_id, earlier.position < issue.position)
            .where(same_group)
            .exists()
        )
        if postgresql:
            # An EXISTS under OR can't become PostgreSQL's hash anti-join.
            return ~earlier_issue
        # Nothing comes before position 1: SQLite skips the probe for a third of the issues.
        return or_(issue.position == 1, ~earlier_issue)

    # From the theme: SQLite then reads a theme's issues together and groups without
    # sorting. Grouped by the theme's unique (campaign, name_key), the order it reads themes
    # in, and its id: still one group per theme. An issue's theme is always of its session's
    # campaign (services check it on every save; db/checks.py), so the campaign's themes
    # are all the themes a campaign's sessions can have.
    theme_conditions = []
    if ranking_filter.campaign_id is not None:
        theme_conditions.append(theme.campaign_id == ranking_filter.campaign_id)
    group_columns: list[ColumnElement[Any]] = [theme.id.label("theme_id"), null().label("text_key")]
    themed = (
        select(*group_columns)
        .select_from(theme)
        .join(issue, issue.theme_id == theme.id)
        .join(session, session.id == issue.session_id)
        .where(*theme_conditions, *conditions, best(earlier.theme_id == issue.theme_id))
        .group_by(theme.campaign_id, theme.name_key, theme.id)
    )
    group_columns = [null().label("theme_id"), issue.text_key.label("text_key")]
    unthemed = (
        select(*group_columns)
        .select_from(issue)
        .join(session, session.id == issue.session_id)
        .where(
            issue.theme_id.is_(None),
            *conditions,
            best(and_(earlier.theme_id.is_(None), earlier.text_key == issue.text_key)),
        )
        .group_by(issue.text_key)
    )
    return themed, unthemed


def _summed_per_subgroup(
    themed: Select[Any],
    unthemed: Select[Any],
    subgroup: ColumnElement[str | None],
    sum_names: list[str],
) -> Select[Any]:
    """The figures per group, summed over the group's subgroups (for PostgreSQL).

    COUNT(DISTINCT) makes PostgreSQL sort every best issue by group (and spill
    past the default work memory); grouping by subgroup as well and counting
    the rows of each group needs only two hash aggregates. SQLite reads each
    group's issues in order, so it counts the distinct subgroups as it goes.
    """
    per_subgroup = union_all(
        *(
            part.add_columns(subgroup.label("subgroup")).group_by(subgroup)
            for part in (themed, unthemed)
        )
    ).subquery("per_subgroup")
    column = per_subgroup.c
    # PostgreSQL's sum of bigints is a numeric: cast back to an integer.
    totals = [cast(func.sum(column[name]), BigInteger).label(name) for name in sum_names]
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
