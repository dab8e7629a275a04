"""``listening-tui backup --out FILE``: a consistent copy, safe while the app runs."""

from __future__ import annotations

import argparse
from typing import Any

from listening_tui.commands import open_database_for


def add_parser(commands: Any) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "backup",
        help="write a consistent copy of the database (safe while the app runs)",
        description=(
            "Copy the SQLite campaign database to a new file, safely while listeners are "
            "saving, and check the copy. For PostgreSQL use pg_dump."
        ),
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="the new file to write")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Copy, check the copy, print its path."""
    from pathlib import Path

    from listening_tui.services.maintenance import backup_database

    database = open_database_for(args)
    try:
        written = backup_database(database, Path(args.out).expanduser())
    finally:
        database.close()
    print(written)
    return 0
