"""Meetings and votes on a real database (SQLite file and PostgreSQL): stored as entered."""

from __future__ import annotations

import copy
import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from listening_tui.db.engine import Database
from listening_tui.db.tables import (
    BallotRow,
    ThemeRatificationRow,
    VoteEventRow,
    VoteFigureRow,
    VoteRow,
)
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.meetings import (
    AgendaItem,
    MeetingSetup,
    RankedOptions,
    VoteChoice,
    VoteSetup,
    count_vote,
)
from listening_tui.domain.voting import (
    BordaResult,
    DotVoteOptions,
    DotVoteResult,
    IrvResult,
    ProposalOptions,
    ProposalResult,
)
from listening_tui.errors import InvalidInput, NotFound
from listening_tui.services import meetings
from listening_tui.services.presentation import presentation
from tests.integration.loading import load_bundle

PAY = uuid.UUID("b930af1a-c1c1-5855-a42b-0eafc1dd5e42")
STAFFING = uuid.UUID("86c0ee3c-ff6a-5b6b-baba-1985c840ae9f")


@pytest.fixture
def campaign_id(database: Database, example_bundle: dict[str, Any]) -> uuid.UUID:
    bundle = copy.deepcopy(example_bundle)
    bundle["sessions"][0]["quotes"].append(
        {
            "text": "Only the recorders may read this.",
            "attribution": "Jo",
            "sharing": "recorders_only",
        }
    )
    return load_bundle(database, bundle).id


def _meeting(database: Database, campaign_id: uuid.UUID) -> uuid.UUID:
    setup = MeetingSetup(
        title="Ratification meeting",
        held_on=date(2026, 12, 1),
        place="Union hall",
        convenor="Amina",
        present=10,
        quorum=8,
        agenda=(AgendaItem(title="Welcome", minutes=5), AgendaItem(title="Votes", minutes=30)),
    )
    return meetings.create_meeting(database, campaign_id, setup).id


def _ranked(method: str, choose: int = 1, rules: Any = None) -> VoteSetup:
    return VoteSetup(
        title="Our priorities",
        method=method,
        rules=rules or RankedOptions(choose=choose),
        choices=(
            VoteChoice(name="Pay not keeping up with bills", theme_id=PAY, rank=1),
            VoteChoice(name="Short staffing", theme_id=STAFFING, rank=2),
            VoteChoice(name="Depot toilets broken", rank=3),
        ),
    )


def test_meeting_setup_and_attendance_are_stored(
    database: Database, campaign_id: uuid.UUID
) -> None:
    meeting_id = _meeting(database, campaign_id)
    meetings.set_present(database, meeting_id, 14)
    stored = meetings.get_meeting(database, meeting_id)
    assert stored.present == 14
    assert stored.agenda == (
        AgendaItem(title="Welcome", minutes=5),
        AgendaItem(title="Votes", minutes=30),
    )
    changed = stored.model_copy(update={"agenda": (AgendaItem(title="Only item", minutes=20),)})
    setup = MeetingSetup.model_validate(changed.model_dump(exclude={"id", "campaign_id"}))
    assert meetings.update_meeting(database, meeting_id, setup).agenda_minutes == 20
    [summary] = meetings.list_meetings(database, campaign_id)
    assert (summary.title, summary.present, summary.votes) == ("Ratification meeting", 14, 0)


def test_proposal_figures_correction_close_and_ratification(
    database: Database, campaign_id: uuid.UUID
) -> None:
    meeting_id = _meeting(database, campaign_id)
    vote = meetings.open_vote(
        database,
        meeting_id,
        VoteSetup(
            title="Ratify pay as our first priority",
            method="proposal",
            rules=ProposalOptions(threshold="two_thirds", quorum=8),
            theme_id=PAY,
        ),
    )
    for key, value in (("for", 5), ("against", 3), ("abstain", 1), ("present", 10)):
        assert meetings.enter_figure(database, vote.id, key, value, by="Amina") is False
    with pytest.raises(NotFound, match="no vote"):
        meetings.enter_figure(database, uuid.uuid4(), "for", 1, by="Amina")
    # Stored the moment it was entered, before any close.
    assert meetings.get_vote(database, vote.id).figures == {
        "for": 5,
        "against": 3,
        "abstain": 1,
        "present": 10,
    }
    assert meetings.get_vote(database, vote.id).result is None  # hidden until closed
    assert meetings.enter_figure(database, vote.id, "for", 7, by="Ben") is True
    meetings.enter_figure(database, vote.id, "against", 2, by="Ben")
    detail = meetings.close_vote(database, vote.id, by="Amina")
    assert isinstance(detail.result, ProposalResult)
    assert detail.result.outcome == "carried"  # 3 x 7 = 21 >= 2 x 9 = 18
    assert detail.ratified == ("Pay not keeping up with bills",)
    assert meetings.ratified_theme_ids(database, campaign_id) == frozenset({PAY})
    corrections = [e for e in detail.events if e.kind == "correction"]
    assert [(e.subject, e.old_value, e.new_value, e.by) for e in corrections] == [
        ("for", "5", "7", "Ben"),
        ("against", "3", "2", "Ben"),
    ]
    with UnitOfWork(database, write=False) as uow:
        row = uow.session.get(VoteRow, vote.id)
        assert row is not None
        assert row.result is not None
        assert row.status == "closed"
        assert row.closed_at is not None
        assert row.result["figures"]["for"] == 7
        assert row.result["outcome"] == "carried"
    with pytest.raises(InvalidInput, match="reopen it first"):
        meetings.enter_figure(database, vote.id, "for", 1, by="Amina")
    with pytest.raises(InvalidInput, match="Say why"):
        meetings.reopen_vote(database, vote.id, " ", by="Amina")
    meetings.reopen_vote(database, vote.id, "two late arrivals", by="Amina")
    reopened = meetings.get_vote(database, vote.id)
    assert reopened.vote.status == "open"
    assert reopened.result is None
    assert meetings.ratified_theme_ids(database, campaign_id) == frozenset()
    [event] = [e for e in reopened.events if e.kind == "reopen"]
    assert event.reason == "two late arrivals"
    assert event.old_value is not None
    assert json.loads(event.old_value)["outcome"] == "carried"
    meetings.set_statement(database, vote.id, "Pay is our first priority.")
    assert meetings.get_vote(database, vote.id).vote.statement == "Pay is our first priority."


