"""Sessions saved per second with 1, 4 and 8 writers at once, on SQLite and PostgreSQL.

    .venv/bin/python bench/concurrency.py [--sessions N] [--pg postgresql+psycopg://...]

Each writer is its own process (as listeners on one machine, or laptops on
one server), saving N complete group sessions (two issues each, a subgroup)
through ``save_session``, the service the form calls, all starting together.
Printed: wall time from the start signal to the last save, sessions per
second over all writers, and the ratio to one writer. SQLite serialises
writers (one write transaction at a time, ``BEGIN IMMEDIATE`` and a busy
timeout, WAL so readers never wait), so its rate stays near one writer's;
PostgreSQL runs writers side by side. Every save must succeed: an error is
printed and the run fails. PostgreSQL runs in a fresh database, dropped after.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def writer(target: str, campaign_id: str, number: int, count: int, start: Any, out: Any) -> None:
    from listening_tui.domain.forms import IssueEntry, SessionForm
    from listening_tui.errors import ListeningError
    from listening_tui.services.database import open_database
    from listening_tui.services.sessions import save_session

    database = open_database(target)
    forms = [
        SessionForm(
            id=uuid.uuid4(),
            kind="group",
            leader=f"Listener {number}",
            held_on=date(2026, 11, 1),
            community="Riverside",
            subgroup=f"Street {n % 6}",
            participant_count=6,
            issues=[
                IssueEntry(id=uuid.uuid4(), text=f"Concern {n % 9}", key_issue="yes"),
                IssueEntry(id=uuid.uuid4(), text="Rents", key_issue="dont_know"),
            ],
        )
        for n in range(count)
    ]
    start.wait()
    error = None
    try:
        for form in forms:
            save_session(database, uuid.UUID(campaign_id), form)
    except ListeningError as exc:
        error = exc.message
    out.put((time.time(), error))
    database.close()


def run(target: str, writers: int, count: int) -> tuple[float, int]:
    from listening_tui.domain.forms import Campaign
    from listening_tui.services import campaigns
    from listening_tui.services.database import open_database

    database = open_database(target)
    campaign = campaigns.create_campaign(
        database, Campaign(id=uuid.uuid4(), name=f"Bench {uuid.uuid4().hex[:6]}")
    )
    database.close()
    context = multiprocessing.get_context("spawn")
    start, out = context.Event(), context.Queue()
    processes = [
        context.Process(target=writer, args=(target, str(campaign.id), n, count, start, out))
        for n in range(writers)
    ]
    for process in processes:
        process.start()
    time.sleep(3)  # every writer has opened the database and built its forms
    began = time.time()
    start.set()
    finished = [out.get(timeout=900) for _ in processes]
    for process in processes:
        process.join()
    errors = [error for _, error in finished if error]
    if errors:
        sys.exit(f"{len(errors)} writer(s) failed: {errors[0]}")
    return max(when for when, _ in finished) - began, writers * count


def report(name: str, target: str, count: int) -> None:
    single = 0.0
    for writers in (1, 4, 8):
        seconds, saved = run(target, writers, count)
        rate = saved / seconds
        single = single or rate
        print(
            f"{name:10} {writers} writer(s): {saved:5} sessions in {seconds:6.2f} s = "
            f"{rate:7.1f} sessions/s ({rate / single:.2f}x one writer)",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=250, help="per writer (default 250)")
    parser.add_argument("--pg", help="a PostgreSQL server URL (a fresh database is made)")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        report("SQLite", str(Path(folder) / "bench.db"), args.sessions)
    if args.pg:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        url = make_url(args.pg)
        name = f"bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            report("PostgreSQL", url.set(database=name).render_as_string(False), args.sessions)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
