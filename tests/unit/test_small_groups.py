"""The small-group rule: which subgroups are folded into "Other subgroups"."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from listening_tui.domain.conclusions import SubgroupHeard
from listening_tui.domain.small_groups import (
    OTHER_SUBGROUP_IN_TEXT,
    OTHER_SUBGROUPS,
    SubgroupFolding,
    fold_small_subgroups,
    folded_heard,
)
from listening_tui.interchange.anonymise import Anonymiser, KnownPeople


def folded(people: dict[str, int], k: int) -> set[str]:
    return set(fold_small_subgroups(people, k).folded_names)


def test_subgroups_under_k_are_folded_and_the_others_kept() -> None:
    people = {"Libraries": 3, "Depot": 2, "Home care": 30, "Contact centre": 5}
    folding = fold_small_subgroups(people, 5)
    assert set(folding.folded_names) == {"Libraries", "Depot"}
    assert folding.other_people == 5
    assert folding.shown("Libraries") == OTHER_SUBGROUPS
    assert folding.shown("Contact centre") == "Contact centre"  # exactly k is kept


def test_a_remainder_under_k_takes_the_next_smallest_subgroup() -> None:
    people = {"Libraries": 2, "Home care": 30, "Parks": 6, "Contact centre": 7}
    folding = fold_small_subgroups(people, 5)
    assert folding.folded_names == ("Libraries", "Parks")
    assert folding.other_people == 8


def test_a_remainder_keeps_folding_until_it_reaches_k() -> None:
    people = {"A": 1, "B": 2, "C": 3, "D": 9}
    assert folded(people, 10) == {"A", "B", "C", "D"}  # all of them: 15 people
    assert fold_small_subgroups({"A": 1, "B": 2}, 5).other_people == 3  # nothing left to add


def test_ties_on_people_fold_by_name() -> None:
    assert folded({"b": 1, "Zed": 6, "Alpha": 6}, 5) == {"b", "Alpha"}


def test_k_of_one_folds_nothing() -> None:
    folding = fold_small_subgroups({"Libraries": 1, "Depot": 2}, 1)
    assert folding.folded == frozenset()
    assert folding.shown_list(["Libraries", "Depot"]) == ["Libraries", "Depot"]


def test_no_subgroups_folds_nothing() -> None:
    folding = fold_small_subgroups({}, 5)
    assert folding.folded == frozenset()
    assert folding.shown(None) is None
    assert folding.shown_list([]) == []
    assert folded_heard([], folding) == []


def test_sessions_without_a_subgroup_are_never_folded_nor_counted() -> None:
    heard = [
        SubgroupHeard(subgroup="Libraries", sessions=1, people=1),
        SubgroupHeard(subgroup="Home care", sessions=3, people=20),
        SubgroupHeard(subgroup=None, sessions=2, people=2),
    ]
    folding = fold_small_subgroups({h.subgroup: h.people for h in heard if h.subgroup}, 5)
    assert folding.shown(None) is None
    assert not folding.hides("")
    assert folded_heard(heard, folding) == [
        SubgroupHeard(subgroup=OTHER_SUBGROUPS, sessions=4, people=21),
        SubgroupHeard(subgroup=None, sessions=2, people=2),
    ]


def test_unheard_subgroups_are_kept() -> None:
    folding = fold_small_subgroups({"Libraries": 0, "Depot": 2, "Home care": 9}, 5)
    assert folding.folded_names == ("Depot", "Home care")
    assert not folding.hides("Libraries")


def test_names_are_one_subgroup_ignoring_case_and_spacing() -> None:
    folding = fold_small_subgroups({"Home care": 3, "home  CARE": 3, "Depot": 2}, 5)
    assert folding.folded_names == ("Depot", "Home care")
    assert folding.hides("HOME CARE")


def test_a_subgroup_called_other_subgroups_is_always_folded() -> None:
    folding = fold_small_subgroups({"other subgroups": 40, "Home care": 30}, 5)
    assert folding.hides("Other Subgroups")
    assert not folding.hides("Home care")
    assert folding.shown_list(["Home care", "other subgroups"]) == ["Home care", OTHER_SUBGROUPS]


def test_the_campaign_list_names_other_subgroups_once_last() -> None:
    folding = fold_small_subgroups({"Libraries": 1, "Depot": 2, "Home care": 9}, 3)
    assert folding.shown_list(["Libraries", "Home care", "Depot"]) == [
        "Home care",
        OTHER_SUBGROUPS,
    ]
    # A folded subgroup only sessions named still puts the label in the campaign's list.
    assert folding.shown_list(["Home care"]) == ["Home care", OTHER_SUBGROUPS]


@given(
    st.dictionaries(st.sampled_from("ABCDEFGH"), st.integers(min_value=0, max_value=12)),
    st.integers(min_value=1, max_value=20),
)
def test_no_group_shown_outside_holds_fewer_than_k_unless_all_are_folded(
    people: dict[str, int], k: int
) -> None:
    folding = fold_small_subgroups(people, k)
    for name, count in people.items():
        if count and not folding.hides(name):
            assert count >= k
    everything = {name for name, count in people.items() if count}
    if folding.folded and set(folding.folded_names) != everything:
        assert folding.other_people >= k
    assert folding.other_people == sum(people[name] for name in folding.folded_names)


def test_anonymised_text_names_no_folded_subgroup() -> None:
    folding = SubgroupFolding(
        k=5, folded=frozenset({"pest control"}), folded_names=("Pest control",)
    )
    anonymiser = Anonymiser(KnownPeople(people=frozenset({"Gary Whitlock"})), folding)
    said = "The PEST  control lads and Gary said pest-control vans are unsafe"
    assert anonymiser.text(said) == (
        f"The {OTHER_SUBGROUP_IN_TEXT} lads and Participant 1 said {OTHER_SUBGROUP_IN_TEXT} "
        "vans are unsafe"
    )
    assert anonymiser.text("Pests controlled") == "Pests controlled"  # whole words only
    assert anonymiser.subgroup("pest control") == OTHER_SUBGROUPS
    assert anonymiser.subgroup("Home care") == "Home care"
    assert anonymiser.subgroups(["Pest control", "Home care"]) == ["Home care", OTHER_SUBGROUPS]
