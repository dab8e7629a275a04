"""How fast the themes screen's reads and changes are on a campaign of 50,000 sessions.

    .venv/bin/python bench/themes.py               # builds /tmp/listening-tui-bench/50k.db
    .venv/bin/python bench/themes.py --db my.db    # reuses (or builds) that file

The campaign is the one bench/sessions_list.py builds (about 175,000 issues,
most in a theme). Prints figures: the first and last page of the issue list
under each filter, the provenance of every theme, and putting 1,000 issues in
a theme, then undoing it. Changes are undone, so the file can be reused.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sessions_list import DEFAULT_DB, prepare, timed
from sqlalchemy import func, select

from listening_tui.db.engine import Database
from listening_tui.db.tables import IssueRow, SessionRow
from listening_tui.domain.themes import IssueQuery
from listening_tui.services.theme_changes import put_in_theme, undo_theme_change
from listening_tui.services.themes import browse_issues, theme_overview


def _bare_group_by(database: Database, campaign_id: uuid.UUID) -> None:
    """Issues per theme in one GROUP BY: the floor theme_overview is compared with."""
    with database.engine.connect() as connection:
        connection.execute(
            select(IssueRow.theme_id, func.count())
            .join(SessionRow, SessionRow.id == IssueRow.session_id)
            .where(SessionRow.campaign_id == campaign_id)
            .group_by(IssueRow.theme_id)
        ).all()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEFAULT_DB))
    parser.add_argument("--sessions", type=int, default=50_000)
    args = parser.parse_args(argv)
    if args.db == str(DEFAULT_DB):
        DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
    database, campaign_id = prepare(args.db, args.sessions)
    overview = theme_overview(database, campaign_id)
    print(
        f"{overview.total:,} issues, {len(overview.themes)} themes, {overview.unthemed:,} unthemed"
    )
    print("browse_issues, first page of 100 (median of 5):")
    queries = [
        IssueQuery(),
        IssueQuery(order="held_on"),
        IssueQuery(theme="unthemed"),
        IssueQuery(theme=overview.themes[0].id),
        IssueQuery(text="overtime"),
        IssueQuery(text="łukasz"),
        IssueQuery(kind="group", key_issue="yes"),
    ]
    for query in queries:
        seconds = timed(browse_issues, database, campaign_id, query, 0, 100)
        shown = query.model_dump(exclude_defaults=True) or {"order": "text"}
        print(f"  {seconds * 1000:7.1f} ms  {shown}")
    last = overview.total - 100
    seconds = timed(browse_issues, database, campaign_id, IssueQuery(), last, 100)
    print(f"  {seconds * 1000:7.1f} ms  last page (offset {last:,})")
    seconds = timed(theme_overview, database, campaign_id)
    bare = timed(_bare_group_by, database, campaign_id)
    print(f"  {seconds * 1000:7.1f} ms  theme_overview (provenance of every theme)")
    print(f"  {bare * 1000:7.1f} ms  one bare GROUP BY theme_id ({seconds / bare:.1f}x)")
    page = browse_issues(database, campaign_id, IssueQuery(theme="unthemed"), 0, 1000)
    ids = [line.id for line in page.rows]
    started = time.perf_counter()
    change = put_in_theme(database, campaign_id, ids, "Bench theme")
    put = time.perf_counter() - started
    started = time.perf_counter()
    undo_theme_change(database, change)
    undo = time.perf_counter() - started
    print(f"  {put * 1000:7.1f} ms  put {len(ids):,} issues in a new theme")
    print(f"  {undo * 1000:7.1f} ms  undo it")
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
