"""The ranking rules of spec/ranking.md on domain values: normalisation, order, ties, figures."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from listening_tui.domain.forms import Campaign, ListeningSession, Theme
from listening_tui.domain.ranking import (
    RANKING_COLUMNS,
    GroupFigures,
    RankedGroup,
    RankingFilter,
    normalise_issue_text,
    rank_groups,
    rank_in_python,
)

WORKED_EXAMPLE = [
    (1, "Pay not keeping up with bills", 17, 3, 13, 2, 0, 1, 3, 2, 1),
    (2, "Short staffing", 9, 2, 8, 2, 0, 0, 2, 0, 1),
    (3, "Branch libraries threatened with closure", 6, 1, 5, 1, 0, 0, 1, 1, 0),
    (4, "Rota changes at a day's notice", 5, 1, 1, 0, 0, 1, 1, 0, 1),
    (5, "Depot toilets broken", 4, 1, 7, 0, 1, 0, 1, 0, 0),
]
"""The table of spec/ranking.md's worked example, row by row."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Short staffing", "short staffing"),
        ("  Short   staffing  ", "short staffing"),
        ("Short\tstaffing\n", "short staffing"),
        ("SHORT STAFFING.", "short staffing"),
        ("Short staffing!", "short staffing"),
        ("Short staffing?", "short staffing"),
        ("Short staffing?!", "short staffing?"),  # one final character only
        ("Short staffing...", "short staffing.."),
        ("Short staffing .", "short staffing "),  # the dot goes; the space before it stays
        ("Straße", "strasse"),  # casefold, not lower
        ("ΣΊΣΥΦΟΣ", "σίσυφοσ"),
        ("Short\u00a0staffing", "short staffing"),  # a no-break space is white space too
        ("Staffing, short", "staffing, short"),
        (".", ""),
        ("?!", "?"),
    ],
)
def test_normalise_issue_text(text: str, expected: str) -> None:
    assert normalise_issue_text(text) == expected


def figures(name: str, points: int, sessions: int, key_yes: int, **extra: Any) -> GroupFigures:
    values: dict[str, Any] = {
        "theme_id": None,
        "text_key": normalise_issue_text(name),
        "people": sessions,
        "key_no": 0,
        "key_dont_know": 0,
        "subgroups": 0,
        "first_choice": 0,
        "would_act": 0,
    }
    values.update(extra)
    return GroupFigures(name=name, points=points, sessions=sessions, key_yes=key_yes, **values)


def test_order_points_then_sessions_then_key_yes_then_name_casefolded() -> None:
    ranked = rank_groups(
        [
            figures("zebra crossings", 10, 2, 1),
            figures("Apples", 10, 2, 1),
            figures("bins", 10, 3, 0),
            figures("Cuts", 12, 1, 0),
            figures("damp", 10, 2, 2),
            figures("Éclairs", 1, 1, 0),
            figures("eggs", 1, 1, 0),
        ]
    )
    assert [g.theme for g in ranked] == [
        "Cuts",
        "bins",
        "damp",
        "Apples",
        "zebra crossings",
        "eggs",
        "Éclairs",  # casefold keeps the accent: "é" sorts after "e"
    ]
    assert [g.rank for g in ranked] == [1, 2, 3, 4, 4, 6, 6]


def test_competition_ranking_1_2_2_4() -> None:
    ranked = rank_groups(
        [
            figures("a", 9, 2, 1),
            figures("b", 8, 2, 1),
            figures("c", 8, 2, 1),
            figures("d", 8, 2, 0),
            figures("e", 8, 1, 0),
            figures("f", 8, 1, 0),
            figures("g", 8, 1, 0),
            figures("h", 1, 1, 0),
        ]
    )
    assert [(g.rank, g.theme) for g in ranked] == [
        (1, "a"),
        (2, "b"),
        (2, "c"),
        (4, "d"),
        (5, "e"),
        (5, "f"),
        (5, "g"),
        (8, "h"),
    ]


def test_names_equal_ignoring_case_still_have_a_fixed_order() -> None:
    theme_id = uuid.UUID(int=5)
    themed = figures("Pay", 6, 1, 0, theme_id=theme_id, text_key=None)
    unthemed = figures("pay", 6, 1, 0)
    other_theme = figures("PAY", 6, 1, 0, theme_id=uuid.UUID(int=4), text_key=None)
    for order in ([themed, unthemed, other_theme], [unthemed, other_theme, themed]):
        ranked = rank_groups(order)
        assert [g.theme for g in ranked] == ["PAY", "Pay", "pay"]
        assert [g.rank for g in ranked] == [1, 1, 1]


