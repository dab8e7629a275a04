"""Proposals and dot votes, counted by hand here and by domain.voting (spec/voting.md)."""

from __future__ import annotations

from typing import Any

import pytest

from listening_tui.domain.validation import validate
from listening_tui.domain.voting import (
    DotFigure,
    DotVoteOptions,
    Outcome,
    ProposalFigures,
    ProposalOptions,
    Threshold,
    count_dot_vote,
    count_proposal,
)
from listening_tui.errors import InvalidInput


def proposal(
    votes_for: int,
    against: int,
    abstain: int,
    present: int,
    threshold: Threshold = "majority",
    quorum: int = 0,
) -> Outcome:
    figures = ProposalFigures(for_=votes_for, against=against, abstain=abstain, present=present)
    options = ProposalOptions(threshold=threshold, quorum=quorum)
    return count_proposal(figures, options).outcome


# --- Proposal: quorum --------------------------------------------------------------------


def test_fewer_present_than_the_quorum_is_inquorate() -> None:
    assert proposal(8, 0, 0, present=9, quorum=10) == "inquorate"


def test_present_equal_to_the_quorum_is_counted() -> None:
    assert proposal(8, 0, 0, present=10, quorum=10) == "carried"


def test_inquorate_gives_no_further_result_even_for_impossible_figures() -> None:
    """Inquorate is decided first: the figures are not checked against those present."""
    assert proposal(50, 50, 50, present=9, quorum=10) == "inquorate"


def test_quorum_zero_counts_an_empty_room() -> None:
    assert proposal(0, 0, 0, present=0, quorum=0) == "lost"


# --- Proposal: figures that exceed those present -------------------------------------------


def test_figures_exceeding_present_are_refused_with_the_sum() -> None:
    figures = ProposalFigures(for_=5, against=4, abstain=2, present=10)
    with pytest.raises(InvalidInput) as caught:
        count_proposal(figures, ProposalOptions())
    message = caught.value.message
    assert "for + against + abstain must not exceed present" in message
    assert "5 + 4 + 2 = 11" in message
    assert "10 are present" in message
    assert "\n" not in message


def test_figures_equal_to_present_are_accepted() -> None:
    assert proposal(5, 3, 2, present=10) == "carried"


# --- Proposal: majority --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("votes_for", "against", "abstain", "expected"),
    [
        (5, 4, 0, "carried"),  # one more for than against
        (4, 4, 0, "lost"),  # a tie is lost
        (4, 5, 0, "lost"),
        (0, 0, 0, "lost"),  # 0 > 0 is false
        (1, 0, 0, "carried"),
        (3, 2, 5, "carried"),  # abstentions count toward present only
        (2, 3, 5, "lost"),
    ],
)
def test_majority(votes_for: int, against: int, abstain: int, expected: Outcome) -> None:
    assert proposal(votes_for, against, abstain, present=10) == expected


# --- Proposal: two thirds ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("votes_for", "against", "abstain", "expected"),
    [
        (20, 10, 0, "carried"),  # exactly two thirds: 60 >= 60
        (19, 10, 0, "lost"),  # 57 >= 58 is false
        (21, 10, 0, "carried"),  # 63 >= 62
        (2, 1, 0, "carried"),  # 6 >= 6
        (1, 1, 0, "lost"),  # 3 >= 4 is false
        (1, 0, 0, "carried"),  # 3 >= 2, and for > 0
        (0, 0, 0, "lost"),  # 0 >= 0, but for = 0
        (0, 0, 7, "lost"),  # only abstentions: for = 0
        (2, 1, 20, "carried"),  # abstentions do not count toward the two thirds
    ],
)
def test_two_thirds(votes_for: int, against: int, abstain: int, expected: Outcome) -> None:
    present = votes_for + against + abstain + 1
    assert proposal(votes_for, against, abstain, present, threshold="two_thirds") == expected


def test_explanation_shows_the_arithmetic() -> None:
    figures = ProposalFigures(for_=19, against=10, abstain=1, present=30)
    result = count_proposal(figures, ProposalOptions(threshold="two_thirds"))
    assert result.outcome == "lost"
    assert result.explanation.startswith("Lost:")
    assert "3 × 19 = 57" in result.explanation
    assert "2 × 29 = 58" in result.explanation
    inquorate = count_proposal(figures, ProposalOptions(quorum=31))
    assert inquorate.explanation == "Inquorate: 30 present, the quorum is 31."


def test_figures_read_with_the_spec_names_and_checked() -> None:
    figures = validate(ProposalFigures, {"for": 3, "against": 1, "abstain": 0, "present": 4})
    assert figures.for_ == 3
    bad: list[dict[str, Any]] = [
        {"for": -1, "against": 0, "abstain": 0, "present": 4},
        {"for": 1, "against": 0, "abstain": 0},
        {"for": 1.5, "against": 0, "abstain": 0, "present": 4},
        {"for": True, "against": 0, "abstain": 0, "present": 4},
    ]
    for data in bad:
        with pytest.raises(InvalidInput):
            validate(ProposalFigures, data)
    with pytest.raises(InvalidInput, match="threshold: expected one of majority, two_thirds"):
        validate(ProposalOptions, {"threshold": "three_quarters", "quorum": 0})
    with pytest.raises(InvalidInput, match="quorum"):
        validate(ProposalOptions, {"threshold": "majority", "quorum": -1})


