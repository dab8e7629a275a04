"""Audit entries as values: who did what to which kind of thing, and when (never whose data)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from listening_tui.actor import UNKNOWN, clean

ACTIONS = ("created", "edited", "deleted", "restored", "exported", "imported", "erased", "voted")
"""What an audit entry may say was done."""

SUMMARY_MAX = 300


class AuditEntry(BaseModel):
    """One line of the audit log."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: uuid.UUID
    campaign_id: uuid.UUID | None
    at: datetime
    actor: str
    """The name given when the app started, or the CLI's --as (or login name)."""
    action: str
    target_kind: str
    target_id: uuid.UUID | None
    summary: str
    """Counts and kinds only."""


class AuditQuery(BaseModel):
    """Which entries to show: a campaign's (or all), optionally one action, one actor."""

    model_config = ConfigDict(frozen=True)

    campaign_id: uuid.UUID | None = None
    action: str | None = None
    actor: str | None = None


class AuditPage(BaseModel):
    """One page of entries, newest first, with how many match in all."""

    model_config = ConfigDict(frozen=True)

    entries: list[AuditEntry]
    total: int
    offset: int


def actor_name(name: str | None) -> str:
    """A name fit for the log: the actor module's rule (one line, at most 200 characters)."""
    return clean(name) or UNKNOWN


def audit_summary(text: str) -> str:
    """A summary fit for the log: one line, at most 300 characters."""
    return " ".join(text.split())[:SUMMARY_MAX]


def counted(counts: dict[str, int]) -> str:
    """``{"added": 3, "updated": 0}`` as "3 added", leaving out zeros; "nothing" if all are."""
    parts = [f"{value} {key.replace('_', ' ')}" for key, value in counts.items() if value]
    return ", ".join(parts) or "nothing"
