"""The table of the sessions list: one row per session summary, columns fitted to the width.

It only shows what it is given (pages of summaries, the sort order); the
screen decides what to load. It keeps the summaries it shows, in order, so
that a resize can lay the columns out again and the screen can ask which
session the cursor is on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from rich.text import Text
from textual import events

from listening_tui.tui.widgets.paged_table import PagedDataTable

if TYPE_CHECKING:
    from listening_tui.domain.queries import SessionQuery, SortColumn, SortDirection
    from listening_tui.domain.summaries import SessionSummary

KIND_LABELS = {"one_to_one": "1:1", "group": "Group"}
"""How the list writes a session's kind, short enough for 80 columns."""


@dataclass(frozen=True)
class ListColumn:
    """A column of the list: its sort key, header and how wide it may be."""

    key: SortColumn
    label: str
    width: int | None = None
    """A fixed width; None for the columns that share the remaining width."""
    numeric: bool = False


COLUMNS = (
    ListColumn("held_on", "Held on", 10),
    ListColumn("kind", "Kind", 5),
    ListColumn("leader", "Leader"),
    ListColumn("subgroup", "Subgroup"),
    ListColumn("participant_count", "People", 7, numeric=True),
    ListColumn("issue_count", "Issues", 7, numeric=True),
    ListColumn("first_issue", "First issue"),
)
ARROWS = {"asc": "▲", "desc": "▼"}
"""Appended to the sorted column's header (no space, so "People▼" fits its column)."""


NATURAL_DIRECTION: dict[SortColumn, SortDirection] = {
    "held_on": "desc",
    "kind": "asc",
    "leader": "asc",
    "subgroup": "asc",
    "participant_count": "desc",
    "issue_count": "desc",
    "first_issue": "asc",
}
"""Which way a column sorts when first chosen: dates and counts biggest first."""

ORDER_NAMES: dict[SortColumn, tuple[str, str]] = {
    "held_on": ("oldest first", "newest first"),
    "kind": ("groups first", "one-to-ones first"),
    "leader": ("by leader, A–Z", "by leader, Z–A"),
    "subgroup": ("by subgroup, A–Z", "by subgroup, Z–A"),
    "participant_count": ("fewest people first", "most people first"),
    "issue_count": ("fewest issues first", "most issues first"),
    "first_issue": ("by first issue, A–Z", "by first issue, Z–A"),
}
"""The order in words (ascending, descending), for the status line."""


def status_text(shown: int, total: int, query: SessionQuery) -> str:
    """``Showing 100 of 48,213 sessions · newest first``."""
    if total == 0:
        return "No session matches the filters" if query.filtered else "No session written up yet"
    noun = "session" if total == 1 else "sessions"
    matching = " matching" if query.filtered else ""
    order = ORDER_NAMES[query.sort_by][query.direction == "desc"]
    return f"Showing {shown:,} of {total:,}{matching} {noun} · {order}"


def column_widths(width: int, padding: int = 1) -> dict[SortColumn, int]:
    """Each column's width for a table ``width`` cells wide: the text columns share the rest."""
    fixed = sum(c.width or 0 for c in COLUMNS)
    free = max(width - fixed - 2 * padding * len(COLUMNS), 30)
    leader = min(max(free * 21 // 100, 10), 20)
    subgroup = min(max(free * 25 // 100, 10), 24)
    widths: dict[SortColumn, int] = {c.key: c.width for c in COLUMNS if c.width}
    widths |= {"leader": leader, "subgroup": subgroup, "first_issue": free - leader - subgroup}
    return widths


def cells(summary: SessionSummary) -> list[Text]:
    """The row of one session; text cut with an ellipsis when its column is too narrow."""
    values = {
        "held_on": summary.held_on.isoformat(),
        "kind": KIND_LABELS[summary.kind],
        "leader": summary.leader,
        "subgroup": summary.subgroup or "",
        "participant_count": str(summary.participant_count),
        "issue_count": str(summary.issue_count),
        "first_issue": (summary.first_issue or "").replace("\n", " "),
    }
    return [
        Text(
            values[c.key],
            no_wrap=True,
            overflow="ellipsis",
            justify="right" if c.numeric else "left",
        )
        for c in COLUMNS
    ]


class SessionTable(PagedDataTable[Text]):
    """A campaign's sessions, one page after another, in the order the database gave them."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.summaries: list[SessionSummary] = []
        """The rows shown, in order."""
        self.sort_by: SortColumn = "held_on"
        self.direction: SortDirection = "desc"
        self._widths: dict[SortColumn, int] = {}

    def show_page(
        self,
        rows: list[SessionSummary],
        sort_by: SortColumn,
        direction: SortDirection,
        keep: UUID | None = None,
    ) -> None:
        """Replace everything with ``rows``; the cursor goes to ``keep``, or to the top."""
        self.sort_by, self.direction = sort_by, direction
        self.summaries = list(rows)
        self._rebuild()
        ids = [s.id for s in self.summaries]
        self.move_cursor(row=ids.index(keep) if keep in ids else 0, scroll=True)

    def append_page(self, rows: list[SessionSummary]) -> None:
        """Add the next page below the rows shown."""
        self.summaries.extend(rows)
        for summary in rows:
            self.add_row(*cells(summary), key=str(summary.id))

    def drop_session(self, session_id: UUID) -> None:
        """Take one session off the list (after it was deleted)."""
        self.summaries = [s for s in self.summaries if s.id != session_id]
        self.remove_row(str(session_id))

    @property
    def highlighted(self) -> SessionSummary | None:
        """The session under the cursor, if any."""
        row = self.cursor_row
        return self.summaries[row] if 0 <= row < len(self.summaries) else None

    def _rebuild(self) -> None:
        self._widths = column_widths(self._usable_width(), self.cell_padding)
        self.clear(columns=True)
        for column in COLUMNS:
            label = column.label
            if column.key == self.sort_by:
                label = f"{label}{ARROWS[self.direction]}"
            self.add_column(
                Text(label, justify="right" if column.numeric else "left"),
                width=self._widths[column.key],
                key=column.key,
            )
        for summary in self.summaries:
            self.add_row(*cells(summary), key=str(summary.id))

    def _usable_width(self) -> int:
        width = self.size.width or self.app.size.width
        return width - self.styles.scrollbar_size_vertical

    def on_resize(self, event: events.Resize) -> None:
        if self.columns and column_widths(self._usable_width(), self.cell_padding) != self._widths:
            keep = self.highlighted
            self.show_page(self.summaries, self.sort_by, self.direction, keep.id if keep else None)
