"""Ranked ballots (spec/voting.md): spoiled and blank ballots, Borda (modified), instant run-off.

Counting is done on ballots grouped by their preferences, so ten thousand paper
ballots count in a tenth of a second and the order in which they were typed in cannot
change the result.

Decisions where the spec is silent:

- Option names are shown as written on the ``--options`` list (in the app: the
  vote's options) when one is given, else as in their first appearance on a
  counted ballot, trimmed.
- A spoiled ballot is reported with its first problem, reading left to right.
- Instant run-off always eliminates one option per round by the spec's chain of
  tie-breaks, even when the last two options tie, so every count of the same
  ballots ends the same way; a round whose elimination needed a tie-break says
  how it was broken (``IrvRound.tie_break``), and the convenor can decide to
  vote again. When no ballot is left to count (every ballot blank, or none at
  all), the count stops at the first round with no winner.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import Field

from listening_tui.domain.vote_values import AtLeastOne, VoteValue, join_names, name_key
from listening_tui.errors import InvalidInput


class RawBallot(VoteValue):
    """A ballot as read: its number and its preferences as written, first choice first."""

    number: AtLeastOne
    """On a CSV file, its line number (the header is line 1)."""
    preferences: tuple[str, ...]
    """Names as written; empty ones are ignored when the ballot is checked."""


class SpoiledBallot(VoteValue):
    """A ballot kept and reported, but not counted."""

    ballot: int
    """The ballot's number."""
    reason: str


class BallotBox(VoteValue):
    """Ballots checked against the options: what Borda and instant run-off both count."""

    options: tuple[str, ...]
    """Every option, spelled as shown in results, in list (or first-appearance) order."""
    counted: tuple[tuple[int, ...], ...]
    """Each counted ballot as indexes into ``options``, first choice first; blank is ``()``."""
    spoiled: tuple[SpoiledBallot, ...]
    ballots: int
    """Every ballot read: counted, blank and spoiled."""

    @property
    def blank(self) -> int:
        """Ballots with no preferences."""
        return sum(1 for ballot in self.counted if not ballot)


def prepare_ballots(
    ballots: Iterable[RawBallot], options: Sequence[str] | None = None
) -> BallotBox:
    """Sort ballots into counted and spoiled; with ``options``, only those names are valid."""
    index: dict[str, int] = {}
    names: list[str] = []
    if options is not None:
        for name in options:
            key = name_key(name)
            if not key:
                raise InvalidInput("an option on the list of options has no name")
            if key in index:
                raise InvalidInput(f'the option "{name.strip()}" is on the list of options twice')
            index[key] = len(names)
            names.append(name.strip())
    listed = frozenset(index) if options is not None else None
    marks: dict[str, tuple[str, str]] = {}  # a cell as typed -> (trimmed, key); cells repeat
    counted: list[tuple[int, ...]] = []
    spoiled: list[SpoiledBallot] = []
    read = 0
    for ballot in ballots:
        read += 1
        preferences: list[tuple[str, str]] = []
        for cell in ballot.preferences:
            mark = marks.get(cell)
            if mark is None:
                trimmed = cell.strip()
                mark = marks[cell] = (trimmed, trimmed.casefold())
            if mark[1]:
                preferences.append(mark)
        reason = _spoiled_because(preferences, listed)
        if reason is not None:
            spoiled.append(SpoiledBallot(ballot=ballot.number, reason=reason))
            continue
        for name, key in preferences:
            if key not in index:
                index[key] = len(names)
                names.append(name)
        counted.append(tuple(index[key] for _, key in preferences))
    return BallotBox.model_construct(
        options=tuple(names),
        counted=tuple(counted),
        spoiled=tuple(sorted(spoiled, key=lambda s: s.ballot)),
        ballots=read,
    )


def _spoiled_because(
    preferences: list[tuple[str, str]], listed: frozenset[str] | None
) -> str | None:
    """Why a ballot is spoiled (its first problem, left to right), or None."""
    keys = {key for _, key in preferences}
    if len(keys) == len(preferences) and (listed is None or keys <= listed):
        return None
    seen: dict[str, str] = {}
    for name, key in preferences:
        if listed is not None and key not in listed:
            return f'names "{name}", which is not on the list of options'
        if key in seen:
            return f'names "{seen[key]}" twice'
        seen[key] = name
    return None  # not reached: the quick check above found a problem


# --- Borda (modified) ----------------------------------------------------------------------


class BordaPlace(VoteValue):
    """One option's line in a Borda result."""

    rank: int
    """Standard competition ranking over (points, first preferences): 1, 2, 2, 4."""
    option: str
    points: int
    first_preferences: int


class BordaResult(VoteValue):
    """A Borda count; dumps to exactly the JSON of spec/voting.md."""

    method: Literal["borda"] = "borda"
    ballots: int
    spoiled: tuple[SpoiledBallot, ...]
    results: tuple[BordaPlace, ...]
    blank: int = Field(default=0, exclude=True)
    """Ballots with no preferences (counted, giving no points); not in the spec's JSON."""


