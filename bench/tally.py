"""How long does counting 10,000 ranked paper ballots over 12 options take?

What is measured
----------------
``listening-tui tally`` on a large meeting's worth of ballots: 10,000 ballots
over 12 options, each ranking between 1 and 12 options (a few blank, a few
spoiled by naming an option twice), with the options' popularity skewed so
that no option has a first-round majority and instant run-off runs to its last
rounds. Three figures per method, each the median of several runs:

- ``count``: ``prepare_ballots`` + ``count_borda`` / ``count_irv`` on ballots
  already read (what the meeting screens will do with stored ballots);
- ``file``: ``tally_file`` on BALLOTS.csv (read, parse, check and count: the
  command without the interpreter's start-up);
- ``command``: ``python -m listening_tui tally`` as a convenor runs it, start-up
  of the interpreter and imports included (median of 3 runs);
- ``csv only``: the standard library's ``csv.reader`` over the same file, the
  baseline no implementation can avoid; the ratio file / csv only says what
  checking and counting cost on top of reading.

The goal is under 1 s for each method. This script prints figures and never
fails on a slow result::

    .venv/bin/python bench/tally.py
    .venv/bin/python bench/tally.py --ballots 100000 --options 20 --repeat 3
"""

from __future__ import annotations

import argparse
import csv
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from listening_tui.domain.voting import RawBallot, count_borda, count_irv, prepare_ballots
from listening_tui.interchange.ballots import read_ballots, tally_file


def make_ballots(count: int, options: int, seed: int) -> list[list[str]]:
    """Ballots whose first preferences follow a gentle skew (no first-round majority)."""
    rng = random.Random(seed)
    names = [f"Issue {n:02d}" for n in range(1, options + 1)]
    weights = [1.0 / (1 + 0.15 * n) for n in range(options)]
    ballots: list[list[str]] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.01:
            ballots.append([])  # blank
            continue
        order = _weighted_order(rng, names, weights)
        ranked = order[: rng.randint(1, options)]
        if roll > 0.995 and len(ranked) > 1:
            ranked.append(ranked[0].lower())  # spoiled: names an option twice
        ballots.append(ranked)
    return ballots


def _weighted_order(rng: random.Random, names: list[str], weights: list[float]) -> list[str]:
    keyed = [
        (rng.random() ** (1.0 / weight), name) for name, weight in zip(names, weights, strict=True)
    ]
    return [name for _, name in sorted(keyed, reverse=True)]


def timed(action: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The median wall-clock seconds of ``repeat`` runs, and the last result."""
    times: list[float] = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=10_000)
    parser.add_argument("--options", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    rows = make_ballots(args.ballots, args.options, args.seed)
    raw = [RawBallot(number=n, preferences=tuple(r)) for n, r in enumerate(rows, start=1)]
    print(
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}; "
        f"{args.ballots} ballots, {args.options} options, median of {args.repeat} runs"
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ballots.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows(rows)

        def csv_only() -> int:
            with path.open(newline="", encoding="utf-8-sig") as source:
                return sum(1 for _ in csv.reader(source))

        baseline, _ = timed(csv_only, args.repeat)
        parse, _ = timed(lambda: read_ballots(path), args.repeat)
        print(f"  csv only (baseline)        {baseline * 1000:8.1f} ms")
        print(f"  read_ballots               {parse * 1000:8.1f} ms")
        for method, count in (("borda", count_borda), ("irv", count_irv)):
            counting, result = timed(lambda count=count: count(prepare_ballots(raw)), args.repeat)
            whole, _ = timed(lambda method=method: tally_file(method, path), args.repeat)
            command = [sys.executable, "-m", "listening_tui", "tally", "--method", method]
            run, _ = timed(
                lambda command=command: subprocess.run(
                    [*command, str(path), "--format", "json"], check=True, capture_output=True
                ),
                3,
            )
            verdict = "under" if whole < 1.0 else "OVER"
            print(
                f"  {method:<5} count {counting * 1000:7.1f} ms   file {whole * 1000:7.1f} ms "
                f"({whole / baseline:4.1f} x csv only; {verdict} the 1 s goal)   "
                f"command {run * 1000:7.1f} ms"
            )
            print(f"        {_describe(result)}")


def _describe(result: object) -> str:
    from listening_tui.domain.voting import BordaResult, IrvResult

    if isinstance(result, BordaResult):
        top = result.results[0]
        return (
            f"{result.ballots} ballots, {len(result.spoiled)} spoiled, {result.blank} blank; "
            f"first: {top.option} with {top.points} points"
        )
    if isinstance(result, IrvResult):
        return (
            f"{result.ballots} ballots, {len(result.spoiled)} spoiled, {result.blank} blank; "
            f"{len(result.rounds)} rounds, winner {result.winner}"
        )
    return repr(result)


if __name__ == "__main__":
    sys.exit(main())
