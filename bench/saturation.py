"""Benchmark of the saturation service and the report on a large campaign.

Reuses bench/rank.py's 50,000-session campaign (about 175,000 issues, Core bulk
inserts) and prints the median time of ``services.saturation.saturation`` (one
windowed GROUP BY plus the subgroup counts), of ``ranked_issues`` beside it for
scale, and of writing the whole Markdown and HTML report once. Figures only;
nothing here asserts a time.

    .venv/bin/python bench/saturation.py                     # SQLite, a temporary file
    .venv/bin/python bench/saturation.py --db /tmp/bench.db  # keep (and reuse) the file

Measured 2026-11-22 on a shared 2-CPU VM (load average 6, other helpers'
tests running; a 10-million step Python loop 0.65 s), median of 7:

    saturation     2104 ms wall, 1310 ms CPU; ranked_issues 1054 ms wall, 728 ms CPU (2.0x)
    report.md 5.4 s, report.html 3.7 s (28 and 96 KiB), written once each

The report also reads every name in the database (revisions included) for the
anonymiser, as the anonymised export does.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from rank import CAMPAIGN_ID, calibration_s, load, medians

from listening_tui.domain.ranking import RankingFilter
from listening_tui.services.analysis import ranked_issues
from listening_tui.services.database import open_database
from listening_tui.services.reports import write_report
from listening_tui.services.saturation import saturation


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a SQLite file to build (or reuse)")
    parser.add_argument("--sessions", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-saturation-")
    target = args.db or os.path.join(folder, "bench.db")
    database = open_database(target)
    try:
        start = time.perf_counter()
        loaded = load(database, args.sessions)
        took = time.perf_counter() - start
        print(f"campaign: {args.sessions} sessions, {loaded} issues, ready in {took:.1f} s")
        print(f"calibration: 10M-step Python loop {calibration_s():.2f} s")
        print(f"load average: {os.getloadavg()[0]:.1f}")
        figures = saturation(database, CAMPAIGN_ID)
        print(f"saturation: {len(figures.sessions)} sessions, {figures.total_concerns} concerns")
        timings = medians(
            {
                "saturation": lambda: saturation(database, CAMPAIGN_ID),
                "ranked_issues": lambda: ranked_issues(
                    database, RankingFilter(campaign_id=CAMPAIGN_ID)
                ),
            },
            args.runs,
        )
        for name, (wall, cpu, fastest) in timings.items():
            print(f"{name:14} median {wall:6.0f} ms wall, {cpu:6.0f} ms CPU (min {fastest:.0f})")
        ratio = timings["saturation"][0] / timings["ranked_issues"][0]
        print(f"saturation / ranked_issues: {ratio:.2f}x")
        for suffix in (".md", ".html"):
            out = Path(folder) / f"report{suffix}"
            start = time.perf_counter()
            write_report(database, out, str(CAMPAIGN_ID))
            took = time.perf_counter() - start
            print(f"report{suffix:6} {took * 1000:7.0f} ms, {out.stat().st_size // 1024} KiB")
    finally:
        database.close()


if __name__ == "__main__":
    main()
