"""The convenor's meeting: setup, attendance, votes, figures, ballots, corrections, results.

Every figure and ballot is committed the moment it is entered (spec/voting.md),
each call in its own unit of work. A figure changed after it was entered is a
correction, recorded with the old value, who and when. Closing a vote counts it
with domain.voting, stores the result and marks the themes it ratified;
reopening is deliberate (a reason is required), recorded, and withdraws them.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path

from sqlalchemy import select

from listening_tui.db.base import utcnow
from listening_tui.db.engine import Database
from listening_tui.db.meetings import vote_of
from listening_tui.db.tables import MeetingRow, VoteRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.meetings import (
    Meeting,
    MeetingSetup,
    MeetingSummary,
    Ratification,
    Vote,
    VoteDetail,
    VoteSetup,
    chosen_themes,
    count_vote,
    figure_keys,
    figure_label,
    result_summary,
)
from listening_tui.errors import InvalidInput, NotFound

# ---- meetings ----


def create_meeting(database: Database, campaign_id: uuid.UUID, setup: MeetingSetup) -> Meeting:
    """Store a new meeting of the campaign."""
    meeting_id = uuid.uuid4()
    with UnitOfWork(database) as uow:
        if uow.campaigns.get(campaign_id) is None:
            raise NotFound(f"There is no campaign with id {campaign_id}")
        uow.meetings.add(meeting_id, campaign_id, setup)
        uow.log("created", "meeting", meeting_id, campaign_id=campaign_id)
        uow.commit()
    return Meeting(id=meeting_id, campaign_id=campaign_id, **setup.model_dump())


def update_meeting(database: Database, meeting_id: uuid.UUID, setup: MeetingSetup) -> Meeting:
    """Change a meeting's title, date, place, convenor, attendance, quorum or agenda."""
    with UnitOfWork(database) as uow:
        if not uow.meetings.replace(meeting_id, setup):
            raise _no_meeting(meeting_id)
        meeting = uow.meetings.get(meeting_id)
        assert meeting is not None
        uow.log("edited", "meeting", meeting_id, campaign_id=meeting.campaign_id)
        uow.commit()
    return meeting


def set_present(database: Database, meeting_id: uuid.UUID, present: int) -> None:
    """Store how many people are in the room (as they arrive)."""
    if present < 0:
        raise InvalidInput("The number of people present cannot be below 0")
    with UnitOfWork(database) as uow:
        if not uow.meetings.set_present(meeting_id, present):
            raise _no_meeting(meeting_id)
        campaign_id = uow.session.scalar(
            select(MeetingRow.campaign_id).where(MeetingRow.id == meeting_id)
        )
        uow.log(
            "edited", "meeting", meeting_id, campaign_id=campaign_id, summary=f"{present} present"
        )
        uow.commit()


def get_meeting(database: Database, meeting_id: uuid.UUID) -> Meeting:
    """A meeting with its agenda."""
    with UnitOfWork(database, write=False) as uow:
        meeting = uow.meetings.get(meeting_id)
    if meeting is None:
        raise _no_meeting(meeting_id)
    return meeting


def list_meetings(database: Database, campaign_id: uuid.UUID) -> list[MeetingSummary]:
    """The campaign's meetings, newest first."""
    with UnitOfWork(database, write=False) as uow:
        return uow.meetings.summaries(campaign_id)


def _no_meeting(meeting_id: uuid.UUID) -> NotFound:
    return NotFound(f"There is no meeting with id {meeting_id}; it may have been deleted")


# ---- votes ----


def open_vote(database: Database, meeting_id: uuid.UUID, setup: VoteSetup) -> Vote:
    """Open a vote; its method, rules and options are fixed from now on."""
    vote_id = uuid.uuid4()
    with UnitOfWork(database) as uow:
        meeting = uow.meetings.get(meeting_id)
        if meeting is None:
            raise _no_meeting(meeting_id)
        uow.meetings.add_vote(vote_id, meeting_id, setup)
        row = uow.meetings.vote_row(vote_id)
        assert row is not None
        vote = vote_of(row)
        _log_vote(uow, row, "created", f"{setup.method} vote opened")
        uow.commit()
    return vote


def list_votes(database: Database, meeting_id: uuid.UUID) -> list[Vote]:
    """The meeting's votes in the order they were opened."""
    with UnitOfWork(database, write=False) as uow:
        return uow.meetings.votes(meeting_id)


