"""A stored session version as labelled lines, and two versions lined up field by field.

The revision history keeps each version as it was, in bundle form (a JSON
dict). To show a recorder what changed between two versions (after an
import conflict, say), both are cut into the same labelled lines ("Issue 2",
"Quote 1 sharing", ...) in the form's order, and lined up by label.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

FieldKey = tuple[int, int, int]
"""(section, item number, field) giving the form's order of a line."""

_TOP = (
    ("kind", "Kind"),
    ("held_on", "Held on"),
    ("leader", "Leader"),
    ("recorder", "Recorder"),
    ("community", "Community"),
    ("subgroup", "Subgroup"),
    ("participant_count", "People"),
)
_LISTS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "interviewees",
        "Interviewee",
        (
            ("name", ""),
            ("contact", "contact"),
            ("consent_to_contact", "consent"),
            ("member_status", "member"),
            ("affiliations", "affiliations"),
        ),
    ),
    ("issues", "Issue", (("text", ""), ("key_issue", "key"), ("theme_id", "theme"))),
    ("quotes", "Quote", (("text", ""), ("attribution", "by"), ("sharing", "sharing"))),
    ("references", "Reference", (("name", ""), ("contact", "contact"), ("why", "why"))),
)
_REFLECTIONS = (
    ("moved", "Moved by"),
    ("decision_makers_should_hear", "Decision makers should hear"),
    ("would_act", "Would act"),
    ("difference", "Difference"),
    ("notes", "Notes"),
)
_WORDS = {
    "one_to_one": "one-to-one",
    "group": "group",
    "yes": "yes",
    "no": "no",
    "dont_know": "don't know",
    "recorders_only": "recorders only",
    "anonymised": "anonymised",
    "unknown": "unknown",
}


@dataclass(frozen=True)
class FieldLine:
    """One labelled line of a session version."""

    key: FieldKey
    label: str
    value: str


@dataclass(frozen=True)
class ComparedLine:
    """One label with its value in each of two versions ("" where a version has none)."""

    label: str
    left: str
    right: str

    @property
    def differs(self) -> bool:
        return self.left != self.right


def _text(value: Any, themes: Mapping[UUID, str]) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_text(item, themes) for item in value)
    text = str(value)
    try:
        theme = themes.get(UUID(text))
    except ValueError:
        theme = None
    if theme is not None:
        return theme
    return _WORDS.get(text, text)


def _moment(value: Any) -> str | None:
    """An ISO timestamp as local "YYYY-MM-DD HH:MM" (as it was written if it is not one)."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return value


def session_lines(content: Mapping[str, Any], themes: Mapping[UUID, str]) -> list[FieldLine]:
    """The version's fields as labelled lines in the form's order; empty fields left out.

    ``themes`` names theme ids (an id of a theme deleted since shows as the id).
    """
    lines: list[FieldLine] = []

    def add(key: FieldKey, label: str, value: Any) -> None:
        text = _text(value, themes)
        if text:
            lines.append(FieldLine(key, label, text))

    for n, (name, label) in enumerate(_TOP):
        add((0, 0, n), label, content.get(name))
    for section, (name, noun, fields) in enumerate(_LISTS, start=1):
        for number, item in enumerate(content.get(name) or [], start=1):
            for n, (field, suffix) in enumerate(fields):
                add((section, number, n), f"{noun} {number} {suffix}".rstrip(), item.get(field))
    reflections = content.get("reflections") or {}
    for n, (name, label) in enumerate(_REFLECTIONS):
        add((len(_LISTS) + 1, 0, n), label, reflections.get(name))
    add((len(_LISTS) + 2, 0, 0), "Potential leader", content.get("potential_leader"))
    add((len(_LISTS) + 2, 0, 1), "Last changed", _moment(content.get("updated_at")))
    return lines


def compare_versions(
    left: Mapping[str, Any], right: Mapping[str, Any], themes: Mapping[UUID, str]
) -> list[ComparedLine]:
    """Both versions' lines lined up by label, in the form's order."""
    by_key: dict[FieldKey, tuple[str, list[str]]] = {}
    for side, content in enumerate((left, right)):
        for line in session_lines(content, themes):
            _label, values = by_key.setdefault(line.key, (line.label, ["", ""]))
            values[side] = line.value
    return [
        ComparedLine(label, values[0], values[1])
        for _key, (label, values) in sorted(by_key.items())
    ]
