"""``listening-tui retention``: contacts past their campaign's retention period."""

from __future__ import annotations

import argparse
from typing import Any

from listening_tui.commands import open_database_for


def add_parser(commands: Any) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "retention",
        help="list contact details past (or near) their retention period; --apply expires them",
        description=(
            "List the contact details kept longer than their campaign's retention period "
            "(12 months after the session unless the campaign says otherwise), and those "
            "expiring within 30 days. With --apply, the expired ones are emptied, in "
            "earlier versions too; the consent stays recorded as given."
        ),
    )
    parser.add_argument("--apply", action="store_true", help="empty the expired contacts")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the list (after expiring, with --apply)."""
    from listening_tui.services.privacy import contacts_due, expire_contacts

    database = open_database_for(args)
    try:
        report = expire_contacts(database) if args.apply else contacts_due(database)
    finally:
        database.close()
    if args.apply:
        counts = report.expired_counts
        done = counts.get("interviewees", 0) + counts.get("references", 0)
        print(f"Expired {done} contact details ({counts.get('revisions', 0)} earlier versions).")
        if report.file_note:
            print(report.file_note)
    if not report.due:
        print("No contact details are due to expire.")
        return 0
    for item in report.due:
        state = "EXPIRED" if item.expired else "expires"
        print(
            f"{state:<8}{item.expires_on.isoformat()}  {item.name} ({item.role}, session of "
            f"{item.held_on.isoformat()}): {item.contact}  [{item.campaign_name}]"
        )
    return 0
