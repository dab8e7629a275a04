"""What the sessions list asks the database for: a filter, a sort order, nothing else.

A query is a frozen value so that the app can compare the query a page was
read for with the one on screen, and drop pages that arrive too late.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict

from listening_tui.domain.forms import SessionKind

SortColumn = Literal[
    "held_on", "kind", "leader", "subgroup", "participant_count", "issue_count", "first_issue"
]
"""A column of the sessions list that the list can be sorted by."""

SORT_COLUMNS: tuple[SortColumn, ...] = (
    "held_on",
    "kind",
    "leader",
    "subgroup",
    "participant_count",
    "issue_count",
    "first_issue",
)
"""The sortable columns in the order the list shows them."""

SortDirection = Literal["asc", "desc"]

SEARCH_MAX = 200
"""Longer search text is cut: nothing stored is searched beyond this."""


def _search_text(value: str) -> str:
    return value.strip()[:SEARCH_MAX]


def _choice(value: str | None) -> str | None:
    """An empty choice means "any"."""
    return value if value else None


class SessionQuery(BaseModel):
    """Which of a campaign's sessions to list, and in which order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: Annotated[str, AfterValidator(_search_text)] = ""
    """Case-insensitive words found in a leader, recorder, community, subgroup,
    interviewee name or issue; taken literally (``%`` and ``_`` are not wildcards)."""
    kind: SessionKind | None = None
    """Only one-to-ones, or only group sessions; None for both."""
    subgroup: Annotated[str | None, AfterValidator(_choice)] = None
    """Only sessions of this subgroup (exact); None for every subgroup."""
    leader: Annotated[str | None, AfterValidator(_choice)] = None
    """Only sessions led by this listener (exact); None for every leader."""
    sort_by: SortColumn = "held_on"
    direction: SortDirection = "desc"
    """Sessions that tie on ``sort_by`` keep a stable order by id, in the same direction."""

    @property
    def filtered(self) -> bool:
        """True when some sessions may be left out."""
        return bool(self.text or self.kind or self.subgroup or self.leader)
