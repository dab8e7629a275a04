"""The clock check of saves and imports (domain/clock.py), against the database's newest time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from listening_tui.db.tables import SessionRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.clock import clock_problem
from listening_tui.errors import ClockWrong


def check_clock(uow: UnitOfWork, now: datetime, *, doing: str) -> None:
    """Raise ClockWrong when ``now`` is before 2020 or well before the newest stored session."""
    early = clock_problem(now, None, doing=doing)
    if early is not None:
        raise ClockWrong(early)
    newest = uow.session.scalar(select(func.max(SessionRow.updated_at)))
    behind = clock_problem(now, newest, doing=doing)
    if behind is not None:
        raise ClockWrong(behind)
