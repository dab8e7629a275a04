"""The convenor's meeting: its setup, its votes and what the services hand back.

Counting is :mod:`listening_tui.domain.voting`'s; this module fixes how a vote
is described when it opens (method, rules, options: never changed after) and
the values the meeting screens show. Figures are stored under a *key*:
``for``, ``against``, ``abstain``, ``present`` for a proposal, ``dots:N`` for
the dots of option N (1 is the first option) in a dot vote.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Annotated, Any, Literal, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from listening_tui.domain.ranking import Figures
from listening_tui.domain.vote_values import AtLeastOne, Count, VoteValue, join_names, name_key
from listening_tui.domain.voting import (
    BordaResult,
    DotFigure,
    DotVoteOptions,
    DotVoteResult,
    IrvResult,
    ProposalFigures,
    ProposalOptions,
    ProposalResult,
    RawBallot,
    count_borda,
    count_dot_vote,
    count_irv,
    count_proposal,
    prepare_ballots,
)
from listening_tui.errors import InvalidInput

VoteMethod = Literal["proposal", "dot", "borda", "irv"]
"""A show of hands on a proposal, a dot vote, or ranked ballots counted by Borda or IRV."""

VOTE_METHODS: tuple[VoteMethod, ...] = ("proposal", "dot", "borda", "irv")
METHOD_NAMES: dict[VoteMethod, str] = {
    "proposal": "Proposal (show of hands)",
    "dot": "Dot vote",
    "borda": "Ranked ballots, Borda count",
    "irv": "Ranked ballots, instant run-off",
}

VoteStatus = Literal["open", "closed"]
EventKind = Literal["correction", "ballot_correction", "close", "reopen"]

PROPOSAL_KEYS: tuple[str, ...] = ("for", "against", "abstain", "present")
"""The figures of a proposal, in the order they are asked for."""

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Minutes = Annotated[StrictInt, Field(ge=1, le=600)]


def dots_key(position: int) -> str:
    """The figure key of the dots of option ``position`` (1 is the first option)."""
    return f"dots:{position}"


def _rule(message: str, **values: Any) -> PydanticCustomError:
    return PydanticCustomError("listening_rule", message, values)


class MeetingModel(BaseModel):
    """Base of meeting values: frozen, unknown keys refused, readable from attributes."""

    model_config = ConfigDict(frozen=True, extra="forbid", from_attributes=True)


class AgendaItem(MeetingModel):
    """One item of the timed agenda."""

    title: Title
    minutes: Minutes


class MeetingSetup(MeetingModel):
    """What the convenor types when setting up a meeting (all of it can be changed later)."""

    title: Title
    held_on: date
    place: ShortText | None = None
    convenor: Title
    present: Count = 0
    """People in the room: updated as they arrive."""
    quorum: Count = 0
    agenda: tuple[AgendaItem, ...] = ()


class Meeting(MeetingSetup):
    """A stored meeting."""

    id: UUID
    campaign_id: UUID

    @property
    def agenda_minutes(self) -> int:
        """The agenda's planned length."""
        return sum(item.minutes for item in self.agenda)


class MeetingSummary(MeetingModel):
    """A meeting as the list of meetings shows it."""

    id: UUID
    title: str
    held_on: date
    place: str | None
    present: int
    votes: int


class RankedOptions(VoteValue):
    """Rules of a ranked-ballot vote, fixed when it opens."""

    choose: AtLeastOne = 1
    """How many places are ratified as priorities (instant run-off always elects one)."""


VoteRules = ProposalOptions | DotVoteOptions | RankedOptions

_RULES: dict[str, type[VoteValue]] = {"proposal": ProposalOptions, "dot": DotVoteOptions}
"""The rules of each method; ranked ballots (borda, irv) take RankedOptions."""


class VoteChoice(MeetingModel):
    """One option of a dot vote or ranked ballots: usually a ranked issue."""

    name: Title
    theme_id: UUID | None = None
    """The theme ratified when this option is chosen; None for an unthemed issue."""
    rank: AtLeastOne = 1
    """Its collated rank (breaks dot-vote ties)."""


