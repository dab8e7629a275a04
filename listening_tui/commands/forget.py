"""``listening-tui forget --person NAME``: erase a person everywhere (a preview without --yes)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from listening_tui.commands import open_database_for

if TYPE_CHECKING:
    from listening_tui.services.privacy import ForgetReport

COUNT_LABELS = (
    ("interviewees", "as the person heard"),
    ("references", "as a reference"),
    ("attributions", "quote attributions emptied"),
    ("quotes_deleted", "quotes deleted"),
    ("listeners", "as leader or recorder"),
    ("contacts", "contact details removed"),
    ("texts", "texts where the name or contact is replaced"),
    ("revisions", "earlier versions rewritten"),
    ("drafts", "drafts rewritten"),
)
"""The counts of a ForgetReport, in the order and words they are printed."""


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
    from listening_tui.services.privacy import forget_person, preview_forget

    database = open_database_for(args)
    try:
        act = forget_person if args.yes else preview_forget
        report = act(database, args.person, args.campaign, args.delete_quotes)
    finally:
        database.close()
    for line in describe(report):
        print(line)
    return 0


def describe(report: ForgetReport) -> list[str]:
    """The report in lines, for the command line and the app alike."""
    if not report.found:
        return [f"Nobody of that name is found in {report.campaign_name}; nothing to change."]
    head = "Changed" if report.applied else "Would change (nothing is changed without --yes)"
    lines = [f"{head} in {report.campaign_name}:"]
    for key, label in COUNT_LABELS:
        if report.counts.get(key):
            lines.append(f"  {report.counts[key]:>4}  {label}")
    lines.append(f"  {report.counts.get('sessions', 0):>4}  sessions touched:")
    for place in report.sessions:
        held = place.held_on.isoformat() if place.held_on else "(deleted)"
        lines.append(f"        {held}  {place.leader}: {', '.join(place.what)}")
    if report.elsewhere:
        lines.append(f"  also: {', '.join(report.elsewhere)}")
    if report.file_note:
        lines.append(report.file_note)
    if report.applied:
        lines.append(
            "Backups, exported bundles and other laptops still hold the name: "
            "forget the person there too."
        )
    return lines