def test_proposal_figures_over_present_are_refused_at_close(
    database: Database, campaign_id: uuid.UUID
) -> None:
    meeting_id = _meeting(database, campaign_id)
    vote = meetings.open_vote(
        database,
        meeting_id,
        VoteSetup(title="Ratify", method="proposal", rules=ProposalOptions()),
    )
    meetings.enter_figure(database, vote.id, "for", 6, by="A")
    with pytest.raises(InvalidInput, match="against, abstain and present are missing"):
        meetings.close_vote(database, vote.id, by="A")
    for key, value in (("against", 3), ("abstain", 2), ("present", 10)):
        meetings.enter_figure(database, vote.id, key, value, by="A")
    with pytest.raises(InvalidInput, match="must not exceed present"):
        meetings.close_vote(database, vote.id, by="A")
    assert meetings.get_vote(database, vote.id).vote.status == "open"


def test_dot_vote_selects_and_ratifies(database: Database, campaign_id: uuid.UUID) -> None:
    meeting_id = _meeting(database, campaign_id)
    setup = _ranked("dot", rules=DotVoteOptions(dots_per_person=3, present=10, choose=1))
    vote = meetings.open_vote(database, meeting_id, setup)
    for key, value in (("dots:1", 8), ("dots:2", 12), ("dots:3", 4)):
        meetings.enter_figure(database, vote.id, key, value, by="A")
    with pytest.raises(InvalidInput, match="no figure called"):
        meetings.enter_figure(database, vote.id, "for", 1, by="A")
    detail = meetings.close_vote(database, vote.id, by="A")
    assert isinstance(detail.result, DotVoteResult)
    assert detail.result.selected == ("Short staffing",)
    assert meetings.ratified_theme_ids(database, campaign_id) == frozenset({STAFFING})


def test_ranked_ballots_typed_loaded_corrected_and_counted(
    database: Database, campaign_id: uuid.UUID, tmp_path: Path
) -> None:
    meeting_id = _meeting(database, campaign_id)
    vote = meetings.open_vote(database, meeting_id, _ranked("irv"))
    assert (
        meetings.add_ballot(database, vote.id, ["Short staffing", "Pay not keeping up with bills"])
        == 1
    )
    assert meetings.add_ballot(database, vote.id, ["Depot toilets broken"]) == 2
    ballots_csv = tmp_path / "ballots.csv"
    ballots_csv.write_text(
        "ballot,,\n"
        "Pay not keeping up with bills,Short staffing,\n"
        "Pay not keeping up with bills,,\n"
        "Depot toilets broken,Depot toilets broken\n",
        encoding="utf-8",
    )
    assert meetings.load_ballots_csv(database, vote.id, ballots_csv) == [3, 4, 5]
    meetings.correct_ballot(
        database, vote.id, 2, ["Depot toilets broken", "Short staffing"], by="B"
    )
    detail = meetings.close_vote(database, vote.id, by="A")
    assert isinstance(detail.result, IrvResult)
    assert detail.result.ballots == 5
    assert [s.ballot for s in detail.result.spoiled] == [5]
    # Ballots: staffing>pay, toilets>staffing (corrected), pay>staffing, pay, spoiled.
    # Round 1: pay 2 of 4 is not more than half; toilets and staffing tie on 1 and
    # Short staffing comes last by name, so it goes; round 2: pay 3 of 4 wins.
    assert detail.result.rounds[0].counts == {
        "Pay not keeping up with bills": 2,
        "Depot toilets broken": 1,
        "Short staffing": 1,
    }
    assert detail.result.winner == "Pay not keeping up with bills"
    assert detail.ratified == ("Pay not keeping up with bills",)
    [correction] = [e for e in detail.events if e.kind == "ballot_correction"]
    assert correction.subject == "2"
    assert json.loads(correction.old_value or "") == ["Depot toilets broken"]
    with UnitOfWork(database, write=False) as uow:
        sources = uow.session.execute(
            select(BallotRow.source, func.count())
            .where(BallotRow.vote_id == vote.id)
            .group_by(BallotRow.source)
        ).all()
        stored = uow.session.get(VoteRow, vote.id)
        assert stored is not None
        # The stored result is spec/voting.md's JSON of the same count.
        assert stored.result == detail.result.model_dump(mode="json", by_alias=True)
    assert dict(sources) == {"typed": 2, "csv": 3}


