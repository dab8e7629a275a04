"""The database's own checks: SQLite's integrity check and the project's consistency rules.

Each check returns the problems it found as sentences (empty when all is
well), so ``listening-tui check`` can say what was checked and what is wrong.
"""

from __future__ import annotations

from sqlalchemy import Connection, and_, func, select, text

from listening_tui.db.tables import (
    IntervieweeRow,
    IssueRow,
    QuoteRow,
    ReferenceRow,
    RevisionRow,
    SessionRow,
    ThemeRow,
)

LIMIT = 20
"""At most this many problems are named per check; the count says how many in all."""

_LISTS = (
    (IssueRow, "issues"),
    (IntervieweeRow, "interviewees"),
    (QuoteRow, "quotes"),
    (ReferenceRow, "references"),
)


def storage(connection: Connection) -> list[str]:
    """SQLite's integrity and foreign-key checks (a server database checks its own storage)."""
    if connection.dialect.name != "sqlite":
        return []
    problems = [
        f"integrity check: {row[0]}"
        for row in connection.exec_driver_sql("PRAGMA integrity_check").fetchall()
        if row[0] != "ok"
    ]
    problems += [
        f"a row of {row[0]} (rowid {row[1]}) points at a missing row of {row[2]}"
        for row in connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    ]
    return problems


def positions(connection: Connection) -> list[str]:
    """Each session's issues, interviewees, quotes and references are numbered 1..n, no gaps."""
    problems: list[str] = []
    for row_class, name in _LISTS:
        table = row_class.__table__
        rows = connection.execute(
            select(table.c.session_id, func.min(table.c.position), func.max(table.c.position))
            .group_by(table.c.session_id)
            .having(
                (func.min(table.c.position) != 1) | (func.max(table.c.position) != func.count())
            )
            .order_by(table.c.session_id)
        ).all()
        problems += [
            f"session {session_id}: its {name} are numbered {low}..{high}, not 1..n without gaps"
            for session_id, low, high in rows
        ]
    return problems


def themes(connection: Connection) -> list[str]:
    """Every issue's theme is a theme of the issue's own campaign."""
    issues, sessions, themes_table = (
        IssueRow.__table__,
        SessionRow.__table__,
        ThemeRow.__table__,
    )
    rows = connection.execute(
        select(issues.c.id, issues.c.theme_id)
        .join(sessions, sessions.c.id == issues.c.session_id)
        .outerjoin(
            themes_table,
            and_(
                themes_table.c.id == issues.c.theme_id,
                themes_table.c.campaign_id == sessions.c.campaign_id,
            ),
        )
        .where(issues.c.theme_id.is_not(None), themes_table.c.id.is_(None))
        .order_by(issues.c.id)
    ).all()
    return [
        f"issue {issue_id} points at theme {theme_id}, which its campaign does not have"
        for issue_id, theme_id in rows
    ]


def revisions(connection: Connection) -> list[str]:
    """Kept versions are numbered 1..n; no session vanished without its deletion kept."""
    kept = RevisionRow.__table__
    sessions = SessionRow.__table__
    per_session = (
        select(
            kept.c.session_id,
            func.count().label("kept"),
            func.max(kept.c.number).label("last"),
        )
        .group_by(kept.c.session_id)
        .subquery()
    )
    problems = [
        f"session {session_id}: {count} kept versions are numbered up to {last}, "
        "not 1..n without gaps"
        for session_id, count, last in connection.execute(
            select(per_session.c.session_id, per_session.c.kept, per_session.c.last)
            .where(per_session.c.kept != per_session.c.last)
            .order_by(per_session.c.session_id)
        )
    ]
    problems += [
        f"session {session_id} is at version {version} but only {count} earlier versions are kept"
        for session_id, version, count in connection.execute(
            select(sessions.c.id, sessions.c.version, func.coalesce(per_session.c.kept, 0))
            .outerjoin(per_session, per_session.c.session_id == sessions.c.id)
            .where(sessions.c.version - 1 > func.coalesce(per_session.c.kept, 0))
            .order_by(sessions.c.id)
        )
    ]
    last_kept = (
        select(kept.c.session_id, kept.c.reason)
        .join(
            per_session,
            and_(
                per_session.c.session_id == kept.c.session_id,
                per_session.c.last == kept.c.number,
            ),
        )
        .subquery()
    )
    problems += [
        f"session {session_id} is gone, but its deletion was not kept (last kept as {reason!r})"
        for session_id, reason in connection.execute(
            select(last_kept.c.session_id, last_kept.c.reason)
            .outerjoin(sessions, sessions.c.id == last_kept.c.session_id)
            .where(sessions.c.id.is_(None), last_kept.c.reason != "delete")
            .order_by(last_kept.c.session_id)
        )
    ]
    return problems


def schema_version(connection: Connection) -> str | None:
    """The migration the database is at."""
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
