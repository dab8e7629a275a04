"""``listening-tui encrypt --out FILE``: an encrypted copy of the database (SQLCipher)."""

from __future__ import annotations

import argparse
from typing import Any

from listening_tui.commands import open_database_for


def add_parser(commands: Any) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "encrypt",
        help="write an encrypted copy of the database (opens only with its passphrase)",
        description=(
            "Copy the SQLite campaign database to a new file encrypted with a passphrase "
            "(SQLCipher: AES-256). The passphrase comes from LISTENING_TUI_PASSPHRASE, or "
            "is asked twice; it is never stored: without it the copy cannot be opened. "
            "Then open the copy with --db FILE and keep the plain file somewhere safe, "
            "or delete it."
        ),
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="the new file to write")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Encrypt a copy, check it, print its path."""
    from pathlib import Path

    from listening_tui.commands.passphrases import ask_passphrase
    from listening_tui.services.maintenance import check_can_encrypt, encrypt_database

    database = open_database_for(args)
    try:
        check_can_encrypt(database)
        passphrase = ask_passphrase(f"A passphrase for the encrypted copy {args.out}", new=True)
        written = encrypt_database(database, Path(args.out), passphrase)
    finally:
        database.close()
    print(written)
    return 0
