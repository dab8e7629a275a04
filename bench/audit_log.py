"""The audit log with many entries: a page, a deep page, a filtered page, the CSV export.

    .venv/bin/python bench/audit_log.py [--entries N] [--pg postgresql+psycopg://...]

N entries (default 200,000) in two campaigns, five actors and every action are
inserted in bulk, then each query the audit screen makes is timed (best of 5):
the first page of 100 with its count, the page at offset 10,000, the first page
filtered by action and actor, and writing one campaign's log as CSV. Printed:
wall and CPU time (time.process_time) for each. PostgreSQL runs in a fresh
database, dropped after.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def fill(target: str, count: int) -> tuple[object, uuid.UUID]:
    from sqlalchemy import insert

    from listening_tui.db.tables import AuditRow
    from listening_tui.domain.audit import ACTIONS
    from listening_tui.domain.forms import Campaign
    from listening_tui.services.campaigns import create_campaign
    from listening_tui.services.database import open_database

    database = open_database(target)
    campaigns = [
        create_campaign(database, Campaign(id=uuid.uuid4(), name=f"Campaign {n}")).id
        for n in range(2)
    ]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [
        {
            "id": uuid.uuid4(),
            "campaign_id": campaigns[n % 2],
            "at": start + timedelta(seconds=n),
            "actor": f"Person {n % 5}",
            "action": ACTIONS[n % len(ACTIONS)],
            "target_kind": "session",
            "target_id": uuid.uuid4(),
            "summary": f"group session, {n % 7} issues, version 1",
        }
        for n in range(count)
    ]
    with database.engine.begin() as connection:
        for chunk in range(0, count, 10_000):
            connection.execute(insert(AuditRow), rows[chunk : chunk + 10_000])
    return database, campaigns[0]


def timed(label: str, run: object) -> None:
    best_wall = best_cpu = float("inf")
    for _ in range(5):
        wall, cpu = time.perf_counter(), time.process_time()
        run()  # type: ignore[operator]
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    print(f"  {label:<44} {best_wall * 1000:8.1f} ms wall {best_cpu * 1000:8.1f} ms CPU")


def measure(target: str, count: int, folder: Path) -> None:
    from listening_tui.domain.audit import AuditQuery
    from listening_tui.services.audit import audit_page, export_audit

    database, campaign_id = fill(target, count)
    query = AuditQuery(campaign_id=campaign_id)
    narrow = AuditQuery(campaign_id=campaign_id, action="exported", actor="Person 3")
    outs = iter(folder / f"audit-{uuid.uuid4().hex}.csv" for _ in range(10))
    timed("first page of 100 + count", lambda: audit_page(database, query, 0, 100))
    timed("page at offset 10,000", lambda: audit_page(database, query, 10_000, 100))
    timed("first page filtered by action and actor", lambda: audit_page(database, narrow, 0, 100))
    timed(
        f"CSV of one campaign ({count // 2:,} entries)",
        lambda: export_audit(database, next(outs), query),
    )
    database.close()  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--pg", help="an admin URL; runs PostgreSQL in a fresh database too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print(f"SQLite, {args.entries:,} entries")
        measure(str(Path(folder) / "bench.db"), args.entries, Path(folder))
        if args.pg:
            from sqlalchemy import create_engine, text
            from sqlalchemy.engine import make_url

            name = f"ltui_bench_{uuid.uuid4().hex[:10]}"
            admin = create_engine(
                make_url(args.pg).set(database="postgres"), isolation_level="AUTOCOMMIT"
            )
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                print(f"PostgreSQL, {args.entries:,} entries")
                url = make_url(args.pg).set(database=name).render_as_string(hide_password=False)
                measure(url, args.entries, Path(folder))
            finally:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()


if __name__ == "__main__":
    main()
