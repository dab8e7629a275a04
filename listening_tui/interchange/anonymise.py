"""Pseudonyms for an anonymised bundle (spec/bundle.md, last section).

Everyone named in the database gets a stable pseudonym, ``Listener N`` for
leaders and recorders and ``Participant N`` for everyone else, numbered in
the order they first appear in the file; the same name (ignoring case and
spacing) is the same person everywhere. Names and contacts found inside
free text are replaced whole-word, ignoring case, longest first.

Small groups (domain.small_groups): given the campaign's folding, a folded
subgroup is "Other subgroups" in every session's ``subgroup`` and in the
campaign's ``subgroups`` (listed once, last), and its name inside free text
becomes "[other subgroup]", matched whole words, ignoring case and what
stands between the words ("Pest control", "pest-control", "PEST  CONTROL").
A kept subgroup's own name is rewritten too where it holds a folded one as a
word ("East depot" when "Depot" is folded): privacy first.

Beyond the spec's letter, the given name a person's name starts with ("Gary"
of "Gary Whitlock", "Lorraine" of "Lorraine (shift lead)", "Tony" of "Father
Tony at St Mark's") is replaced too, matched with its capital, because
listeners' notes call people by their first name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from listening_tui.domain.forms import (
    ISSUE_TEXT_MAX,
    NAME_MAX,
    Campaign,
    ListeningSession,
    Theme,
)
from listening_tui.domain.small_groups import OTHER_SUBGROUP_IN_TEXT, SubgroupFolding

CONTACT_REMOVED = "[contact removed]"
"""What a contact found inside free text becomes."""

# fmt: off
TITLES = frozenset((
    "big", "little", "old", "young", "father", "mother", "sister", "brother", "auntie",
    "aunt", "uncle", "nan", "nana", "gran", "grandad", "mr", "mrs", "ms", "miss", "mx", "dr",
    "prof", "rev", "revd", "st", "sir", "dame", "lady", "lord", "cllr", "councillor",
))
# fmt: on
"""Leading words of a name that are not names on their own."""

_WORD = re.compile(r"\w+")
_NAME_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
_PHONE_RUN = re.compile(r"\d[\d\s().-]*\d")
_PHONE_CHARS = re.compile(r"^\+?[\d\s().-]+$")


def person_key(name: str) -> str:
    """Who a name stands for: the same words ignoring case and spacing are one person."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class KnownPeople:
    """Every name and contact in the database: the things an anonymised file must not hold."""

    listeners: frozenset[str] = frozenset()
    """Leaders and recorders."""
    people: frozenset[str] = frozenset()
    """Interviewees and references: names whose first words are names too."""
    attributions: frozenset[str] = frozenset()
    """Quote attributions: often a role ("driver, east depot"), replaced only whole."""
    contacts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Term:
    pattern: str
    flags: int
    length: int
    owner: str
    """The person key whose pseudonym replaces it, or "" for a contact or a subgroup."""
    part: bool = False
    fixed: str = CONTACT_REMOVED
    """What replaces a term that has no owner."""


