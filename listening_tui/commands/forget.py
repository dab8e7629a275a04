"""``listening-tui forget --person NAME``: erase a person everywhere (a preview without --yes)."""

from __future__ import annotations

import argparse
from typing import Any

from listening_tui.commands import open_database_for


def add_parser(commands: Any) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "forget",
        help="erase a person everywhere (shows what it would change unless --yes)",
        description=(
            "Erase a person from a campaign: their name and contact as interviewee, "
            "reference and quote attribution, in earlier versions and drafts too, and "
            "their name inside notes and issue texts. The issues stay, anonymous, so the "
            "ranking does not change. Without --yes nothing is changed: it shows what "
            "would be."
        ),
    )
    parser.add_argument("--person", required=True, metavar="NAME", help="the name as written")
    parser.add_argument(
        "--campaign",
        metavar="C",
        help="the campaign's name or id (needed when the database holds more than one)",
    )
    parser.add_argument(
        "--delete-quotes", action="store_true", help="also delete the quotes they gave"
    )
    parser.add_argument("--yes", action="store_true", help="do it (without: only show)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Show (or, with --yes, make) the erasure."""
    from listening_tui.services.privacy import describe_forget, forget_person, preview_forget

    database = open_database_for(args)
    try:
        act = forget_person if args.yes else preview_forget
        report = act(database, args.person, args.campaign, args.delete_quotes)
    finally:
        database.close()
    for line in describe_forget(report):
        print(line)
    return 0
