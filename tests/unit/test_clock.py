"""The clock check: a reading before 2020, or well before the newest stored time, is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from listening_tui.domain.clock import EARLIEST, SLACK, clock_problem, server_clock_problem

NEWEST = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


def test_a_clock_before_2020_is_refused_with_what_it_says() -> None:
    said = clock_problem(
        datetime(2001, 6, 15, 12, 0, tzinfo=UTC), None, doing="so nothing was saved"
    )
    assert said is not None
    assert "clock says it is 15 Jun 2001" in said
    assert "can't be right, so nothing was saved: set this computer's date and time" in said


def test_a_clock_more_than_a_day_behind_the_newest_time_is_refused() -> None:
    behind = NEWEST - SLACK - timedelta(minutes=1)
    said = clock_problem(behind, NEWEST, doing="so nothing was imported")
    assert said is not None
    assert "holds work saved on" in said
    assert "Mar 2026" in said
    assert "so nothing was imported" in said


def test_small_drift_and_a_clock_ahead_are_accepted() -> None:
    assert clock_problem(NEWEST - SLACK, NEWEST, doing="") is None
    assert clock_problem(NEWEST + timedelta(days=400), NEWEST, doing="") is None
    assert clock_problem(EARLIEST, None, doing="") is None


def test_beside_a_server_a_day_either_way_is_refused_and_less_is_not() -> None:
    server = datetime(2026, 12, 6, 23, 0, tzinfo=UTC)
    assert server_clock_problem(server + SLACK, server, doing="") is None
    assert server_clock_problem(server - SLACK, server, doing="") is None
    ahead = server_clock_problem(server + SLACK + timedelta(minutes=1), server, doing="so x")
    assert ahead is not None
    assert "ahead of it by more than a day, so x: set this computer's date" in ahead
    behind = server_clock_problem(server - timedelta(days=3), server, doing="so x")
    assert behind is not None
    assert "behind it by more than a day" in behind
