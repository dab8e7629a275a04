"""The ranked screen's pure parts: the bar, column widths and help, days, filter words."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from listening_tui.domain.ranking import RANKING_COLUMNS, RankingFilter
from listening_tui.errors import InvalidInput
from listening_tui.tui.screens.group_details import ordinal
from listening_tui.tui.screens.ranked import describe_filter
from listening_tui.tui.widgets.ranking_filters import check_days, parse_day
from listening_tui.tui.widgets.ranking_table import (
    BAR,
    COLUMNS,
    column_help,
    column_widths,
    points_bar,
)


def test_every_figure_of_the_spec_is_a_column_with_help() -> None:
    keys = [c.key for c in COLUMNS]
    assert [k for k in keys if k != BAR] == list(RANKING_COLUMNS)
    assert keys.index(BAR) == keys.index("points") + 1
    for key in keys:
        for weighting in ("session", "people"):
            assert len(column_help(key, weighting)) > 30  # type: ignore[arg-type]
    assert "times the people" in column_help("points", "people")
    assert "times the people" not in column_help("points", "session")
    with pytest.raises(KeyError):
        column_help("nothing", "session")


@pytest.mark.parametrize(
    ("points", "top", "width", "bar"),
    [
        (118, 118, 8, "████████"),
        (59, 118, 8, "████"),
        (106, 118, 8, "███████▏"),
        (1, 118, 8, "▏"),  # any points show
        (0, 118, 8, ""),
        (5, 0, 8, ""),
        (200, 100, 4, "████"),  # never wider than the column
        (3, 8, 1, "▍"),
    ],
)
def test_points_bar(points: int, top: int, width: int, bar: str) -> None:
    assert points_bar(points, top, width) == bar


def test_column_widths_keep_the_theme_readable_and_grow_the_bar() -> None:
    narrow = column_widths(79, longest_name=46)
    wide = column_widths(199, longest_name=46)
    padding = 2 * len(COLUMNS)
    # At 80 columns rank, theme, points, bar and sessions are on screen; the rest scrolls.
    first = ("rank", "theme", "points", BAR, "sessions")
    assert sum(narrow[k] for k in first) + 2 * len(first) <= 79
    assert narrow["theme"] >= 30
    # At 200 everything fits: the theme takes its longest name, the bar what is left.
    assert wide["theme"] == 46
    assert sum(wide.values()) + padding <= 199
    assert wide[BAR] > narrow[BAR]
    assert column_widths(400, longest_name=300)["theme"] == 60


def test_days() -> None:
    assert parse_day("From", " 2026-11-03 ") == date(2026, 11, 3)
    assert parse_day("From", "  ") is None
    for wrong in ("2026-13-01", "3/11/2026", "2026-1-3", "2026-02-30"):
        with pytest.raises(InvalidInput, match="is not a date: write it as YYYY-MM-DD"):
            parse_day("To", wrong)
    assert check_days("2026-11-03", "2026-11-03") == (date(2026, 11, 3), date(2026, 11, 3))
    with pytest.raises(InvalidInput, match="From 2026-11-04 is after To 2026-11-03"):
        check_days("2026-11-04", "2026-11-03")


def test_describe_filter() -> None:
    assert describe_filter(RankingFilter(campaign_id=uuid.uuid4())) == "all sessions"
    chosen = RankingFilter(
        kind="group", subgroup="Libraries", leader="Tom", date_to=date(2026, 1, 2)
    )
    assert describe_filter(chosen) == (
        "group sessions, subgroup Libraries, led by Tom, held any day to 2026-01-02"
    )


def test_ordinal() -> None:
    assert [ordinal(p) for p in range(1, 7)] == ["1st", "2nd", "3rd", "4th", "5th", "6th"]
