"""Collation and ranking of issues, exactly as spec/ranking.md says.

The database computes each group's figures (services.analysis); this module
holds what both it and the reference need: the normalised text that groups
unthemed issues, the values handed back, and the order and ranks of the
groups. ``rank_in_python`` is the whole spec over domain values, small and
plain, so that the SQL can be checked against it.

"Smaller id" (the tie-break when naming an unthemed group) means the smaller
UUID as a 128-bit unsigned number: Python's ``UUID`` order, PostgreSQL's
``uuid`` order and the order of SQLite's 32-digit lowercase hex text agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from listening_tui.domain.forms import ListeningSession, SessionKind, Theme

Weighting = Literal["session", "people"]
"""``session``: every session counts alike; ``people``: points times participant count."""

WEIGHTINGS: tuple[Weighting, ...] = ("session", "people")

RANKING_COLUMNS: tuple[str, ...] = (
    "rank",
    "theme",
    "points",
    "sessions",
    "people",
    "key_yes",
    "key_no",
    "key_dont_know",
    "subgroups",
    "first_choice",
    "would_act",
)
"""The keys of ``rank --format json`` and the columns of its CSV, in the spec's order."""

POINTS_BASE = 7
"""An issue at position p earns 7 - p points: 6 for the first, 1 for the sixth."""


def normalise_issue_text(text: str) -> str:
    """Trimmed, case-folded, white-space runs made one space, then one final . ! or ? dropped."""
    normalised = " ".join(text.strip().casefold().split())
    if normalised and normalised[-1] in ".!?":
        normalised = normalised[:-1]
    return normalised


class RankingModel(BaseModel):
    """Base of ranking values: frozen, unknown keys refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, from_attributes=True)


class RankingFilter(RankingModel):
    """Which sessions the figures are computed over; None means "any"."""

    campaign_id: UUID | None = None
    kind: SessionKind | None = None
    subgroup: str | None = None
    """Sessions whose subgroup is exactly this text."""
    leader: str | None = None
    """Sessions led by exactly this name."""
    date_from: date | None = None
    """First day of ``held_on`` included."""
    date_to: date | None = None
    """Last day of ``held_on`` included."""

    @model_validator(mode="after")
    def _from_not_after_to(self) -> Self:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise PydanticCustomError(
                "listening_rule",
                "The first day ({start}) is after the last day ({end}): swap them",
                {"start": self.date_from.isoformat(), "end": self.date_to.isoformat()},
            )
        return self

    def admits(self, campaign_id: UUID, session: ListeningSession) -> bool:
        """True when the session of that campaign passes this filter."""
        return (
            (self.campaign_id is None or campaign_id == self.campaign_id)
            and (self.kind is None or session.kind == self.kind)
            and (self.subgroup is None or session.subgroup == self.subgroup)
            and (self.leader is None or session.leader == self.leader)
            and (self.date_from is None or session.held_on >= self.date_from)
            and (self.date_to is None or session.held_on <= self.date_to)
        )


class Figures(RankingModel):
    """The figures of spec/ranking.md for one group over the filtered sessions."""

    points: int
    sessions: int
    people: int
    key_yes: int
    key_no: int
    key_dont_know: int
    subgroups: int
    first_choice: int
    would_act: int


class GroupFigures(Figures):
    """One group's figures over the filtered sessions, before it is placed in order."""

    theme_id: UUID | None
    """The theme of a themed group; None for a group of unthemed issues."""
    text_key: str | None
    """The normalised text of an unthemed group; None for a theme."""
    name: str
    """The theme's name, or the trimmed text of the group's earliest issue."""