def get_vote(database: Database, vote_id: uuid.UUID) -> VoteDetail:
    """A vote with its figures, ballots and record; the result only once it is closed."""
    with UnitOfWork(database, write=False) as uow:
        row = uow.meetings.vote_row(vote_id)
        if row is None:
            raise _no_vote(vote_id)
        vote = vote_of(row)
        figures = uow.meetings.figures(vote_id)
        ballots = uow.meetings.ballots(vote_id)
        events = uow.meetings.events(vote_id)
        ratified = uow.meetings.ratified_names(vote_id) if vote.status == "closed" else []
    # The stored result is spec JSON; counting the frozen figures again gives the full values
    # (tie-break sentences, blank ballots) and the same numbers.
    result = count_vote(vote, figures, ballots) if vote.status == "closed" else None
    return VoteDetail(
        vote=vote,
        figures=figures,
        ballots=tuple(ballots),
        events=tuple(events),
        result=result,
        ratified=tuple(ratified),
    )


def enter_figure(database: Database, vote_id: uuid.UUID, key: str, value: int, by: str) -> bool:
    """Store one figure now; a changed figure is recorded as a correction. True if corrected."""
    if value < 0:
        raise InvalidInput("A figure is a whole number, 0 or more")
    with UnitOfWork(database) as uow:
        row = _open_vote_row(uow, vote_id)
        vote = vote_of(row)
        if key not in figure_keys(vote):
            raise InvalidInput(f'A {vote.method} vote has no figure called "{key}"')
        old = uow.meetings.set_figure(vote_id, key, value)
        corrected = old is not None and old != value
        if corrected:
            uow.meetings.add_event(
                vote_id,
                by=_who(by),
                kind="correction",
                subject=key,
                old_value=str(old),
                new_value=str(value),
                reason=figure_label(vote, key),
            )
        change = "corrected" if corrected else "entered"
        _log_vote(uow, row, "voted", f"figure {key} {change}: {value}")
        uow.commit()
    return corrected


def add_ballot(database: Database, vote_id: uuid.UUID, preferences: Sequence[str]) -> int:
    """Store one typed ballot now (a spoiled one too: it is kept and reported); its number."""
    return add_ballots(database, vote_id, [tuple(preferences)], source="typed")[0]


def add_ballots(
    database: Database,
    vote_id: uuid.UUID,
    ballots: Iterable[tuple[str, ...]],
    source: str = "typed",
) -> list[int]:
    """Store ballots after the last one, in one transaction; their numbers."""
    with UnitOfWork(database) as uow:
        row = _open_vote_row(uow, vote_id)
        if row.method not in ("borda", "irv"):
            raise InvalidInput("Only a ranked-ballot vote takes ballots")
        numbers = uow.meetings.add_ballots(
            vote_id, ([p.strip() for p in b if p.strip()] for b in ballots), source
        )
        _log_vote(uow, row, "voted", f"{len(numbers)} ballots added ({source})")
        uow.commit()
    return numbers


def load_ballots_csv(database: Database, vote_id: uuid.UUID, path: Path) -> list[int]:
    """Add every ballot of a BALLOTS.csv file (spec/voting.md), numbered after those typed."""
    from listening_tui.interchange.ballots import read_ballots

    ballots = read_ballots(path)
    if not ballots:
        raise InvalidInput(f"{path} holds no ballots")
    return add_ballots(database, vote_id, (b.preferences for b in ballots), source="csv")


def correct_ballot(
    database: Database, vote_id: uuid.UUID, number: int, preferences: Sequence[str], by: str
) -> None:
    """Replace a ballot typed wrong, recording its old preferences."""
    new = tuple(p.strip() for p in preferences if p.strip())
    with UnitOfWork(database) as uow:
        row = _open_vote_row(uow, vote_id)
        old = uow.meetings.replace_ballot(vote_id, number, new)
        if old is None:
            raise NotFound(f"This vote has no ballot number {number}")
        if old != new:
            uow.meetings.add_event(
                vote_id,
                by=_who(by),
                kind="ballot_correction",
                subject=str(number),
                old_value=json.dumps(list(old), ensure_ascii=False),
                new_value=json.dumps(list(new), ensure_ascii=False),
                reason=None,
            )
            _log_vote(uow, row, "voted", f"ballot {number} corrected")
        uow.commit()


