"""Ranked ballots, counted by hand here and by domain.ranked (spec/voting.md).

Each ballot is written as a string of preferences ("A,B" = A first, then B);
ballots are numbered from 1 in the order written.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from listening_tui.domain.voting import (
    BallotBox,
    IrvResult,
    RawBallot,
    SpoiledBallot,
    count_borda,
    count_irv,
    prepare_ballots,
)
from listening_tui.errors import InvalidInput


def box(*ballots: str, options: Sequence[str] | None = None) -> BallotBox:
    raw = [
        RawBallot(number=n, preferences=tuple(text.split(",")) if text else ())
        for n, text in enumerate(ballots, start=1)
    ]
    return prepare_ballots(raw, options)


def many(count: int, ballot: str) -> list[str]:
    return [ballot] * count


def rounds(result: IrvResult) -> list[tuple[dict[str, int], str | None, int]]:
    return [(r.counts, r.eliminated, r.exhausted) for r in result.rounds]


# --- Spoiled and blank ballots -------------------------------------------------------------


def test_an_option_named_twice_spoils_the_ballot_whatever_its_spelling() -> None:
    counted = box("A,B", "Parking, parking ", "B")
    assert counted.spoiled == (SpoiledBallot(ballot=2, reason='names "Parking" twice'),)
    assert counted.ballots == 3
    assert len(counted.counted) == 2


def test_a_name_off_the_list_spoils_only_when_a_list_is_given() -> None:
    without_list = box("A,B", "A,Parkin")
    assert without_list.spoiled == ()
    assert without_list.options == ("A", "B", "Parkin")
    with_list = box("A,B", "A,Parkin", options=["A", "B", "C"])
    assert with_list.spoiled == (
        SpoiledBallot(ballot=2, reason='names "Parkin", which is not on the list of options'),
    )
    assert with_list.options == ("A", "B", "C")


def test_a_spoiled_ballot_reports_its_first_problem_left_to_right() -> None:
    counted = box("A,A,Z", "Z,A,A", options=["A", "B"])
    assert [s.reason for s in counted.spoiled] == [
        'names "A" twice',
        'names "Z", which is not on the list of options',
    ]


def test_empty_cells_are_ignored_and_a_ballot_without_preferences_is_blank() -> None:
    counted = box("A,,B", "", " , ,", "B")
    assert counted.counted == ((0, 1), (), (), (1,))
    assert counted.blank == 2
    assert counted.spoiled == ()
    assert counted.ballots == 4


def test_ballots_counts_every_ballot_read() -> None:
    result = count_borda(box("A,B", "A,A", "", "B,A"))
    assert result.ballots == 4
    assert [s.ballot for s in result.spoiled] == [2]
    assert result.blank == 1


def test_names_are_compared_trimmed_and_case_folded_and_shown_as_first_written() -> None:
    counted = box(" a b ,Car park", "A B", "CAR PARK,a B", "STRASSE", "straße")
    assert counted.options == ("a b", "Car park", "STRASSE")
    assert counted.counted == ((0, 1), (0,), (1, 0), (2,), (2,))


def test_names_on_a_spoiled_ballot_are_neither_options_nor_spellings() -> None:
    counted = box("parking,PARKING", "Parking")
    assert counted.options == ("Parking",)


def test_the_options_list_spelling_is_shown() -> None:
    counted = box("parking", options=[" Parking "])
    assert counted.options == ("Parking",)
    assert counted.counted == ((0,),)


def test_a_bad_options_list_is_refused() -> None:
    with pytest.raises(InvalidInput, match='"parking" is on the list of options twice'):
        box("A", options=["Parking", "parking"])
    with pytest.raises(InvalidInput, match="no name"):
        box("A", options=["A", " "])


def test_spoiled_ballots_are_listed_by_number() -> None:
    raw = [
        RawBallot(number=9, preferences=("A", "A")),
        RawBallot(number=3, preferences=("B", "B")),
    ]
    assert [s.ballot for s in prepare_ballots(raw).spoiled] == [3, 9]


# --- Borda (modified) ----------------------------------------------------------------------


def test_borda_with_partial_and_blank_ballots() -> None:
    # 1: A B C -> A 3, B 2, C 1      2: B A -> B 2, A 1      3: C -> C 1
    # 4: blank -> nothing            5: B C A -> B 3, C 2, A 1
    # A = 3+1+1 = 5, B = 2+2+3 = 7, C = 1+1+2 = 4; first preferences A 1, B 2, C 1.
    result = count_borda(box("A,B,C", "B,A", "C", "", "B,C,A"))
    assert [(p.rank, p.option, p.points, p.first_preferences) for p in result.results] == [
        (1, "B", 7, 2),
        (2, "A", 5, 1),
        (3, "C", 4, 1),
    ]
    assert result.ballots == 5
    assert result.blank == 1


def test_borda_ties_go_to_first_preferences_then_name_with_competition_ranks() -> None:
    # A B -> A 2, B 1;  B A -> B 2, A 1;  C -> C 1 (twice);  D C -> D 2, C 1
    # A 3 (1 first), B 3 (1 first), C 3 (2 firsts), D 2 (1 first).
    result = count_borda(box("A,B", "B,A", "C", "C", "D,C"))
    assert [(p.rank, p.option, p.points, p.first_preferences) for p in result.results] == [
        (1, "C", 3, 2),
        (2, "A", 3, 1),
        (2, "B", 3, 1),
        (4, "D", 2, 1),
    ]


def test_borda_lists_options_nobody_ranked_with_zero() -> None:
    # A,B -> A 2, B 1;  B -> B 1.  A and B tie on (2 points, 1 first): both rank 1.
    result = count_borda(box("A,B", "B", options=["C", "A", "B"]))
    assert [(p.rank, p.option, p.points, p.first_preferences) for p in result.results] == [
        (1, "A", 2, 1),
        (1, "B", 2, 1),
        (3, "C", 0, 0),
    ]


def test_borda_json_has_exactly_the_spec_shape() -> None:
    dumped = count_borda(box("A,B", "A,A", "")).model_dump(mode="json")
    assert dumped == {
        "method": "borda",
        "ballots": 3,
        "spoiled": [{"ballot": 2, "reason": 'names "A" twice'}],
        "results": [
            {"rank": 1, "option": "A", "points": 2, "first_preferences": 1},
            {"rank": 2, "option": "B", "points": 1, "first_preferences": 0},
        ],
    }


def test_borda_with_no_ballots() -> None:
    assert count_borda(box()).results == ()
    assert [p.rank for p in count_borda(box(options=["A", "B"])).results] == [1, 1]


# --- Instant run-off -----------------------------------------------------------------------


def test_irv_first_round_majority_wins_at_once() -> None:
    result = count_irv(box("A", "A,B", "A", "B", "C,B"))
    assert result.winner == "A"
    assert rounds(result) == [({"A": 3, "B": 1, "C": 1}, None, 0)]


def test_irv_half_is_not_a_majority() -> None:
    # A 2, B 2: no one holds more than half; the tie goes by name (B is later) -> B out.
    result = count_irv(box("A", "B", "A", "B"))
    assert rounds(result) == [({"A": 2, "B": 2}, "B", 0), ({"A": 2}, None, 2)]
    assert result.winner == "A"


def test_irv_transfers_and_exhausted_ballots() -> None:
    ballots = [*many(4, "A"), *many(3, "B,C"), *many(2, "C,B"), *many(2, "D,C"), "D", ""]
    result = count_irv(box(*ballots))
    # Round 1: A 4, B 3, D 3, C 2; the blank ballot is exhausted; C is eliminated.
    # Round 2: C,B goes to B (5); D 3 is fewest.
    # Round 3: D,C and D have no one left: 1 + 3 exhausted; B holds 5 of the 9 left.
    assert rounds(result) == [
        ({"A": 4, "B": 3, "D": 3, "C": 2}, "C", 1),
        ({"B": 5, "A": 4, "D": 3}, "D", 1),
        ({"B": 5, "A": 4}, None, 4),
    ]
    assert result.winner == "B"
    assert [r.continuing_ballots for r in result.rounds] == [12, 12, 9]
    assert [r.tie_break for r in result.rounds] == [None, None, None]


def test_irv_tie_for_fewest_broken_by_the_previous_round() -> None:
    ballots = [*many(5, "A"), *many(4, "B"), *many(3, "C"), "D,C", "D"]
    result = count_irv(box(*ballots))
    # Round 1: A 5, B 4, C 3, D 2 -> D out.  Round 2: A 5, B 4, C 4 (D,C moved), 1 exhausted:
    # B and C tie on 4; in round 1 C had 3 < 4 -> C out.  Round 3: A 5 of 9 wins.
    assert rounds(result) == [
        ({"A": 5, "B": 4, "C": 3, "D": 2}, "D", 0),
        ({"A": 5, "B": 4, "C": 4}, "C", 1),
        ({"A": 5, "B": 4}, None, 5),
    ]
    assert result.rounds[1].tie_break == "B and C tied on 4; C had the fewest votes in round 1"


def test_irv_tie_for_fewest_looks_at_the_latest_earlier_round_first() -> None:
    ballots = [*many(7, "A"), *many(4, "X"), *many(3, "Y"), *many(2, "Z,Y"), *many(2, "W,X")]
    result = count_irv(box(*ballots, "W,Y"))
    # Round 1: A 7, X 4, Y 3, W 3, Z 2 -> Z out (to Y).  Round 2: A 7, Y 5, X 4, W 3 -> W out
    # (two to X, one to Y).  Round 3: X and Y tie on 6.  Round 2 had X 4 < Y 5, so X goes,
    # although round 1 had Y 3 < X 4: the previous round decides before the one before it.
    assert rounds(result) == [
        ({"A": 7, "X": 4, "W": 3, "Y": 3, "Z": 2}, "Z", 0),
        ({"A": 7, "Y": 5, "X": 4, "W": 3}, "W", 0),
        ({"A": 7, "X": 6, "Y": 6}, "X", 0),
        ({"A": 7, "Y": 6}, None, 6),
    ]
    assert result.winner == "A"
    assert result.rounds[2].tie_break == "X and Y tied on 6; X had the fewest votes in round 2"


def test_irv_tie_chain_goes_back_round_by_round_then_to_the_name() -> None:
    ballots = [*many(5, "A"), *many(4, "B"), *many(3, "C"), *many(3, "D"), "E,C", "E,D"]
    result = count_irv(box(*ballots))
    # Round 1: A 5, B 4, C 3, D 3, E 2 -> E out; its ballots go one to C, one to D.
    # Round 2: B, C, D tie on 4; in round 1 B had 4, C and D 3 each; no round before,
    #          so the name: D comes after C -> D out (its 4 ballots are exhausted).
    # Round 3: B and C tie on 4; round 2 tied too (4, 4); round 1 C had 3 < 4 -> C out.
    # Round 4: A 5 of 9.
    assert rounds(result) == [
        ({"A": 5, "B": 4, "C": 3, "D": 3, "E": 2}, "E", 0),
        ({"A": 5, "B": 4, "C": 4, "D": 4}, "D", 0),
        ({"A": 5, "B": 4, "C": 4}, "C", 4),
        ({"A": 5, "B": 4}, None, 8),
    ]
    assert result.winner == "A"
    assert result.rounds[1].tie_break == (
        "B, C and D tied on 4, and C and D tied in every round before; "
        "D comes last by name, so it is eliminated"
    )
    assert result.rounds[2].tie_break == "B and C tied on 4; C had the fewest votes in round 1"


def test_irv_tie_in_every_round_goes_to_the_name_case_folded() -> None:
    # With the list, "zed" got no preferences: round 1 eliminates it (0, no tie).
    # Round 2: b and C tie on 1, as in round 1 -> C comes after b case-folded -> C out.
    result = count_irv(box("A", "A", "b", "C", options=["A", "b", "C", "zed"]))
    assert rounds(result) == [
        ({"A": 2, "b": 1, "C": 1, "zed": 0}, "zed", 0),
        ({"A": 2, "b": 1, "C": 1}, "C", 0),
        ({"A": 2, "b": 1}, None, 1),
    ]
    assert result.rounds[1].tie_break == (
        "b and C tied on 1 in this round and every round before; "
        "C comes last by name, so it is eliminated"
    )


def test_irv_options_with_no_votes_tie_in_round_one_and_go_by_name() -> None:
    result = count_irv(box("A", "A", "B", "C", options=["A", "B", "C", "x", "Y"]))
    assert [r.eliminated for r in result.rounds] == ["Y", "x", "C", None]
    assert (
        result.rounds[0].tie_break == "x and Y tied on 0; Y comes last by name, so it is eliminated"
    )


def test_irv_last_two_tied_in_every_round_are_decided_by_the_name() -> None:
    """Documented decision: the spec's tie-break chain applies to the last two as well."""
    result = count_irv(box("A,B", "B,A"))
    assert rounds(result) == [({"A": 1, "B": 1}, "B", 0), ({"A": 2}, None, 0)]
    assert result.winner == "A"


