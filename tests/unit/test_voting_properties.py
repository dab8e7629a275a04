"""Properties every count of ranked ballots must have, whatever the ballots (hypothesis)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from listening_tui.domain.voting import (
    BallotBox,
    RawBallot,
    count_borda,
    count_irv,
    prepare_ballots,
)

NAMES = ["Parking", "Housing", "Rent", "Buses", "Schools", "Jobs"]

valid_ballot = st.permutations(NAMES).flatmap(
    lambda order: st.integers(0, len(order)).map(lambda m: tuple(order[:m]))
)
"""A ballot ranking 0 to 6 distinct options (0 = blank)."""

any_ballot = st.one_of(
    valid_ballot,
    st.lists(st.sampled_from(NAMES), min_size=2, max_size=5).map(tuple),  # may name one twice
)

ballot_lists = st.lists(any_ballot, max_size=60)


def numbered(ballots: list[tuple[str, ...]]) -> list[RawBallot]:
    return [RawBallot(number=n, preferences=p) for n, p in enumerate(ballots, start=1)]


def counted_non_blank(box: BallotBox) -> list[tuple[int, ...]]:
    return [ballot for ballot in box.counted if ballot]


@given(ballot_lists)
def test_borda_points_sum_to_m_m_plus_one_over_two_per_ballot(
    ballots: list[tuple[str, ...]],
) -> None:
    box = prepare_ballots(numbered(ballots))
    expected = sum(len(b) * (len(b) + 1) // 2 for b in counted_non_blank(box))
    result = count_borda(box)
    assert sum(place.points for place in result.results) == expected
    assert sum(place.first_preferences for place in result.results) == len(counted_non_blank(box))


@given(ballot_lists)
def test_borda_ranks_are_standard_competition_ranks(ballots: list[tuple[str, ...]]) -> None:
    results = count_borda(prepare_ballots(numbered(ballots))).results
    for place in results:
        better = sum(
            1
            for other in results
            if (other.points, other.first_preferences) > (place.points, place.first_preferences)
        )
        assert place.rank == better + 1


@given(ballot_lists)
def test_irv_first_round_majority_wins_in_round_one(ballots: list[tuple[str, ...]]) -> None:
    box = prepare_ballots(numbered(ballots))
    firsts = [box.options[b[0]] for b in counted_non_blank(box)]
    result = count_irv(box)
    leaders = [name for name in set(firsts) if 2 * firsts.count(name) > len(firsts)]
    if leaders:
        assert result.winner == leaders[0]
        assert len(result.rounds) == 1
        assert result.rounds[0].eliminated is None


@given(ballot_lists)
def test_irv_rounds_account_for_every_counted_ballot(ballots: list[tuple[str, ...]]) -> None:
    box = prepare_ballots(numbered(ballots))
    result = count_irv(box)
    eliminated = [r.eliminated for r in result.rounds[:-1]]
    assert None not in eliminated
    assert len(set(eliminated)) == len(eliminated)
    assert result.rounds[-1].eliminated is None
    for before, after in zip(result.rounds, result.rounds[1:], strict=False):
        assert set(after.counts) == set(before.counts) - {before.eliminated}
        assert after.exhausted >= before.exhausted
    for r in result.rounds:
        assert sum(r.counts.values()) + r.exhausted == len(box.counted)
    if result.winner is not None:
        last = result.rounds[-1]
        assert 2 * last.counts[result.winner] > sum(last.counts.values())
    else:
        assert not counted_non_blank(box)


@settings(max_examples=50)
@given(ballot_lists, st.randoms(use_true_random=False))
def test_results_do_not_depend_on_ballot_order(
    ballots: list[tuple[str, ...]], rng: random.Random
) -> None:
    raw = numbered(ballots)
    shuffled = list(raw)
    rng.shuffle(shuffled)
    for count in (count_borda, count_irv):
        assert count(prepare_ballots(shuffled)) == count(prepare_ballots(raw))
        listed = prepare_ballots(shuffled, NAMES), prepare_ballots(raw, NAMES)
        assert count(listed[0]) == count(listed[1])
