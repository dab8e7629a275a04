"""Benchmark of services.analysis.group_details: opening one line of a large ranking.

Uses bench/rank.py's campaign of 50,000 sessions (about 175,000 issues; reused
when the file already holds it) and prints the median time to open the
details of the top theme (thousands of sessions, the 500 most recent read),
of an unthemed group, and of the top theme under filters, beside the
ranking itself for scale. Figures only; nothing here asserts a time.

Measured 2026-11-22 on the shared 2-CPU VM (load average about 4), median of 9:

    SQLite      ranked_issues 861 ms; details of the top theme (7,648 sessions) 81 ms,
                of an unthemed text (211 sessions) 14 ms, of the top theme filtered 162 ms
    PostgreSQL  ranked_issues 631 ms; top theme 98 ms, unthemed text 29 ms, filtered 71 ms

An EXISTS per session of the campaign (the first version) took 919 ms and
1,095 ms on SQLite for the first two: driving from the group's issues won.

    .venv/bin/python bench/group_details.py --db /tmp/bench.db
    .venv/bin/python bench/group_details.py --pg postgresql+psycopg://postgres@127.0.0.1/bench
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from rank import CAMPAIGN_ID, load  # bench/rank.py, beside this script

from listening_tui.domain.group_details import GroupKey
from listening_tui.domain.ranking import RankingFilter
from listening_tui.services.analysis import group_details, ranked_issues
from listening_tui.services.database import open_database


def median_ms(job: Callable[[], Any], runs: int) -> tuple[float, Any]:
    job()  # warm the caches once
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = job()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a SQLite file to use (and keep)")
    parser.add_argument("--pg", help="a PostgreSQL URL instead")
    parser.add_argument("--sessions", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    target = args.pg or args.db or str(Path(tempfile.mkdtemp()) / "bench.db")
    database = open_database(target)
    try:
        issues = load(database, args.sessions)
        everything = RankingFilter(campaign_id=CAMPAIGN_ID)
        print(f"{database.dialect}: {args.sessions:,} sessions, {issues:,} issues")
        ms, ranked = median_ms(lambda: ranked_issues(database, everything), args.runs)
        print(f"  ranked_issues (for scale)            {ms:7.1f} ms, {len(ranked):,} groups")
        top = next(g for g in ranked if g.theme_id is not None)
        unthemed = next(g for g in ranked if g.theme_id is None)
        filtered = RankingFilter(
            campaign_id=CAMPAIGN_ID,
            kind="group",
            date_from=date(2026, 3, 1),
            date_to=date(2026, 6, 30),
        )
        cases = [
            ("top theme, all sessions", top, everything),
            ("unthemed group, all sessions", unthemed, everything),
            ("top theme, group sessions Mar-Jun", top, filtered),
        ]
        for label, group, chosen in cases:

            def job(group: Any = group, chosen: RankingFilter = chosen) -> Any:
                return group_details(database, CAMPAIGN_ID, GroupKey.of(group), chosen)

            ms, details = median_ms(job, args.runs)
            print(
                f"  group_details {label:<24} {ms:7.1f} ms, {len(details.sessions)} of "
                f"{details.session_total:,} sessions, {len(details.issues)} issues"
            )
    finally:
        database.close()


if __name__ == "__main__":
    main()