def test_irv_blank_ballots_are_exhausted_from_the_first_round() -> None:
    result = count_irv(box("A", "", "B,A", ""))
    assert rounds(result) == [({"A": 1, "B": 1}, "B", 2), ({"A": 2}, None, 2)]
    assert result.blank == 2


def test_irv_with_every_ballot_blank_has_no_winner() -> None:
    """Documented decision: with no ballot left to count, the count stops with no winner."""
    result = count_irv(box("", "", options=["A", "B"]))
    assert result.winner is None
    assert rounds(result) == [({"A": 0, "B": 0}, None, 2)]
    assert result.ballots == 2


def test_irv_with_no_ballots_at_all() -> None:
    result = count_irv(box())
    assert result.winner is None
    assert rounds(result) == [({}, None, 0)]


def test_irv_spoiled_ballots_are_not_counted() -> None:
    result = count_irv(box("A", "B,B", "B,b", "B", "A", options=["A", "B"]))
    assert result.ballots == 5
    assert [s.ballot for s in result.spoiled] == [2, 3]
    assert rounds(result) == [({"A": 2, "B": 1}, None, 0)]
    assert result.winner == "A"


def test_irv_json_has_exactly_the_spec_shape() -> None:
    dumped = count_irv(box("A", "B,A", "A,A", "C")).model_dump(mode="json")
    assert dumped == {
        "method": "irv",
        "ballots": 4,
        "spoiled": [{"ballot": 3, "reason": 'names "A" twice'}],
        "winner": "A",
        "rounds": [
            {"counts": {"A": 1, "B": 1, "C": 1}, "eliminated": "C", "exhausted": 0},
            {"counts": {"A": 1, "B": 1}, "eliminated": "B", "exhausted": 1},
            {"counts": {"A": 2}, "eliminated": None, "exhausted": 1},
        ],
    }
