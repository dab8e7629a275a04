"""The audit log's entries, a page at a time, newest first."""

from __future__ import annotations

from listening_tui.domain.audit import AuditEntry
from listening_tui.tui.widgets.paged_table import PagedDataTable


def entry_cells(entry: AuditEntry) -> tuple[str, str, str, str, str]:
    """When, who, what, target, summary: the row the table shows."""
    target = entry.target_kind
    if entry.target_id is not None:
        target += f" {str(entry.target_id)[:8]}"
    when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return when, entry.actor, entry.action, target, entry.summary


class AuditTable(PagedDataTable[str]):
    """Entries in rows; the screen gives it a page at a time."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.entries: list[AuditEntry] = []
        """The entries shown, top to bottom."""

    def on_mount(self) -> None:
        self.add_columns("When", "Who", "What", "Target", "Summary")

    def show_page(self, entries: list[AuditEntry]) -> None:
        """Replace every row with these entries; the cursor goes to the top."""
        self.entries = []
        self.clear()
        self.append_page(entries)

    def append_page(self, entries: list[AuditEntry]) -> None:
        """Add the next page below the rows shown."""
        self.entries.extend(entries)
        for entry in entries:
            self.add_row(*entry_cells(entry), key=str(entry.id))

    @property
    def highlighted(self) -> AuditEntry | None:
        """The entry under the cursor, if any."""
        row = self.cursor_row
        return self.entries[row] if 0 <= row < len(self.entries) else None
