"""One module per sub-command of ``listening-tui``.

Each module defines ``add_parser(commands)``, which adds its sub-parser and
sets ``handler`` to a function ``(argparse.Namespace) -> int``. Modules import
only argparse at the top; the handler imports services when it runs, so
``--help`` stays instant. Handlers raise ListeningError for anything the user
can put right; cli.main turns it into one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from listening_tui.db.engine import Database


def open_database_for(args: argparse.Namespace) -> Database:
    """Open the database named by --db (or LISTENING_TUI_DB, or the default), at head;
    its audit entries name --as, else LISTENING_TUI_USER, else the login name.

    An encrypted file opens with LISTENING_TUI_PASSPHRASE, else a passphrase typed
    at the terminal; a wrong one is refused (exit 2), never tried again silently.
    """
    from listening_tui.actor import cli_actor
    from listening_tui.commands.passphrases import ask_passphrase, given_passphrase
    from listening_tui.errors import PassphraseNeeded
    from listening_tui.services.database import open_database

    target = getattr(args, "db", None)
    try:
        database = open_database(target, passphrase=given_passphrase())
    except PassphraseNeeded as exc:
        passphrase = ask_passphrase(exc.message.split(":", 1)[0])
        database = open_database(target, passphrase=passphrase)
    database.actor = cli_actor(getattr(args, "actor", None))
    return database


def print_failure(message: str) -> None:
    """One line on standard error, as cli.main prints a refusal, for a command that goes on."""
    from listening_tui.cli import PROG

    print(f"{PROG}: {' '.join(message.split())}", file=sys.stderr, flush=True)
