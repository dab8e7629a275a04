"""CSV files for spreadsheets: the campaign's sessions, issues, quotes and people.

Every file is UTF-8 with a byte order mark, a header row and CRLF line ends:
current Excel only reads a UTF-8 CSV reliably when it starts with a BOM
(otherwise "Siân" becomes "SiÃ¢n"), and LibreOffice and Python's
``utf-8-sig`` take the BOM in their stride. A cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets an apostrophe in front,
so no spreadsheet ever runs it as a formula (CSV injection).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from typing import Any, TextIO
from uuid import UUID

from listening_tui.domain.forms import ListeningSession

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula."""

SESSION_COLUMNS = (
    "session_id",
    "kind",
    "held_on",
    "leader",
    "recorder",
    "community",
    "subgroup",
    "participant_count",
    "issue_count",
    "potential_leader",
    "moved",
    "decision_makers_should_hear",
    "would_act",
    "difference",
    "notes",
    "created_at",
    "updated_at",
)
ISSUE_COLUMNS = (
    "session_id",
    "position",
    "text",
    "key_issue",
    "theme",
    "issue_id",
    "theme_id",
    "held_on",
    "subgroup",
)
QUOTE_COLUMNS = ("session_id", "position", "text", "attribution", "sharing", "held_on", "subgroup")
PEOPLE_COLUMNS = (
    "session_id",
    "role",
    "position",
    "name",
    "contact",
    "consent_to_contact",
    "member_status",
    "affiliations",
    "why",
    "held_on",
    "subgroup",
)
CONTACT_COLUMNS = (
    "name",
    "contact",
    "subgroup",
    "affiliations",
    "member_status",
    "potential_leader",
    "session_id",
    "held_on",
    "leader",
)


def cell(value: Any) -> str:
    """A value as a spreadsheet cell that can never be a formula."""
    if isinstance(value, str):
        text = value
    elif value is None:
        return ""
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, list | tuple):
        text = "; ".join(str(item) for item in value)
    else:
        text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class Sheet:
    """One CSV file being written: header first, then neutralised rows."""

    def __init__(self, handle: TextIO, columns: Sequence[str]) -> None:
        handle.write(BOM)
        self._writer = csv.writer(handle, lineterminator="\r\n")
        self._writer.writerow(columns)
        self._columns = columns
        self.rows = 0
        """How many rows were written below the header."""

    def write(self, values: Mapping[str, Any]) -> None:
        """One row, its cells in the order of the header."""
        self._writer.writerow([cell(values.get(column)) for column in self._columns])
        self.rows += 1


class CampaignSheets:
    """sessions.csv, issues.csv, quotes.csv and people.csv, filled one session at a time."""

    def __init__(
        self,
        sessions: TextIO,
        issues: TextIO,
        quotes: TextIO,
        people: TextIO,
        theme_names: Mapping[UUID, str],
    ) -> None:
        self.sessions = Sheet(sessions, SESSION_COLUMNS)
        self.issues = Sheet(issues, ISSUE_COLUMNS)
        self.quotes = Sheet(quotes, QUOTE_COLUMNS)
        self.people = Sheet(people, PEOPLE_COLUMNS)
        self._theme_names = theme_names

    def add(self, session: ListeningSession) -> None:
        """Write a session's row and the rows of its issues, quotes and people."""
        where = {"session_id": session.id, "held_on": session.held_on, "subgroup": session.subgroup}
        reflections = session.reflections
        self.sessions.write(
            {
                **session.model_dump(exclude={"interviewees", "issues", "quotes", "references"}),
                **reflections.model_dump(),
                "session_id": session.id,
                "issue_count": len(session.issues),
                "created_at": session.created_at.isoformat(),
                "updated_at": session.updated_at.isoformat(),
            }
        )
        for position, issue in enumerate(session.issues, start=1):
            theme = self._theme_names.get(issue.theme_id) if issue.theme_id else None
            self.issues.write(
                {
                    **where,
                    "position": position,
                    "text": issue.text,
                    "key_issue": issue.key_issue,
                    "theme": theme,
                    "issue_id": issue.id,
                    "theme_id": issue.theme_id,
                }
            )
        for position, quote in enumerate(session.quotes, start=1):
            self.quotes.write({**where, **quote.model_dump(), "position": position})
        for position, person in enumerate(session.interviewees, start=1):
            self.people.write(
                {**where, **person.model_dump(), "role": "interviewee", "position": position}
            )
        for position, reference in enumerate(session.references, start=1):
            self.people.write(
                {**where, **reference.model_dump(), "role": "reference", "position": position}
            )
