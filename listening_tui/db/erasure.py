"""Forgetting a person: their name and contact rewritten out of every row of a campaign.

The rules (shared by the live rows, the revision history and the drafts):

- a name field (interviewee, reference, quote attribution, leader, recorder)
  that is the person, ignoring case and spacing, becomes ``FORGOTTEN``; a
  quote attribution is emptied instead. Their contact is emptied and their
  consent to be contacted withdrawn;
- free text anywhere in the campaign has the full name and their contacts
  replaced (interchange.anonymise, whole words, ignoring case); in the
  sessions where the person was heard, named as a reference or quoted, or
  whose reflections name them in full, the given name alone ("Gary" of
  "Gary Whitlock", with its capital) is replaced too, because notes call
  people by it. Elsewhere "Gary" is left: it may well be another Gary;
- with ``delete_quotes``, quotes attributed to them are deleted, and in a
  one-to-one where they were the person heard, the unattributed quotes too.

Nothing else moves: sessions, issues and themes stay, so the ranking is the same.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.orm import Session

from listening_tui.db.tables import (
    CampaignConclusionRow,
    ChosenQuoteRow,
    DraftRow,
    IntervieweeRow,
    IssueRow,
    QuoteRow,
    ReferenceRow,
    RevisionRow,
    SessionRow,
    ThemeConclusionRow,
    ThemeRow,
)
from listening_tui.domain.forms import ISSUE_TEXT_MAX
from listening_tui.domain.ranking import normalise_issue_text
from listening_tui.interchange.anonymise import (
    CONTACT_REMOVED,
    Anonymiser,
    KnownPeople,
    fit,
    person_key,
)

FORGOTTEN = "[name removed]"
"""What the forgotten person's name becomes, in name fields and in free text."""

NAME_KEYS = ("name", "leader", "recorder", "convenor")
"""Keys of a revision's or draft's JSON that hold a name (replaced only when exactly theirs)."""


@dataclass
class Place:
    """A session touched by the erasure, and where in it."""

    session_id: uuid.UUID
    held_on: date | None = None
    leader: str = ""
    what: set[str] = field(default_factory=set)


@dataclass
class ErasureCounts:
    """What an erasure changed (numbers only: this is what the log keeps)."""

    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    places: dict[uuid.UUID, Place] = field(default_factory=dict)
    elsewhere: set[str] = field(default_factory=set)
    """Campaign-wide places touched: conclusions, themes."""

    def note(self, session_id: uuid.UUID, what: str, count: str | None = None) -> None:
        """Record a change in a session; ``count`` names the counter it adds one to."""
        self.places.setdefault(session_id, Place(session_id)).what.add(what)
        if count:
            self.counts[count] += 1


