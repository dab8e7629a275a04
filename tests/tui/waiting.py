"""Waiting in Pilot tests for what the app does in its own time."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot

from listening_tui.tui.dialogs.passphrase import PassphraseModal


def _opening(app: App[None]) -> bool:
    """True while the database is neither open nor failed nor waiting for its passphrase."""
    if getattr(app, "database", None) is not None:
        return False
    if getattr(app, "error_message", None) is not None:
        return False
    return not isinstance(app.screen, PassphraseModal)


async def database_open(pilot: Pilot[None], timeout: float = 60.0) -> None:
    """Until the start screen's worker has opened the database (or failed, or asks for
    the passphrase of an encrypted one: it opens only once that is typed).

    The worker starts after the first screen is drawn, so on a loaded machine
    ``workers.wait_for_complete()`` can return before it has even begun; a
    key pressed then would find no database yet.
    """
    waited = 0.0
    while _opening(pilot.app):
        if waited >= timeout:
            return
        await pilot.pause(0.05)
        waited += 0.05


async def settle(pilot: Pilot[None]) -> None:
    """Until the database is open and the app's workers, and what they post, are done.

    A second round catches the workers that the first round's messages started
    (a screen reads its list, then the filter bar's choices).
    """
    await database_open(pilot)
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
