"""``listening-tui themes suggest``: proposed themes for a campaign's unthemed issues.

Applies nothing: the recorder accepts, edits or rejects each proposal in the
app (or by hand). Same service as the app's review (services.suggestions).
"""

from __future__ import annotations

import argparse
from typing import Any

FORMATS = ("table", "json")


def add_parser(commands: Any) -> None:
    """Register ``themes`` and its sub-command ``suggest``."""
    parser = commands.add_parser(
        "themes",
        help="work with themes: suggest groups for unthemed issues",
        description="Work with a campaign's themes.",
    )
    actions = parser.add_subparsers(dest="themes_command", metavar="ACTION", required=True)
    suggest = actions.add_parser(
        "suggest",
        help="proposed themes for unthemed issues (applies nothing)",
        description=(
            "Propose groups of unthemed issues that say the same thing in other words, and "
            "unthemed issues that could join an existing theme. Nothing is changed."
        ),
    )
    suggest.add_argument(
        "--campaign",
        metavar="C",
        help="the campaign's name or id (may be left out when the database holds one)",
    )
    suggest.add_argument("--format", choices=FORMATS, default="table", help="default: table")
    suggest.add_argument(
        "--db",
        metavar="TARGET",
        default=argparse.SUPPRESS,
        help="the database (as before the command)",
    )
    suggest.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Suggest, then print as JSON or as a readable list."""
    import json

    from listening_tui.commands import open_database_for
    from listening_tui.services.campaigns import resolve_campaign
    from listening_tui.services.suggestions import issue_wordings, suggest_themes

    database = open_database_for(args)
    try:
        campaign = resolve_campaign(database, args.campaign)
        suggestions = suggest_themes(database, campaign.id)
        wordings = issue_wordings(database, campaign.id) if args.format == "table" else {}
    finally:
        database.close()
    if args.format == "json":
        print(json.dumps([suggestion.output() for suggestion in suggestions], indent=2))
        return 0
    if not suggestions:
        print(f"No suggestions for {campaign.name}: no unthemed issues say the same thing.")
        return 0
    print(f"Suggested themes for {campaign.name} (nothing applied):")
    for number, suggestion in enumerate(suggestions, start=1):
        count = len(suggestion.issue_ids)
        issues = f"{count} issue{'s' if count != 1 else ''}"
        verb = "Join theme" if suggestion.theme_id is not None else "New theme"
        print(f'\n{number}. {verb} "{suggestion.theme}" ({issues})')
        for issue_id in suggestion.issue_ids:
            print(f"   - {_shorten(wordings.get(issue_id, str(issue_id)))}  [{str(issue_id)[:8]}]")
    return 0


def _shorten(text: str, width: int = 60) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"