@dataclass
class Anonymiser:
    """Hands out pseudonyms and rewrites free text; one per exported file."""

    known: KnownPeople
    folding: SubgroupFolding | None = None
    """The campaign's small subgroups to fold; None folds nothing."""
    _pseudonyms: dict[str, str] = field(default_factory=dict)
    _counts: dict[str, int] = field(default_factory=lambda: {"Listener": 0, "Participant": 0})
    _listener_keys: set[str] = field(default_factory=set)
    _buckets: dict[str, list[_Term]] = field(default_factory=dict)
    _compiled: dict[tuple[str, int], re.Pattern[str]] = field(default_factory=dict)
    _phones: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._listener_keys = {person_key(name) for name in self.known.listeners}
        for name in self.known.listeners | self.known.people | self.known.attributions:
            self._add_name(name)
        for name in self.known.listeners | self.known.people:
            for part in name_parts(name):
                self._add_term(
                    _Term(_escape(part), 0, len(part), person_key(name), part=True), part
                )
        for contact in self.known.contacts:
            self._add_contact(contact)
        for subgroup in self.folding.folded_names if self.folding else ():
            core = _strip_punctuation(subgroup)
            words = _WORD.findall(core)
            pattern = _bounded(r"[\W_]+".join(re.escape(word) for word in words))
            term = _Term(pattern, re.IGNORECASE, len(core), "", fixed=OTHER_SUBGROUP_IN_TEXT)
            self._add_term(term, core)
        for terms in self._buckets.values():
            terms.sort(key=lambda term: (term.part, -term.length, term.pattern))

    def pseudonym(self, name: str, *, listener: bool = False) -> str:
        """The stable pseudonym of the person called ``name``."""
        key = person_key(name)
        found = self._pseudonyms.get(key)
        if found is None:
            kind = "Listener" if listener or key in self._listener_keys else "Participant"
            self._counts[kind] += 1
            found = self._pseudonyms[key] = f"{kind} {self._counts[kind]}"
        return found

    def name_as(self, name: str, replacement: str) -> None:
        """Replace ``name`` (and the given name it starts with) by ``replacement`` in texts."""
        self._pseudonyms[person_key(name)] = replacement

    def text(self, value: str | None, local: Mapping[str, str] | None = None) -> str | None:
        """``value`` with every known name and contact replaced.

        ``local`` maps first names (case-folded) to the pseudonyms of the people
        of the session the text comes from, who are the likeliest "Gary".
        """
        if not value:
            return value
        words = set(_WORD.findall(value.casefold()))
        if words.isdisjoint(self._buckets) and not (
            self._phones and any(word[0].isdigit() for word in words)
        ):
            return value  # the common case, settled without looking at each word
        out: list[str] = []
        done = 0
        for word in _WORD.finditer(value):
            start = word.start()
            if start < done:
                continue
            found = self._match(value, start, word.group().casefold(), local or {})
            if found is not None:
                end, replacement = found
                out.append(value[done:start])
                out.append(replacement)
                done = end
        if not out:
            return value
        out.append(value[done:])
        return "".join(out)

    def _match(
        self, value: str, start: int, key: str, local: Mapping[str, str]
    ) -> tuple[int, str] | None:
        for term in self._buckets.get(key, ()):
            pattern = self._compiled.get((term.pattern, term.flags))
            if pattern is None:
                pattern = re.compile(term.pattern, term.flags)
                self._compiled[(term.pattern, term.flags)] = pattern
            hit = pattern.match(value, start)
            if hit is None:
                continue
            if not term.owner:
                return hit.end(), term.fixed
            said = hit.group().casefold()
            if said in local:
                return hit.end(), local[said]
            return hit.end(), self.pseudonym(term.owner)
        if key[:1].isdigit() and self._phones:
            run = _PHONE_RUN.match(value, start)
            if run is not None and re.sub(r"\D", "", run.group()) in self._phones:
                return run.end(), CONTACT_REMOVED
        return None

    def subgroup(self, value: str | None) -> str | None:
        """A session's subgroup: "Other subgroups" when folded, else with names replaced."""
        if self.folding is not None and self.folding.hides(value):
            return self.folding.shown(value)
        return fit(self.text(value), NAME_MAX)

    def subgroups(self, values: list[str]) -> list[str]:
        """The campaign's subgroups, the folded ones listed once as "Other subgroups", last."""
        shown = self.folding.shown_list(values) if self.folding is not None else values
        found: dict[str, str] = {}
        for value in shown:
            text = self.subgroup(value) or ""
            found.setdefault(text.casefold(), text)
        return list(found.values())

    def _add_name(self, name: str) -> None:
        core = _strip_punctuation(name)
        if len(core) < 2:
            return  # a one-letter "name" can't be told from a word
        pattern = _bounded(r"\s+".join(re.escape(word) for word in core.split()))
        closing = name.strip()[len(core) + name.strip().find(core) :]
        if closing:  # "Lorraine (shift lead)": take the closing bracket along
            pattern += f"(?:{re.escape(closing)})?"
        self._add_term(_Term(pattern, re.IGNORECASE, len(core), person_key(name)), core)

    def _add_contact(self, contact: str) -> None:
        core = _strip_punctuation(contact)
        if len(core) >= 2:
            pattern = r"\s+".join(re.escape(word) for word in core.split())
            self._add_term(_Term(_bounded(pattern), re.IGNORECASE, len(core), ""), core)
        digits = re.sub(r"\D", "", contact)
        if _PHONE_CHARS.match(contact) and len(digits) >= 6:
            self._phones.add(digits)

    def _add_term(self, term: _Term, text: str) -> None:
        first = _WORD.search(text)
        if first is not None:
            self._buckets.setdefault(first.group().casefold(), []).append(term)