class Eraser:
    """Rewrites names, contacts and texts for one person."""

    def __init__(self, names: Iterable[str], contacts: Iterable[str], delete_quotes: bool) -> None:
        self.names = {name for name in names if name.strip()}
        self.keys = {person_key(name) for name in self.names}
        self.contacts = {c for c in contacts if c and c.strip()}
        self.contact_keys = {person_key(c) for c in self.contacts}
        self.delete_quotes = delete_quotes
        self.near = Anonymiser(KnownPeople(people=frozenset(self.names), contacts=self._cs()))
        self.far = Anonymiser(KnownPeople(attributions=frozenset(self.names), contacts=self._cs()))
        for name in self.names:
            self.near.name_as(name, FORGOTTEN)
            self.far.name_as(name, FORGOTTEN)

    def _cs(self) -> frozenset[str]:
        return frozenset(self.contacts)

    def is_them(self, value: object) -> bool:
        """Whether a name field names the person."""
        return isinstance(value, str) and person_key(value) in self.keys

    def is_their_contact(self, value: object) -> bool:
        """Whether a contact field holds one of their contacts."""
        return isinstance(value, str) and bool(value) and person_key(value) in self.contact_keys

    def text(self, value: str | None, near: bool) -> str | None:
        """Free text with their name (and, near them, their given name) and contacts replaced."""
        return (self.near if near else self.far).text(value)

    def mentions(self, content: Any) -> bool:
        """Whether a revision's or draft's JSON names the person in a name field."""
        if isinstance(content, dict):
            return any(
                self.is_them(content.get(key)) for key in (*NAME_KEYS, "attribution")
            ) or any(self.mentions(value) for value in content.values())
        if isinstance(content, list):
            return any(self.mentions(value) for value in content)
        return False

    def content(self, content: Any, blank: str | None) -> Any:
        """A revision's or draft's JSON rewritten; ``blank`` is what an emptied field holds."""
        near = self.mentions(content)
        sole = False
        if isinstance(content, dict) and content.get("kind") == "one_to_one":
            heard = list(content.get("interviewees") or [])
            if isinstance(content.get("person"), dict):
                heard.append(content["person"])
            sole = any(isinstance(p, dict) and self.is_them(p.get("name")) for p in heard)
        return self._walk(content, near, blank, sole)

    def _walk(self, value: Any, near: bool, blank: str | None, sole: bool) -> Any:
        if isinstance(value, str):
            return self.text(value, near)
        if isinstance(value, list):
            return [
                self._walk(item, near, blank, sole)
                for item in value
                if not (isinstance(item, dict) and self.drops_quote(item, sole))
            ]
        if not isinstance(value, dict):
            return value
        them = self.is_them(value.get("name"))
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in NAME_KEYS and self.is_them(item):
                out[key] = FORGOTTEN
            elif (key == "attribution" and self.is_them(item)) or (
                key == "contact" and (them or self.is_their_contact(item))
            ):
                out[key] = blank
            elif key == "consent_to_contact" and them:
                out[key] = False
            else:
                out[key] = self._walk(item, near, blank, sole)
        return out

    def drops_quote(self, item: dict[str, Any], sole: bool) -> bool:
        """Whether a quote (a dict with text and attribution) is deleted."""
        if not self.delete_quotes or "attribution" not in item or "text" not in item:
            return False
        attribution = item.get("attribution")
        return self.is_them(attribution) or (sole and not attribution)