def test_output_has_exactly_the_spec_keys_in_order() -> None:
    (group,) = rank_groups([figures("Bins", 6, 1, 1, theme_id=uuid.uuid4(), text_key=None)])
    assert isinstance(group, RankedGroup)
    assert list(group.output()) == list(RANKING_COLUMNS)
    assert RANKING_COLUMNS == (
        "rank",
        "theme",
        "points",
        "sessions",
        "people",
        "key_yes",
        "key_no",
        "key_dont_know",
        "subgroups",
        "first_choice",
        "would_act",
    )


def test_filter_refuses_from_after_to() -> None:
    with pytest.raises(ValidationError, match="after the last day"):
        RankingFilter(date_from=date(2026, 11, 5), date_to=date(2026, 11, 4))
    RankingFilter(date_from=date(2026, 11, 5), date_to=date(2026, 11, 5))


def example(bundle: dict[str, Any]) -> tuple[Campaign, list[Theme], list[ListeningSession]]:
    campaign = Campaign.model_validate(bundle["campaign"])
    themes = [Theme.model_validate(t) for t in bundle["themes"]]
    sessions = [ListeningSession.model_validate(s) for s in bundle["sessions"]]
    return campaign, themes, sessions


def test_reference_reproduces_the_worked_example(example_bundle: dict[str, Any]) -> None:
    campaign, themes, sessions = example(example_bundle)
    ranked = rank_in_python(
        [(campaign.id, s) for s in sessions], themes, RankingFilter(campaign_id=campaign.id)
    )
    assert [tuple(g.output().values()) for g in ranked] == WORKED_EXAMPLE


def test_reference_people_weighting_and_filters(example_bundle: dict[str, Any]) -> None:
    campaign, themes, sessions = example(example_bundle)
    pairs = [(campaign.id, s) for s in sessions]
    by_people = rank_in_python(pairs, themes, RankingFilter(), "people")
    # Pay: 6x1 (one-to-one) + 6x7 (refuse, 7 people) + 5x5 (libraries, 5 people) = 73.
    assert [(g.theme, g.points) for g in by_people] == [
        ("Pay not keeping up with bills", 73),
        ("Short staffing", 39),
        ("Branch libraries threatened with closure", 30),
        ("Depot toilets broken", 28),
        ("Rota changes at a day's notice", 5),
    ]
    groups = rank_in_python(pairs, themes, RankingFilter(kind="group"))
    assert [(g.theme, g.points) for g in groups] == [
        ("Pay not keeping up with bills", 11),
        ("Branch libraries threatened with closure", 6),
        ("Short staffing", 5),
        ("Depot toilets broken", 4),
    ]
    assert rank_in_python(pairs, themes, RankingFilter(campaign_id=uuid.uuid4())) == []
    day = rank_in_python(
        pairs, themes, RankingFilter(date_from=date(2026, 11, 5), date_to=date(2026, 11, 5))
    )
    assert {g.theme for g in day} == {
        "Pay not keeping up with bills",
        "Short staffing",
        "Depot toilets broken",
    }
    assert rank_in_python(pairs, themes, RankingFilter(subgroup="home care")) == []
    assert len(rank_in_python(pairs, themes, RankingFilter(leader="Tom Reilly"))) == 2


def session(
    created: datetime, issues: list[str], session_id: uuid.UUID | None = None, **extra: Any
) -> ListeningSession:
    values: dict[str, Any] = {
        "id": session_id or uuid.uuid4(),
        "kind": "one_to_one",
        "leader": "Amina Yusuf",
        "held_on": date(2026, 11, 1),
        "community": "Riverside Council",
        "participant_count": 1,
        "issues": [
            {"id": uuid.uuid4(), "text": text, "key_issue": "yes", "theme_id": None}
            for text in issues
        ],
        "created_at": created,
        "updated_at": created,
    }
    values.update(extra)
    return ListeningSession.model_validate(values)


def test_unthemed_group_is_named_by_its_earliest_issue() -> None:
    early = datetime(2026, 11, 1, 9, tzinfo=UTC)
    late = datetime(2026, 11, 2, 9, tzinfo=UTC)
    campaign_id = uuid.uuid4()
    low, high = uuid.UUID(int=0x7F << 120), uuid.UUID(int=0x80 << 120)
    sessions = [
        session(late, ["Bins!"]),
        session(early, ["BINS", "  bins. "], session_id=high),
        session(early, ["Damp", "bins ."], session_id=low),
    ]
    ranked = rank_in_python([(campaign_id, s) for s in sessions], [], RankingFilter())
    names = {g.text_key: g.theme for g in ranked}
    # Same created_at: the smaller id wins (0x7f... < 0x80... as a 128-bit number).
    assert names["bins "] == "bins ."
    assert names["bins"] == "BINS"
    bins = next(g for g in ranked if g.text_key == "bins")
    # The second session has "BINS" and "bins." in one group: only its best (first) counts.
    assert (bins.sessions, bins.points, bins.first_choice) == (2, 6 + 6, 2)