def count_borda(box: BallotBox) -> BordaResult:
    """m points to the first of m ranked options, ..., 1 to the last; unranked get 0."""
    points = [0] * len(box.options)
    firsts = [0] * len(box.options)
    for preferences, copies in Counter(box.counted).items():
        ranked = len(preferences)
        for position, option in enumerate(preferences):
            points[option] += (ranked - position) * copies
        if preferences:
            firsts[preferences[0]] += copies
    keys = [name_key(name) for name in box.options]
    order = sorted(range(len(box.options)), key=lambda i: (-points[i], -firsts[i], keys[i]))
    results: list[BordaPlace] = []
    for position, option in enumerate(order, start=1):
        rank = position
        if results and (results[-1].points, results[-1].first_preferences) == (
            points[option],
            firsts[option],
        ):
            rank = results[-1].rank
        results.append(
            BordaPlace(
                rank=rank,
                option=box.options[option],
                points=points[option],
                first_preferences=firsts[option],
            )
        )
    return BordaResult(
        ballots=box.ballots, spoiled=box.spoiled, results=tuple(results), blank=box.blank
    )


# --- Instant run-off -----------------------------------------------------------------------


class IrvRound(VoteValue):
    """One round of an instant run-off; dumps to exactly the JSON of spec/voting.md."""

    counts: dict[str, int]
    """Votes of every continuing option, most first (then by name)."""
    eliminated: str | None
    """None in the last round: someone won, or no ballot was left to count."""
    exhausted: int
    """Counted ballots with no continuing option left (blank ballots from round 1)."""
    continuing_ballots: int = Field(default=0, exclude=True)
    """Ballots not exhausted; a winner needs more than half of them."""
    tie_break: str | None = Field(default=None, exclude=True)
    """How a tie for fewest votes was broken, in a sentence; None when there was none."""


class IrvResult(VoteValue):
    """An instant run-off count, round by round."""

    method: Literal["irv"] = "irv"
    ballots: int
    spoiled: tuple[SpoiledBallot, ...]
    winner: str | None
    rounds: tuple[IrvRound, ...]
    blank: int = Field(default=0, exclude=True)
    """Ballots with no preferences (exhausted from round 1); not in the spec's JSON."""


def count_irv(box: BallotBox) -> IrvResult:
    """Transfer ballots round by round until an option holds more than half of those left."""
    groups = Counter(box.counted)
    keys = [name_key(name) for name in box.options]
    total = len(box.counted)
    continuing = list(range(len(box.options)))
    history: list[dict[int, int]] = []
    rounds: list[IrvRound] = []
    winner: str | None = None
    while True:
        votes = dict.fromkeys(continuing, 0)
        for preferences, copies in groups.items():
            for option in preferences:
                if option in votes:
                    votes[option] += copies
                    break
        left = sum(votes.values())
        history.append(votes)
        order = sorted(continuing, key=lambda i: (-votes[i], keys[i]))
        counts = {box.options[i]: votes[i] for i in order}
        if order and 2 * votes[order[0]] > left:
            winner = box.options[order[0]]
        if winner is not None or left == 0:
            rounds.append(
                IrvRound(
                    counts=counts,
                    eliminated=None,
                    exhausted=total - left,
                    continuing_ballots=left,
                )
            )
            break
        loser, tie_break = _fewest(history, keys, box.options)
        rounds.append(
            IrvRound(
                counts=counts,
                eliminated=box.options[loser],
                exhausted=total - left,
                continuing_ballots=left,
                tie_break=tie_break,
            )
        )
        continuing.remove(loser)
    return IrvResult(
        ballots=box.ballots,
        spoiled=box.spoiled,
        winner=winner,
        rounds=tuple(rounds),
        blank=box.blank,
    )


def _fewest(
    history: list[dict[int, int]], keys: list[str], names: tuple[str, ...]
) -> tuple[int, str | None]:
    """The option to eliminate now, and how a tie for fewest was broken (spec's chain)."""
    now = history[-1]
    fewest = min(now.values())
    tied = [option for option, count in now.items() if count == fewest]
    if len(tied) == 1:
        return tied[0], None
    shown = join_names([names[i] for i in sorted(tied, key=lambda i: keys[i])])
    candidates = tied
    for back in range(len(history) - 2, -1, -1):
        earlier = history[back]
        low = min(earlier[i] for i in candidates)
        candidates = [i for i in candidates if earlier[i] == low]
        if len(candidates) == 1:
            return candidates[0], (
                f"{shown} tied on {fewest}; {names[candidates[0]]} had the fewest "
                f"votes in round {back + 1}"
            )
    loser = max(candidates, key=lambda i: keys[i])
    before = ""
    if len(history) > 1 and len(candidates) == len(tied):
        before = " in this round and every round before"
    elif len(history) > 1:
        still = join_names([names[i] for i in sorted(candidates, key=lambda i: keys[i])])
        before = f", and {still} tied in every round before"
    return loser, (
        f"{shown} tied on {fewest}{before}; {names[loser]} comes last by name, so it is eliminated"
    )
