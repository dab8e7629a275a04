"""Is this computer's clock believable? Saves stamp sessions with it, and imports compare times.

A laptop whose clock battery died may think it is 2001, or some months ago.
Sessions saved then would carry times older than their real ones and lose
every later import conflict (the newer ``updated_at`` wins), so a save or an
import is refused, with the reason, when the clock reads before
``EARLIEST`` or more than ``SLACK`` before the newest time already stored.

On a shared PostgreSQL campaign the server's clock is the reference instead:
one laptop whose clock ran ahead would otherwise store times in the future and
make every correct clock look "behind". This computer's clock must then be
within ``SLACK`` of the server's, either way.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

EARLIEST = datetime(2020, 1, 1, tzinfo=UTC)
"""No listening session of this app was saved before this; a clock before it is wrong."""
SLACK = timedelta(days=1)
"""How far behind the newest stored time the clock may be (time zones, small drift)."""


def _shown(moment: datetime) -> str:
    return moment.astimezone().strftime("%d %b %Y at %H:%M")


def clock_problem(now: datetime, newest: datetime | None, *, doing: str) -> str | None:
    """Why the clock reading ``now`` can't be trusted, or None when it can.

    ``newest`` is the newest time stored in the database (None: nothing yet);
    ``doing`` ends the sentence ("so nothing was saved").
    """
    advice = (
        "set this computer's date and time correctly (in its settings, or let it take the "
        "time from the internet), then try again"
    )
    if now < EARLIEST:
        return (
            f"This computer's clock says it is {_shown(now)}, which can't be right, {doing}: "
            + advice
        )
    if newest is not None and now < newest - SLACK:
        return (
            f"This computer's clock says it is {_shown(now)}, but the database holds work saved "
            f"on {_shown(newest)}, later than that, so the clock is probably behind, {doing}: "
            + advice
        )
    return None


def server_clock_problem(now: datetime, server_now: datetime, *, doing: str) -> str | None:
    """Why ``now`` can't be trusted beside a shared database server's clock, or None.

    A reading more than ``SLACK`` ahead of or behind ``server_now`` is refused:
    ahead, it would store times in the future; behind, it would lose conflicts.
    """
    if abs(now - server_now) <= SLACK:
        return None
    way = "ahead of" if now > server_now else "behind"
    return (
        f"This computer's clock says it is {_shown(now)}, but the shared database's server says "
        f"{_shown(server_now)}, so this clock is {way} it by more than a day, {doing}: "
        "set this computer's date and time correctly (in its settings, or let it take the "
        "time from the internet), then try again"
    )
