"""The model forms of a listening campaign, with every rule of spec/bundle.md.

These pydantic models are the one place where the rules live: the app's form,
the bundle importer and the database layer all validate through them. Field
names and values are exactly those of the bundle format, so a session
converts to and from a bundle entry with ``model_dump(mode="json")`` and
``model_validate``.

Validation takes an optional context ``{"today": date}`` so that "not in the
future" can be checked against the day of an import (tests pass a fixed day).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal, Self
from uuid import UUID

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
    StrictInt,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

SessionKind = Literal["one_to_one", "group"]
"""A one-to-one conversation or a group conversation."""

Answer = Literal["yes", "no", "dont_know"]
"""The form's Y / N / Don't know."""

MemberStatus = Literal["member", "non_member", "unknown"]
"""Whether the interviewee belongs to the union or organisation."""

Sharing = Literal["decision_makers", "meeting", "recorders_only"]
"""Who may hear a quote: sent outside, read out at the meeting, or recorders only."""

Difference = Literal["none", "a_little", "some", "a_lot"]
"""How much difference action on the top priority would make to the person's life."""

SESSION_KINDS: tuple[SessionKind, ...] = ("one_to_one", "group")
ANSWERS: tuple[Answer, ...] = ("yes", "no", "dont_know")
MEMBER_STATUSES: tuple[MemberStatus, ...] = ("member", "non_member", "unknown")
SHARING_LEVELS: tuple[Sharing, ...] = ("decision_makers", "meeting", "recorders_only")
DIFFERENCES: tuple[Difference, ...] = ("none", "a_little", "some", "a_lot")

MAX_ISSUES = 6
"""The model form has room for six key issues, in order of importance."""

MAX_GROUP_PARTICIPANTS = 500
NAME_MAX = 200
ISSUE_TEXT_MAX = 500


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("listening_rule", message)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Unicode's control characters (category Cc) but tab and newline: one regex pass, not a
Python loop per character, so a 50,000-session import validates in seconds."""


def _clean(value: str) -> str:
    """Trim surrounding white space and refuse control characters but newline and tab."""
    found = _CONTROL.search(value)
    if found is not None:
        raise _fail(
            f"contains a control character (U+{ord(found.group()):04X}); only line breaks "
            "and tabs are allowed in text"
        )
    return value.strip()


def _sized(what: str, low: int, high: int | None) -> AfterValidator:
    """A validator that cleans text and checks its length, naming ``what`` in the message."""

    def check(value: str) -> str:
        value = _clean(value)
        if len(value) < low:
            raise _fail(f"{what} can't be empty")
        if high is not None and len(value) > high:
            raise _fail(f"{what} is too long: {len(value)} characters, at most {high}")
        return value

    return AfterValidator(check)


Timestamp = Annotated[
    AwareDatetime, PlainSerializer(lambda moment: moment.isoformat(), when_used="json")
]
"""A date-time with offset, written as ``2026-11-03T19:05:00+00:00`` like the spec's example."""

Text = Annotated[str, AfterValidator(_clean)]
"""Free text, trimmed, no control characters; may be empty."""


CampaignName = Annotated[str, _sized("The campaign name", 1, NAME_MAX)]
ThemeName = Annotated[str, _sized("The theme name", 1, NAME_MAX)]
LeaderName = Annotated[str, _sized("The leader's name", 1, NAME_MAX)]
CommunityName = Annotated[str, _sized("The community, organisation or workplace", 1, NAME_MAX)]
PersonName = Annotated[str, _sized("The person's name", 1, None)]
IssueText = Annotated[str, _sized("The issue", 1, ISSUE_TEXT_MAX)]
QuoteText = Annotated[str, _sized("The quote", 1, None)]
QuestionText = Annotated[str, _sized("A question", 1, None)]
SubgroupName = Annotated[str, _sized("A subgroup name", 1, NAME_MAX)]


class FormModel(BaseModel):
    """Base for every form and bundle value: unknown keys are refused, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, from_attributes=True)


class Campaign(FormModel):
    """A listening campaign: who is listened to, with which questions, in which subgroups."""

    id: UUID
    """Stable identity, kept across laptops."""
    name: CampaignName
    """What the campaign is called."""
    organisation: Text | None = None
    """The community, organisation or workplace the campaign listens to."""
    questions: list[QuestionText] = Field(default_factory=list)
    """The questions listeners ask, in order."""
    subgroups: list[SubgroupName] = Field(default_factory=list)
    """Known subgroups: departments, streets, affiliations."""

    @field_validator("subgroups")
    @classmethod
    def _distinct_subgroups(cls, value: list[str]) -> list[str]:
        seen: set[str] = set()
        for name in value:
            key = name.casefold()
            if key in seen:
                raise _fail(f'the subgroup "{name}" is listed twice')
            seen.add(key)
        return value


class Theme(FormModel):
    """The recorder's name for one concern that many people raised in different words."""

    id: UUID
    name: ThemeName
    description: Text | None = None


