"""The sessions list's words and column layout, without running the app."""

from __future__ import annotations

import pytest

from listening_tui.domain.queries import SORT_COLUMNS, SessionQuery
from listening_tui.tui.widgets.session_table import (
    COLUMNS,
    NATURAL_DIRECTION,
    ORDER_NAMES,
    column_widths,
    status_text,
)


@pytest.mark.parametrize(
    ("shown", "total", "query", "expected"),
    [
        (100, 48_213, SessionQuery(), "Showing 100 of 48,213 sessions · newest first"),
        (1, 1, SessionQuery(), "Showing 1 of 1 session · newest first"),
        (
            12,
            12,
            SessionQuery(text="pay", sort_by="leader", direction="asc"),
            "Showing 12 of 12 matching sessions · by leader, A–Z",
        ),
        (0, 0, SessionQuery(), "No session written up yet"),
        (0, 0, SessionQuery(kind="group"), "No session matches the filters"),
    ],
)
def test_the_status_line_says_how_many_and_in_which_order(
    shown: int, total: int, query: SessionQuery, expected: str
) -> None:
    assert status_text(shown, total, query) == expected


def test_every_sort_column_has_words_and_a_first_direction() -> None:
    assert set(ORDER_NAMES) == set(SORT_COLUMNS) == set(NATURAL_DIRECTION)
    assert [c.key for c in COLUMNS] == list(SORT_COLUMNS)


@pytest.mark.parametrize("width", [77, 117, 197, 400])
def test_columns_fill_the_width_and_stay_readable(width: int) -> None:
    widths = column_widths(width)
    assert sum(widths.values()) + 2 * len(COLUMNS) == width
    assert widths["held_on"] == len("2026-11-13")
    assert min(widths["leader"], widths["subgroup"]) >= 10
    assert widths["first_issue"] >= 12
    for column in COLUMNS:
        assert widths[column.key] >= len(column.label) + (1 if column.width else 0)


def test_a_narrow_table_keeps_a_minimum_and_scrolls() -> None:
    widths = column_widths(40)
    assert widths["first_issue"] >= 10
    assert sum(widths.values()) + 2 * len(COLUMNS) > 40
