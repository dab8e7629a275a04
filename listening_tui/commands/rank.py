"""``listening-tui rank``: the ranked issues of a campaign (spec/ranking.md), as the app shows them.

Every argument is checked before the database is opened, so a bad one
changes nothing (not even creating a database file).
"""

from __future__ import annotations

import argparse
from typing import Any

KINDS = ("one_to_one", "group")
WEIGHTS = ("session", "people")
FORMATS = ("table", "json", "csv")


def add_parser(commands: Any) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "rank",
        help="ranked issues of a campaign (table, JSON or CSV)",
        description=(
            "Collate and rank the campaign's issues as spec/ranking.md says: by points, then "
            "sessions, then key-issue yes answers, then name. Filters combine."
        ),
    )
    parser.add_argument(
        "--campaign",
        metavar="C",
        help="the campaign's name or id (may be left out when the database holds one)",
    )
    parser.add_argument("--kind", choices=KINDS, help="only one-to-one or only group sessions")
    parser.add_argument("--subgroup", metavar="S", help="only sessions of this subgroup (exact)")
    parser.add_argument("--leader", metavar="L", help="only sessions led by this person (exact)")
    parser.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help="only sessions held on or after DATE (YYYY-MM-DD)",
    )
    parser.add_argument(
        "--to", dest="date_to", metavar="DATE", help="only sessions held on or before DATE"
    )
    parser.add_argument(
        "--weight",
        choices=WEIGHTS,
        default="session",
        help="session: every session counts once (default); people: by participants",
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help="default: table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Check the arguments, rank, print."""
    import shutil

    from listening_tui.commands import open_database_for
    from listening_tui.domain.ranking import RankingFilter
    from listening_tui.interchange.ranking import ranking_csv, ranking_json, ranking_table
    from listening_tui.services.analysis import ranked_issues
    from listening_tui.services.campaigns import resolve_campaign

    checked = _checked(args)
    database = open_database_for(args)
    try:
        campaign = resolve_campaign(database, args.campaign)
        ranking_filter = RankingFilter(campaign_id=campaign.id, **checked)
        groups = ranked_issues(database, ranking_filter, args.weight)
    finally:
        database.close()
    if args.format == "json":
        print(ranking_json(groups))
    elif args.format == "csv":
        print(ranking_csv(groups), end="")
    else:
        width = max(60, shutil.get_terminal_size((80, 24)).columns)
        title = _title(campaign.name, checked, args.weight)
        print(ranking_table(groups, title=title, weighting=args.weight, width=width), end="")
    return 0


def _checked(args: argparse.Namespace) -> dict[str, Any]:
    """The filter's values from the arguments, or InvalidInput naming the bad one."""
    from listening_tui.errors import InvalidInput

    values: dict[str, Any] = {"kind": args.kind}
    for option, name in (("--subgroup", "subgroup"), ("--leader", "leader")):
        given = getattr(args, name)
        if given is not None and not given.strip():
            raise InvalidInput(f"{option} needs a name: leave it out to include every {name}")
        values[name] = given.strip() if given is not None else None
    for option, name in (("--from", "date_from"), ("--to", "date_to")):
        values[name] = _day(option, getattr(args, name))
    if values["date_from"] and values["date_to"] and values["date_from"] > values["date_to"]:
        raise InvalidInput(
            f"--from {values['date_from']} is after --to {values['date_to']}: "
            "give the earlier day first"
        )
    return values


def _day(option: str, given: str | None) -> Any:
    import re
    from datetime import date

    from listening_tui.errors import InvalidInput

    if given is None:
        return None
    text = given.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{option} '{given}' is not a date: write it as YYYY-MM-DD, like 2026-11-03"
        ) from None


def _title(campaign: str, checked: dict[str, Any], weight: str) -> str:
    parts = [f"Ranked issues of {campaign}"]
    if checked["kind"]:
        parts.append("one-to-one sessions" if checked["kind"] == "one_to_one" else "group sessions")
    if checked["subgroup"]:
        parts.append(f"subgroup {checked['subgroup']}")
    if checked["leader"]:
        parts.append(f"led by {checked['leader']}")
    start, end = checked["date_from"], checked["date_to"]
    if start or end:
        parts.append(f"held {start or 'any day'} to {end or 'any day'}")
    parts.append("points weighted by people" if weight == "people" else "each session counts once")
    return ", ".join(parts) + "."
