"""The values behind a line of the ranking: a group's key and a session's points."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from pydantic import ValidationError

from listening_tui.domain.forms import SHARING_LEVELS, Reflections
from listening_tui.domain.group_details import SHARING_LABELS, DetailSession, GroupKey
from listening_tui.domain.ranking import RankedGroup


def test_a_group_is_a_theme_or_a_text() -> None:
    theme = uuid.uuid4()
    assert GroupKey(theme_id=theme).text_key is None
    with pytest.raises(ValidationError, match="exactly one"):
        GroupKey()
    with pytest.raises(ValidationError, match="exactly one"):
        GroupKey(theme_id=theme, text_key="pay")
    figures = dict.fromkeys(
        ("points", "sessions", "people", "key_yes", "key_no", "key_dont_know"), 1
    ) | dict.fromkeys(("subgroups", "first_choice", "would_act"), 1)
    themed = RankedGroup(rank=1, theme="Pay", theme_id=theme, **figures)
    unthemed = RankedGroup(rank=2, theme="Pay!", text_key="pay", **figures)
    assert GroupKey.of(themed) == GroupKey(theme_id=theme)
    assert GroupKey.of(unthemed) == GroupKey(text_key="pay")


def test_a_sessions_points() -> None:
    session = DetailSession(
        id=uuid.uuid4(),
        held_on=date(2026, 11, 5),
        kind="group",
        leader="Amina",
        community="Refuse",
        subgroup=None,
        participant_count=7,
        best_position=2,
        reflections=Reflections(),
    )
    assert session.points("session") == 5
    assert session.points("people") == 35


def test_every_sharing_level_is_labelled() -> None:
    assert set(SHARING_LABELS) == set(SHARING_LEVELS)