class VoteSetup(MeetingModel):
    """Everything fixed when a vote opens: method, rules, options."""

    title: Title
    """The question put to the meeting."""
    method: VoteMethod
    rules: VoteRules
    theme_id: UUID | None = None
    """A proposal's priority: marked ratified on its theme when carried."""
    choices: tuple[VoteChoice, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _rules_of_method(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("rules"), dict):
            kind = _RULES.get(data.get("method", ""), RankedOptions)
            data = {**data, "rules": kind.model_validate(data["rules"])}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        expected = _RULES.get(self.method, RankedOptions)
        if type(self.rules) is not expected:
            raise _rule("the rules do not fit a {method} vote", method=self.method)
        if self.method == "proposal":
            if self.choices:
                raise _rule("a proposal has no options: people vote for, against or abstain")
            return self
        if self.theme_id is not None:
            raise _rule("only a proposal ratifies one theme; give the options instead")
        if len(self.choices) < 2:
            raise _rule("a {method} vote needs at least two options", method=self.method)
        seen: set[str] = set()
        for choice in self.choices:
            key = name_key(choice.name)
            if key in seen:
                raise _rule('the option "{name}" is listed twice', name=choice.name)
            seen.add(key)
        return self


class Vote(VoteSetup):
    """A stored vote and where it stands."""

    id: UUID
    meeting_id: UUID
    number: int
    """1 for the meeting's first vote, 2 for the next, ..."""
    status: VoteStatus
    opened_at: datetime
    closed_at: datetime | None
    statement: str | None
    """The meeting's decision in words, written by the convenor."""


class StoredBallot(MeetingModel):
    """A ranked ballot as entered."""

    number: int
    preferences: tuple[str, ...]
    source: Literal["typed", "csv"]


class VoteEvent(MeetingModel):
    """A correction, a close or a reopening: who, when, and the value before."""

    at: datetime
    by: str
    kind: EventKind
    subject: str | None
    """The figure's key or the ballot's number; None for a close or reopening."""
    old_value: str | None
    new_value: str | None
    reason: str | None


VoteResult = ProposalResult | DotVoteResult | BordaResult | IrvResult


class VoteDetail(MeetingModel):
    """A vote with everything entered on it; ``result`` only once it is closed."""

    vote: Vote
    figures: dict[str, int]
    ballots: tuple[StoredBallot, ...]
    events: tuple[VoteEvent, ...]
    result: VoteResult | None
    ratified: tuple[str, ...]
    """Names of the themes marked ratified by this vote (closed votes only)."""


class Ratification(MeetingModel):
    """A theme marked as a ratified priority by a closed vote."""

    theme_id: UUID
    theme: str
    vote_id: UUID
    vote_title: str
    meeting_title: str
    held_on: date


class Slide(MeetingModel):
    """One ranked issue as the projector shows it."""

    rank: int
    theme: str
    theme_id: UUID | None
    figures: str
    """Its figures in plain words."""
    conclusion: str | None
    """The theme's description, when the recorders wrote one."""
    quotes: tuple[str, ...]
    """At most two quotes the meeting may hear, never with a name."""
    points: int


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def plain_figures(figures: Figures) -> str:
    """ "raised in 31 conversations with 105 people, first priority for 11"."""
    return (
        f"raised in {_plural(figures.sessions, 'conversation', 'conversations')} with "
        f"{_plural(figures.people, 'person', 'people')}, first priority for "
        f"{figures.first_choice}"
    )


# --- counting a stored vote ------------------------------------------------------------------


def figure_keys(vote: VoteSetup) -> tuple[str, ...]:
    """The figures a vote asks for, in order (none for ranked ballots)."""
    if vote.method == "proposal":
        return PROPOSAL_KEYS
    if vote.method == "dot":
        return tuple(dots_key(n) for n in range(1, len(vote.choices) + 1))
    return ()


def figure_label(vote: VoteSetup, key: str) -> str:
    """What a figure's key means, in words: "for", "dots for Housing repairs"."""
    if key.startswith("dots:"):
        position = int(key.removeprefix("dots:"))
        return f"dots for {vote.choices[position - 1].name}"
    return key


def count_vote(
    vote: VoteSetup, figures: dict[str, int], ballots: Iterable[StoredBallot]
) -> VoteResult:
    """Count a vote's stored figures or ballots with domain.voting; refuses missing figures."""
    missing = [figure_label(vote, key) for key in figure_keys(vote) if key not in figures]
    if missing:
        raise InvalidInput(
            f"Enter every figure before closing the vote: {join_names(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing (type 0 where there were none)"
        )
    rules = vote.rules
    if isinstance(rules, ProposalOptions):
        hands = ProposalFigures.model_validate({key: figures[key] for key in PROPOSAL_KEYS})
        return count_proposal(hands, rules)
    if isinstance(rules, DotVoteOptions):
        dots = [
            DotFigure(option=choice.name, rank=choice.rank, dots=figures[dots_key(n)])
            for n, choice in enumerate(vote.choices, start=1)
        ]
        return count_dot_vote(dots, rules)
    box = prepare_ballots(
        (RawBallot(number=b.number, preferences=b.preferences) for b in ballots),
        [choice.name for choice in vote.choices],
    )
    return count_borda(box) if vote.method == "borda" else count_irv(box)


def chosen_themes(vote: VoteSetup, result: VoteResult) -> list[UUID]:
    """The themes a result ratifies: a carried proposal's, the selected or winning options'."""
    if isinstance(result, ProposalResult):
        return [vote.theme_id] if result.outcome == "carried" and vote.theme_id else []
    if isinstance(result, DotVoteResult):
        names = list(result.selected)
    elif isinstance(result, BordaResult):
        choose = vote.rules.choose if isinstance(vote.rules, RankedOptions) else 1
        names = [place.option for place in result.results[:choose]]
    else:
        names = [result.winner] if result.winner else []
    by_name = {name_key(c.name): c.theme_id for c in vote.choices}
    return [t for t in (by_name.get(name_key(n)) for n in names) if t is not None]


def result_summary(result: VoteResult) -> str:
    """The result in one line, for the record of a close."""
    if isinstance(result, ProposalResult):
        return result.explanation
    if isinstance(result, DotVoteResult):
        return "Selected: " + (join_names(list(result.selected)) or "none")
    if isinstance(result, BordaResult):
        return "Borda order: " + ", ".join(p.option for p in result.results)
    return f"Elected: {result.winner}" if result.winner else "No option elected"


# --- what the convenor types ----------------------------------------------------------------


def parse_agenda(text: str) -> tuple[AgendaItem, ...]:
    """One item a line, minutes first: ``10 Welcome and introductions``."""
    items: list[AgendaItem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        minutes, _, title = line.strip().partition(" ")
        if not minutes.isdigit() or not title.strip():
            raise InvalidInput(
                f'Agenda line {number} ("{line.strip()}"): write the minutes first, '
                "then the item, like: 10 Welcome"
            )
        if not 1 <= int(minutes) <= 600:
            raise InvalidInput(f"Agenda line {number}: give between 1 and 600 minutes")
        items.append(AgendaItem(title=title.strip()[:200], minutes=int(minutes)))
    return tuple(items)


def agenda_text(agenda: Iterable[AgendaItem]) -> str:
    """The agenda as the convenor types it (parse_agenda reads it back)."""
    return "\n".join(f"{item.minutes} {item.title}" for item in agenda)


def parse_ballot(text: str, choices: tuple[VoteChoice, ...]) -> tuple[str, ...]:
    """A ballot typed as option numbers (``2 1 3``) or names separated by commas.

    Numbers must be on the list; names are kept as typed, so a ballot naming
    something not on the list is stored and reported spoiled, as on paper.
    """
    tokens = [t for t in text.replace(",", " ").split() if t]
    if tokens and all(t.isdigit() for t in tokens):
        names: list[str] = []
        for token in tokens:
            position = int(token)
            if not 1 <= position <= len(choices):
                raise InvalidInput(
                    f"There is no option {position}: the options are numbered 1 to {len(choices)}"
                )
            names.append(choices[position - 1].name)
        return tuple(names)
    return tuple(name.strip() for name in text.split(",") if name.strip())
