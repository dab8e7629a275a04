"""Drafts: what was typed converts to a SessionForm, or to problems at the right rows."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from listening_tui.domain.drafts import (
    DraftContent,
    DraftIssue,
    DraftPerson,
    DraftQuote,
    DraftReference,
    from_session_form,
    group_names,
    to_session_form,
    with_group_names,
)
from listening_tui.domain.forms import ListeningSession, SessionForm
from listening_tui.errors import InvalidInput
from listening_tui.services.sample_content import sample_bundle

TODAY = date(2026, 11, 22)


def problems_of(draft: DraftContent) -> list[tuple[str, str]]:
    with pytest.raises(InvalidInput) as caught:
        to_session_form(draft, today=TODAY)
    return caught.value.problems


def as_form(entry: dict[str, Any]) -> SessionForm:
    session = ListeningSession.model_validate(entry, context={"today": TODAY})
    return SessionForm.model_validate(session.model_dump(exclude={"created_at", "updated_at"}))


def test_every_stored_session_survives_the_form_unchanged(example_bundle: dict[str, Any]) -> None:
    """Opening a session for editing and saving it untouched changes nothing at all."""
    entries = example_bundle["sessions"] + list(sample_bundle()["sessions"])  # type: ignore[call-overload]
    for entry in entries:
        form = as_form(entry)
        assert to_session_form(from_session_form(form), today=TODAY) == form


def test_a_draft_survives_json_storage(example_bundle: dict[str, Any]) -> None:
    draft = from_session_form(as_form(example_bundle["sessions"][1]))
    stored = draft.model_dump(mode="json")
    assert DraftContent.model_validate(stored) == draft


def test_unknown_keys_in_a_stored_draft_are_ignored() -> None:
    assert DraftContent.model_validate({"leader": "Zoë", "from_the_future": 1}).leader == "Zoë"


def complete_group() -> DraftContent:
    return DraftContent(
        kind="group",
        leader=" Łukasz Nowak ",
        held_on="2026-11-20",
        community="Riverside",
        participant_count="7",
        group_people=[DraftPerson(name="Siân")],
        issues=[DraftIssue(text="Pay", key_issue="yes"), DraftIssue(text="Staffing")],
        quotes=[DraftQuote(text="We are tired.\r\nVery tired.", sharing="meeting")],
        references=[DraftReference(name="Bob", why="runs the rota")],
    )


def test_a_complete_group_draft() -> None:
    form = to_session_form(complete_group(), today=TODAY)
    assert form.leader == "Łukasz Nowak"
    assert form.participant_count == 7
    assert [p.name for p in form.interviewees] == ["Siân"]
    assert [i.text for i in form.issues] == ["Pay", "Staffing"]
    assert form.issues[1].key_issue == "dont_know"
    assert form.quotes[0].text == "We are tired.\nVery tired."
    assert form.references[0].contact is None
    assert form.recorder is None


def test_group_names_keep_what_was_known() -> None:
    draft = complete_group().model_copy(
        update={"group_people": [DraftPerson(name="Siân", member_status="member")]}
    )
    renamed = with_group_names(draft, "siân, Zoë ,, Björn")
    assert group_names(renamed) == "Siân, Zoë, Björn"
    assert renamed.group_people[0].member_status == "member"
    assert renamed.group_people[1].member_status == "unknown"


@pytest.mark.parametrize("typed", ["", "seven", "7.5", "-3"])
def test_participants_must_be_a_number(typed: str) -> None:
    draft = complete_group().model_copy(update={"participant_count": typed})
    assert problems_of(draft)[0] == (
        "participant_count",
        "Enter how many people took part, as a number (2 or more)",
    )


def test_a_group_of_one_is_refused() -> None:
    draft = complete_group().model_copy(update={"participant_count": "1"})
    assert problems_of(draft) == [
        ("participant_count", "A group session needs at least 2 participants")
    ]


def test_problems_are_in_screen_order_and_at_their_rows() -> None:
    draft = complete_group().model_copy(
        update={
            "leader": "",
            "held_on": "2027-01-01",
            "issues": [DraftIssue(text="ok"), DraftIssue(text="  "), DraftIssue(text="x" * 501)],
            "references": [DraftReference(name="")],
        }
    )
    paths = [path for path, _ in problems_of(draft)]
    assert paths == ["leader", "held_on", "issues[1].text", "issues[2].text", "references[0].name"]


def test_an_empty_date_says_what_to_type() -> None:
    draft = complete_group().model_copy(update={"held_on": " "})
    assert problems_of(draft) == [("held_on", "Enter the date of the session, as YYYY-MM-DD")]


def test_one_blank_issue_row_means_no_issue() -> None:
    draft = complete_group().model_copy(update={"issues": [DraftIssue(text="   ")]})
    assert problems_of(draft) == [("issues", "Write down at least one key issue")]


def test_seven_issues_are_refused() -> None:
    draft = complete_group().model_copy(
        update={"issues": [DraftIssue(text=f"issue {n}") for n in range(7)]}
    )
    assert problems_of(draft) == [
        ("issues", "A session can hold at most six key issues (this one has 7)")
    ]


def test_one_to_one_person_and_consent() -> None:
    draft = DraftContent(
        kind="one_to_one",
        leader="Amina",
        held_on="2026-11-01",
        community="Riverside",
        person=DraftPerson(name="Gary", contact="07700 900123", affiliations="Church, FC"),
        issues=[DraftIssue(text="Pay")],
    )
    assert problems_of(draft)[0][0] == "interviewees[0]"
    consenting = draft.model_copy(
        update={"person": draft.person.model_copy(update={"consent_to_contact": True})}
    )
    form = to_session_form(consenting, today=TODAY)
    assert form.participant_count == 1
    assert form.interviewees[0].affiliations == ["Church", "FC"]


def test_a_one_to_one_with_nobody_named_is_allowed() -> None:
    draft = DraftContent(
        leader="Amina", held_on="2026-11-01", community="R", issues=[DraftIssue(text="Pay")]
    )
    assert to_session_form(draft, today=TODAY).interviewees == []


def test_session_id_is_kept() -> None:
    session_id = uuid.uuid4()
    draft = complete_group().model_copy(update={"session_id": session_id})
    assert to_session_form(draft, today=TODAY).id == session_id
