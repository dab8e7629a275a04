"""The clock check of saves and imports (domain/clock.py), against the database's newest time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from listening_tui.db.tables import SessionRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.clock import clock_problem, server_clock_problem
from listening_tui.errors import ClockWrong


def check_clock(uow: UnitOfWork, now: datetime, *, doing: str, real_clock: bool = False) -> None:
    """Raise ClockWrong when ``now`` is before 2020 or well before the newest stored session.

    ``real_clock`` says ``now`` was read from this computer's clock (not given by
    a caller or a test): on PostgreSQL it is then compared with the server's
    clock instead of the newest stored time (see domain/clock.py).
    """
    early = clock_problem(now, None, doing=doing)
    if early is not None:
        raise ClockWrong(early)
    if real_clock and uow.session.get_bind().dialect.name == "postgresql":
        server_now = uow.session.scalar(select(func.now()))
        assert server_now is not None
        wrong = server_clock_problem(now, server_now, doing=doing)
        if wrong is not None:
            raise ClockWrong(wrong)
        return
    newest = uow.session.scalar(select(func.max(SessionRow.updated_at)))
    behind = clock_problem(now, newest, doing=doing)
    if behind is not None:
        raise ClockWrong(behind)