def name_parts(name: str) -> list[str]:
    """The given name a person is called by in notes: the first capitalised word, no title.

    Only that one word, matched with its capital, because surnames and all-capital
    words ("Winter", "ROSE") are far more often ordinary words in a note.
    """
    for word in name.split():
        if not _NAME_WORD.fullmatch(word) or not word[0].isupper():
            return []
        if word.casefold() in TITLES or len(word) < 2 or word.endswith(("'s", "’s")):
            continue
        return [word]
    return []


def local_parts(names: Iterable[tuple[str, str]]) -> dict[str, str]:
    """First-name lookup for one session: case-folded name part -> pseudonym."""
    found: dict[str, str] = {}
    for name, pseudonym in names:
        for part in name_parts(name):
            found.setdefault(part.casefold(), pseudonym)
    return found


def _escape(part: str) -> str:
    # The name as written, never in lower case, where "Grace" or "Joy" is a word.
    return rf"(?<!\w){re.escape(part)}(?!\w)"


def _bounded(pattern: str) -> str:
    return rf"(?<!\w){pattern}(?!\w)"


def _strip_punctuation(text: str) -> str:
    """The text between its first and last letter or digit ("(Gary)" -> "Gary")."""
    words = list(_WORD.finditer(text))
    if not words:
        return ""
    return text[words[0].start() : words[-1].end()]


def fit(text: str | None, limit: int) -> str | None:
    """``text`` cut to ``limit`` characters, when pseudonyms made it longer than allowed."""
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def anonymised_campaign(campaign: Campaign, anonymiser: Anonymiser) -> dict[str, Any]:
    """The campaign in bundle form with names in its texts replaced."""
    text = anonymiser.text
    return {
        "id": str(campaign.id),
        "name": fit(text(campaign.name), NAME_MAX),
        "organisation": text(campaign.organisation),
        "questions": [text(question) for question in campaign.questions],
        "subgroups": anonymiser.subgroups(campaign.subgroups),
    }


def anonymised_theme(theme: Theme, anonymiser: Anonymiser) -> dict[str, Any]:
    """A theme in bundle form with names in its texts replaced."""
    return {
        "id": str(theme.id),
        "name": fit(anonymiser.text(theme.name), NAME_MAX),
        "description": anonymiser.text(theme.description),
    }


def anonymised_session(
    session: ListeningSession, anonymiser: Anonymiser
) -> tuple[dict[str, Any], int]:
    """A session in bundle form with pseudonyms, no contacts and no recorders-only quotes.

    Returns the session and how many quotes were left out.
    """
    pseudonym = anonymiser.pseudonym
    leader = pseudonym(session.leader, listener=True)
    recorder = pseudonym(session.recorder, listener=True) if session.recorder else None
    named = [(session.leader, leader)]
    if session.recorder and recorder:
        named.append((session.recorder, recorder))
    people = [pseudonym(person.name) for person in session.interviewees]
    references = [pseudonym(reference.name) for reference in session.references]
    named += [(p.name, alias) for p, alias in zip(session.interviewees, people, strict=True)]
    named += [(r.name, alias) for r, alias in zip(session.references, references, strict=True)]
    local = local_parts(named)

    def text(value: str | None) -> str | None:
        return anonymiser.text(value, local)

    def attribution(value: str | None) -> str | None:
        if not value:
            return value
        return local.get(person_key(value)) or pseudonym(value)

    data = session.model_dump(mode="json")
    shared = [quote for quote in session.quotes if quote.sharing != "recorders_only"]
    reflections = data["reflections"]
    data.update(
        leader=leader,
        recorder=recorder,
        community=fit(text(session.community), NAME_MAX),
        subgroup=anonymiser.subgroup(session.subgroup),
        interviewees=[
            {
                **person.model_dump(mode="json"),
                "name": alias,
                "contact": None,
                "affiliations": [text(a) for a in person.affiliations],
            }
            for person, alias in zip(session.interviewees, people, strict=True)
        ],
        issues=[
            {**issue.model_dump(mode="json"), "text": fit(text(issue.text), ISSUE_TEXT_MAX)}
            for issue in session.issues
        ],
        quotes=[
            {
                "text": text(quote.text),
                "attribution": attribution(quote.attribution),
                "sharing": quote.sharing,
            }
            for quote in shared
        ],
        reflections={
            **reflections,
            "moved": text(reflections["moved"]),
            "notes": text(reflections["notes"]),
        },
        references=[
            {"name": alias, "contact": None, "why": text(reference.why)}
            for reference, alias in zip(session.references, references, strict=True)
        ],
    )
    return data, len(session.quotes) - len(shared)
