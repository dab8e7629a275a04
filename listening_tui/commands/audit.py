"""``listening-tui audit``: who created, edited, deleted, exported, imported, erased and voted."""

from __future__ import annotations

import argparse
from typing import Any

from listening_tui.commands import open_database_for

ACTIONS = ("created", "edited", "deleted", "restored", "exported", "imported", "erased", "voted")
"""domain.audit.ACTIONS again, so --help needs no pydantic (a unit test keeps them equal)."""


def add_parser(commands: Any) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "audit",
        help="print the audit log, newest first (or write it as CSV)",
        description=(
            "Print the audit log, newest first, one entry a line: when, who, what, the "
            "kind and id of what it was done to, and a summary (counts only, never a "
            "person's name). With --out, write it to a new CSV file instead."
        ),
    )
    parser.add_argument(
        "--campaign",
        metavar="C",
        help="only this campaign's entries (its name or id); default: every entry",
    )
    parser.add_argument("--action", choices=ACTIONS, help="only entries of this action")
    parser.add_argument("--by", metavar="NAME", help="only entries by this name")
    parser.add_argument("--out", metavar="FILE", help="write a CSV file instead of printing")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the entries (or write them, then say where and how many)."""
    from pathlib import Path

    from listening_tui.domain.audit import AuditQuery
    from listening_tui.services.audit import audit_entries, export_audit
    from listening_tui.services.campaigns import resolve_campaign

    database = open_database_for(args)
    try:
        campaign_id = resolve_campaign(database, args.campaign).id if args.campaign else None
        query = AuditQuery(campaign_id=campaign_id, action=args.action, actor=args.by)
        if args.out:
            written = export_audit(database, Path(args.out), query)
            print(Path(args.out).expanduser().absolute())
            print("1 entry" if written == 1 else f"{written} entries")
            return 0
        for entry in audit_entries(database, query):
            when = entry.at.astimezone().isoformat(timespec="seconds")
            target = (
                f"{entry.target_kind} {entry.target_id}" if entry.target_id else entry.target_kind
            )
            print("\t".join((when, entry.actor, entry.action, target, entry.summary)))
    finally:
        database.close()
    return 0
