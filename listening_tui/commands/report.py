"""``listening-tui report``: the collated results as a document to print or send."""

from __future__ import annotations

import argparse
from typing import Any

from listening_tui.commands import open_database_for


def add_parser(commands: Any) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "report",
        help="write the campaign's results as a document to print or send (HTML or Markdown)",
        description=(
            "Write who was heard, the ranked issues, the key conclusions with their chosen "
            "quotes and the saturation chart to FILE: HTML if it ends in .html, Markdown if "
            "it ends in .md. The report names nobody, holds no contact details and prints "
            "only quotes their speakers agreed decision makers may hear. An existing file is "
            "never overwritten."
        ),
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="report.html or report.md")
    parser.add_argument(
        "--campaign",
        metavar="C",
        help="the campaign's name or id (needed when the database holds more than one)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the report, then print where it went."""
    from pathlib import Path

    from listening_tui.services import reports

    out = Path(args.out)
    reports.report_format(out)  # a wrong suffix is refused before the database is opened
    database = open_database_for(args)
    try:
        written = reports.write_report(database, out, args.campaign)
    finally:
        database.close()
    print(written.path)
    print(
        f"{written.sessions} sessions, {written.conclusions} conclusions, {written.quotes} quotes: "
        f'"{written.campaign_name}"'
    )
    return 0
