"""Benchmark of services.analysis.ranked_issues on a large campaign.

Loads a campaign of 50,000 sessions (about 175,000 issues) with Core bulk
inserts, then prints the median time of ``ranked_issues`` and its ratio to one
bare GROUP BY over the same join and groups. Goals: under 300 ms on SQLite,
under 2x the bare query. Figures only; nothing here asserts a time. CPU time is
printed beside wall time, the steadier figure on a shared machine: this
process's for SQLite (it runs in-process), the server's processes' for a
PostgreSQL on this machine. The SQLite file is not ANALYZEd (the app never
does); PostgreSQL is VACUUMed and ANALYZEd, as autovacuum soon would.

    .venv/bin/python bench/rank.py                       # SQLite, a temporary file
    .venv/bin/python bench/rank.py --db /tmp/bench.db    # keep (and reuse) the file
    .venv/bin/python bench/rank.py --pg postgresql+psycopg://postgres@127.0.0.1/bench

Measured 2026-11-22 on a shared 2-CPU VM (load average about 2, a 10-million
step Python loop 0.39 s), median of 9, with one query over both kinds of group:

    SQLite      ranked_issues 770 ms (fastest 570 ms CPU), bare GROUP BY 484 ms: 1.6x
    PostgreSQL  ranked_issues 600 ms, bare GROUP BY 84 ms (a hash aggregate): 7x
    Either, with kind + subgroup + date filters: 47 ms (SQLite), 66 ms (PostgreSQL)

Measured 2026-12-07 on the same VM (load average 4.4-5.3), median of 9, the
previous code (migration 0008) and this one run alternately, twice; ms wall / CPU:

                      ranked_issues        bare GROUP BY      ratio (CPU)   narrow filter
    SQLite   before   706-1137 / 516-529   419-632 / 292-312  1.7-1.8x      45-126 / 40-43
             after    292-463 / 254-261    266-455 / 230-249  1.05-1.11x    48-66 / 43-44
    Postgres before   464-760 / 330-380    89-146 / 60        5.5-6.3x      58-103 / 20
             after    342-375 / 260        82-116 / 50        5.2x          70-79 / 40

Then once each at load average 0.7-1.4 (a 10-million step loop 0.29 s), ms wall / CPU:

    SQLite   before   551 / 541            322 / 314          1.73x         45 / 45
             after    269 / 265            250 / 244          1.09x         47 / 47
    Postgres before   323 / 290            59 / 60            4.8x          33 / 20
             after    203 / 260            59 / 50            5.2x          44 / 30

PostgreSQL's wall time is below its CPU time where parallel workers help.

What changed: themes and unthemed texts are summed by two queries, each reading
its groups' issues in the order of an index made for it (migration 0009), so
SQLite groups them as it reads instead of sorting every issue; each issue's
session comes from a covering index; no probe for an earlier issue at position
1; SQLite reads through a memory map. On SQLite (CPU, load about 6) the themes'
query takes ~130 ms: reading 122,000 issues 9, probing for an earlier issue in
the theme 43, finding the sessions 41, the sums 25, the distinct subgroups 13;
the unthemed texts' ~85 ms: reading 52,000 issues 4, probes 20, sessions 28,
sums and the earliest issue 28, subgroups 5; Python ~15 ms. The bare GROUP BY
still reads every session of the campaign and sorts the issues (its plan is
unchanged, the memory map helps it too), so the ranking now costs about what it
does. PostgreSQL hashes: the bare query is one hash join and one hash
aggregate (~50 ms CPU). The ranking's EXPLAIN ANALYZE (whose timing about
doubles the figures), themes then texts: finding the best issues 110 ms (a
merge anti-join over ix_issues_theme_sessions) and 112 ms (a hash anti-join),
joining the filtered sessions 200 and 90 ms (a hash of the 50,000 sessions
built for each), summing per group and subgroup 70 and 80 ms. Its ratio goal
is not met.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import case, func, insert, select

from listening_tui.db.engine import Database
from listening_tui.db.tables import CampaignRow, IssueRow, SessionRow, ThemeRow
from listening_tui.domain.ranking import RankingFilter, normalise_issue_text
from listening_tui.services.analysis import ranked_issues
from listening_tui.services.database import open_database

CAMPAIGN_ID = uuid.UUID("5e1f0000-0000-4000-8000-00000000bec4")
"""The benchmark's campaign; a database that already holds it is reused as it is."""
THEMES = [
    "Pay not keeping up with bills",
    "Short staffing",
    "Unsafe workloads",
    "Housing repairs left undone",
    "Buses cut",
    "Library closures",
    "Bullying managers",
    "Rota changes at short notice",
    "Broken equipment",
    "Pensions",
    "Childcare costs",
    "Parking at work",
    "Training cut",
    "Agency staff",
    "Sick pay",
]
SUBGROUPS = [*(f"Department {n}" for n in range(1, 13)), None, ""]
LEADERS = [f"Leader {n}" for n in range(1, 26)]
BASE_TEXTS = [f"Unthemed concern number {n}" for n in range(1, 301)]
CHUNK = 5000


