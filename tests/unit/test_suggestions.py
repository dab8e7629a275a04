"""Theme suggestions from issue texts (domain/suggestions.py)."""

from __future__ import annotations

import uuid

from listening_tui.domain.suggestions import IssueText, suggest_groups


def _issue(text: str, theme_id: uuid.UUID | None = None) -> IssueText:
    return IssueText(id=uuid.uuid4(), text=text, theme_id=theme_id)


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
    assert suggestions[0].output() == {
        "theme": "No parking",
        "issue_ids": [str(first.id), str(second.id)],
    }
