"""What services hand back to the app and the CLI: values, never ORM rows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from listening_tui.domain.forms import ListeningSession, SessionKind

RevisionReason = Literal["edit", "import_conflict", "import_older", "delete", "edit_conflict"]


class Summary(BaseModel):
    """Base of service results: frozen, readable from attributes."""

    model_config = ConfigDict(frozen=True, from_attributes=True)


class CampaignSummary(Summary):
    """A campaign as the start screen lists it."""

    id: UUID
    name: str
    organisation: str | None
    session_count: int
    """How many sessions have been written up."""
    people_heard: int
    """The sum of participant counts over those sessions."""
    theme_count: int


class SessionSummary(Summary):
    """One line of the sessions list."""

    id: UUID
    kind: SessionKind
    leader: str
    held_on: date
    subgroup: str | None
    participant_count: int
    issue_count: int
    first_issue: str | None
    """The most important issue's text, for a glance at the list."""
    updated_at: datetime
    version: int


class SessionPage(Summary):
    """One page of the sessions list, and how many sessions match in all."""

    rows: list[SessionSummary]
    total: int
    """How many sessions match the query (not only those on this page)."""
    offset: int
    """The position of the first row in the whole ordered list (0 for the first)."""


class SessionFacets(Summary):
    """The choices the sessions list offers as filters."""

    leaders: list[str]
    """Every leader who led one of the campaign's sessions, by name."""
    subgroups: list[str]
    """Every subgroup one of the campaign's sessions was held in, by name."""


class SavedSession(Summary):
    """A session as it stands in the database after a save."""

    session: ListeningSession
    version: int
    """Raised by one at every change; the app checks it before overwriting."""
    campaign_id: UUID


class Revision(Summary):
    """An earlier version of a session, kept when it was edited, replaced or deleted."""

    session_id: UUID
    number: int
    reason: RevisionReason
    content: dict[str, Any]
    """The session in bundle form, as it was."""
    content_updated_at: datetime
    recorded_at: datetime


class SampleSummary(Summary):
    """What ``listening-tui sample`` wrote."""

    path: str
    campaign: str
    sessions: int
    subgroups: int
    themes: int
    issues: int
