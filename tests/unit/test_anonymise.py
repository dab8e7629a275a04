"""Pseudonyms and the replacement of names inside free text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from listening_tui.interchange.anonymise import (
    CONTACT_REMOVED,
    Anonymiser,
    KnownPeople,
    fit,
    local_parts,
    name_parts,
)


def anonymiser(**people: set[str]) -> Anonymiser:
    return Anonymiser(KnownPeople(**{k: frozenset(v) for k, v in people.items()}))


def test_pseudonyms_are_stable_and_by_role() -> None:
    a = anonymiser(listeners={"Amina Yusuf", "Tom Reilly"}, people={"Gary Whitlock"})
    assert a.pseudonym("Gary Whitlock") == "Participant 1"
    assert a.pseudonym("Amina Yusuf", listener=True) == "Listener 1"
    assert a.pseudonym("  gary   WHITLOCK ") == "Participant 1"
    assert a.pseudonym("Tom Reilly") == "Listener 2"  # a listener named as a reference
    assert a.pseudonym("Priya") == "Participant 2"


def test_names_are_replaced_whole_word_ignoring_case_longest_first() -> None:
    a = anonymiser(listeners={"Tom", "Tom Reilly"}, people={"Ann"}, attributions={"home carer"})
    assert a.text("tom reilly met TOM and Annie; Ann said so") == (
        "Listener 1 met Listener 2 and Annie; Participant 1 said so"
    )
    assert a.text("Our Home Carer, home carers") == "Our Participant 2, home carers"
    assert a.text(None) is None
    assert a.text("") == ""


def test_first_names_are_replaced_with_their_capital_only() -> None:
    a = anonymiser(people={"Grace Okafor", "Father Tony at St Mark's", "Lorraine (shift lead)"})
    assert name_parts("Father Tony at St Mark's") == ["Tony"]
    assert name_parts("Lorraine (shift lead)") == ["Lorraine"]
    assert name_parts("big dave") == []
    text = a.text("Grace said grace. Tony knows Lorraine (shift lead) and Lorraine.")
    assert text == (
        "Participant 1 said grace. Participant 2 knows Participant 3 and Participant 3."
    )


def test_first_names_prefer_the_people_of_the_session() -> None:
    a = anonymiser(people={"Gary Whitlock", "Gary Barlow"})
    here = local_parts([("Gary Barlow", a.pseudonym("Gary Barlow"))])
    assert a.text("Gary was keen", here) == "Participant 1 was keen"
    assert a.text("Gary Whitlock was keen", here) == "Participant 2 was keen"


def test_contacts_are_removed_in_any_spacing() -> None:
    a = anonymiser(contacts={"07700 900123", "gary.w@example.org"})
    assert a.text("ring 07700900123 or (07700) 900-123, mail GARY.W@example.org.") == (
        f"ring {CONTACT_REMOVED} or ({CONTACT_REMOVED}, mail {CONTACT_REMOVED}."
    )
    assert a.text("ring 07700 900124") == "ring 07700 900124"


def test_one_letter_names_are_not_hunted_in_text() -> None:
    a = anonymiser(attributions={"J", "?"})
    assert a.text("J and I went") == "J and I went"
    assert a.pseudonym("J") == "Participant 1"


def test_fit_cuts_only_what_is_too_long() -> None:
    assert fit("short", 10) == "short"
    assert fit("x" * 12, 10) == "x" * 9 + "…"
    assert fit(None, 3) is None


NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéłØ", min_size=2, max_size=8).map(str.title)
FILLER = st.sampled_from(["the", "pay", "rota", "and", "Pay", "depot", "said", "2026", ","])


@given(
    people=st.lists(st.tuples(NAME, NAME).map(" ".join), min_size=1, max_size=4, unique=True),
    words=st.lists(st.one_of(FILLER, st.integers(0, 3)), min_size=1, max_size=20),
    shout=st.booleans(),
)
def test_no_known_name_survives_in_text(
    people: list[str], words: list[str | int], shout: bool
) -> None:
    """Whatever the names and the text around them, a whole name never comes out again."""
    a = anonymiser(people=set(people))
    pieces = [people[w % len(people)] if isinstance(w, int) else w for w in words]
    text = " ".join(piece.upper() if shout else piece for piece in pieces)
    masked = a.text(text) or ""
    for name in people:
        pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
        assert re.search(pattern, masked, re.IGNORECASE) is None, (name, masked)
