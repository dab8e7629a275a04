"""A meeting run end to end from the keyboard, then checked row by row in the database."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea

from listening_tui.db.tables import (
    BallotRow,
    MeetingRow,
    ThemeRatificationRow,
    VoteEventRow,
    VoteFigureRow,
    VoteRow,
)
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.services.database import open_database
from listening_tui.tui.app import ListeningApp
from listening_tui.tui.screens.meetings import MeetingScreen, MeetingsScreen
from listening_tui.tui.screens.presentation import PresentationScreen
from listening_tui.tui.screens.vote import VoteScreen
from tests.tui.waiting import settle


def _set(pilot: Pilot[None], selector: str, value: str) -> None:
    pilot.app.screen.query_one(selector, Input).value = value


async def _type(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


async def test_a_meeting_from_set_up_to_closed_votes(sample_copy: Path) -> None:
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)

        # Set up: title, convenor, attendance, quorum, agenda.
        await pilot.press("n")
        await settle(pilot)
        _set(pilot, "#meeting-title", "Spring meeting")
        _set(pilot, "#meeting-convenor", "Amina")
        _set(pilot, "#meeting-present", "11")
        _set(pilot, "#meeting-quorum", "10")
        app.screen.query_one("#meeting-agenda", TextArea).text = "5 Welcome\n30 Votes"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("plus")  # one more arrives: stored at once
        await settle(pilot)

        # Present: a slide, the next, the bars, the agenda; then back.
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PresentationScreen)
        await pilot.press("right", "b", "a", "t")
        await settle(pilot)
        assert app.theme == "textual-light"
        await pilot.press("escape")
        await settle(pilot)
        assert app.theme != "textual-light"

        # A proposal: figures typed one by one, one corrected, then closed.
        await pilot.press("v")
        await settle(pilot)
        _set(pilot, "#vote-title", "Ratify our priorities")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, VoteScreen)
        for figure in ("5", "3", "1", "12"):
            await _type(pilot, figure)
            await pilot.press("enter")
            await settle(pilot)
        app.screen.query_one("#figure-0", Input).focus()
        await pilot.pause()
        _set(pilot, "#figure-0", "7")
        await pilot.press("enter")
        await settle(pilot)
        assert "CARRIED" not in str(app.screen.query_one("#vote-result").render())
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.click("#confirm")
        await settle(pilot)
        assert "CARRIED" in str(app.screen.query_one("#vote-result").render())
        await pilot.press("escape")
        await settle(pilot)

        # Ranked ballots counted by instant run-off: typed, one corrected, closed.
        await pilot.press("v")
        await settle(pilot)
        _set(pilot, "#vote-title", "Our first priority")
        app.screen.query_one("#vote-method", Select).value = "irv"
        await pilot.pause()
        _set(pilot, "#vote-top", "3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, VoteScreen)
        for ballot in ("1 2", "2", "3 1"):
            await _type(pilot, ballot)
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press("ctrl+b")  # the highlighted ballot: number 1
        await settle(pilot)
        _set(pilot, "#ask-text", "2 1")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.click("#confirm")
        await settle(pilot)
        assert "Elected:" in str(app.screen.query_one("#vote-result").render())

    database = open_database(str(sample_copy))
    try:
        with UnitOfWork(database, write=False) as uow:
            s = uow.session
            [meeting] = s.scalars(select(MeetingRow)).all()
            assert (meeting.title, meeting.convenor, meeting.present) == (
                "Spring meeting",
                "Amina",
                12,
            )
            proposal, ranked = s.scalars(select(VoteRow).order_by(VoteRow.number)).all()
            assert (proposal.status, ranked.status) == ("closed", "closed")
            rows = s.execute(
                select(VoteFigureRow.key, VoteFigureRow.value).where(
                    VoteFigureRow.vote_id == proposal.id
                )
            ).all()
            figures = {row.key: row.value for row in rows}
            assert figures == {"for": 7, "against": 3, "abstain": 1, "present": 12}
            assert proposal.result is not None
            assert proposal.result["outcome"] == "carried"
            events = s.scalars(select(VoteEventRow).order_by(VoteEventRow.at)).all()
            correction = next(e for e in events if e.kind == "correction")
            assert (correction.subject, correction.old_value, correction.new_value) == (
                "for",
                "5",
                "7",
            )
            assert correction.by == "Amina"
            ballots = s.scalars(
                select(BallotRow).where(BallotRow.vote_id == ranked.id).order_by(BallotRow.number)
            ).all()
            assert len(ballots) == 3
            fixed = next(e for e in events if e.kind == "ballot_correction")
            assert fixed.subject == "1"
            assert json.loads(fixed.new_value or "") == ballots[0].preferences
            assert ranked.result is not None
            assert ranked.result["method"] == "irv"
            assert ranked.result["winner"] == ranked.choices[1]["name"]  # 2 of 3 first preferences
            ratified = s.scalars(select(ThemeRatificationRow.vote_id)).all()
            assert ranked.id in ratified
    finally:
        database.close()
