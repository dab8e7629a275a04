"""Counting ratification votes exactly as spec/voting.md says.

The meeting screens and ``listening-tui tally`` both count through these
functions, so a result on the screen can be checked by hand and two counts of
the same figures or ballots always agree. Ranked ballots (Borda and instant
run-off) are counted in :mod:`listening_tui.domain.ranked` and re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import ConfigDict, Field

from listening_tui.domain.ranked import (
    BallotBox,
    BordaPlace,
    BordaResult,
    IrvResult,
    IrvRound,
    RawBallot,
    SpoiledBallot,
    count_borda,
    count_irv,
    prepare_ballots,
)
from listening_tui.domain.vote_values import AtLeastOne, Count, VoteValue, join_names, name_key
from listening_tui.errors import InvalidInput

Threshold = Literal["majority", "two_thirds"]
"""What a proposal needs to carry: more for than against, or two thirds of those voting."""

Outcome = Literal["inquorate", "carried", "lost"]
"""A proposal's result."""

# --- Proposal ------------------------------------------------------------------------------


class ProposalOptions(VoteValue):
    """Fixed when the vote is opened."""

    threshold: Threshold = "majority"
    quorum: Count = 0
    """How many must be present for the vote to count."""


class ProposalFigures(VoteValue):
    """The hands counted and the people in the room; ``for`` is spelled ``for_`` in Python."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    for_: Count = Field(alias="for")
    against: Count
    abstain: Count
    present: Count
    """People in the room."""


class ProposalResult(VoteValue):
    """The outcome with the figures and options it was counted from."""

    outcome: Outcome
    figures: ProposalFigures
    options: ProposalOptions

    @property
    def explanation(self) -> str:
        """One sentence a convenor can read out and check by hand."""
        f, o = self.figures, self.options
        if self.outcome == "inquorate":
            return f"Inquorate: {f.present} present, the quorum is {o.quorum}."
        verdict = "Carried" if self.outcome == "carried" else "Lost"
        if o.threshold == "majority":
            rule = f"a majority needs more for than against ({f.for_} for, {f.against} against)"
        else:
            rule = (
                f"two thirds needs 3 × for ≥ 2 × (for + against) and at least one for: "
                f"3 × {f.for_} = {3 * f.for_}, 2 × {f.for_ + f.against} = "
                f"{2 * (f.for_ + f.against)}"
            )
        return f"{verdict}: {rule}; {f.abstain} abstained, {f.present} present."


def count_proposal(figures: ProposalFigures, options: ProposalOptions) -> ProposalResult:
    """Inquorate, carried or lost; figures that exceed those present are refused."""
    if figures.present < options.quorum:
        return ProposalResult(outcome="inquorate", figures=figures, options=options)
    voted = figures.for_ + figures.against + figures.abstain
    if voted > figures.present:
        raise InvalidInput(
            f"for + against + abstain must not exceed present: {figures.for_} + "
            f"{figures.against} + {figures.abstain} = {voted}, but {figures.present} are "
            "present; count the hands or the room again"
        )
    if options.threshold == "majority":
        carried = figures.for_ > figures.against
    else:
        carried = 3 * figures.for_ >= 2 * (figures.for_ + figures.against) and figures.for_ > 0
    return ProposalResult(
        outcome="carried" if carried else "lost", figures=figures, options=options
    )


# --- Dot vote ------------------------------------------------------------------------------


class DotVoteOptions(VoteValue):
    """Fixed when the vote is opened."""

    dots_per_person: AtLeastOne
    present: Count
    choose: AtLeastOne
    """How many priorities to select."""


class DotFigure(VoteValue):
    """The dots one option received."""

    option: str
    """The option (issue or theme) as written."""
    rank: AtLeastOne
    """The option's collated rank (1 is best); breaks ties on dots."""
    dots: Count


class DotPlace(VoteValue):
    """One option in the dot vote's order."""

    place: int
    """1 for the first option in the order, 2 for the next, ..."""
    option: str
    rank: int
    dots: int
    selected: bool


class DotVoteResult(VoteValue):
    """The order, the options selected, and any tie on dots at the cut."""

    places: tuple[DotPlace, ...]
    selected: tuple[str, ...]
    """The first ``choose`` options of the order (all of them when there are fewer)."""
    tied_at_cut: tuple[str, ...]
    """Every option with the dots of the one in place ``choose``, when the next has as many."""
    dots_used: int
    dots_available: int
    """``present × dots_per_person``."""

    @property
    def tie_note(self) -> str | None:
        """The sentence the result shows when the cut falls inside a tie on dots."""
        if not self.tied_at_cut:
            return None
        dots = next(p.dots for p in self.places if p.option == self.tied_at_cut[0])
        return (
            f"{join_names(self.tied_at_cut)} tie on {dots} dots at the cut after place "
            f"{len(self.selected)}; their order follows the collated rank, then the name."
        )


def count_dot_vote(figures: Iterable[DotFigure], options: DotVoteOptions) -> DotVoteResult:
    """Order by dots, then collated rank, then name case-folded; select the first ``choose``."""
    figures = list(figures)
    seen: dict[str, str] = {}
    for figure in figures:
        key = name_key(figure.option)
        if not key:
            raise InvalidInput("a dot-vote option has no name")
        if key in seen:
            raise InvalidInput(f'the option "{figure.option.strip()}" is listed twice')
        seen[key] = figure.option
    used = sum(figure.dots for figure in figures)
    available = options.present * options.dots_per_person
    if used > available:
        raise InvalidInput(
            f"the dots counted ({used}) exceed present × dots per person "
            f"({options.present} × {options.dots_per_person} = {available}); "
            "count the dots again"
        )
    order = sorted(figures, key=lambda f: (-f.dots, f.rank, name_key(f.option)))
    choose = options.choose
    places = tuple(
        DotPlace(
            place=n,
            option=f.option.strip(),
            rank=f.rank,
            dots=f.dots,
            selected=n <= choose,
        )
        for n, f in enumerate(order, start=1)
    )
    tied: tuple[str, ...] = ()
    if len(places) > choose and places[choose - 1].dots == places[choose].dots:
        cut = places[choose].dots
        tied = tuple(p.option for p in places if p.dots == cut)
    return DotVoteResult(
        places=places,
        selected=tuple(p.option for p in places if p.selected),
        tied_at_cut=tied,
        dots_used=used,
        dots_available=available,
    )


__all__ = [
    "BallotBox",
    "BordaPlace",
    "BordaResult",
    "DotFigure",
    "DotPlace",
    "DotVoteOptions",
    "DotVoteResult",
    "IrvResult",
    "IrvRound",
    "Outcome",
    "ProposalFigures",
    "ProposalOptions",
    "ProposalResult",
    "RawBallot",
    "SpoiledBallot",
    "Threshold",
    "count_borda",
    "count_dot_vote",
    "count_irv",
    "count_proposal",
    "join_names",
    "name_key",
    "prepare_ballots",
]
