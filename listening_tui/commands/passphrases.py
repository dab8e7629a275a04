"""Passphrases for the command line: from LISTENING_TUI_PASSPHRASE, else asked on the terminal.

Never from an argument (it would show in the shell history and in ``ps``),
never stored anywhere: the passphrase lives in memory while the command runs.
"""

from __future__ import annotations

import getpass
import os
import sys

from listening_tui.errors import InvalidInput, PassphraseNeeded

PASSPHRASE_ENV = "LISTENING_TUI_PASSPHRASE"
"""The environment variable a script sets to give the passphrase."""


def given_passphrase() -> str | None:
    """The passphrase in the environment, if one is set (an empty one counts as none)."""
    return os.environ.get(PASSPHRASE_ENV) or None


def ask_passphrase(why: str, *, new: bool = False) -> str:
    """The environment's passphrase, else one typed at the terminal (twice when ``new``).

    Without a terminal to ask on, PassphraseNeeded says how to give one.
    """
    found = given_passphrase()
    if found is not None:
        return found
    if not sys.stdin.isatty():
        raise PassphraseNeeded(
            f"{why}: set {PASSPHRASE_ENV} to the passphrase (no terminal to ask on)"
        )
    typed = getpass.getpass(f"{why}. Passphrase: ")
    if new and getpass.getpass("The same passphrase again: ") != typed:
        raise InvalidInput("The two passphrases differ: nothing was written. Try again")
    if not typed:
        raise PassphraseNeeded(f"{why}: no passphrase was typed, so nothing was done")
    return typed
