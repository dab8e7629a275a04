"""The tables of a campaign database (typed SQLAlchemy ORM).

Every key is a UUID, so that sessions made on different laptops merge without
clashes. A session's lists (issues, interviewees, quotes, references) keep
their order in an explicit ``position`` column. Deleting a campaign or a
session cascades to what it holds; deleting a theme leaves its issues
unthemed. ``session_revisions`` keeps every earlier version of a session and
has no foreign key to the session, so a deleted session's text survives too.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from listening_tui.db.base import Base, UTCDateTime, utcnow
from listening_tui.domain.audit import ACTIONS
from listening_tui.domain.small_groups import (
    SMALL_GROUP_K_DEFAULT,
    SMALL_GROUP_K_MAX,
    SMALL_GROUP_K_MIN,
)


def _choice(column: str, values: tuple[str, ...], name: str) -> CheckConstraint:
    quoted = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({quoted})", name=name)


ANSWERS = ("yes", "no", "dont_know")

UNTHEMED = "theme_id IS NULL"
"""Where ix_issues_unthemed holds an issue: only unthemed issues are grouped by their text."""

RETENTION_DEFAULT_MONTHS = 12
RETENTION_MIN_MONTHS = 1
RETENTION_MAX_MONTHS = 120


class Timestamps:
    """When a row was written to this database (not the session's own times)."""

    row_created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    row_updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class CampaignRow(Timestamps, Base):
    """A listening campaign."""

    __tablename__ = "campaigns"
    __table_args__ = (
        CheckConstraint(
            f"contact_retention_months BETWEEN {RETENTION_MIN_MONTHS} AND {RETENTION_MAX_MONTHS}",
            name="contact_retention_months",
        ),
        CheckConstraint(
            f"small_group_k BETWEEN {SMALL_GROUP_K_MIN} AND {SMALL_GROUP_K_MAX}",
            name="small_group_k",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(Text)
    contact_retention_months: Mapped[int] = mapped_column(
        Integer, server_default=text(str(RETENTION_DEFAULT_MONTHS))
    )
    """How long contact details are kept after the session they were given in.

    A server default only, so that inserts which name no period (older code,
    migrations' tests) get the default without naming the column.
    """
    small_group_k: Mapped[int] = mapped_column(
        Integer, server_default=text(str(SMALL_GROUP_K_DEFAULT))
    )
    """Subgroups heard from fewer people are shown as "Other subgroups" outside (1: never).

    A server default only, like the retention period.
    """

    questions: Mapped[list[QuestionRow]] = relationship(
        back_populates="campaign",
        order_by="QuestionRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    subgroups: Mapped[list[SubgroupRow]] = relationship(
        back_populates="campaign",
        order_by="SubgroupRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class QuestionRow(Base):
    """One question listeners ask, in the campaign's order."""

    __tablename__ = "campaign_questions"
    __table_args__ = (UniqueConstraint("campaign_id", "position"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    campaign: Mapped[CampaignRow] = relationship(back_populates="questions")


class SubgroupRow(Base):
    """A known subgroup of a campaign (department, street, affiliation)."""

    __tablename__ = "campaign_subgroups"
    __table_args__ = (
        UniqueConstraint("campaign_id", "position"),
        UniqueConstraint("campaign_id", "name_key"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    """The name case-folded: subgroups are unique ignoring case."""

    campaign: Mapped[CampaignRow] = relationship(back_populates="subgroups")


class ThemeRow(Timestamps, Base):
    """A recorder's theme: one concern raised in many words."""

    __tablename__ = "themes"
    __table_args__ = (UniqueConstraint("campaign_id", "name_key"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    """The name case-folded: theme names are unique in a campaign ignoring case."""
    description: Mapped[str | None] = mapped_column(Text)


class SessionRow(Timestamps, Base):
    """One filled-in form of a one-to-one or group session."""

    __tablename__ = "listening_sessions"
    __table_args__ = (
        _choice("kind", ("one_to_one", "group"), "kind"),
        CheckConstraint(
            "(kind = 'one_to_one' AND participant_count = 1) OR "
            "(kind = 'group' AND participant_count BETWEEN 2 AND 500)",
            name="participant_count",
        ),
        _choice("decision_makers_should_hear", ANSWERS, "decision_makers_should_hear"),
        _choice("would_act", ANSWERS, "would_act"),
        _choice("difference", ("none", "a_little", "some", "a_lot"), "difference"),
        CheckConstraint("updated_at >= created_at", name="updated_after_created"),
        Index(None, "campaign_id", "held_on"),
        Index(None, "updated_at"),
        # the newest time stored, read by every save's clock check (services/clock.py)
        Index(
            "ix_listening_sessions_ranking",
            *("id", "campaign_id", "participant_count", "would_act", "subgroup", "created_at"),
        ),
        # the ranking finds each issue's session here, without reading the table (db/ranking.py);
        # led by the id, so that no query takes it to search or order a campaign's sessions
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    leader: Mapped[str] = mapped_column(String(200))
    recorder: Mapped[str | None] = mapped_column(Text)
    held_on: Mapped[date] = mapped_column(Date)
    community: Mapped[str] = mapped_column(String(200))
    subgroup: Mapped[str | None] = mapped_column(Text)
    participant_count: Mapped[int] = mapped_column(Integer)
    potential_leader: Mapped[bool] = mapped_column(Boolean, default=False)
    moved: Mapped[str | None] = mapped_column(Text)
    decision_makers_should_hear: Mapped[str | None] = mapped_column(String(20))
    would_act: Mapped[str | None] = mapped_column(String(20))
    difference: Mapped[str | None] = mapped_column(String(20))
    reflection_notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    """When the listener first saved the form (travels with the bundle; names issue groups)."""
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    """When the form was last changed (travels with the bundle; decides import conflicts)."""
    version: Mapped[int] = mapped_column(Integer, default=1)
    """Raised by one at every change, to detect two people editing at once."""

    issues: Mapped[list[IssueRow]] = relationship(
        back_populates="session",
        order_by="IssueRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    interviewees: Mapped[list[IntervieweeRow]] = relationship(
        order_by="IntervieweeRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    quotes: Mapped[list[QuoteRow]] = relationship(
        order_by="QuoteRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    references: Mapped[list[ReferenceRow]] = relationship(
        order_by="ReferenceRow.position", cascade="all, delete-orphan", passive_deletes=True
    )


class _SessionChild:
    """Columns every list held by a session has: its session and its place in the list."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("listening_sessions.id", ondelete="CASCADE")
    )
    """Looked up through the table's unique (session_id, position) index."""
    position: Mapped[int] = mapped_column(Integer)


class IssueRow(Base):
    """A key issue, at its position in order of importance (1 = most important)."""

    __tablename__ = "issues"
    __table_args__ = (
        UniqueConstraint("session_id", "position"),
        CheckConstraint("position BETWEEN 1 AND 6", name="position"),
        _choice("key_issue", ANSWERS, "key_issue"),
        # Covers the ranking of a narrow filter, read from its sessions: their issues in order.
        Index(
            "ix_issues_best_issue", "session_id", "position", "theme_id", "key_issue", "text_key"
        ),
        # A theme's issues session by session, and unthemed issues text by text: the ranking
        # reads each group's issues in order, so SQLite groups them without sorting.
        Index("ix_issues_theme_sessions", "theme_id", "session_id", "position", "key_issue"),
        # theme_id leads though always NULL there: SQLite then sees a search (theme_id IS NULL),
        # where it would guess a scan of the whole index costs more than starting from sessions.
        Index(
            "ix_issues_unthemed",
            *("theme_id", "text_key", "session_id", "position", "key_issue"),
            sqlite_where=text(UNTHEMED),
            postgresql_where=text(UNTHEMED),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("listening_sessions.id", ondelete="CASCADE")
    )
    """Looked up through the unique (session_id, position) index."""
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(500))
    text_key: Mapped[str] = mapped_column(Text, index=True)
    """The text normalised (domain.ranking.normalise_issue_text), written with the text.

    Unthemed issues with the same key form one group in the ranking; SQL can't
    case-fold portably, so the key is computed in Python whenever an issue is written.
    """
    key_issue: Mapped[str] = mapped_column(String(20))
    theme_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))
    """Indexed first in ix_issues_theme_sessions."""

    session: Mapped[SessionRow] = relationship(back_populates="issues")


class IntervieweeRow(_SessionChild, Base):
    """A person heard in a session; ``contact`` is kept only with consent."""

    __tablename__ = "interviewees"
    __table_args__ = (
        UniqueConstraint("session_id", "position"),
        _choice("member_status", ("member", "non_member", "unknown"), "member_status"),
        CheckConstraint("contact IS NULL OR consent_to_contact", name="contact_needs_consent"),
    )

    name: Mapped[str] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(Text)
    consent_to_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    member_status: Mapped[str] = mapped_column(String(20), default="unknown")
    affiliations: Mapped[list[str]] = mapped_column(JSON, default=list)


class QuoteRow(_SessionChild, Base):
    """A direct quote and who may hear it."""

    __tablename__ = "quotes"
    __table_args__ = (
        UniqueConstraint("session_id", "position"),
        _choice("sharing", ("decision_makers", "meeting", "recorders_only"), "sharing"),
    )

    text: Mapped[str] = mapped_column(Text)
    attribution: Mapped[str | None] = mapped_column(Text)
    sharing: Mapped[str] = mapped_column(String(20), default="recorders_only")


class ReferenceRow(_SessionChild, Base):
    """Someone to meet next."""

    __tablename__ = "session_references"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    name: Mapped[str] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(Text)
    why: Mapped[str | None] = mapped_column(Text)


class RevisionRow(Base):
    """An earlier version of a session, kept whenever it is replaced or deleted."""

    __tablename__ = "session_revisions"
    __table_args__ = (
        UniqueConstraint("session_id", "number"),
        _choice(
            "reason",
            ("edit", "import_conflict", "import_older", "delete", "edit_conflict"),
            "reason",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    session_id: Mapped[uuid.UUID] = mapped_column(Uuid(), index=True)
    """The session this was a version of (no foreign key: it outlives a deletion)."""
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    """1 for the first kept version, then 2, 3, ..."""
    reason: Mapped[str] = mapped_column(String(20))
    """Why it was kept: an edit, an import conflict, an older imported copy, a deletion."""
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The whole session in bundle form (spec/bundle.md ``sessions[]``)."""
    content_updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    """The version's own ``updated_at``."""
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DraftRow(Base):
    """What a listener has typed into a form that is not saved as a session yet.

    Written within seconds of every change and on quit, so that a crash, a
    closed terminal or a power cut never loses notes; deleted in the same
    transaction that saves the session.
    """

    __tablename__ = "drafts"
    __table_args__ = (_choice("kind", ("one_to_one", "group"), "kind"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[uuid.UUID] = mapped_column(Uuid(), unique=True)
    """The session the draft becomes (or, when editing, the session it changes)."""
    kind: Mapped[str] = mapped_column(String(20))
    base_version: Mapped[int | None] = mapped_column(Integer)
    """The stored session's version when editing began; None for a new session."""
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The form's fields exactly as typed (domain.drafts.DraftContent)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


PURPOSES = ("decision_makers", "meeting")


class CampaignConclusionRow(Base):
    """The recorder's overall conclusion of a campaign (one per campaign)."""

    __tablename__ = "campaign_conclusions"

    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class ThemeConclusionRow(Base):
    """The recorder's conclusion about one theme (one per theme)."""

    __tablename__ = "theme_conclusions"

    theme_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True
    )
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class ChosenQuoteRow(Base):
    """A quote the recorder chose to go with a conclusion, and for whom.

    A quote is named by its session and its exact text, not by the quote row's
    id: a session's quotes are written again whenever the session is edited or
    imported, so their ids change while the words stay. A choice whose quote
    was edited away, or whose sharing was narrowed since, is simply not shown
    (the sharing rule is checked again every time the choices are read).
    """

    __tablename__ = "chosen_quotes"
    __table_args__ = (_choice("purpose", PURPOSES, "purpose"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), index=True
    )
    """The theme whose conclusion it goes with; None for the overall conclusion."""
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("listening_sessions.id", ondelete="CASCADE"), index=True
    )
    quote_text: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(String(20))
    """``decision_makers``: printed in the report; ``meeting``: read out at the meeting only."""
    chosen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MeetingRow(Timestamps, Base):
    """A convenor's meeting of a campaign, where priorities are presented and ratified."""

    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint("present >= 0", name="present"),
        CheckConstraint("quorum >= 0", name="quorum"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(Text)
    convenor: Mapped[str] = mapped_column(String(200))
    present: Mapped[int] = mapped_column(Integer, default=0)
    """People in the room, updated as they arrive."""
    quorum: Mapped[int] = mapped_column(Integer, default=0)


class AgendaItemRow(Base):
    """One item of a meeting's timed agenda."""

    __tablename__ = "meeting_agenda_items"
    __table_args__ = (
        UniqueConstraint("meeting_id", "position"),
        CheckConstraint("minutes >= 1", name="minutes"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    minutes: Mapped[int] = mapped_column(Integer)


class VoteRow(Base):
    """A vote of a meeting; method, rules and options are fixed when it opens."""

    __tablename__ = "votes"
    __table_args__ = (
        UniqueConstraint("meeting_id", "number"),
        _choice("method", ("proposal", "dot", "borda", "irv"), "method"),
        _choice("status", ("open", "closed"), "status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(20))
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    """ProposalOptions, DotVoteOptions or RankedOptions as JSON."""
    choices: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    """The options (domain.meetings.VoteChoice) in their order; empty for a proposal."""
    theme_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("themes.id", ondelete="SET NULL"), index=True
    )
    """A proposal's priority, ratified when carried."""
    status: Mapped[str] = mapped_column(String(20), default="open")
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    """The count stored at close (spec/voting.md's JSON); None while open."""
    statement: Mapped[str | None] = mapped_column(Text)
    """The meeting's decision in words."""


class VoteFigureRow(Base):
    """A figure of a vote (hands or dots), written the moment it is entered."""

    __tablename__ = "vote_figures"
    __table_args__ = (
        UniqueConstraint("vote_id", "key"),
        CheckConstraint("value >= 0", name="value"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    vote_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("votes.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(20))
    """``for``, ``against``, ``abstain``, ``present`` or ``dots:N``."""
    value: Mapped[int] = mapped_column(Integer)
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class BallotRow(Base):
    """A ranked ballot, written the moment it is entered."""

    __tablename__ = "vote_ballots"
    __table_args__ = (
        UniqueConstraint("vote_id", "number"),
        _choice("source", ("typed", "csv"), "source"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    vote_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("votes.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    preferences: Mapped[list[str]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(10), default="typed")
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class VoteEventRow(Base):
    """A correction, close or reopening of a vote, with the value before it."""

    __tablename__ = "vote_events"
    __table_args__ = (
        _choice("kind", ("correction", "ballot_correction", "close", "reopen"), "kind"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    vote_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("votes.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str | None] = mapped_column(String(20))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)


class ThemeRatificationRow(Base):
    """A theme marked as a ratified priority by a closed vote (removed if it reopens)."""

    __tablename__ = "theme_ratifications"
    __table_args__ = (UniqueConstraint("theme_id", "vote_id"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    theme_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), index=True
    )
    vote_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("votes.id", ondelete="CASCADE"), index=True
    )
    ratified_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ErasureRow(Base):
    """A person forgotten or contacts expired: when and how much, never whose."""

    __tablename__ = "erasures"
    __table_args__ = (_choice("kind", ("forget", "retention"), "kind"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    erased_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    counts: Mapped[dict[str, int]] = mapped_column(JSON)
    """What was changed, by kind of place (``interviewees``, ``revisions``...): numbers only."""


class AuditRow(Base):
    """Who did what, and when: ids, counts and kinds only, never a person heard or named.

    The campaign key is emptied, not cascaded, when the campaign is deleted, so
    the log outlives what it records.
    """

    __tablename__ = "audit_entries"
    __table_args__ = (
        _choice("action", ACTIONS, "action"),
        Index("ix_audit_entries_campaign_newest", "campaign_id", "at", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL")
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    """The name given when the app started (or the CLI's --as, or the login name)."""
    action: Mapped[str] = mapped_column(String(20))
    target_kind: Mapped[str] = mapped_column(String(40))
    """What was acted on: session, campaign, bundle, csv, contacts, report, vote, ..."""
    target_id: Mapped[uuid.UUID | None] = mapped_column(Uuid())
    summary: Mapped[str] = mapped_column(String(300), default="")
    """Counts and kinds only (never a name, a contact or a file name)."""
