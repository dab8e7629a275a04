"""``listening-tui check``: integrity and consistency; exit status 1 when anything is wrong."""

from __future__ import annotations

import argparse
from typing import Any

from listening_tui.commands import open_database_for


def add_parser(commands: Any) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "check",
        help="check the database's integrity and consistency (exit 1 when something is wrong)",
        description=(
            "Run SQLite's integrity check and the project's own checks: issue positions "
            "1..n without gaps, every theme known to its campaign, the kept versions of "
            "sessions. Prints what was checked and anything wrong; exit status 1 if so."
        ),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print each check with 'ok' or its problems."""
    from listening_tui.db.checks import LIMIT
    from listening_tui.services.maintenance import check_database

    database = open_database_for(args)
    try:
        results = check_database(database)
    finally:
        database.close()
    wrong = 0
    for result in results:
        if not result.problems:
            print(f"ok     {result.name}")
            continue
        wrong += len(result.problems)
        print(f"WRONG  {result.name}: {len(result.problems)} problem(s)")
        for problem in result.problems[:LIMIT]:
            print(f"       - {problem}")
        if len(result.problems) > LIMIT:
            print(f"       ... and {len(result.problems) - LIMIT} more")
    print(
        f"{database.description}: " + ("all checks passed" if not wrong else f"{wrong} problem(s)")
    )
    return 1 if wrong else 0
