"""``listening-tui contacts --out FILE``: the people who agreed to be contacted, as CSV."""

from __future__ import annotations

import argparse
from typing import Any

from listening_tui.commands import open_database_for


def add_parser(commands: Any) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "contacts",
        help="write the people who agreed to be contacted (CSV)",
        description=(
            "Write a CSV of the interviewees who agreed to be contacted: name, contact, "
            "subgroup, affiliations, potential leader and the session they came from. "
            "Nobody without consent appears; people suggested as references appear only "
            "once they have been met and agreed themselves."
        ),
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="the CSV file to write")
    parser.add_argument(
        "--campaign",
        metavar="C",
        help="the campaign's name or id (needed when the database holds more than one)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the list and print where it went and how many people it holds."""
    from pathlib import Path

    from listening_tui.services.exports import export_contacts

    database = open_database_for(args)
    try:
        written = export_contacts(database, Path(args.out), args.campaign)
    finally:
        database.close()
    print(written.path)
    who = "1 person" if written.people == 1 else f"{written.people} people"
    print(f"{who} agreed to be contacted")
    return 0
