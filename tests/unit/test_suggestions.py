"""Theme suggestions from issue texts (domain/suggestions.py, domain/grouping.py)."""

from __future__ import annotations

import random
import uuid

import numpy as np
import pytest

from listening_tui.domain.grouping import average_linkage
from listening_tui.domain.suggestions import IssueText, suggest_groups
from listening_tui.domain.wording import terms


def _issue(text: str, theme_id: uuid.UUID | None = None) -> IssueText:
    return IssueText(id=uuid.uuid4(), text=text, theme_id=theme_id)


def _together(suggestions: list[object], *issues: IssueText) -> bool:
    wanted = {issue.id for issue in issues}
    return any(wanted <= set(s.issue_ids) for s in suggestions)  # type: ignore[attr-defined]


def test_unthemed_issue_with_a_themed_wording_is_proposed_for_that_theme() -> None:
    housing = uuid.uuid4()
    themed = _issue("Rent is too high", housing)
    loose = _issue("rent is too  high!")
    suggestions = suggest_groups([themed, loose], {housing: "Housing"})
    assert [(s.theme, s.theme_id, s.issue_ids) for s in suggestions] == [
        ("Housing", housing, (loose.id,))
    ]


def test_a_single_unthemed_issue_is_not_a_new_theme_but_a_repeated_one_is() -> None:
    alone = _issue("Buses stop at six")
    first, second = _issue("No parking"), _issue("no parking.")
    suggestions = suggest_groups([alone, first, second], {})
    assert [(s.theme_id, set(s.issue_ids)) for s in suggestions] == [(None, {first.id, second.id})]
    assert suggestions[0].output()["theme"] == "No parking"
    assert set(suggestions[0].output()["issue_ids"]) == {str(first.id), str(second.id)}  # type: ignore[arg-type]


def test_same_concern_in_different_words_lands_together() -> None:
    freeze = _issue("Pay freeze means I can't cover the bills")
    wages = _issue("Wages not keeping up with the cost of living")
    mould = _issue("Black mould in the bedroom")
    damp = _issue("Damp flat, condensation on every window")
    suggestions = suggest_groups([freeze, mould, wages, damp], {})
    assert _together(suggestions, freeze, wages)
    assert _together(suggestions, mould, damp)
    assert not _together(suggestions, freeze, mould)


def test_different_concerns_sharing_words_stay_apart() -> None:
    depot = _issue("Broken heating at the depot")
    office = _issue("Office radiators broken, freezing at work")
    bills = _issue("Heating bills too high")
    gas = _issue("Gas and electric bills have doubled")
    suggestions = suggest_groups([depot, bills, office, gas], {})
    assert _together(suggestions, depot, office)
    assert _together(suggestions, bills, gas)
    assert not _together(suggestions, depot, bills)


def test_an_unthemed_issue_close_to_a_theme_joins_it_and_themed_issues_stay_out() -> None:
    pay = uuid.uuid4()
    themed = [_issue("Low pay", pay), _issue("Wages too low for the work", pay)]
    salary = _issue("Salary hasn't gone up in years")
    bus_one, bus_two = _issue("Buses cut"), _issue("The 42 bus only runs hourly now")
    suggestions = suggest_groups([*themed, salary, bus_one, bus_two], {pay: "Pay"})
    assert (suggestions[0].theme, suggestions[0].theme_id) == ("Pay", pay)
    assert suggestions[0].issue_ids == (salary.id,)
    assert {frozenset(s.issue_ids) for s in suggestions[1:]} == {
        frozenset({bus_one.id, bus_two.id})
    }
    proposed = {issue_id for s in suggestions for issue_id in s.issue_ids}
    assert proposed.isdisjoint(issue.id for issue in themed)


def test_two_themes_are_never_merged() -> None:
    first, second = uuid.uuid4(), uuid.uuid4()
    issues = [_issue("Rent too high", first), _issue("Rents too high", second)]
    issues.append(_issue("rent went up again"))
    suggestions = suggest_groups(issues, {first: "Rent", second: "Rents"})
    assert len(suggestions) == 1
    assert suggestions[0].theme_id in {first, second}


def test_same_input_in_any_order_gives_the_same_suggestions() -> None:
    pay = uuid.uuid4()
    texts = [
        "Pay freeze", "Wages too low", "Salary stuck", "Buses late", "Bus cut", "No buses Sunday",
        "Mould in flat", "Damp bedroom", "Damp and mould", "Rota late", "Shifts moved",
    ]  # fmt: skip
    issues = [_issue(text) for text in texts] + [_issue("Low pay", pay)]
    expected = suggest_groups(issues, {pay: "Pay"})
    assert len(expected) >= 3
    for seed in range(5):
        shuffled = issues[:]
        random.Random(seed).shuffle(shuffled)
        assert suggest_groups(shuffled, {pay: "Pay"}) == expected


def test_progress_is_reported_and_ends_complete() -> None:
    seen: list[tuple[int, int]] = []
    suggest_groups(
        [_issue("Rent up"), _issue("Rents rising")],
        {},
        seen.append and (lambda d, t: seen.append((d, t))),
    )
    assert seen
    assert seen[-1][0] == seen[-1][1]


def test_terms_make_synonyms_one_concern_term() -> None:
    assert "~pay" in terms("Wages not keeping up")
    assert "~pay" in terms("salary frozen")
    assert "~damp" in terms("mouldy walls")
    assert "~damp" in terms("condensation")
    assert "~sick" in terms("No sick pay")
    assert "~pay" not in terms("No sick pay")


def test_average_linkage_stops_below_the_threshold_and_respects_anchors() -> None:
    alike = np.array(
        [[1.0, 0.9, 0.1, 0.8], [0.9, 1.0, 0.1, 0.8], [0.1, 0.1, 1.0, 0.0], [0.8, 0.8, 0.0, 1.0]]
    )
    assert average_linkage([1, 1, 1, 1], alike.copy(), 0.5) == [[0, 1, 3]]
    assert average_linkage([1, 1, 1, 1], alike.copy(), 0.5, frozenset({0, 1})) == [[0, 3]]


def test_a_big_campaign_is_compared_in_blocks_of_one_main_concern(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from listening_tui.domain import suggestions

    texts = [
        "Pay freeze means I can't cover the bills",
        "Wages not keeping up with the cost of living",
        "Our salaries have been frozen for three years",
        "Damp and mould in the children's bedroom",
        "Black mould keeps coming back on the walls",
        "Condensation and damp everywhere in the flat",
    ]
    issues = [_issue(text) for text in texts]
    whole = suggest_groups(issues, {})
    monkeypatch.setattr(suggestions, "BLOCK_NODES", 3)
    blocks = suggestions._blocks([[t] for t in texts])
    assert all(len(block) <= 3 for block in blocks)
    assert sorted(node for block in blocks for node in block) == list(range(6))
    in_blocks = suggest_groups(issues, {})
    assert {frozenset(s.issue_ids) for s in in_blocks} == {frozenset(s.issue_ids) for s in whole}
    assert len(whole) == 2


def test_a_wording_already_in_a_theme_is_proposed_for_it_however_mixed_the_theme() -> None:
    housing = uuid.uuid4()
    themed = [
        _issue("Rent is too high", housing),
        _issue("Landlord never answers about the boiler", housing),
        _issue("Waiting list for a council flat is years long", housing),
    ]
    loose = _issue("rent is too high!")
    suggestions = suggest_groups([*themed, loose], {housing: "Housing"})
    assert [(s.theme_id, s.issue_ids) for s in suggestions] == [(housing, (loose.id,))]
