"""What lies behind one line of the ranking: its issues, sessions, quotes and reflections.

A recorder who is asked "why is this first?" opens the group and sees every
issue that counted, the session each came from, what people said and what
the listener felt. Nothing here names a way to reach anyone: no contact of an
interviewee or a reference is ever part of these values.
"""

from __future__ import annotations

from datetime import date
from typing import Self
from uuid import UUID

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from listening_tui.domain.forms import Answer, Reflections, SessionKind, Sharing
from listening_tui.domain.ranking import POINTS_BASE, RankedGroup, RankingModel, Weighting

DETAIL_SESSIONS = 500
"""At most this many sessions (the most recent) are read for one group."""

SHARING_LABELS: dict[Sharing, str] = {
    "decision_makers": "may be sent to decision makers in reports",
    "meeting": "may be read out at the ratification meeting, not sent outside",
    "recorders_only": "for recorders only: never read out, never sent outside",
}
"""Who may hear a quote, in the words of the form (spec/bundle.md ``quotes``)."""


class GroupKey(RankingModel):
    """One group of the ranking: a theme, or the normalised text of unthemed issues."""

    theme_id: UUID | None = None
    text_key: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        if (self.theme_id is None) == (self.text_key is None):
            raise PydanticCustomError(
                "listening_rule", "A group is a theme or an unthemed text, exactly one of them"
            )
        return self

    @classmethod
    def of(cls, group: RankedGroup) -> GroupKey:
        """The key of a line of the ranking."""
        if group.theme_id is not None:
            return cls(theme_id=group.theme_id)
        return cls(text_key=group.text_key)


class DetailIssue(RankingModel):
    """An issue of the group, as its session's listener wrote it."""

    session_id: UUID
    position: int
    """Its place in the session's order of importance (1 = most important)."""
    text: str
    key_issue: Answer
    """A key campaign issue? yes, no, dont_know."""
    counted: bool
    """True for its session's best issue in the group: the one whose points count."""


class DetailSession(RankingModel):
    """A session that raised an issue of the group, with the listener's reflections."""

    id: UUID
    held_on: date
    kind: SessionKind
    leader: str
    community: str
    subgroup: str | None
    participant_count: int
    best_position: int
    """The position of its best issue in the group."""
    reflections: Reflections

    def points(self, weighting: Weighting) -> int:
        """What this session adds to the group's points (spec/ranking.md)."""
        weight = self.participant_count if weighting == "people" else 1
        return (POINTS_BASE - self.best_position) * weight


class DetailQuote(RankingModel):
    """A quote of one of the group's sessions and who may hear it."""

    session_id: UUID
    position: int
    text: str
    attribution: str | None
    sharing: Sharing

    @property
    def sharing_label(self) -> str:
        return SHARING_LABELS[self.sharing]


class GroupDetails(RankingModel):
    """One group over the filtered sessions: most recent sessions first."""

    key: GroupKey
    name: str
    """The theme's name, or the trimmed text of the group's earliest issue."""
    description: str | None
    """The theme's description; None for unthemed issues."""
    session_total: int
    """How many filtered sessions raised it (``sessions`` may hold fewer)."""
    sessions: list[DetailSession]
    issues: list[DetailIssue]
    """In the order of ``sessions``, then by position."""
    quotes: list[DetailQuote]
    """In the order of ``sessions``, then as written."""
