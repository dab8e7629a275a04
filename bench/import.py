"""Benchmark: import and export of a 50,000-session bundle; prints time and peak memory.

    .venv/bin/python bench/import.py [--sessions N] [--db postgresql+psycopg://...]

Goals on SQLite: import under 10 s and under 1 GB. The sealed steps write the
export sealed with a passphrase (AES-256-GCM, scrypt) and import it into a fresh
database: their peak memory should be the plain steps' (the plaintext is held
once, as the plain import holds the file's bytes once). Each step runs in a child
process, so its peak resident memory (``ru_maxrss``) is its own; the figure
printed beside it is the same child's memory just before the step began
(Python, SQLAlchemy and pydantic loaded), so the difference is the step's.
CPU seconds are printed beside wall-clock seconds because on a shared machine
the wall clock also counts other people's work; the load is the one-minute load
average as the step began (above the number of cores, steps wait for a core).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

NAMESPACE = uuid.UUID("4b7c2f0e-8a61-4f57-b1f3-2d9c0e6a5b14")
PASSPHRASE = "a bench passphrase"


def make_bundle(path: Path, sessions: int) -> dict[str, int]:
    """Write a bundle of ``sessions`` sessions, copies of the sample's with fresh ids."""
    from listening_tui.interchange.writer import to_json, write_bundle
    from listening_tui.services.sample_content import sample_bundle

    sample: dict[str, Any] = sample_bundle()
    models = sample["sessions"]
    first_day = date.today() - timedelta(days=365)
    issues = 0

    def copies() -> Any:
        nonlocal issues
        for n in range(sessions):
            session = json.loads(json.dumps(models[n % len(models)]))
            session["id"] = str(uuid.uuid5(NAMESPACE, f"session/{n}"))
            session["held_on"] = (first_day + timedelta(days=n % 365)).isoformat()
            for m, issue in enumerate(session["issues"]):
                issue["id"] = str(uuid.uuid5(NAMESPACE, f"session/{n}/issue/{m}"))
            issues += len(session["issues"])
            yield to_json(session)

    head = {k: sample[k] for k in ("format", "version", "exported_at", "anonymised", "campaign")}
    with path.open("w", encoding="utf-8") as out:
        write_bundle(out, head, [to_json(theme) for theme in sample["themes"]], copies())
    return {"sessions": sessions, "issues": issues, "bytes": path.stat().st_size}


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KB)."""
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6


def child(step: str, db: str, path: str) -> None:
    """Run one step in this (child) process and print its figures as JSON."""
    from listening_tui.services.database import open_database
    from listening_tui.services.exports import export_bundle, export_csv
    from listening_tui.services.imports import import_bundle

    database = open_database(db)
    before = peak_mb()
    start, cpu = time.perf_counter(), time.process_time()
    if step in ("import", "sealed import"):
        sealed = PASSPHRASE if step == "sealed import" else None
        report = import_bundle(database, Path(path), passphrase=sealed)
        detail = f"{report.sessions_added} added, {report.sessions_unchanged} unchanged"
    elif step == "csv":
        sheets = export_csv(database, Path(path))
        detail = f"{sheets.sessions} sessions, {sheets.issues} issues"
    else:
        sealed = PASSPHRASE if step == "sealed export" else None
        anonymise = step == "anonymised export"
        written = export_bundle(database, Path(path), anonymise=anonymise, passphrase=sealed)
        detail = f"{written.sessions} sessions, {Path(path).stat().st_size / 1e6:.1f} MB"
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    database.close()
    figures = {"seconds": seconds, "cpu": cpu, "peak": peak_mb(), "before": before}
    print(json.dumps({**figures, "detail": detail}))


def run_child(step: str, db: str, path: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", step, db, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"{step} failed:\n{result.stderr}")
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50_000)
    parser.add_argument("--db", help="a PostgreSQL URL (its tables must be empty); default SQLite")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        bundle = work / "bundle.json"
        start = time.perf_counter()
        made = make_bundle(bundle, args.sessions)
        print(
            f"bundle: {made['sessions']:,} sessions, {made['issues']:,} issues, "
            f"{made['bytes'] / 1e6:.1f} MB, written in {time.perf_counter() - start:.1f} s"
        )
        db = args.db or str(work / "bench.db")
        print(f"database: {'PostgreSQL' if args.db else 'SQLite file'}")
        steps = [
            ("import", bundle),
            ("import again", bundle),
            ("export", work / "export.json"),
            ("anonymised export", work / "anonymous.json"),
            ("csv", work / "csv"),
            ("sealed export", work / "sealed.bundle"),
            ("sealed import", work / "sealed.bundle"),
        ]
        for step, path in steps:
            # The sealed import goes into a fresh SQLite file, to compare with the first import.
            into = str(work / "sealed.db") if step == "sealed import" and not args.db else db
            load = os.getloadavg()[0]
            figures = run_child(step.replace(" again", ""), into, path)
            print(
                f"{step:18} {figures['seconds']:6.1f} s (CPU {figures['cpu']:5.1f} s, load "
                f"{load:3.1f})   peak {figures['peak']:5.0f} MB (before: {figures['before']:3.0f} "
                f"MB)   {figures['detail']}"
            )
            if step == "import":
                rate = args.sessions / figures["seconds"]
                print(f"{'':18} {rate:,.0f} sessions/s; goal under 10 s and 1000 MB")


if __name__ == "__main__":
    main()