class Interviewee(FormModel):
    """A person heard in a session. A contact is kept only with consent."""

    name: PersonName
    contact: Text | None = None
    """Phone or email; only with consent to be contacted."""
    consent_to_contact: StrictBool = False
    member_status: MemberStatus = "unknown"
    affiliations: list[Text] = Field(default_factory=list)
    """Churches, clubs, tenants' associations: the person's ties in the community."""

    @model_validator(mode="after")
    def _contact_needs_consent(self) -> Self:
        if self.contact and not self.consent_to_contact:
            raise _fail(
                "a contact can only be kept when the person agreed to be contacted: "
                "tick their consent or remove the contact"
            )
        return self


class IssueEntry(FormModel):
    """One key issue of a session; its position is its place in the list (1 = first)."""

    id: UUID
    text: IssueText
    key_issue: Answer
    """Is this a key campaign issue? Y / N / Don't know."""
    theme_id: UUID | None = None
    """The theme the recorder put it in, if any."""


class Quote(FormModel):
    """Words a participant said, with who may hear them."""

    text: QuoteText
    attribution: Text | None = None
    sharing: Sharing = "recorders_only"


class Reflections(FormModel):
    """The listener's reflections after the session (every answer optional)."""

    moved: Text | None = None
    """Did you feel moved by the stories you were told?"""
    decision_makers_should_hear: Answer | None = None
    """Should the politicians or decision makers hear them directly?"""
    would_act: Answer | None = None
    """Did you think this person/group would act on these issues?"""
    difference: Difference | None = None
    """How much difference would action on the top priority make to the person's life?"""
    notes: Text | None = None
    """Anything else the listener noticed."""


class Reference(FormModel):
    """Someone to meet next, suggested in a one-to-one."""

    name: PersonName
    contact: Text | None = None
    why: Text | None = None


class SessionForm(FormModel):
    """One filled-in form for recording a one-to-one or group session."""

    id: UUID
    kind: SessionKind
    leader: LeaderName
    """The listener who led the session."""
    recorder: Text | None = None
    """Who took the notes, if not the leader."""
    held_on: date
    community: CommunityName
    subgroup: Text | None = None
    participant_count: StrictInt
    interviewees: list[Interviewee] = Field(default_factory=list)
    issues: list[IssueEntry]
    """Key issues in order of importance: the first is the most important."""
    quotes: list[Quote] = Field(default_factory=list)
    reflections: Reflections = Field(default_factory=Reflections)
    references: list[Reference] = Field(default_factory=list)
    potential_leader: StrictBool = False
    """The listener saw leadership talent."""

    @field_validator("held_on", mode="before")
    @classmethod
    def _plain_date(cls, value: Any) -> Any:
        if isinstance(value, datetime):
            raise _fail("expected a date without a time, YYYY-MM-DD")
        if isinstance(value, str | date):
            return value
        raise _fail("expected a date, YYYY-MM-DD")

    @field_validator("held_on")
    @classmethod
    def _not_in_future(cls, value: date, info: ValidationInfo) -> date:
        context = info.context if isinstance(info.context, dict) else {}
        today = context.get("today") or date.today()
        if value > today:
            raise _fail(f"The date can't be in the future ({value.isoformat()} is after today)")
        return value

    @field_validator("issues")
    @classmethod
    def _one_to_six_issues(cls, value: list[IssueEntry]) -> list[IssueEntry]:
        if not value:
            raise _fail("Write down at least one key issue")
        if len(value) > MAX_ISSUES:
            raise _fail(f"A session can hold at most six key issues (this one has {len(value)})")
        seen: set[int] = set()  # the ids' integers: hashing a UUID runs Python code
        for entry in value:
            if entry.id.int in seen:
                raise _fail(f"the issue id {entry.id} is used twice")
            seen.add(entry.id.int)
        return value

    @field_validator("participant_count")
    @classmethod
    def _participants_fit_kind(cls, count: int, info: ValidationInfo) -> int:
        kind = info.data.get("kind")
        if kind == "one_to_one" and count != 1:
            raise _fail(f"A one-to-one has exactly 1 participant, not {count}")
        if kind == "group":
            if count < 2:
                raise _fail("A group session needs at least 2 participants")
            if count > MAX_GROUP_PARTICIPANTS:
                raise _fail(
                    f"A group session can have at most {MAX_GROUP_PARTICIPANTS} participants"
                )
        return count


class ListeningSession(SessionForm):
    """A saved session: the form plus when it was created and last changed."""

    created_at: Timestamp
    updated_at: Timestamp

    @field_validator("updated_at")
    @classmethod
    def _updated_not_before_created(cls, value: datetime, info: ValidationInfo) -> datetime:
        created = info.data.get("created_at")
        if created is not None and value < created:
            raise _fail("the last change can't be before the session was created (created_at)")
        return value