class ErasureRepository:
    """Rewrites one campaign's rows for an Eraser; takes a Session and never commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def spellings_and_contacts(
        self, campaign_id: uuid.UUID, eraser: Eraser
    ) -> tuple[set[str], set[str]]:
        """How the person's name is written, and the contacts given with it, anywhere."""
        names: set[str] = set()
        contacts: set[str] = set()
        for table in (IntervieweeRow, ReferenceRow):
            rows = self.session.execute(
                select(table.name, table.contact)
                .join(SessionRow, SessionRow.id == table.session_id)
                .where(SessionRow.campaign_id == campaign_id)
            )
            for r in rows:
                if eraser.is_them(r.name):
                    names.add(r.name)
                    if r.contact and r.contact.strip():
                        contacts.add(r.contact)
        attributions = self.session.scalars(
            select(QuoteRow.attribution)
            .join(SessionRow, SessionRow.id == QuoteRow.session_id)
            .where(SessionRow.campaign_id == campaign_id, QuoteRow.attribution.is_not(None))
        )
        names.update(a for a in attributions if a and eraser.is_them(a))
        for statement in (
            select(RevisionRow.content).where(RevisionRow.campaign_id == campaign_id),
            select(DraftRow.content).where(DraftRow.campaign_id == campaign_id),
        ):
            for content in self.session.scalars(statement.execution_options(yield_per=500)):
                _found_in(content, eraser, names, contacts)
        return names, contacts

    def erase(self, campaign_id: uuid.UUID, eraser: Eraser) -> ErasureCounts:
        """Rewrite every row of the campaign for ``eraser``; returns what changed."""
        result = ErasureCounts()
        sessions = {
            row.id: row
            for row in self.session.execute(
                select(
                    SessionRow.id,
                    SessionRow.held_on,
                    SessionRow.leader,
                    SessionRow.recorder,
                    SessionRow.kind,
                    SessionRow.community,
                    SessionRow.subgroup,
                    SessionRow.moved,
                    SessionRow.reflection_notes,
                    SessionRow.version,
                ).where(SessionRow.campaign_id == campaign_id)
            )
        }
        near = self._people(campaign_id, eraser, result)
        # A session whose notes name them in full talks about them: "Gary" there is them too.
        near.update(
            row.id
            for row in sessions.values()
            if any(
                eraser.text(getattr(row, column), False) != getattr(row, column)
                for column in ("moved", "reflection_notes")
            )
        )
        # One-to-ones where they were the one heard: their unattributed quotes are theirs.
        sole = {
            place.session_id
            for place in result.places.values()
            if "interviewee" in place.what and sessions[place.session_id].kind == "one_to_one"
        }
        self._quotes(campaign_id, eraser, near, sole, result)
        self._issues(campaign_id, eraser, near, result)
        self._sessions(sessions, eraser, near, result)
        self._history(campaign_id, eraser, result)
        self._campaign_texts(campaign_id, eraser, result)
        for session_id, place in result.places.items():
            found = sessions.get(session_id)
            if found is not None:
                place.held_on = found.held_on
                place.leader = FORGOTTEN if eraser.is_them(found.leader) else found.leader
        result.counts["sessions"] = len(result.places)
        return result

    def _people(
        self, campaign_id: uuid.UUID, eraser: Eraser, result: ErasureCounts
    ) -> set[uuid.UUID]:
        """Interviewees and references: theirs renamed, their contacts emptied."""
        near: set[uuid.UUID] = set()
        in_campaign = select(SessionRow.id).where(SessionRow.campaign_id == campaign_id)
        people = self.session.execute(
            select(
                IntervieweeRow.id,
                IntervieweeRow.session_id,
                IntervieweeRow.name,
                IntervieweeRow.contact,
                IntervieweeRow.affiliations,
            ).where(IntervieweeRow.session_id.in_(in_campaign))
        ).all()
        updates: list[dict[str, Any]] = []
        for row in people:
            if eraser.is_them(row.name):
                near.add(row.session_id)
                result.note(row.session_id, "interviewee", "interviewees")
                updates.append(
                    {"_id": row.id, "name": FORGOTTEN, "contact": None, "consent": False}
                )
            elif eraser.is_their_contact(row.contact):
                result.note(row.session_id, "a contact", "contacts")
                updates.append({"_id": row.id, "name": row.name, "contact": None, "consent": None})
        if updates:
            table = _table(IntervieweeRow)
            self.session.execute(
                update(table)
                .where(table.c.id == bindparam("_id"))
                .values(name=bindparam("name"), contact=bindparam("contact")),
                updates,
            )
            withdrawn = [{"_id": u["_id"]} for u in updates if u["consent"] is False]
            if withdrawn:
                self.session.execute(
                    update(table)
                    .where(table.c.id == bindparam("_id"))
                    .values(consent_to_contact=False),
                    withdrawn,
                )
        references = self.session.execute(
            select(
                ReferenceRow.id, ReferenceRow.session_id, ReferenceRow.name, ReferenceRow.contact
            ).where(ReferenceRow.session_id.in_(in_campaign))
        ).all()
        ref_updates: list[dict[str, Any]] = []
        for ref in references:
            if eraser.is_them(ref.name):
                near.add(ref.session_id)
                result.note(ref.session_id, "reference", "references")
                ref_updates.append({"_id": ref.id, "name": FORGOTTEN, "contact": None})
            elif eraser.is_their_contact(ref.contact):
                result.note(ref.session_id, "a contact", "contacts")
                ref_updates.append({"_id": ref.id, "name": ref.name, "contact": None})
        self._update(ReferenceRow, ref_updates, ("name", "contact"))
        attributed = self.session.execute(
            select(QuoteRow.session_id, QuoteRow.attribution).where(
                QuoteRow.session_id.in_(in_campaign), QuoteRow.attribution.is_not(None)
            )
        )
        near.update(r.session_id for r in attributed if eraser.is_them(r.attribution))
        # Affiliations are free text too.
        aff_updates = []
        for row in people:
            values = list(row.affiliations or [])
            new = [eraser.text(a, row.session_id in near) or "" for a in values]
            if new != values:
                result.note(row.session_id, "affiliations", "texts")
                aff_updates.append({"_id": row.id, "affiliations": new})
        self._update(IntervieweeRow, aff_updates, ("affiliations",))
        return near

    def _quotes(
        self,
        campaign_id: uuid.UUID,
        eraser: Eraser,
        near: set[uuid.UUID],
        sole: set[uuid.UUID],
        result: ErasureCounts,
    ) -> None:
        in_campaign = select(SessionRow.id).where(SessionRow.campaign_id == campaign_id)
        rows = self.session.execute(
            select(
                QuoteRow.id,
                QuoteRow.session_id,
                QuoteRow.position,
                QuoteRow.text,
                QuoteRow.attribution,
            )
            .where(QuoteRow.session_id.in_(in_campaign))
            .order_by(QuoteRow.session_id, QuoteRow.position)
        ).all()
        doomed: list[Any] = []
        kept: dict[uuid.UUID, list[Any]] = defaultdict(list)
        updates: list[dict[str, Any]] = []
        chosen_renames: list[dict[str, Any]] = []
        for row in rows:
            item = {"text": row.text, "attribution": row.attribution}
            if eraser.drops_quote(item, row.session_id in sole):
                doomed.append(row)
                result.note(row.session_id, "quote deleted", "quotes_deleted")
                continue
            kept[row.session_id].append(row)
            them = eraser.is_them(row.attribution)
            text = eraser.text(row.text, row.session_id in near) or ""
            attribution = None if them else eraser.text(row.attribution, row.session_id in near)
            if them:
                result.note(row.session_id, "quote attribution", "attributions")
            if text != row.text:
                result.note(row.session_id, "quote text", "texts")
                chosen_renames.append({"_sid": row.session_id, "_old": row.text, "new": text})
            if text != row.text or attribution != row.attribution:
                updates.append({"_id": row.id, "text": text, "attribution": attribution})
        self._update(QuoteRow, updates, ("text", "attribution"))
        if chosen_renames:
            chosen = _table(ChosenQuoteRow)
            self.session.execute(
                update(chosen)
                .where(
                    chosen.c.session_id == bindparam("_sid"),
                    chosen.c.quote_text == bindparam("_old"),
                )
                .values(quote_text=bindparam("new")),
                chosen_renames,
            )
        if doomed:
            self.session.execute(delete(QuoteRow).where(QuoteRow.id.in_([r.id for r in doomed])))
            for row in doomed:
                self.session.execute(
                    delete(ChosenQuoteRow).where(
                        ChosenQuoteRow.session_id == row.session_id,
                        ChosenQuoteRow.quote_text == row.text,
                    )
                )
            # Close the gaps, lowest first, so no two quotes ever share a place.
            moves = [
                {"_id": row.id, "position": number}
                for session_id in {r.session_id for r in doomed}
                for number, row in enumerate(kept[session_id], start=1)
                if row.position != number
            ]
            for move in moves:
                self._update(QuoteRow, [move], ("position",))

    def _issues(
        self, campaign_id: uuid.UUID, eraser: Eraser, near: set[uuid.UUID], result: ErasureCounts
    ) -> None:
        in_campaign = select(SessionRow.id).where(SessionRow.campaign_id == campaign_id)
        rows = self.session.execute(
            select(IssueRow.id, IssueRow.session_id, IssueRow.text).where(
                IssueRow.session_id.in_(in_campaign)
            )
        )
        updates = []
        for row in rows:
            text = fit(eraser.text(row.text, row.session_id in near), ISSUE_TEXT_MAX) or ""
            if text != row.text:
                result.note(row.session_id, "issue text", "texts")
                updates.append(
                    {"_id": row.id, "text": text, "text_key": normalise_issue_text(text)}
                )
        self._update(IssueRow, updates, ("text", "text_key"))

    def _sessions(
        self,
        sessions: dict[uuid.UUID, Any],
        eraser: Eraser,
        near: set[uuid.UUID],
        result: ErasureCounts,
    ) -> None:
        updates = []
        for row in sessions.values():
            changed: dict[str, Any] = {}
            for column in ("leader", "recorder"):
                if eraser.is_them(getattr(row, column)):
                    changed[column] = FORGOTTEN
                    result.note(row.id, column, "listeners")
            for column in ("community", "subgroup", "moved", "reflection_notes"):
                old = getattr(row, column)
                new = eraser.text(old, row.id in near)
                if new != old:
                    changed[column] = new
                    result.note(row.id, column.replace("_", " "), "texts")
            if changed or row.id in result.places:
                # A new version, so a form left open on the old one can't save it back.
                values = {c: changed.get(c, getattr(row, c)) for c in _SESSION_TEXTS}
                updates.append({"_id": row.id, **values, "version": row.version + 1})
        self._update(SessionRow, updates, (*_SESSION_TEXTS, "version"))

    def _history(self, campaign_id: uuid.UUID, eraser: Eraser, result: ErasureCounts) -> None:
        for table, blank, counter in ((RevisionRow, None, "revisions"), (DraftRow, "", "drafts")):
            rows = self.session.execute(
                select(table.id, table.session_id, table.content).where(
                    table.campaign_id == campaign_id
                )
            )
            updates = []
            for row in rows:
                new = eraser.content(row.content, blank)
                if new != row.content:
                    result.note(row.session_id, "history" if counter == "revisions" else "draft")
                    result.counts[counter] += 1
                    place = result.places[row.session_id]
                    if place.held_on is None and isinstance(row.content, dict):
                        place.held_on = _date(row.content.get("held_on"))
                        leader = new.get("leader") if isinstance(new, dict) else None
                        place.leader = leader if isinstance(leader, str) else ""
                    updates.append({"_id": row.id, "content": new})
            self._update(table, updates, ("content",))

    def _campaign_texts(
        self, campaign_id: uuid.UUID, eraser: Eraser, result: ErasureCounts
    ) -> None:
        places: tuple[tuple[Any, Any, tuple[str, ...], str], ...] = (
            (CampaignConclusionRow, CampaignConclusionRow.campaign_id, ("text",), "conclusion"),
            (ThemeConclusionRow, ThemeConclusionRow.theme_id, ("text",), "theme conclusions"),
            (ThemeRow, ThemeRow.id, ("description",), "theme descriptions"),
        )
        for table, key, columns, label in places:
            rows = self.session.execute(
                select(key.label("key"), *(getattr(table, c) for c in columns)).where(
                    table.campaign_id == campaign_id
                )
            )
            for row in rows:
                changed = {c: eraser.text(getattr(row, c), False) for c in columns}
                if any(changed[c] != getattr(row, c) for c in columns):
                    result.elsewhere.add(label)
                    result.counts["texts"] += 1
                    self.session.execute(update(table).where(key == row.key).values(**changed))

    def _update(self, table: Any, rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
        if not rows:
            return
        core = _table(table)
        self.session.execute(
            update(core)
            .where(core.c.id == bindparam("_id"))
            .values({c: bindparam(c) for c in columns}),
            rows,
        )


_SESSION_TEXTS = ("leader", "recorder", "community", "subgroup", "moved", "reflection_notes")


def _found_in(content: Any, eraser: Eraser, names: set[str], contacts: set[str]) -> None:
    if isinstance(content, dict):
        for key in (*NAME_KEYS, "attribution"):
            if eraser.is_them(content.get(key)):
                names.add(content[key])
        contact = content.get("contact")
        if eraser.is_them(content.get("name")) and isinstance(contact, str) and contact.strip():
            contacts.add(contact)
        for value in content.values():
            _found_in(value, eraser, names, contacts)
    elif isinstance(content, list):
        for value in content:
            _found_in(value, eraser, names, contacts)


def _table(table: Any) -> Table:
    return cast(Table, table.__table__)


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


__all__ = ["CONTACT_REMOVED", "FORGOTTEN", "Eraser", "ErasureCounts", "ErasureRepository"]
