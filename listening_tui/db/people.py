"""Queries about people across sessions: who is named anywhere, who may be contacted.

Separate from the session repository because they cut across every list a
session holds (and the revision history), for exports rather than forms.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from listening_tui.db.tables import (
    IntervieweeRow,
    QuoteRow,
    ReferenceRow,
    RevisionRow,
    SessionRow,
)


@dataclass
class NamesInDatabase:
    """Every name and contact stored anywhere, by the part they play."""

    listeners: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    attributions: set[str] = field(default_factory=set)
    contacts: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class ConsentingPerson:
    """An interviewee who agreed to be contacted, with the session they were heard in."""

    name: str
    contact: str | None
    member_status: str
    affiliations: list[str]
    subgroup: str | None
    potential_leader: bool
    session_id: uuid.UUID
    held_on: date
    leader: str


class PeopleRepository:
    """Read-only queries about people; takes a Session and never commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def names_and_contacts(self) -> NamesInDatabase:
        """Every distinct name and contact in the database, earlier versions included."""
        found = NamesInDatabase()
        columns: list[tuple[set[str], Any]] = [
            (found.listeners, SessionRow.leader),
            (found.listeners, SessionRow.recorder),
            (found.people, IntervieweeRow.name),
            (found.contacts, IntervieweeRow.contact),
            (found.people, ReferenceRow.name),
            (found.contacts, ReferenceRow.contact),
            (found.attributions, QuoteRow.attribution),
        ]
        for into, column in columns:
            into.update(value for value in self.session.scalars(select(column).distinct()) if value)
        history = select(RevisionRow.content).execution_options(yield_per=500)
        for content in self.session.scalars(history):
            _names_in_content(content, found)
        return found

    def consenting(self, campaign_id: uuid.UUID) -> list[ConsentingPerson]:
        """Interviewees of the campaign who agreed to be contacted, by name."""
        statement = (
            select(
                IntervieweeRow.name,
                IntervieweeRow.contact,
                IntervieweeRow.member_status,
                IntervieweeRow.affiliations,
                SessionRow.subgroup,
                SessionRow.potential_leader,
                SessionRow.id,
                SessionRow.held_on,
                SessionRow.leader,
                IntervieweeRow.position,
            )
            .join(SessionRow, SessionRow.id == IntervieweeRow.session_id)
            .where(SessionRow.campaign_id == campaign_id, IntervieweeRow.consent_to_contact)
        )
        rows = list(self.session.execute(statement))
        # Sorted here, not in SQL, so the order is the same whatever the server's collation.
        rows.sort(key=lambda r: (r.name.casefold(), r.held_on, str(r.id), r.position))
        return [
            ConsentingPerson(
                name=r.name,
                contact=r.contact,
                member_status=r.member_status,
                affiliations=list(r.affiliations or []),
                subgroup=r.subgroup,
                potential_leader=r.potential_leader,
                session_id=r.id,
                held_on=r.held_on,
                leader=r.leader,
            )
            for r in rows
        ]


def _names_in_content(content: Any, found: NamesInDatabase) -> None:
    """Names in a revision's content (a session in bundle form), however old its shape."""
    if not isinstance(content, dict):
        return
    for key in ("leader", "recorder"):
        if isinstance(content.get(key), str):
            found.listeners.add(content[key])
    for key in ("interviewees", "references"):
        for person in content.get(key) or []:
            if isinstance(person, dict):
                if isinstance(person.get("name"), str):
                    found.people.add(person["name"])
                if isinstance(person.get("contact"), str):
                    found.contacts.add(person["contact"])
    for quote in content.get("quotes") or []:
        if isinstance(quote, dict) and isinstance(quote.get("attribution"), str):
            found.attributions.add(quote["attribution"])
