"""Benchmark of forgetting a person and of the retention list on a large campaign.

Uses bench/rank.py's campaign (issues only), adds an interviewee with a contact
and a mention in the notes to every 50th session, then times preview_forget
(the whole erasure, rolled back), forget_person once (the erasure plus, on
SQLite, secure_delete, VACUUM and the WAL checkpoint) and contacts_due.
Figures only; nothing here asserts a time.

Measured 2026-11-22 on the shared 2-CPU VM (load average about 6), SQLite, 20,000
sessions, 69,668 issues, 400 naming the person: preview_forget 5,663 ms,
contacts_due 218 ms, forget_person 6,232 ms (once, VACUUM included). A profile
of the preview (3.7 s there) shows most of it reading every issue of the
campaign (ids made into UUIDs) to look at its text in Python; a SQL prefilter
on the names' first words would cut it, not done yet.

    .venv/bin/python bench/forget.py --sessions 20000
    .venv/bin/python bench/forget.py --pg postgresql+psycopg://postgres@127.0.0.1/bench
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from rank import CAMPAIGN_ID, load  # bench/rank.py, beside this script
from sqlalchemy import insert, select, update

from listening_tui.db.tables import IntervieweeRow, SessionRow
from listening_tui.services.database import open_database
from listening_tui.services.privacy import contacts_due, forget_person, preview_forget

NAME = "Gary Whitlock"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", help="a PostgreSQL URL instead of a fresh SQLite file")
    parser.add_argument("--db", help="a SQLite file to use (and keep)")
    parser.add_argument("--sessions", type=int, default=20_000)
    args = parser.parse_args()
    target = args.pg or args.db or str(Path(tempfile.mkdtemp()) / "bench.db")
    database = open_database(target)
    try:
        issues = load(database, args.sessions)
        with database.engine.begin() as connection:
            ids = list(
                connection.scalars(
                    select(SessionRow.id).where(SessionRow.campaign_id == CAMPAIGN_ID)
                )
            )
            named = ids[::50]
            connection.execute(
                insert(IntervieweeRow.__table__),
                [
                    {
                        "session_id": sid,
                        "position": 90,
                        "name": NAME,
                        "contact": "07700 900123",
                        "consent_to_contact": True,
                        "member_status": "member",
                        "affiliations": [],
                    }
                    for sid in named
                ],
            )
            connection.execute(
                update(SessionRow)
                .where(SessionRow.id.in_(named))
                .values(reflection_notes="Gary says call 07700 900123 after six.")
            )
        print(
            f"{database.dialect}: {args.sessions:,} sessions, {issues:,} issues, "
            f"{len(named)} naming {NAME}"
        )
        for label, job in (
            ("preview_forget", lambda: preview_forget(database, NAME, CAMPAIGN_ID)),
            ("contacts_due", lambda: contacts_due(database, CAMPAIGN_ID, date(2030, 1, 1))),
            ("forget_person (once)", lambda: forget_person(database, NAME, CAMPAIGN_ID)),
        ):
            start = time.perf_counter()
            result = job()
            ms = (time.perf_counter() - start) * 1000
            size = getattr(result, "counts", None) or len(getattr(result, "due", []))
            print(f"  {label:<22} {ms:8.1f} ms  {size}")
    finally:
        database.close()


if __name__ == "__main__":
    main()
