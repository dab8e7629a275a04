"""Every rule of spec/bundle.md, enforced by the domain models, with its message."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from listening_tui.domain.forms import Campaign, ListeningSession, SessionForm, Theme
from listening_tui.domain.validation import format_path, validate
from listening_tui.errors import InvalidInput

TODAY = date(2026, 11, 22)


@pytest.fixture
def one_to_one(example_bundle: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(example_bundle["sessions"][0])


@pytest.fixture
def group(example_bundle: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(example_bundle["sessions"][1])


def problem(model: type, data: Any) -> str:
    with pytest.raises(InvalidInput) as caught:
        validate(model, data, today=TODAY)
    return caught.value.message


def test_every_example_session_is_valid(example_bundle: dict[str, Any]) -> None:
    for entry in example_bundle["sessions"]:
        session = validate(ListeningSession, entry, today=TODAY)
        unanswered = dict.fromkeys(
            ("moved", "decision_makers_should_hear", "would_act", "difference", "notes")
        )
        expected = {**entry, "reflections": {**unanswered, **entry["reflections"]}}
        assert session.model_dump(mode="json") == expected
    validate(Campaign, example_bundle["campaign"])
    for theme in example_bundle["themes"]:
        validate(Theme, theme)


def test_missing_keys_take_the_documented_defaults(one_to_one: dict[str, Any]) -> None:
    for key in ("recorder", "subgroup", "interviewees", "quotes", "reflections", "references"):
        one_to_one.pop(key)
    one_to_one.pop("potential_leader")
    session = validate(ListeningSession, one_to_one, today=TODAY)
    assert session.recorder is None
    assert session.interviewees == []
    assert session.potential_leader is False
    assert session.reflections.would_act is None
    person = validate(
        ListeningSession, {**one_to_one, "interviewees": [{"name": "Zoë"}]}, today=TODAY
    )
    assert person.interviewees[0].member_status == "unknown"
    assert person.interviewees[0].consent_to_contact is False
    quote = validate(ListeningSession, {**one_to_one, "quotes": [{"text": "x"}]}, today=TODAY)
    assert quote.quotes[0].sharing == "recorders_only"


def test_group_needs_at_least_two_participants(group: dict[str, Any]) -> None:
    group["participant_count"] = 1
    assert problem(ListeningSession, group) == (
        "participant_count: A group session needs at least 2 participants"
    )


def test_group_at_most_500_participants(group: dict[str, Any]) -> None:
    group["participant_count"] = 501
    assert "at most 500 participants" in problem(ListeningSession, group)
    group["participant_count"] = 500
    validate(ListeningSession, group, today=TODAY)


def test_one_to_one_has_exactly_one_participant(one_to_one: dict[str, Any]) -> None:
    one_to_one["participant_count"] = 2
    assert problem(ListeningSession, one_to_one) == (
        "participant_count: A one-to-one has exactly 1 participant, not 2"
    )


def test_date_cannot_be_in_the_future(one_to_one: dict[str, Any]) -> None:
    one_to_one["held_on"] = "2026-11-23"
    assert problem(ListeningSession, one_to_one).startswith(
        "held_on: The date can't be in the future"
    )
    one_to_one["held_on"] = "2026-11-22"
    assert validate(ListeningSession, one_to_one, today=TODAY).held_on == TODAY


def test_date_without_context_is_checked_against_the_real_today(
    one_to_one: dict[str, Any],
) -> None:
    one_to_one["held_on"] = date.today().replace(year=date.today().year + 1).isoformat()
    with pytest.raises(InvalidInput, match="can't be in the future"):
        validate(ListeningSession, one_to_one)


def test_held_on_must_be_a_plain_date(one_to_one: dict[str, Any]) -> None:
    one_to_one["held_on"] = "2026-11-03T10:00:00"
    assert problem(ListeningSession, one_to_one) == (
        "held_on: expected a date without a time, YYYY-MM-DD"
    )
    one_to_one["held_on"] = "3rd November"
    assert problem(ListeningSession, one_to_one) == "held_on: expected a date, YYYY-MM-DD"


def test_at_most_six_issues(one_to_one: dict[str, Any]) -> None:
    base = one_to_one["issues"][0]
    one_to_one["issues"] = [
        {**base, "id": f"00000000-0000-4000-8000-00000000000{n}"} for n in range(7)
    ]
    assert problem(ListeningSession, one_to_one) == (
        "issues: A session can hold at most six key issues (this one has 7)"
    )
    one_to_one["issues"] = one_to_one["issues"][:6]
    assert len(validate(ListeningSession, one_to_one, today=TODAY).issues) == 6


def test_at_least_one_issue(one_to_one: dict[str, Any]) -> None:
    one_to_one["issues"] = []
    assert problem(ListeningSession, one_to_one) == "issues: Write down at least one key issue"


def test_issue_ids_are_unique_in_a_session(one_to_one: dict[str, Any]) -> None:
    one_to_one["issues"][1]["id"] = one_to_one["issues"][0]["id"]
    assert "is used twice" in problem(ListeningSession, one_to_one)


def test_key_issue_must_be_yes_no_or_dont_know(one_to_one: dict[str, Any]) -> None:
    one_to_one["issues"][2]["key_issue"] = "maybe"
    assert problem(ListeningSession, one_to_one) == (
        "issues[2].key_issue: expected one of yes, no, dont_know"
    )


def test_issue_text_length(one_to_one: dict[str, Any]) -> None:
    one_to_one["issues"][0]["text"] = "   "
    assert problem(ListeningSession, one_to_one) == "issues[0].text: The issue can't be empty"
    one_to_one["issues"][0]["text"] = "x" * 501
    assert problem(ListeningSession, one_to_one) == (
        "issues[0].text: The issue is too long: 501 characters, at most 500"
    )
    one_to_one["issues"][0]["text"] = "  " + "é" * 500 + "  "
    assert validate(ListeningSession, one_to_one, today=TODAY).issues[0].text == "é" * 500


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("leader", "leader: The leader's name can't be empty"),
        ("community", "community: The community, organisation or workplace can't be empty"),
    ],
)
def test_required_names(one_to_one: dict[str, Any], field: str, message: str) -> None:
    one_to_one[field] = " \t "
    assert problem(ListeningSession, one_to_one) == message
    one_to_one[field] = "n" * 201
    assert "at most 200" in problem(ListeningSession, one_to_one)


def test_text_is_trimmed(one_to_one: dict[str, Any]) -> None:
    one_to_one["leader"] = "  Siân Griffiths \n"
    one_to_one["quotes"][0]["text"] = "\n  line one\n\tline two  "
    session = validate(ListeningSession, one_to_one, today=TODAY)
    assert session.leader == "Siân Griffiths"
    assert session.quotes[0].text == "line one\n\tline two"


@pytest.mark.parametrize("char", ["\x00", "\x07", "\r", "\x1b", "\x7f"])
def test_control_characters_are_rejected(one_to_one: dict[str, Any], char: str) -> None:
    one_to_one["reflections"]["notes"] = f"before{char}after"
    message = problem(ListeningSession, one_to_one)
    assert message.startswith("reflections.notes: contains a control character")
    assert f"U+{ord(char):04X}" in message


def test_contact_needs_consent(one_to_one: dict[str, Any]) -> None:
    one_to_one["interviewees"][0]["consent_to_contact"] = False
    assert problem(ListeningSession, one_to_one) == (
        "interviewees[0]: a contact can only be kept when the person agreed to be "
        "contacted: tick their consent or remove the contact"
    )
    one_to_one["interviewees"][0]["contact"] = None
    validate(ListeningSession, one_to_one, today=TODAY)


def test_unknown_keys_are_rejected(one_to_one: dict[str, Any]) -> None:
    one_to_one["reflections"]["mooved"] = "typo"
    assert problem(ListeningSession, one_to_one) == (
        "reflections.mooved: unknown key (check its spelling)"
    )


def test_required_keys(one_to_one: dict[str, Any]) -> None:
    for key in ("id", "kind", "leader", "held_on", "community", "participant_count", "issues"):
        data = {k: v for k, v in one_to_one.items() if k != key}
        assert problem(ListeningSession, data) == f"{key}: this is required"
    for key in ("created_at", "updated_at"):
        data = {k: v for k, v in one_to_one.items() if k != key}
        assert problem(ListeningSession, data) == f"{key}: this is required"
    one_to_one["issues"][0].pop("id")
    assert problem(ListeningSession, one_to_one) == "issues[0].id: this is required"


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("kind",), "pair", "kind: expected one of one_to_one, group"),
        (("id",), "not-a-uuid", "id: expected a UUID"),
        (("participant_count",), "7", "participant_count: expected a whole number"),
        (("potential_leader",), "yes", "potential_leader: expected true or false"),
        (
            ("reflections", "difference"),
            "loads",
            "reflections.difference: expected one of none, a_little, some, a_lot",
        ),
        (
            ("reflections", "would_act"),
            "Y",
            "reflections.would_act: expected one of yes, no, dont_know",
        ),
        (
            ("quotes", 0, "sharing"),
            "everyone",
            "quotes[0].sharing: expected one of decision_makers, meeting, recorders_only",
        ),
        (
            ("interviewees", 0, "member_status"),
            "yes",
            "interviewees[0].member_status: expected one of member, non_member, unknown",
        ),
        (("leader",), 42, "leader: expected text"),
        (
            ("created_at",),
            "2026-11-03T19:05:00",
            "created_at: expected a date-time with offset, like 2026-11-03T19:05:00+00:00",
        ),
    ],
)
def test_bad_values_name_what_was_expected(
    one_to_one: dict[str, Any], path: tuple[Any, ...], value: Any, message: str
) -> None:
    target: Any = one_to_one
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    assert problem(ListeningSession, one_to_one) == message


def test_updated_at_not_before_created_at(one_to_one: dict[str, Any]) -> None:
    one_to_one["updated_at"] = "2026-11-03T19:04:59+00:00"
    assert problem(ListeningSession, one_to_one).startswith("updated_at: the last change can't")
    one_to_one["updated_at"] = "2026-11-03T20:05:00+01:00"  # the same moment as created_at
    validate(ListeningSession, one_to_one, today=TODAY)


def test_campaign_rules(example_bundle: dict[str, Any]) -> None:
    campaign = copy.deepcopy(example_bundle["campaign"])
    assert problem(Campaign, {**campaign, "name": " "}) == "name: The campaign name can't be empty"
    assert "at most 200" in problem(Campaign, {**campaign, "name": "c" * 201})
    assert problem(Campaign, {**campaign, "subgroups": ["Libraries", "libraries"]}) == (
        'subgroups: the subgroup "libraries" is listed twice'
    )
    assert problem(Campaign, {"id": campaign["id"]}) == "name: this is required"
    minimal = validate(Campaign, {"id": campaign["id"], "name": "Solo"})
    assert minimal.questions == []
    assert minimal.subgroups == []
    assert minimal.organisation is None


def test_theme_rules(example_bundle: dict[str, Any]) -> None:
    theme = example_bundle["themes"][0]
    assert problem(Theme, {**theme, "name": ""}) == "name: The theme name can't be empty"
    assert problem(Theme, {**theme, "colour": "red"}) == "colour: unknown key (check its spelling)"


def test_session_form_has_no_timestamps(one_to_one: dict[str, Any]) -> None:
    one_to_one.pop("created_at")
    one_to_one.pop("updated_at")
    form = validate(SessionForm, one_to_one, today=TODAY)
    assert form.leader == "Amina Yusuf"


def test_models_are_frozen(one_to_one: dict[str, Any]) -> None:
    session = validate(ListeningSession, one_to_one, today=TODAY)
    with pytest.raises(ValueError, match="frozen"):
        session.leader = "someone else"  # type: ignore[misc]


def test_all_problems_are_listed_first_one_first(one_to_one: dict[str, Any]) -> None:
    one_to_one["kind"] = "pair"
    one_to_one["issues"][1]["key_issue"] = "maybe"
    with pytest.raises(InvalidInput) as caught:
        validate(ListeningSession, one_to_one, today=TODAY)
    paths = [path for path, _ in caught.value.problems]
    assert paths[0] == "kind"
    assert "issues[1].key_issue" in paths


@pytest.mark.parametrize(
    ("loc", "text"),
    [
        (("sessions", 3, "issues", 0, "key_issue"), "sessions[3].issues[0].key_issue"),
        (("campaign", "name"), "campaign.name"),
        ((), ""),
        ((0,), "[0]"),
    ],
)
def test_format_path(loc: tuple[Any, ...], text: str) -> None:
    assert format_path(loc) == text
