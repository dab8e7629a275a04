"""A form as typed: half-finished, possibly invalid, never refused.

The app keeps what the listener typed as a DraftContent (every field a plain
string, flag or list) so that it can be stored as a draft at any moment. On
save, ``to_session_form`` turns it into a SessionForm, where the rules of
forms.py apply; problems come back as (path, message) pairs whose paths are
SessionForm's (``issues[2].text``), plus ``participant_count`` and
``held_on`` for text that is not a number or a date.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field

from listening_tui.domain.forms import SessionForm, SessionKind
from listening_tui.domain.validation import validate
from listening_tui.errors import InvalidInput


class DraftModel(BaseModel):
    """Drafts accept whatever was stored: unknown keys from newer versions are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class DraftIssue(DraftModel):
    """One key-issue row as typed."""

    id: UUID = Field(default_factory=uuid4)
    text: str = ""
    key_issue: str = "dont_know"
    theme_id: UUID | None = None
    """Kept from the stored session so that editing does not undo the recorder's themes."""


class DraftQuote(DraftModel):
    """One quote row as typed."""

    text: str = ""
    attribution: str = ""
    sharing: str = "recorders_only"


class DraftReference(DraftModel):
    """One reference row as typed."""

    name: str = ""
    contact: str = ""
    why: str = ""


class DraftPerson(DraftModel):
    """The interviewee of a one-to-one, as typed."""

    name: str = ""
    contact: str = ""
    consent_to_contact: bool = False
    member_status: str = "unknown"
    affiliations: str = ""
    """Comma-separated, as typed."""


class DraftContent(DraftModel):
    """Every field of the model form, as the listener typed it."""

    session_id: UUID = Field(default_factory=uuid4)
    kind: SessionKind = "one_to_one"
    leader: str = ""
    recorder: str = ""
    held_on: str = ""
    community: str = ""
    subgroup: str = ""
    participant_count: str = ""
    """Groups only; a one-to-one always has 1."""
    person: DraftPerson = Field(default_factory=DraftPerson)
    """One-to-ones: the person heard."""
    other_people: list[DraftPerson] = Field(default_factory=list)
    """One-to-ones stored with more than one interviewee (from a bundle): kept as they are."""
    group_people: list[DraftPerson] = Field(default_factory=list)
    """Groups only: the participants who gave their names, with anything else known."""
    issues: list[DraftIssue] = Field(default_factory=list)
    quotes: list[DraftQuote] = Field(default_factory=list)
    moved: str = ""
    decision_makers_should_hear: str | None = None
    would_act: str | None = None
    difference: str | None = None
    notes: str = ""
    references: list[DraftReference] = Field(default_factory=list)
    potential_leader: bool = False


def _optional(text: str) -> str | None:
    text = text.replace("\r\n", "\n").strip()
    return text or None


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


def to_session_form(draft: DraftContent, *, today: date | None = None) -> SessionForm:
    """The SessionForm the draft describes, or InvalidInput listing every problem."""
    problems: list[tuple[str, str]] = []
    count: int | None = 1
    if draft.kind == "group":
        count = _whole_number(draft.participant_count)
        if count is None:
            problems.append(
                ("participant_count", "Enter how many people took part, as a number (2 or more)")
            )
    data: dict[str, Any] = {
        "id": draft.session_id,
        "kind": draft.kind,
        "leader": draft.leader,
        "recorder": _optional(draft.recorder),
        "held_on": draft.held_on.strip(),
        "community": draft.community,
        "subgroup": _optional(draft.subgroup),
        "participant_count": count if count is not None else 2,
        "interviewees": _interviewees(draft),
        "issues": _issues(draft),
        "quotes": [
            {"text": q.text, "attribution": _optional(q.attribution), "sharing": q.sharing}
            for q in draft.quotes
        ],
        "reflections": {
            "moved": _optional(draft.moved),
            "decision_makers_should_hear": draft.decision_makers_should_hear,
            "would_act": draft.would_act,
            "difference": draft.difference,
            "notes": _optional(draft.notes),
        },
        "references": [
            {"name": r.name, "contact": _optional(r.contact), "why": _optional(r.why)}
            for r in draft.references
        ],
        "potential_leader": draft.potential_leader,
    }
    if not draft.held_on.strip():
        problems.append(("held_on", "Enter the date of the session, as YYYY-MM-DD"))
    try:
        form = validate(SessionForm, _normalise_line_ends(data), today=today)
    except InvalidInput as exc:
        problems.extend(p for p in exc.problems if p[0] not in {path for path, _ in problems})
        problems.sort(
            key=lambda problem: _FIELD_ORDER.get(problem[0].split("[")[0].split(".")[0], 99)
        )
        first_path, first_message = problems[0]
        raise InvalidInput(f"{first_path}: {first_message}", problems) from None
    if problems:
        path, message = problems[0]
        raise InvalidInput(f"{path}: {message}", problems)
    return form


