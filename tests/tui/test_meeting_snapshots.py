"""Snapshots of presentation mode at 80x24 and 200x60, and of a closed instant run-off."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from textual.pilot import Pilot

from listening_tui.db.tables import VoteEventRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.meetings import (
    AgendaItem,
    MeetingSetup,
    RankedOptions,
    VoteChoice,
    VoteSetup,
)
from listening_tui.domain.ranking import RankingFilter
from listening_tui.services import meetings
from listening_tui.services.analysis import ranked_issues
from listening_tui.services.campaigns import list_campaigns
from listening_tui.services.database import open_database
from listening_tui.tui.app import ListeningApp


def _meeting_with_irv(path: Path) -> None:
    """A meeting on the sample campaign, with a closed instant run-off over the top four."""
    database = open_database(str(path))
    try:
        [campaign] = list_campaigns(database)
        meeting = meetings.create_meeting(
            database,
            campaign.id,
            MeetingSetup(
                title="Spring ratification meeting",
                held_on=date(2026, 12, 1),
                place="Union hall",
                convenor="Amina",
                present=24,
                quorum=15,
                agenda=(
                    AgendaItem(title="Welcome", minutes=5),
                    AgendaItem(title="Votes", minutes=30),
                ),
            ),
        )
        top = ranked_issues(database, RankingFilter(campaign_id=campaign.id))[:4]
        vote = meetings.open_vote(
            database,
            meeting.id,
            VoteSetup(
                title="Our first priority",
                method="irv",
                rules=RankedOptions(),
                choices=tuple(
                    VoteChoice(name=g.theme, theme_id=g.theme_id, rank=g.rank) for g in top
                ),
            ),
        )
        a, b, c, d = (g.theme for g in top)
        ballots = [(a, b)] * 5 + [(b, a)] * 4 + [(c, b)] * 3 + [(d, c)] * 2 + [(a, a)] + [()]
        meetings.add_ballots(database, vote.id, ballots)
        meetings.close_vote(database, vote.id, by="Amina")
        with UnitOfWork(database) as uow:
            uow.session.execute(
                update(VoteEventRow).values(at=datetime(2026, 12, 1, 19, 30, tzinfo=UTC))
            )
            uow.commit()
    finally:
        database.close()


async def _settle(pilot: Pilot[None]) -> None:
    for widget in pilot.app.screen.query("Input"):
        widget.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def _to_meeting(pilot: Pilot[None]) -> None:
    await _settle(pilot)
    await pilot.press("m")
    await _settle(pilot)
    await pilot.press("enter")
    await _settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
def test_presentation_mode(snap_compare: Any, snapshot_db: Path, size: tuple[int, int]) -> None:
    _meeting_with_irv(snapshot_db)

    async def present(pilot: Pilot[None]) -> None:
        await _to_meeting(pilot)
        await pilot.press("p")
        await _settle(pilot)

    assert snap_compare(ListeningApp(str(snapshot_db)), terminal_size=size, run_before=present)


def test_closed_instant_run_off(snap_compare: Any, snapshot_db: Path) -> None:
    _meeting_with_irv(snapshot_db)

    async def result(pilot: Pilot[None]) -> None:
        await _to_meeting(pilot)
        await pilot.press("enter")
        await _settle(pilot)

    assert snap_compare(ListeningApp(str(snapshot_db)), terminal_size=(100, 40), run_before=result)
