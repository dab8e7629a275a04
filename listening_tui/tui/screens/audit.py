"""The audit log: who created, edited, deleted, exported, imported, erased and voted, and when.

Newest first, a page of 100 entries at a time (the next page is read when the
cursor nears the end), filtered by action and by who did it, and exported as
CSV. It shows the highlighted campaign's entries, or (a) every entry, including
those of campaigns deleted since.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Select, Static

from listening_tui.domain.audit import ACTIONS, AuditEntry, AuditPage, AuditQuery
from listening_tui.tui.commands import PaletteEntry
from listening_tui.tui.widgets.session_filters import offer_names

if TYPE_CHECKING:
    from listening_tui.db.engine import Database

PAGE_SIZE = 100
"""Entries read at a time."""
PREFETCH = 20
"""The next page is asked for when the cursor is this close to the last row shown."""


def entry_cells(entry: AuditEntry) -> tuple[str, str, str, str, str]:
    """When, who, what, target, summary: the row the table shows."""
    target = entry.target_kind
    if entry.target_id is not None:
        target += f" {str(entry.target_id)[:8]}"
    when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return when, entry.actor, entry.action, target, entry.summary


class AuditScreen(Screen[None]):
    """Pages through the audit log, newest first."""

    AUTO_FOCUS = "#audit-table"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="audit.back", tooltip="Back to the campaigns"),
        Binding(
            "x",
            "export",
            "Export CSV",
            id="audit.export",
            tooltip="Write the entries shown (filters applied) to a CSV file",
        ),
        Binding(
            "a",
            "toggle_scope",
            "All/campaign",
            id="audit.scope",
            tooltip="Show every entry (deleted campaigns' too), or the campaign's only",
        ),
        Binding("r", "refresh_data", "Refresh", id="audit.refresh", tooltip="Read the log again"),
    ]

    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("audit: Export as CSV", "export", "The entries shown, with the filters applied"),
        ("audit: Every entry or the campaign's", "toggle_scope", "Switch what the log shows"),
        ("audit: Read again", "refresh_data", "After another laptop or program acted"),
        ("audit: Back to campaigns", "back", "Leave the log"),
    ]

    class PageLoaded(Message):
        """A page of entries was read for the query of ``generation``."""

        def __init__(self, generation: int, page: AuditPage, actors: list[str] | None) -> None:
            super().__init__()
            self.generation = generation
            self.page = page
            self.actors = actors
            """Who has entries (read with the first page only)."""

    class LoadFailed(Message):
        """The log could not be read."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, database: Database, campaign_id: UUID | None, campaign_name: str) -> None:
        super().__init__()
        self.database = database
        self.campaign_id = campaign_id
        self.campaign_name = campaign_name
        self.every_campaign = campaign_id is None
        """Whether every entry is shown rather than the campaign's."""
        self.action_filter: str | None = None
        self.actor_filter: str | None = None
        self.shown = 0
        self.total = 0
        self._generation = 0
        self._loading = False

    @property
    def audit_query(self) -> AuditQuery:
        """What the table shows now."""
        return AuditQuery(
            campaign_id=None if self.every_campaign else self.campaign_id,
            action=self.action_filter,
            actor=self.actor_filter,
        )

    @property
    def scope_name(self) -> str:
        return "every campaign" if self.every_campaign else self.campaign_name

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", classes="section-title", id="audit-title")
        with Horizontal(id="audit-filters"):
            yield Select(
                [(action, action) for action in ACTIONS], prompt="Any action", id="audit-action"
            )
            yield Select[str]([], prompt="Anyone", id="audit-actor")
        yield DataTable(id="audit-table", cursor_type="row", zebra_stripes=True)
        yield Static("Reading the log…", id="audit-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#audit-table", DataTable)
        table.add_columns("When", "Who", "What", "Target", "Summary")
        self.watch(table, "scroll_y", self._maybe_load_more, init=False)
        self._reload()

    # ---- loading ----

    def _reload(self) -> None:
        self._generation += 1
        self._loading = True
        self.query_one("#audit-title", Static).update(f"Audit log · {self.scope_name}")
        self._load(self._generation, self.audit_query, 0, with_actors=True)

    def _maybe_load_more(self) -> None:
        table = self.query_one("#audit-table", DataTable)
        header = table.header_height if table.show_header else 0
        last_visible = int(table.scroll_y) + table.scrollable_content_region.height - header - 1
        near_end = max(table.cursor_row, last_visible) >= self.shown - PREFETCH
        if not self._loading and self.shown < self.total and near_end:
            self._loading = True
            self._load(self._generation, self.audit_query, self.shown, with_actors=False)

    @work(thread=True, exclusive=True, group="audit-page")
    def _load(self, generation: int, query: AuditQuery, offset: int, *, with_actors: bool) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.audit import audit_actors, audit_page

        try:
            page = audit_page(self.database, query, offset, PAGE_SIZE)
            actors = audit_actors(self.database, query.campaign_id) if with_actors else None
        except ListeningError as exc:
            self.post_message(self.LoadFailed(exc.message))
            return
        self.post_message(self.PageLoaded(generation, page, actors))

    @on(PageLoaded)
    def _show_page(self, event: PageLoaded) -> None:
        if event.generation != self._generation:
            return
        self._loading = False
        table = self.query_one("#audit-table", DataTable)
        if event.page.offset == 0:
            table.clear()
            self.shown = 0
        for entry in event.page.entries:
            table.add_row(*entry_cells(entry), key=str(entry.id))
        self.shown += len(event.page.entries)
        self.total = event.page.total
        if event.actors is not None:
            offer_names(self.query_one("#audit-actor", Select), event.actors)
        status = f"{self.shown} of {self.total} entries shown, newest first"
        if not self.total:
            status = "No entries match."
        self.query_one("#audit-status", Static).update(status)
        self._maybe_load_more()

    @on(LoadFailed)
    def _show_failure(self, event: LoadFailed) -> None:
        self._loading = False
        self.notify(event.message, title="Could not read the audit log", severity="error")

    @on(DataTable.RowHighlighted, "#audit-table")
    def _cursor_moved(self) -> None:
        self._maybe_load_more()

    @on(Select.Changed, "#audit-action")
    def _action_chosen(self, event: Select.Changed) -> None:
        self.action_filter = event.value if isinstance(event.value, str) else None
        self._reload()

    @on(Select.Changed, "#audit-actor")
    def _actor_chosen(self, event: Select.Changed) -> None:
        self.actor_filter = event.value if isinstance(event.value, str) else None
        self._reload()

    # ---- actions ----

    def action_refresh_data(self) -> None:
        self._reload()

    def action_toggle_scope(self) -> None:
        if self.campaign_id is None:
            self.notify("There is no campaign to narrow the log to.", severity="warning")
            return
        self.every_campaign = not self.every_campaign
        self._reload()

    def action_export(self) -> None:
        from listening_tui.tui.dialogs.audit_export import AuditExportModal

        self.app.push_screen(AuditExportModal(self.database, self.audit_query, self.scope_name))

    def action_back(self) -> None:
        self.dismiss()