# --- Dot vote ------------------------------------------------------------------------------


def dots(*rows: tuple[str, int, int]) -> list[DotFigure]:
    return [DotFigure(option=name, rank=rank, dots=count) for name, rank, count in rows]


FOUR = dots(("Buses", 4, 2), ("Rent", 3, 7), ("Parking", 2, 10), ("Housing", 1, 7))
"""Parking 10 dots; Housing and Rent 7 each (Housing has the better collated rank); Buses 2."""


def test_dot_vote_orders_by_dots_then_collated_rank() -> None:
    result = count_dot_vote(FOUR, DotVoteOptions(dots_per_person=3, present=10, choose=1))
    assert [p.option for p in result.places] == ["Parking", "Housing", "Rent", "Buses"]
    assert [p.place for p in result.places] == [1, 2, 3, 4]
    assert result.selected == ("Parking",)
    assert result.tied_at_cut == ()
    assert result.tie_note is None
    assert (result.dots_used, result.dots_available) == (26, 30)


def test_dot_vote_tie_at_the_cut_names_the_tied_options() -> None:
    result = count_dot_vote(FOUR, DotVoteOptions(dots_per_person=3, present=10, choose=2))
    assert result.selected == ("Parking", "Housing")
    assert result.tied_at_cut == ("Housing", "Rent")
    assert [p.selected for p in result.places] == [True, True, False, False]
    assert result.tie_note == (
        "Housing and Rent tie on 7 dots at the cut after place 2; "
        "their order follows the collated rank, then the name."
    )


def test_dot_vote_no_tie_when_the_next_option_has_fewer_dots() -> None:
    result = count_dot_vote(FOUR, DotVoteOptions(dots_per_person=3, present=10, choose=3))
    assert result.selected == ("Parking", "Housing", "Rent")
    assert result.tied_at_cut == ()


def test_dot_vote_tie_names_every_option_with_the_cut_dots() -> None:
    figures = dots(("A", 1, 5), ("B", 2, 5), ("C", 3, 5), ("D", 4, 1))
    result = count_dot_vote(figures, DotVoteOptions(dots_per_person=2, present=8, choose=2))
    assert result.selected == ("A", "B")
    assert result.tied_at_cut == ("A", "B", "C")


def test_dot_vote_tie_at_zero_dots() -> None:
    figures = dots(("A", 1, 4), ("B", 2, 0), ("C", 3, 0))
    result = count_dot_vote(figures, DotVoteOptions(dots_per_person=1, present=4, choose=2))
    assert result.selected == ("A", "B")
    assert result.tied_at_cut == ("B", "C")


def test_dot_vote_same_dots_and_rank_go_by_name_case_folded() -> None:
    figures = dots(("banana", 1, 3), ("Apple", 1, 3), ("cherry", 1, 3))
    result = count_dot_vote(figures, DotVoteOptions(dots_per_person=1, present=9, choose=3))
    assert [p.option for p in result.places] == ["Apple", "banana", "cherry"]
    assert result.tied_at_cut == ()  # nothing after place 3


def test_dot_vote_choosing_more_than_there_are_selects_all() -> None:
    figures = dots(("A", 1, 1), ("B", 2, 1))
    result = count_dot_vote(figures, DotVoteOptions(dots_per_person=1, present=2, choose=5))
    assert result.selected == ("A", "B")
    assert result.tied_at_cut == ()


def test_dot_vote_all_the_dots_in_the_room_are_accepted() -> None:
    figures = dots(("A", 1, 20), ("B", 2, 10))
    result = count_dot_vote(figures, DotVoteOptions(dots_per_person=3, present=10, choose=1))
    assert result.dots_used == result.dots_available == 30


def test_dot_vote_overflow_is_refused() -> None:
    figures = dots(("A", 1, 20), ("B", 2, 11))
    with pytest.raises(InvalidInput) as caught:
        count_dot_vote(figures, DotVoteOptions(dots_per_person=3, present=10, choose=1))
    assert caught.value.message == (
        "the dots counted (31) exceed present × dots per person (10 × 3 = 30); count the dots again"
    )


def test_dot_vote_option_names_are_trimmed_and_distinct() -> None:
    options = DotVoteOptions(dots_per_person=1, present=5, choose=1)
    result = count_dot_vote(dots((" Parking ", 1, 2)), options)
    assert result.selected == ("Parking",)
    with pytest.raises(InvalidInput, match='"parking" is listed twice'):
        count_dot_vote(dots(("Parking", 1, 1), (" parking", 2, 1)), options)
    with pytest.raises(InvalidInput, match="no name"):
        count_dot_vote(dots(("  ", 1, 1)), options)


def test_dot_vote_options_are_checked() -> None:
    for data in (
        {"dots_per_person": 0, "present": 5, "choose": 1},
        {"dots_per_person": 1, "present": -1, "choose": 1},
        {"dots_per_person": 1, "present": 5, "choose": 0},
    ):
        with pytest.raises(InvalidInput):
            validate(DotVoteOptions, data)
    with pytest.raises(InvalidInput, match="dots"):
        validate(DotFigure, {"option": "A", "rank": 1, "dots": -2})