def close_vote(database: Database, vote_id: uuid.UUID, by: str) -> VoteDetail:
    """Count the vote, store its result and mark the themes it ratified."""
    with UnitOfWork(database) as uow:
        row = _open_vote_row(uow, vote_id)
        vote = vote_of(row)
        result = count_vote(vote, uow.meetings.figures(vote_id), uow.meetings.ballots(vote_id))
        now = utcnow()
        uow.meetings.close(vote_id, result.model_dump(mode="json", by_alias=True), now)
        meeting = uow.meetings.get(vote.meeting_id)
        assert meeting is not None
        themes = uow.meetings.existing_themes(meeting.campaign_id, chosen_themes(vote, result))
        uow.meetings.ratify(vote_id, [t for t in chosen_themes(vote, result) if t in themes])
        uow.meetings.add_event(
            vote_id,
            by=_who(by),
            kind="close",
            subject=None,
            old_value=None,
            new_value=result_summary(result),
            reason=None,
        )
        _log_vote(uow, row, "voted", f"vote closed and counted; {len(themes)} themes ratified")
        uow.commit()
    return get_vote(database, vote_id)


def reopen_vote(database: Database, vote_id: uuid.UUID, reason: str, by: str) -> None:
    """Reopen a closed vote deliberately: the reason and the old result are recorded."""
    if not reason.strip():
        raise InvalidInput("Say why the vote is reopened: the reason is kept in its record")
    with UnitOfWork(database) as uow:
        row = uow.meetings.vote_row(vote_id, lock=True)
        if row is None:
            raise _no_vote(vote_id)
        if row.status != "closed":
            raise InvalidInput(f'Vote {row.number} ("{row.title}") is open already')
        old = json.dumps(row.result, ensure_ascii=False) if row.result is not None else None
        uow.meetings.reopen(vote_id)
        uow.meetings.add_event(
            vote_id,
            by=_who(by),
            kind="reopen",
            subject=None,
            old_value=old,
            new_value=None,
            reason=reason.strip(),
        )
        _log_vote(uow, row, "voted", "vote reopened; its result withdrawn")
        uow.commit()


def set_statement(database: Database, vote_id: uuid.UUID, statement: str) -> None:
    """Store the meeting's decision in words (an empty text removes it)."""
    with UnitOfWork(database) as uow:
        row = uow.meetings.vote_row(vote_id)
        if row is None:
            raise _no_vote(vote_id)
        uow.meetings.set_statement(vote_id, statement.strip() or None)
        _log_vote(
            uow, row, "edited", "decision statement " + ("set" if statement.strip() else "removed")
        )
        uow.commit()


# ---- ratifications: for the ranked screen and the report ----


def ratified_theme_ids(database: Database, campaign_id: uuid.UUID) -> frozenset[uuid.UUID]:
    """The campaign's themes ratified as priorities by a closed vote."""
    with UnitOfWork(database, write=False) as uow:
        return uow.meetings.ratified_theme_ids(campaign_id)


def ratifications(database: Database, campaign_id: uuid.UUID) -> list[Ratification]:
    """Every ratification of the campaign's themes, with its meeting and vote."""
    with UnitOfWork(database, write=False) as uow:
        return uow.meetings.ratifications(campaign_id)


def _open_vote_row(uow: UnitOfWork, vote_id: uuid.UUID) -> VoteRow:
    row = uow.meetings.vote_row(vote_id, lock=True)
    if row is None:
        raise _no_vote(vote_id)
    if row.status != "open":
        raise InvalidInput(
            f'Vote {row.number} ("{row.title}") is closed: reopen it first to change it'
        )
    return row


def _log_vote(uow: UnitOfWork, row: VoteRow, action: str, summary: str) -> None:
    """An audit entry about a vote, in its meeting's campaign."""
    campaign_id = uow.session.scalar(
        select(MeetingRow.campaign_id).where(MeetingRow.id == row.meeting_id)
    )
    uow.log(
        action, "vote", row.id, campaign_id=campaign_id, summary=f"vote {row.number}: {summary}"
    )


def _no_vote(vote_id: uuid.UUID) -> NotFound:
    return NotFound(f"There is no vote with id {vote_id}; it may have been deleted")


def _who(by: str) -> str:
    who = by.strip()
    if not who:
        raise InvalidInput("Say who makes the change: it is kept in the vote's record")
    return who[:200]
