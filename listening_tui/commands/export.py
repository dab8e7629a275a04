"""``listening-tui export``: a bundle (plain or anonymised), or the campaign as CSV files."""

from __future__ import annotations

import argparse
from typing import Any

from listening_tui.commands import open_database_for


def add_parser(commands: Any) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "export",
        help="write a campaign as a bundle for another laptop, or as CSV for spreadsheets",
        description=(
            "Write a campaign to a bundle file (JSON, see spec/bundle.md) or, with "
            "--format csv, to sessions.csv, issues.csv, quotes.csv and people.csv in a "
            "folder. Files are readable by you only; an existing file is never overwritten."
        ),
    )
    parser.add_argument(
        "--out", required=True, metavar="FILE", help="the bundle file (or, for csv, the folder)"
    )
    parser.add_argument(
        "--campaign",
        metavar="C",
        help="the campaign's name or id (needed when the database holds more than one)",
    )
    parser.add_argument(
        "--anonymise",
        "--anonymize",
        action="store_true",
        help="pseudonyms instead of names, no contacts, no recorders-only quotes",
    )
    parser.add_argument(
        "--encrypt",
        action="store_true",
        help=(
            "seal the bundle with a passphrase (AES-256-GCM; from LISTENING_TUI_PASSPHRASE, "
            "else asked twice): only someone who knows it can import the file"
        ),
    )
    parser.add_argument(
        "--format", choices=("bundle", "csv"), default="bundle", help="default: bundle"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Export, then print where it went and what it holds."""
    from pathlib import Path

    from listening_tui.errors import InvalidInput
    from listening_tui.services import exports

    if args.format == "csv" and args.anonymise:
        raise InvalidInput(
            "--anonymise is for bundles; the CSV files are the recorder's own working copy. "
            "Leave out --anonymise, or export an anonymised bundle instead"
        )
    if args.format == "csv" and args.encrypt:
        raise InvalidInput(
            "--encrypt seals a bundle; spreadsheets can't be sealed. Leave out --encrypt, or "
            "export a bundle instead"
        )
    passphrase = None
    if args.encrypt:
        from listening_tui.commands.passphrases import ask_passphrase
        from listening_tui.db.encryption import check_new_passphrase

        passphrase = ask_passphrase(f"A passphrase to seal {args.out}", new=True)
        check_new_passphrase(passphrase)
    database = open_database_for(args)
    try:
        if args.format == "csv":
            sheets = exports.export_csv(database, Path(args.out), args.campaign)
            print("\n".join(sheets.paths))
            print(
                f"{sheets.sessions} sessions, {sheets.issues} issues, {sheets.quotes} quotes, "
                f"{sheets.people} people"
            )
            return 0
        bundle = exports.export_bundle(
            database, Path(args.out), args.campaign, anonymise=args.anonymise, passphrase=passphrase
        )
    finally:
        database.close()
    print(bundle.path)
    line = f'{bundle.sessions} sessions, {bundle.themes} themes: "{bundle.campaign_name}"'
    if bundle.anonymised:
        line += f" (anonymised; {bundle.quotes_left_out} recorders-only quotes left out)"
    if bundle.sealed:
        line += " (sealed with a passphrase)"
    print(line)
    return 0