class RankedGroup(Figures):
    """One line of the ranking: a group, its place and its figures (spec/ranking.md)."""

    rank: int
    """Standard competition rank: groups tied on points, sessions and key_yes share it."""
    theme: str
    """The theme's name, or the group's name for unthemed issues."""
    theme_id: UUID | None = None
    """The theme, for the app to open; None for unthemed issues (not in the output)."""
    text_key: str | None = None
    """The normalised text of unthemed issues (not in the output)."""

    def output(self) -> dict[str, str | int]:
        """The spec's keys, in order, for JSON and CSV."""
        return {column: getattr(self, column) for column in RANKING_COLUMNS}


def _order(group: GroupFigures) -> tuple[object, ...]:
    # The spec's order; the rest only settles names equal ignoring case (across campaigns).
    return (
        -group.points,
        -group.sessions,
        -group.key_yes,
        group.name.casefold(),
        group.name,
        group.theme_id is None,
        group.theme_id.int if group.theme_id else 0,
        group.text_key or "",
    )


def rank_groups(groups: Iterable[GroupFigures]) -> list[RankedGroup]:
    """Groups in the spec's order with standard competition ranks (1, 2, 2, 4)."""
    ranked: list[RankedGroup] = []
    previous: tuple[int, int, int] | None = None
    rank = 0
    for place, group in enumerate(sorted(groups, key=_order), start=1):
        tie = (group.points, group.sessions, group.key_yes)
        if tie != previous:
            rank, previous = place, tie
        ranked.append(
            RankedGroup(
                rank=rank,
                theme=group.name,
                **group.model_dump(exclude={"name"}),
            )
        )
    return ranked


@dataclass
class _Best:
    """A session's best (smallest position) issue in one group."""

    session: ListeningSession
    position: int
    key_issue: str
    text: str


def rank_in_python(
    sessions: Iterable[tuple[UUID, ListeningSession]],
    themes: Sequence[Theme],
    ranking_filter: RankingFilter,
    weighting: Weighting = "session",
) -> list[RankedGroup]:
    """The reference ranking of (campaign id, session) pairs, straight from the spec."""
    theme_names = {theme.id: theme.name for theme in themes}
    best: dict[tuple[UUID | None, str | None], dict[UUID, _Best]] = {}
    for campaign_id, session in sessions:
        if not ranking_filter.admits(campaign_id, session):
            continue
        for position, issue in enumerate(session.issues, start=1):
            if issue.theme_id is not None:
                key: tuple[UUID | None, str | None] = (issue.theme_id, None)
            else:
                key = (None, normalise_issue_text(issue.text))
            per_session = best.setdefault(key, {})
            if session.id not in per_session:  # positions rise, so the first seen is best
                per_session[session.id] = _Best(session, position, issue.key_issue, issue.text)
    figures = [
        _figures(theme_id, text_key, list(per_session.values()), theme_names, weighting)
        for (theme_id, text_key), per_session in best.items()
    ]
    return rank_groups(figures)


def _figures(
    theme_id: UUID | None,
    text_key: str | None,
    bests: list[_Best],
    theme_names: dict[UUID, str],
    weighting: Weighting,
) -> GroupFigures:
    if theme_id is not None:
        name = theme_names[theme_id]
    else:
        earliest = min(bests, key=lambda b: (b.session.created_at, b.session.id, b.position))
        name = earliest.text.strip()

    def weight(best: _Best) -> int:
        return best.session.participant_count if weighting == "people" else 1

    return GroupFigures(
        theme_id=theme_id,
        text_key=text_key,
        name=name,
        points=sum((POINTS_BASE - b.position) * weight(b) for b in bests),
        sessions=len(bests),
        people=sum(b.session.participant_count for b in bests),
        key_yes=sum(b.key_issue == "yes" for b in bests),
        key_no=sum(b.key_issue == "no" for b in bests),
        key_dont_know=sum(b.key_issue == "dont_know" for b in bests),
        subgroups=len({b.session.subgroup for b in bests if b.session.subgroup}),
        first_choice=sum(b.position == 1 for b in bests),
        would_act=sum(b.session.reflections.would_act == "yes" for b in bests),
    )