def test_borda_ratifies_the_first_places(database: Database, campaign_id: uuid.UUID) -> None:
    meeting_id = _meeting(database, campaign_id)
    vote = meetings.open_vote(database, meeting_id, _ranked("borda", choose=2))
    meetings.add_ballots(
        database,
        vote.id,
        [
            ("Short staffing", "Depot toilets broken", "Pay not keeping up with bills"),
            ("Depot toilets broken", "Short staffing"),
        ],
    )
    detail = meetings.close_vote(database, vote.id, by="A")
    assert isinstance(detail.result, BordaResult)
    # 4 points each, one first preference each: the name decides.
    assert [p.option for p in detail.result.results[:2]] == [
        "Depot toilets broken",
        "Short staffing",
    ]
    # The unthemed option cannot be marked on a theme; Short staffing is.
    assert meetings.ratified_theme_ids(database, campaign_id) == frozenset({STAFFING})
    [ratification] = meetings.ratifications(database, campaign_id)
    assert (ratification.theme, ratification.meeting_title) == (
        "Short staffing",
        "Ratification meeting",
    )


def test_deleting_a_meeting_takes_its_votes_and_ratifications(
    database: Database, campaign_id: uuid.UUID
) -> None:
    meeting_id = _meeting(database, campaign_id)
    vote = meetings.open_vote(database, meeting_id, _ranked("irv"))
    meetings.add_ballot(database, vote.id, ["Short staffing"])
    meetings.close_vote(database, vote.id, by="A")
    with UnitOfWork(database) as uow:
        uow.session.execute(
            VoteRow.__table__.delete().where(VoteRow.meeting_id == meeting_id)  # type: ignore[attr-defined]
        )
        uow.commit()
    with UnitOfWork(database, write=False) as uow:
        for table in (BallotRow, VoteEventRow, VoteFigureRow, ThemeRatificationRow):
            assert uow.session.scalar(select(func.count()).select_from(table)) == 0


def test_presentation_never_shows_recorders_only_quotes_or_names(
    database: Database, campaign_id: uuid.UUID
) -> None:
    shown = presentation(database, campaign_id, top=3)
    assert len(shown.slides) == 3
    first = shown.slides[0]
    assert first.theme == "Pay not keeping up with bills"
    assert first.figures.startswith("raised in 3 conversations with ")
    every_quote = [q for slide in shown.slides for q in slide.quotes]
    assert every_quote, "the example holds quotes the meeting may hear"
    assert "Only the recorders may read this." not in every_quote
    text = shown.model_dump_json()
    assert "recorders may read" not in text
    assert "east depot" not in text
    assert '"Jo"' not in text
    assert len(shown.ranking) >= 3


def test_count_vote_matches_the_stored_result_after_close(
    database: Database, campaign_id: uuid.UUID
) -> None:
    meeting_id = _meeting(database, campaign_id)
    vote = meetings.open_vote(database, meeting_id, _ranked("borda"))
    meetings.add_ballots(database, vote.id, [("Short staffing",), ()])
    meetings.close_vote(database, vote.id, by="A")
    detail = meetings.get_vote(database, vote.id)
    again = count_vote(detail.vote, detail.figures, detail.ballots)
    assert again == detail.result


def ratify_pay(database: Database, campaign_id: uuid.UUID) -> None:
    """A carried proposal that ratifies the Pay theme of the worked example."""
    meeting_id = _meeting(database, campaign_id)
    vote = meetings.open_vote(
        database,
        meeting_id,
        VoteSetup(title="Ratify pay", method="proposal", rules=ProposalOptions(), theme_id=PAY),
    )
    for key, value in (("for", 8), ("against", 1), ("abstain", 1), ("present", 10)):
        meetings.enter_figure(database, vote.id, key, value, by="Amina")
    meetings.close_vote(database, vote.id, by="Amina")


@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_the_report_marks_ratified_priorities(
    database: Database, campaign_id: uuid.UUID, tmp_path: Path, suffix: str
) -> None:
    from listening_tui.interchange.report import RATIFIED_NOTE
    from listening_tui.services.reports import write_report

    before = tmp_path / f"before{suffix}"
    write_report(database, before, str(campaign_id))
    assert "(ratified)" not in before.read_text(encoding="utf-8")
    ratify_pay(database, campaign_id)
    after = tmp_path / f"after{suffix}"
    write_report(database, after, str(campaign_id))
    text = after.read_text(encoding="utf-8")
    assert "Pay not keeping up with bills (ratified)" in text
    assert text.count("(ratified)") == 2  # the one theme, and the note explaining the mark
    assert RATIFIED_NOTE in text