def _variant(rng: random.Random, text: str) -> str:
    """The same words as a recorder might type them: case, spacing, a final mark."""
    choice = rng.randrange(5)
    if choice == 1:
        text = text.upper()
    elif choice == 2:
        text = text.lower() + rng.choice(".!?")
    elif choice == 3:
        text = text.replace(" ", "  ")
    return text


def load(database: Database, sessions: int, seed: int = 1) -> int:
    """Bulk-load the benchmark campaign (unless present); returns its issue count."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    stamps = {"row_created_at": now, "row_updated_at": now}
    with database.engine.begin() as connection:
        present = connection.scalar(select(CampaignRow.id).where(CampaignRow.id == CAMPAIGN_ID))
        if present is not None:
            return int(
                connection.scalar(
                    select(func.count())
                    .select_from(IssueRow)
                    .join(SessionRow, SessionRow.id == IssueRow.session_id)
                    .where(SessionRow.campaign_id == CAMPAIGN_ID)
                )
                or 0
            )
        connection.execute(
            insert(CampaignRow.__table__), [{"id": CAMPAIGN_ID, "name": "Benchmark", **stamps}]
        )
        theme_ids = [uuid.UUID(int=rng.getrandbits(128)) for _ in THEMES]
        connection.execute(
            insert(ThemeRow.__table__),
            [
                {
                    "id": tid,
                    "campaign_id": CAMPAIGN_ID,
                    "name": name,
                    "name_key": name.casefold(),
                    **stamps,
                }
                for tid, name in zip(theme_ids, THEMES, strict=True)
            ],
        )
        session_rows: list[dict[str, Any]] = []
        issue_rows: list[dict[str, Any]] = []
        issue_count = 0
        first_day = date(2026, 1, 1)
        for _ in range(sessions):
            sid = uuid.UUID(int=rng.getrandbits(128))
            group = rng.random() < 0.4
            held_on = first_day + timedelta(days=rng.randrange(300))
            created = datetime(held_on.year, held_on.month, held_on.day, tzinfo=UTC) + timedelta(
                minutes=rng.randrange(24 * 60)
            )
            session_rows.append(
                {
                    "id": sid,
                    "campaign_id": CAMPAIGN_ID,
                    "kind": "group" if group else "one_to_one",
                    "leader": rng.choice(LEADERS),
                    "held_on": held_on,
                    "community": "Benchmark Council",
                    "subgroup": rng.choice(SUBGROUPS),
                    "participant_count": rng.randint(2, 30) if group else 1,
                    "potential_leader": False,
                    "would_act": rng.choice(["yes", "no", "dont_know", None]),
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                    **stamps,
                }
            )
            for position in range(1, rng.randint(1, 6) + 1):
                if rng.random() < 0.7:
                    theme_id: uuid.UUID | None = rng.choice(theme_ids)
                    text = f"Something about {rng.randrange(1000)}"
                else:
                    theme_id = None
                    text = _variant(rng, rng.choice(BASE_TEXTS))
                issue_rows.append(
                    {
                        "id": uuid.UUID(int=rng.getrandbits(128)),
                        "session_id": sid,
                        "position": position,
                        "text": text,
                        "text_key": normalise_issue_text(text),
                        "key_issue": rng.choice(["yes", "no", "dont_know"]),
                        "theme_id": theme_id,
                    }
                )
            if len(session_rows) >= CHUNK:
                issue_count += _flush(connection, session_rows, issue_rows)
        issue_count += _flush(connection, session_rows, issue_rows)
    if database.dialect == "postgresql":
        # Autovacuum would soon do the same (it vacuums after many inserts too, which lets
        # index-only scans skip the table); the app never ANALYZEs a SQLite file, so neither
        # do we.
        with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as auto:
            auto.exec_driver_sql("VACUUM ANALYZE")
    return issue_count


def _flush(connection: Any, sessions: list[dict[str, Any]], issues: list[dict[str, Any]]) -> int:
    if sessions:
        connection.execute(insert(SessionRow.__table__), sessions)
    count = len(issues)
    if issues:
        connection.execute(insert(IssueRow.__table__), issues)
    sessions.clear()
    issues.clear()
    return count


def bare_group_by(database: Database) -> int:
    """One plain GROUP BY over the same join and groups, as the database's planner runs it.

    A yardstick, not a floor: on SQLite it reads the campaign's sessions and sorts
    every issue to group them, which the ranking's two queries avoid.
    """
    group_text = case((IssueRow.theme_id.is_(None), IssueRow.text_key))
    statement = (
        select(
            IssueRow.theme_id,
            group_text,
            func.count(),
            func.sum(7 - IssueRow.position),
            func.sum(SessionRow.participant_count),
        )
        .join(SessionRow, SessionRow.id == IssueRow.session_id)
        .where(SessionRow.campaign_id == CAMPAIGN_ID)
        .group_by(IssueRow.theme_id, group_text)
    )
    with database.engine.connect() as connection:
        return len(connection.execute(statement).all())


Timing = tuple[float, float, float]
"""Median wall, median CPU, and fastest CPU time, in ms."""


def process_cpu_ms() -> float:
    """CPU time of this process: SQLite runs in it."""
    return time.process_time() * 1000


def medians(
    works: dict[str, Callable[[], object]],
    runs: int,
    cpu_ms: Callable[[], float] = process_cpu_ms,
) -> dict[str, Timing]:
    """Times of each piece of work, run in turn so that other load hits all alike."""
    for work in works.values():
        work()  # warm up caches and prepared statements
    wall: dict[str, list[float]] = {name: [] for name in works}
    cpu: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(runs):
        for name, work in works.items():
            start_wall, start_cpu = time.perf_counter(), cpu_ms()
            work()
            wall[name].append((time.perf_counter() - start_wall) * 1000)
            cpu[name].append(cpu_ms() - start_cpu)
    return {
        name: (statistics.median(wall[name]), statistics.median(cpu[name]), min(cpu[name]))
        for name in works
    }


def server_cpu_ms(database: Database) -> Callable[[], float] | None:
    """CPU time of the PostgreSQL server processes serving this database, or None.

    The backends' own time, plus the time of the server's children that ended
    (parallel workers, counted by the postmaster once they exit; any other
    database's connections that close meanwhile count too). Read from /proc, so
    only for a server on this machine whose processes we may read; in 10 ms
    ticks. Taken after the warm-up, when the pool's connections exist.
    """
    with database.engine.connect() as connection:
        pids = list(
            connection.exec_driver_sql(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            ).scalars()
        )
    backends = [Path(f"/proc/{pid}/stat") for pid in pids]
    tick_ms = 1000 / os.sysconf("SC_CLK_TCK")

    def fields(stat: Path) -> list[str]:
        return stat.read_text().rsplit(")", 1)[1].split()

    try:
        postmaster = Path(f"/proc/{fields(backends[0])[1]}/stat")

        def total() -> float:
            ticks = sum(int(f[11]) + int(f[12]) for f in map(fields, backends))  # utime, stime
            ended = fields(postmaster)
            return (ticks + int(ended[13]) + int(ended[14])) * tick_ms  # cutime, cstime

        total()
    except (OSError, IndexError, ValueError):
        return None
    return total


def calibration_s() -> float:
    """Seconds for ten million steps of a Python loop: how fast (and how busy) this CPU is."""
    start = time.perf_counter()
    total = 0
    for step in range(10_000_000):
        total += step
    return time.perf_counter() - start


def report(database: Database, sessions: int, runs: int) -> None:
    """Load, then time and print."""
    start = time.perf_counter()
    issues = load(database, sessions)
    loaded = time.perf_counter() - start
    print(f"{database.description}: {issues:,} issues ({loaded:.1f} s to load)")
    everything = RankingFilter(campaign_id=CAMPAIGN_ID)
    groups = ranked_issues(database, everything)
    print(f"  {len(groups)} groups; first: {groups[0].theme!r}, {groups[0].points} points")
    narrow = RankingFilter(
        campaign_id=CAMPAIGN_ID,
        kind="group",
        subgroup="Department 3",
        date_from=date(2026, 3, 1),
        date_to=date(2026, 6, 30),
    )
    works: dict[str, Callable[[], object]] = {
        "ranked_issues, whole campaign": lambda: ranked_issues(database, everything),
        "bare GROUP BY, same tables": lambda: bare_group_by(database),
        "ranked_issues, weighting people": lambda: ranked_issues(database, everything, "people"),
        "ranked_issues, kind+subgroup+dates": lambda: ranked_issues(database, narrow),
    }
    for work in works.values():
        work()  # opens the pool's connections before the server's are looked up
    cpu_ms: Callable[[], float] | None = process_cpu_ms
    whose = "this process"
    if database.dialect == "postgresql":
        cpu_ms, whose = server_cpu_ms(database), "the server's processes"
    times = medians(works, runs, cpu_ms or process_cpu_ms)
    heading = f"   CPU  fastest CPU (CPU of {whose})" if cpu_ms is not None else ""
    print(f"  {'(ms; median of ' + str(runs) + ')':36}   wall{heading}")
    for name, (wall, cpu, fastest) in times.items():
        shown = f" {cpu:7.1f} {fastest:8.1f}" if cpu_ms is not None else ""
        print(f"  {name:36} {wall:6.1f}{shown}")
    ranked, bare = times["ranked_issues, whole campaign"], times["bare GROUP BY, same tables"]
    print(f"  ratio ranked / bare, median wall:    {ranked[0] / bare[0]:6.2f} x   (goal < 2x)")
    if cpu_ms is not None:
        print(f"  ratio ranked / bare, median CPU:     {ranked[1] / bare[1]:6.2f} x")
    if database.dialect == "sqlite":
        print("  goal on SQLite: ranked_issues under 300 ms")


def main() -> None:
    """Parse the options and run the benchmark on SQLite, then PostgreSQL if asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="SQLite file to use and keep (reused if loaded)")
    parser.add_argument("--pg", metavar="URL", help="also run on this PostgreSQL database")
    parser.add_argument("--sessions", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    proc = Path("/proc/loadavg")
    load_average = " ".join(proc.read_text().split()[:3]) if proc.exists() else "unknown"
    print(
        f"This machine: 10 million Python loop steps take {calibration_s():.2f} s; "
        f"load average {load_average}; {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "bench.db"
        database = open_database(str(path))
        try:
            report(database, args.sessions, args.runs)
        finally:
            database.close()
    if args.pg:
        database = open_database(args.pg)
        try:
            report(database, args.sessions, args.runs)
        finally:
            database.close()


if __name__ == "__main__":
    main()
