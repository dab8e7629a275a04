"""Waiting in Pilot tests for what the app does in its own time."""

from __future__ import annotations

from textual.pilot import Pilot


async def database_open(pilot: Pilot[None], timeout: float = 60.0) -> None:
    """Until the start screen's worker has opened the database (or failed).

    The worker starts after the first screen is drawn, so on a loaded machine
    ``workers.wait_for_complete()`` can return before it has even begun; a
    key pressed then would find no database yet.
    """
    app = pilot.app
    waited = 0.0
    while getattr(app, "database", None) is None and getattr(app, "error_message", None) is None:
        if waited >= timeout:
            return
        await pilot.pause(0.05)
        waited += 0.05


async def settle(pilot: Pilot[None]) -> None:
    """Until the database is open, every worker has finished and its messages are handled."""
    await database_open(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
