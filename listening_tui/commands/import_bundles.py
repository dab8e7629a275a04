"""``listening-tui import FILE…``: import bundles, each file in its own transaction.

Every file is tried, even after one fails: each is all or nothing on its own,
and importing a good file again later changes nothing, so a bad file never
holds up the others. Each refused file gets one line on standard error and
the command exits with status 2 if any was refused.
"""

from __future__ import annotations

import argparse
from typing import Any

from listening_tui.commands import open_database_for, print_failure


def add_parser(commands: Any) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "import",
        help="import bundles from other laptops (each file all or nothing)",
        description=(
            "Import listening-tui bundles (.json), plain or sealed with a passphrase "
            "(from LISTENING_TUI_PASSPHRASE, else asked). Each file is imported in its own "
            "transaction: all of it or, if anything in it is wrong, none of it. Every file "
            "is tried even when an earlier one is refused; the exit status is 2 if any was."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="bundle files to import")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Import each file, print what it did, and report the ones refused."""
    import logging
    from pathlib import Path

    from listening_tui.errors import ListeningError
    from listening_tui.services.imports import import_bundle

    # A refused file is reported in one line; psycopg's own note that it abandoned
    # the statements queued after the refusal would only add noise on stderr.
    logging.getLogger("psycopg").addHandler(logging.NullHandler())
    from listening_tui.commands.passphrases import ask_passphrase
    from listening_tui.interchange.sealed import is_sealed

    database = open_database_for(args)
    refused = 0
    passphrase: str | None = None
    try:
        for name in args.files:
            try:
                if passphrase is None and is_sealed(Path(name)):
                    passphrase = ask_passphrase(f"{name} is a sealed bundle")
                report = import_bundle(database, Path(name), shown=name, passphrase=passphrase)
            except ListeningError as exc:
                refused += 1
                print_failure(f"{exc.message} (nothing from this file was saved)")
                continue
            print(report.summary(), flush=True)
    finally:
        database.close()
    if len(args.files) > 1:
        imported = len(args.files) - refused
        print(f"{imported} of {len(args.files)} files imported, {refused} refused")
    return 2 if refused else 0
