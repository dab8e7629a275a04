"""The meeting's pure rules: a vote's setup, its figures, which themes a result ratifies."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from listening_tui.domain.meetings import (
    RankedOptions,
    StoredBallot,
    VoteChoice,
    VoteSetup,
    chosen_themes,
    count_vote,
    figure_keys,
    figure_label,
    plain_figures,
)
from listening_tui.domain.ranking import Figures
from listening_tui.domain.voting import DotVoteOptions, ProposalOptions
from listening_tui.errors import InvalidInput

A, B = uuid.uuid4(), uuid.uuid4()
CHOICES = (
    VoteChoice(name="Housing", theme_id=A, rank=1),
    VoteChoice(name="Buses", theme_id=B, rank=2),
    VoteChoice(name="Parks", rank=3),
)


def _figures(sessions: int, people: int, first: int) -> Figures:
    zero = dict.fromkeys(("points", "key_yes", "key_no", "key_dont_know", "subgroups"), 0)
    return Figures(sessions=sessions, people=people, first_choice=first, would_act=0, **zero)


def test_plain_figures_read_as_words() -> None:
    assert plain_figures(_figures(31, 105, 11)) == (
        "raised in 31 conversations with 105 people, first priority for 11"
    )
    assert plain_figures(_figures(1, 1, 0)) == (
        "raised in 1 conversation with 1 person, first priority for 0"
    )


def test_setup_refuses_rules_of_another_method_and_repeated_options() -> None:
    with pytest.raises(ValidationError, match="do not fit a dot vote"):
        VoteSetup(title="x", method="dot", rules=ProposalOptions(), choices=CHOICES)
    with pytest.raises(ValidationError, match="listed twice"):
        VoteSetup(
            title="x",
            method="irv",
            rules=RankedOptions(),
            choices=(VoteChoice(name="Parks"), VoteChoice(name=" parks ")),
        )
    with pytest.raises(ValidationError, match="at least two options"):
        VoteSetup(title="x", method="borda", rules=RankedOptions(), choices=CHOICES[:1])
    with pytest.raises(ValidationError, match="has no options"):
        VoteSetup(title="x", method="proposal", rules=ProposalOptions(), choices=CHOICES)


def test_rules_from_json_follow_the_method() -> None:
    setup = VoteSetup.model_validate(
        {
            "title": "Dots",
            "method": "dot",
            "rules": {"dots_per_person": 3, "present": 10, "choose": 2},
            "choices": [c.model_dump(mode="json") for c in CHOICES],
        }
    )
    assert isinstance(setup.rules, DotVoteOptions)
    assert figure_keys(setup) == ("dots:1", "dots:2", "dots:3")
    assert figure_label(setup, "dots:2") == "dots for Buses"


def test_missing_figures_are_named() -> None:
    setup = VoteSetup(title="p", method="proposal", rules=ProposalOptions())
    with pytest.raises(InvalidInput, match="abstain and present are missing"):
        count_vote(setup, {"for": 1, "against": 0}, [])


def test_chosen_themes_skip_unthemed_options() -> None:
    dots = VoteSetup(
        title="d",
        method="dot",
        rules=DotVoteOptions(dots_per_person=1, present=5, choose=2),
        choices=CHOICES,
    )
    result = count_vote(dots, {"dots:1": 1, "dots:2": 0, "dots:3": 4}, [])
    assert chosen_themes(dots, result) == [A]  # Parks and Housing chosen; Parks has no theme
    irv = VoteSetup(title="i", method="irv", rules=RankedOptions(), choices=CHOICES)
    ballots = [StoredBallot(number=n, preferences=("buses",), source="typed") for n in (1, 2)]
    assert chosen_themes(irv, count_vote(irv, {}, ballots)) == [B]
    proposal = VoteSetup(title="p", method="proposal", rules=ProposalOptions(), theme_id=A)
    lost = count_vote(proposal, {"for": 1, "against": 2, "abstain": 0, "present": 3}, [])
    assert chosen_themes(proposal, lost) == []


def test_agenda_lines_read_minutes_then_title() -> None:
    from listening_tui.domain.meetings import agenda_text, parse_agenda

    agenda = parse_agenda("5 Welcome\n\n 20  The ranked issues \n")
    assert [(i.minutes, i.title) for i in agenda] == [(5, "Welcome"), (20, "The ranked issues")]
    assert parse_agenda(agenda_text(agenda)) == agenda
    with pytest.raises(InvalidInput, match="line 2"):
        parse_agenda("5 Welcome\nVotes")


def test_ballots_typed_as_numbers_or_names() -> None:
    from listening_tui.domain.meetings import parse_ballot

    assert parse_ballot("2 1", CHOICES) == ("Buses", "Housing")
    assert parse_ballot("3,1", CHOICES) == ("Parks", "Housing")
    assert parse_ballot("Parks, Libraries", CHOICES) == ("Parks", "Libraries")
    assert parse_ballot("", CHOICES) == ()
    with pytest.raises(InvalidInput, match="no option 4"):
        parse_ballot("4 1", CHOICES)
