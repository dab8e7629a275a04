"""The sessions list's query value: what counts as a filter, what is refused."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from listening_tui.domain.queries import SEARCH_MAX, SORT_COLUMNS, SessionQuery


def test_the_default_lists_everything_newest_first() -> None:
    query = SessionQuery()
    assert (query.sort_by, query.direction) == ("held_on", "desc")
    assert not query.filtered


def test_search_text_is_trimmed_and_cut() -> None:
    assert SessionQuery(text="  Siân  ").text == "Siân"
    assert SessionQuery(text="x" * 500).text == "x" * SEARCH_MAX
    assert not SessionQuery(text="   ").filtered


@pytest.mark.parametrize("field", ["subgroup", "leader"])
def test_an_empty_choice_means_any(field: str) -> None:
    query = SessionQuery.model_validate({field: ""})
    assert getattr(query, field) is None
    assert not query.filtered
    assert SessionQuery.model_validate({field: "Libraries"}).filtered


def test_queries_are_values() -> None:
    assert SessionQuery(kind="group") == SessionQuery(kind="group")
    assert hash(SessionQuery(kind="group")) == hash(SessionQuery(kind="group"))
    with pytest.raises(ValidationError):
        SessionQuery().text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    "bad",
    [{"sort_by": "updated_at"}, {"direction": "up"}, {"kind": "pair"}, {"colour": "red"}],
)
def test_unknown_columns_and_values_are_refused(bad: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        SessionQuery.model_validate(bad)


def test_the_sortable_columns_are_the_lists_columns() -> None:
    assert SORT_COLUMNS == (
        "held_on", "kind", "leader", "subgroup", "participant_count", "issue_count", "first_issue",
    )  # fmt: skip
