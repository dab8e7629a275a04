"""``listening-tui tally``: count ranked paper ballots typed into a spreadsheet (spec/voting.md).

No database is needed: the ballots come from a CSV file and the count is the
same function the meeting screens use. ``--format json`` prints exactly the
spec's JSON; the table is for a convenor to read out, round by round for irv.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from listening_tui.domain.ranked import BordaResult, IrvResult, SpoiledBallot


def add_parser(commands: Any) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "tally",
        help="count ranked paper ballots typed into a spreadsheet (Borda or instant run-off)",
        description=(
            "Count ranked ballots from a CSV file: one ballot per row, preferences left to "
            "right, empty cells ignored; a first row starting with 'ballot' is a header. "
            "A ballot's number is its line in the file."
        ),
    )
    parser.add_argument(
        "--method",
        required=True,
        choices=("borda", "irv"),
        help="borda: modified Borda count; irv: instant run-off for one winner",
    )
    parser.add_argument("ballots", metavar="BALLOTS.csv", help="the ballots, one per row")
    parser.add_argument(
        "--options",
        metavar="FILE",
        help=(
            "the options, one per line: a ballot naming anything else is spoiled, and "
            "options nobody ranked are still listed"
        ),
    )
    parser.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="table (default) to read, json for other programs",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Read, count and print the result."""
    import json
    from pathlib import Path

    from listening_tui.domain.ranked import BordaResult
    from listening_tui.interchange.ballots import tally_file

    options = Path(args.options) if args.options else None
    result = tally_file(args.method, Path(args.ballots), options)
    if args.format == "json":
        print(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
    elif isinstance(result, BordaResult):
        print(borda_table(result, args.ballots))
    else:
        print(irv_table(result, args.ballots))
    return 0


def _summary(ballots: int, spoiled: int, blank: int) -> str:
    counted = ballots - spoiled
    return (
        f"{_plural(ballots, 'ballot')} read: {counted} counted ({blank} blank), {spoiled} spoiled."
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _spoiled_lines(spoiled: tuple[SpoiledBallot, ...]) -> list[str]:
    if not spoiled:
        return []
    return ["", "Spoiled ballots (kept, not counted):"] + [
        f"  ballot {s.ballot}: {s.reason}" for s in spoiled
    ]


def borda_table(result: BordaResult, source: str) -> str:
    """The Borda result as a table: rank, option, points, first preferences."""
    lines = [
        f"Borda count (modified) of {source}",
        _summary(result.ballots, len(result.spoiled), result.blank),
        "",
    ]
    width = max([len("Option"), *(len(place.option) for place in result.results)])
    lines.append(f"{'Rank':>4}  {'Option':<{width}}  {'Points':>6}  First preferences")
    for place in result.results:
        lines.append(
            f"{place.rank:>4}  {place.option:<{width}}  {place.points:>6}  "
            f"{place.first_preferences:>17}"
        )
    if not result.results:
        lines.append("  (no options: no ballot named any)")
    lines.extend(_spoiled_lines(result.spoiled))
    return "\n".join(line.rstrip() for line in lines)


def irv_table(result: IrvResult, source: str) -> str:
    """The instant run-off round by round: counts, exhausted, eliminated, winner."""
    lines = [
        f"Instant run-off of {source}",
        _summary(result.ballots, len(result.spoiled), result.blank),
    ]
    names = [name for r in result.rounds for name in r.counts]
    width = max([len("exhausted"), *(len(name) for name in names)])
    for number, count in enumerate(result.rounds, start=1):
        needed = count.continuing_ballots // 2 + 1
        lines += [
            "",
            f"Round {number}: {_plural(count.continuing_ballots, 'ballot')} continuing; "
            f"a winner needs {needed}.",
        ]
        lines += [f"  {name:<{width}}  {votes:>6}" for name, votes in count.counts.items()]
        lines.append(f"  {'exhausted':<{width}}  {count.exhausted:>6}")
        if count.eliminated is not None:
            lines.append(f"  Eliminated: {count.eliminated}")
            if count.tie_break:
                lines.append(f"    (tie: {count.tie_break})")
    lines.append("")
    if result.winner is not None:
        last = result.rounds[-1]
        lines.append(
            f"Winner: {result.winner}, with {last.counts[result.winner]} of "
            f"{last.continuing_ballots} continuing ballots in round {len(result.rounds)}."
        )
        before = result.rounds[-2] if len(result.rounds) > 1 else None
        if before is not None and before.tie_break and len(before.counts) == 2:
            lines.append("Note: the last two options tied; the tie-break above decided the winner.")
    else:
        lines.append("No winner: no ballot names any option.")
    lines.extend(_spoiled_lines(result.spoiled))
    return "\n".join(line.rstrip() for line in lines)
