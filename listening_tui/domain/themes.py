"""Themes as the recorder's desk sees them: issue lines, provenance, and undoable changes.

A theme operation returns a ``ThemeChange`` that holds everything needed to
reverse it exactly: the theme rows it created, deleted or renamed, and the
theme each touched issue had before and after. Undo checks that the data is
still as the change left it, so it never overwrites work done since.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict

from listening_tui.domain.conclusions import Purpose
from listening_tui.domain.forms import Answer, SessionKind, Theme
from listening_tui.domain.queries import SEARCH_MAX

ThemeFilter = UUID | Literal["any", "unthemed"]
"""Issues of one theme, of any theme or none, or only those in no theme."""

IssueOrder = Literal["text", "held_on"]
"""The issue list's order: A–Z by wording (alike issues side by side), or newest session first."""


def _search_text(value: str) -> str:
    return value.strip()[:SEARCH_MAX]


def _choice(value: str | None) -> str | None:
    return value if value else None


class IssueQuery(BaseModel):
    """Which of a campaign's issues the themes screen lists, and in which order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: Annotated[str, AfterValidator(_search_text)] = ""
    """Words the issue's text holds, ignoring case; taken literally."""
    theme: ThemeFilter = "any"
    kind: SessionKind | None = None
    subgroup: Annotated[str | None, AfterValidator(_choice)] = None
    leader: Annotated[str | None, AfterValidator(_choice)] = None
    key_issue: Answer | None = None
    """Only issues flagged this way as key campaign issues; None for every answer."""
    order: IssueOrder = "text"

    @property
    def filtered(self) -> bool:
        """True when some issues may be left out."""
        return bool(
            self.text
            or self.theme != "any"
            or self.kind
            or self.subgroup
            or self.leader
            or self.key_issue
        )


class IssueLine(BaseModel):
    """One issue as the themes screen lists it, with its session's facts and its theme."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: UUID
    session_id: UUID
    text: str
    position: int
    key_issue: Answer
    held_on: date
    kind: SessionKind
    subgroup: str | None
    leader: str
    theme_id: UUID | None
    theme_name: str | None


class IssuePage(BaseModel):
    """One page of the issue list and how many issues match in all."""

    model_config = ConfigDict(frozen=True)

    rows: list[IssueLine]
    total: int
    offset: int


class ThemeProvenance(BaseModel):
    """A theme and where it came from: how many issues, sessions, listeners and quotes."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: UUID
    name: str
    description: str | None = None
    issues: int
    sessions: int
    """Sessions with at least one of the theme's issues."""
    listeners: int
    """Distinct leaders of those sessions."""
    quotes: int
    """Quotes written down in those sessions."""
    concluded: bool = False
    """The recorder wrote a conclusion for the theme (deleting it takes the conclusion along)."""
    chosen_quotes: int = 0
    """Quotes chosen to go with the theme's conclusion."""


class ThemeOverview(BaseModel):
    """Every theme of a campaign with its provenance, and the issues in no theme."""

    model_config = ConfigDict(frozen=True)

    themes: list[ThemeProvenance]
    unthemed: int
    total: int
    """Every issue of the campaign."""


class IssueMove(BaseModel):
    """One issue's theme before and after a change (None: no theme)."""

    model_config = ConfigDict(frozen=True)

    issue_id: UUID
    before: UUID | None
    after: UUID | None


class ThemeRename(BaseModel):
    """A theme's name before and after a change."""

    model_config = ConfigDict(frozen=True)

    before: Theme
    after: Theme


class KeptConclusion(BaseModel):
    """A theme's conclusion exactly as it was stored, so that undo can write it back."""

    model_config = ConfigDict(frozen=True)

    theme_id: UUID
    text: str
    updated_at: datetime


class KeptChoice(BaseModel):
    """A quote chosen for a theme's conclusion, exactly as it was stored."""

    model_config = ConfigDict(frozen=True)

    id: UUID
    theme_id: UUID
    session_id: UUID
    quote_text: str
    purpose: Purpose
    chosen_at: datetime


class ConclusionJoin(BaseModel):
    """A merge target's conclusion before and after the merged theme's text was added."""

    model_config = ConfigDict(frozen=True)

    theme_id: UUID
    before: KeptConclusion | None
    """None: the target had no conclusion row."""
    after: str


ChangeKind = Literal["put", "rename", "merge", "take_out", "delete"]


class ThemeChange(BaseModel):
    """What one theme operation did, exactly enough to reverse it."""

    model_config = ConfigDict(frozen=True)

    kind: ChangeKind
    campaign_id: UUID
    description: str
    """What was done, in words ("Put 3 issues in “Housing”")."""
    created: tuple[Theme, ...] = ()
    """Themes this change made; undo deletes them."""
    deleted: tuple[Theme, ...] = ()
    """Themes this change deleted, as they were; undo makes them again with the same ids."""
    renamed: tuple[ThemeRename, ...] = ()
    moves: tuple[IssueMove, ...] = ()
    """Every issue whose theme changed."""
    conclusions: tuple[KeptConclusion, ...] = ()
    """Conclusions of the deleted themes, as they were; undo writes them back."""
    choices: tuple[KeptChoice, ...] = ()
    """Chosen quotes of the deleted themes that went with them (for a merge: those the
    target had chosen already); undo puts them back with the same ids."""
    moved_choices: tuple[KeptChoice, ...] = ()
    """Chosen quotes a merge moved to the target (as they were); undo moves them back."""
    joined: ConclusionJoin | None = None
    """The merge target's conclusion, when the merged theme's text was added to it."""