_FIELD_ORDER = {
    name: n
    for n, name in enumerate(
        [
            "id",
            "kind",
            "leader",
            "recorder",
            "held_on",
            "community",
            "subgroup",
            "participant_count",
            "interviewees",
            "issues",
            "quotes",
            "reflections",
            "references",
            "potential_leader",
        ]
    )
}
"""The form's order, so that the first problem reported is the first on the screen."""


def _issues(draft: DraftContent) -> list[dict[str, Any]]:
    """Every row, so that a problem's index is the row's; one blank row means none."""
    rows = draft.issues
    if len(rows) == 1 and not rows[0].text.strip():
        return []
    return [
        {"id": i.id, "text": i.text, "key_issue": i.key_issue, "theme_id": i.theme_id} for i in rows
    ]


def _person(person: DraftPerson) -> dict[str, Any]:
    return {
        "name": person.name,
        "contact": _optional(person.contact),
        "consent_to_contact": person.consent_to_contact,
        "member_status": person.member_status,
        "affiliations": _names(person.affiliations),
    }


def _screen_order(problem: tuple[str, str]) -> int:
    field = problem[0].split("[")[0].split(".")[0]
    return _FIELD_ORDER.get(field, len(_FIELD_ORDER))


def _interviewees(draft: DraftContent) -> list[dict[str, Any]]:
    if draft.kind == "group":
        return [_person(p) for p in draft.group_people]
    person = draft.person
    if not (person.name.strip() or person.contact.strip() or person.affiliations.strip()):
        return [_person(p) for p in draft.other_people]
    return [_person(person), *(_person(p) for p in draft.other_people)]


def group_names(draft: DraftContent) -> str:
    """The participants' names as the form shows them: comma-separated."""
    return ", ".join(p.name for p in draft.group_people)


def with_group_names(draft: DraftContent, text: str) -> DraftContent:
    """The draft with the names typed; a name typed again keeps what was known of it."""
    known = {p.name.strip().casefold(): p for p in draft.group_people}
    people = [known.get(name.casefold(), DraftPerson(name=name)) for name in _names(text)]
    return draft.model_copy(update={"group_people": people})


def _whole_number(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def _normalise_line_ends(value: Any) -> Any:
    """Text areas may hand back CR LF; the rules allow only LF."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    if isinstance(value, list):
        return [_normalise_line_ends(v) for v in value]
    if isinstance(value, dict):
        return {k: _normalise_line_ends(v) for k, v in value.items()}
    return value


def from_session_form(form: SessionForm) -> DraftContent:
    """The draft that shows a stored session in the form, for editing."""
    people = [
        DraftPerson(
            name=p.name,
            contact=p.contact or "",
            consent_to_contact=p.consent_to_contact,
            member_status=p.member_status,
            affiliations=", ".join(p.affiliations),
        )
        for p in form.interviewees
    ]
    one_to_one = form.kind == "one_to_one"
    reflections = form.reflections
    return DraftContent(
        session_id=form.id,
        kind=form.kind,
        leader=form.leader,
        recorder=form.recorder or "",
        held_on=form.held_on.isoformat(),
        community=form.community,
        subgroup=form.subgroup or "",
        participant_count=str(form.participant_count) if form.kind == "group" else "",
        person=people[0] if one_to_one and people else DraftPerson(),
        other_people=people[1:] if one_to_one else [],
        group_people=[] if one_to_one else people,
        issues=[
            DraftIssue(id=i.id, text=i.text, key_issue=i.key_issue, theme_id=i.theme_id)
            for i in form.issues
        ],
        quotes=[
            DraftQuote(text=q.text, attribution=q.attribution or "", sharing=q.sharing)
            for q in form.quotes
        ],
        moved=reflections.moved or "",
        decision_makers_should_hear=reflections.decision_makers_should_hear,
        would_act=reflections.would_act,
        difference=reflections.difference,
        notes=reflections.notes or "",
        references=[
            DraftReference(name=r.name, contact=r.contact or "", why=r.why or "")
            for r in form.references
        ],
        potential_leader=form.potential_leader,
    )
