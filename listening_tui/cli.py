"""The ``listening-tui`` command: parse arguments, then run the app or a sub-command.

Exit status (spec/cli.md): 0 on success; 2 for a bad argument, an unreadable
or invalid file or a database that cannot be opened, with one line on
standard error; 1 for an unexpected failure. Heavy modules (SQLAlchemy,
Alembic, Textual) are imported only by the command that needs them, so
``--help`` and ``--version`` answer at once.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from listening_tui import __version__
from listening_tui.errors import ListeningError

PROG = "listening-tui"
EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2

COMMAND_MODULES: tuple[str, ...] = (
    "import_bundles",
    "export",
    "contacts",
    "rank",
    "themes",
    "report",
    "tally",
    "sample",
    "backup",
    "encrypt",
    "check",
    "forget",
    "retention",
    "audit",
)
"""Sub-commands, each a module of listening_tui.commands (in --help order)."""


class UsageError(Exception):
    """A bad argument, reported in one line with exit status 2."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, not a usage block."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db",
        metavar="TARGET",
        default=default,
        help=(
            "the database: a SQLite file path or an SQLAlchemy URL "
            "(postgresql+psycopg://user@host/dbname); default: $LISTENING_TUI_DB, "
            "else listening.db in your data folder"
        ),
    )


def _as_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--as",
        dest="actor",
        metavar="NAME",
        default=default,
        help=(
            "who is acting, for the audit log; default: $LISTENING_TUI_USER, "
            "else your login name (never asked)"
        ),
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = _Parser(
        prog=PROG,
        description=(
            "Run a listening campaign: record one-to-one and group conversations, collate "
            "their issues, ratify priorities. With no command, opens the full-screen app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _db_option(parser, None)
    _as_option(parser, None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    for name in COMMAND_MODULES:
        module = importlib.import_module(f"listening_tui.commands.{name}")
        before = set(commands.choices)
        module.add_parser(commands)
        for added in set(commands.choices) - before:
            _db_option(commands.choices[added], argparse.SUPPRESS)
            _as_option(commands.choices[added], argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", _run_app)
        return handler(args)
    except UsageError as exc:
        return _fail(str(exc))
    except ListeningError as exc:
        return _fail(exc.message)
    except KeyboardInterrupt:
        return _fail("stopped (Ctrl+C); nothing half-done was saved", 130)
    except Exception as exc:  # an unexpected failure: one line, status 1
        if os.environ.get("LISTENING_TUI_DEBUG"):
            raise
        return _fail(
            f"unexpected failure: {type(exc).__name__}: {exc} "
            "(set LISTENING_TUI_DEBUG=1 to see the details, and please report it)",
            EXIT_UNEXPECTED,
        )


def _fail(message: str, status: int = EXIT_USAGE) -> int:
    one_line = " ".join(message.split())
    print(f"{PROG}: {one_line}", file=sys.stderr)
    return status


def _run_app(args: argparse.Namespace) -> int:
    from listening_tui.db.targets import precheck
    from listening_tui.paths import resolve_db_target

    target = resolve_db_target(args.db)

    precheck(target)
    from listening_tui.tui.app import ListeningApp

    app = ListeningApp(db_target=target)
    app.run()
    for note in app.notes_on_exit:
        print(f"{PROG}: {' '.join(note.split())}", file=sys.stderr)
    if app.error_message:
        return _fail(app.error_message)
    return app.return_code or 0
