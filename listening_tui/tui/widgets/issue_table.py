"""The themes screen's issue list: one row per issue, pages appended, issues marked with space.

It shows what it is given (pages of issue lines) and keeps the marks: the
ids of the issues the recorder chose, which stay chosen while the list is
filtered or read again, so issues found by two searches can go in one theme.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal
from uuid import UUID

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.message import Message

from listening_tui.tui.widgets.paged_table import PagedDataTable

if TYPE_CHECKING:
    from listening_tui.domain.themes import IssueLine

ColumnKey = Literal[
    "mark", "text", "position", "key_issue", "held_on", "kind", "subgroup", "leader", "theme"
]
MARK = "●"
"""Shown in the first column of a marked issue."""
KIND_LABELS = {"one_to_one": "1:1", "group": "Group"}
KEY_LABELS = {"yes": "Y", "no": "N", "dont_know": "?"}


@dataclass(frozen=True)
class IssueColumn:
    key: ColumnKey
    label: str
    width: int | None = None
    """A fixed width; None for the text columns that share the rest."""
    wide_only: bool = False
    """Shown only when the table is wide enough for every column."""


COLUMNS = (
    IssueColumn("mark", " ", 1),
    IssueColumn("text", "Issue"),
    IssueColumn("position", "#", 1, wide_only=True),
    IssueColumn("key_issue", "Key", 3, wide_only=True),
    IssueColumn("held_on", "Held on", 10, wide_only=True),
    IssueColumn("kind", "Kind", 5, wide_only=True),
    IssueColumn("subgroup", "Subgroup", wide_only=True),
    IssueColumn("leader", "Leader", wide_only=True),
    IssueColumn("theme", "Theme"),
)
WIDE = 100
"""From this many cells wide, every column shows; below, only mark, issue and theme."""


def columns_for(width: int) -> list[IssueColumn]:
    """The columns a table ``width`` cells wide shows."""
    return [c for c in COLUMNS if width >= WIDE or not c.wide_only]


def column_widths(width: int, padding: int = 1) -> dict[ColumnKey, int]:
    """Each shown column's width: the text columns share what the fixed ones leave."""
    shown = columns_for(width)
    fixed = sum(c.width or 0 for c in shown)
    free = max(width - fixed - 2 * padding * len(shown), 24)
    widths: dict[ColumnKey, int] = {c.key: c.width for c in shown if c.width}
    theme = min(max(free * 22 // 100, 8), 30)
    if width >= WIDE:
        subgroup = min(max(free * 14 // 100, 8), 20)
        leader = min(max(free * 14 // 100, 8), 18)
        widths |= {"subgroup": subgroup, "leader": leader}
        free -= subgroup + leader
    widths |= {"theme": theme, "text": free - theme}
    return widths


def cells(line: IssueLine, marked: bool, shown: list[IssueColumn]) -> list[Text]:
    """The row of one issue; text cut with an ellipsis when its column is too narrow."""
    values: dict[ColumnKey, str] = {
        "mark": MARK if marked else " ",
        "text": line.text.replace("\n", " "),
        "position": str(line.position),
        "key_issue": KEY_LABELS[line.key_issue],
        "held_on": line.held_on.isoformat(),
        "kind": KIND_LABELS[line.kind],
        "subgroup": line.subgroup or "",
        "leader": line.leader,
        "theme": line.theme_name or "—",
    }
    return [
        Text(values[c.key], no_wrap=True, overflow="ellipsis", style="bold" if marked else "")
        for c in shown
    ]


class IssueTable(PagedDataTable[Text]):
    """Issues of a campaign a page at a time; space marks the issue under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "toggle_mark",
            "Mark",
            id="themes.mark",
            tooltip="Mark or unmark the highlighted issue (marked issues go in a theme together)",
        ),
        Binding(
            "left",
            "to_themes",
            "Themes",
            id="themes.to_themes",
            tooltip="Move to the list of themes",
            show=False,
        ),
    ]

    class MarksChanged(Message):
        """The set of marked issues changed."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.lines: list[IssueLine] = []
        """The rows shown, in order."""
        self.marked: set[UUID] = set()
        """The issues the recorder marked, shown or not."""
        self._shown: list[IssueColumn] = []
        self._widths: dict[ColumnKey, int] = {}

    def show_page(self, rows: list[IssueLine], keep: UUID | None = None) -> None:
        """Replace everything with ``rows``; the cursor goes to ``keep``, or to the top."""
        self.lines = list(rows)
        self._rebuild()
        ids = [line.id for line in self.lines]
        self.move_cursor(row=ids.index(keep) if keep in ids else 0, scroll=True)

    def append_page(self, rows: list[IssueLine]) -> None:
        """Add the next page below the rows shown."""
        self.lines.extend(rows)
        for line in rows:
            self.add_row(*cells(line, line.id in self.marked, self._shown), key=str(line.id))

    @property
    def highlighted(self) -> IssueLine | None:
        """The issue under the cursor, if any."""
        row = self.cursor_row
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def chosen(self) -> list[UUID]:
        """The marked issues, or else the highlighted one: what an action works on."""
        if self.marked:
            order = {line.id: n for n, line in enumerate(self.lines)}
            return sorted(self.marked, key=lambda issue_id: order.get(issue_id, len(order)))
        line = self.highlighted
        return [] if line is None else [line.id]

    def action_toggle_mark(self) -> None:
        line = self.highlighted
        if line is None:
            return
        self.marked.symmetric_difference_update({line.id})
        self._redraw(line)
        if self.cursor_row < len(self.lines) - 1:
            self.move_cursor(row=self.cursor_row + 1)
        self.post_message(self.MarksChanged(len(self.marked)))

    def action_to_themes(self) -> None:
        self.screen.query_one("#theme-list").focus()

    def clear_marks(self) -> None:
        """Unmark everything (after the marked issues went in a theme)."""
        marked = self.marked
        self.marked = set()
        for line in self.lines:
            if line.id in marked:
                self._redraw(line)
        self.post_message(self.MarksChanged(0))

    def _redraw(self, line: IssueLine) -> None:
        row = self.get_row_index(str(line.id))
        for column_index, cell in enumerate(cells(line, line.id in self.marked, self._shown)):
            self.update_cell_at(Coordinate(row, column_index), cell)

    def _rebuild(self) -> None:
        width = self._usable_width()
        self._shown = columns_for(width)
        self._widths = column_widths(width, self.cell_padding)
        self.clear(columns=True)
        for column in self._shown:
            self.add_column(column.label, width=self._widths[column.key], key=column.key)
        for line in self.lines:
            self.add_row(*cells(line, line.id in self.marked, self._shown), key=str(line.id))

    def _usable_width(self) -> int:
        width = self.size.width or self.app.size.width
        return width - self.styles.scrollbar_size_vertical

    def on_resize(self, event: events.Resize) -> None:
        if self.columns and column_widths(self._usable_width(), self.cell_padding) != self._widths:
            keep = self.highlighted
            self.show_page(self.lines, keep.id if keep else None)
