"""``listening-tui sample --out FILE``: write a fresh copy of the sample campaign database."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_parser(commands: Any) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "sample",
        help="write a fresh copy of the sample campaign database",
        description="Write a fresh copy of the sample campaign database to FILE.",
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="the database file to write")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the sample and print its path and counts."""
    from listening_tui.services.sample import write_sample

    summary = write_sample(Path(args.out))
    print(summary.path)
    print(
        f"{summary.sessions} sessions in {summary.subgroups} subgroups, "
        f"{summary.issues} issues, {summary.themes} themes: {summary.campaign}"
    )
    return 0
