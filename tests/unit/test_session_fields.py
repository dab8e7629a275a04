"""A session version as labelled lines, and two versions lined up field by field."""

from __future__ import annotations

import uuid
from typing import Any

from listening_tui.domain.session_fields import compare_versions, session_lines

THEME = uuid.UUID("00000000-0000-0000-0000-00000000000a")


def version(**changes: Any) -> dict[str, Any]:
    content: dict[str, Any] = {
        "kind": "one_to_one",
        "held_on": "2026-11-02",
        "leader": "Amina Yusuf",
        "community": "Riverside",
        "participant_count": 1,
        "interviewees": [{"name": "Zoë", "consent_to_contact": True, "affiliations": []}],
        "issues": [{"text": "Buses stop at six", "key_issue": "yes", "theme_id": str(THEME)}],
        "quotes": [],
        "reflections": {"would_act": "dont_know"},
        "references": [],
        "potential_leader": False,
        "updated_at": "2026-11-02T10:00:00+00:00",
    }
    return content | changes


def test_lines_follow_the_form_and_name_themes() -> None:
    lines = session_lines(version(), {THEME: "Transport"})
    labels = [line.label for line in lines]
    assert labels[:5] == ["Kind", "Held on", "Leader", "Community", "People"]
    assert labels.index("Interviewee 1") < labels.index("Issue 1") < labels.index("Would act")
    values = {line.label: line.value for line in lines}
    assert values["Kind"] == "one-to-one"
    assert values["Issue 1 theme"] == "Transport"
    assert values["Interviewee 1 consent"] == "yes"
    assert values["Would act"] == "don't know"
    assert "Recorder" not in values  # empty fields are left out
    assert "Interviewee 1 affiliations" not in values


def test_an_unknown_theme_shows_its_id() -> None:
    values = {line.label: line.value for line in session_lines(version(), {})}
    assert values["Issue 1 theme"] == str(THEME)


def test_two_versions_line_up_and_mark_what_differs() -> None:
    left = version()
    right = version(
        leader="Tom Reilly",
        issues=[*left["issues"], {"text": "No shelter", "key_issue": "no"}],
    )
    lines = compare_versions(left, right, {THEME: "Transport"})
    differing = {line.label: (line.left, line.right) for line in lines if line.differs}
    assert differing == {
        "Leader": ("Amina Yusuf", "Tom Reilly"),
        "Issue 2": ("", "No shelter"),
        "Issue 2 key": ("", "no"),
    }
    labels = [line.label for line in lines]
    assert labels.index("Issue 1 theme") < labels.index("Issue 2") < labels.index("Would act")


def test_equal_versions_differ_nowhere() -> None:
    assert not any(line.differs for line in compare_versions(version(), version(), {}))
