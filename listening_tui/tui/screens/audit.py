"""The audit log: who created, edited, deleted, exported, imported, erased and voted, and when.

Newest first, a page of 100 entries at a time (the next page is read when the
cursor nears the end; tui/paging.py), filtered by action and by who did it,
and exported as CSV. It shows the highlighted campaign's entries, or (a)
every entry, including those of campaigns deleted since.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Static

from listening_tui.domain.audit import AuditPage, AuditQuery
from listening_tui.tui.commands import PaletteEntry
from listening_tui.tui.paging import PAGE_SIZE, PREFETCH, Answered, PagedScreen
from listening_tui.tui.screens.campaign import back_binding
from listening_tui.tui.widgets.audit_filters import AuditFilters
from listening_tui.tui.widgets.audit_table import AuditTable

if TYPE_CHECKING:
    from listening_tui.db.engine import Database


class AuditScreen(PagedScreen[AuditQuery, AuditPage, "UUID | None"]):
    """Pages through the audit log, newest first."""

    AUTO_FOCUS = "#audit-table"
    HEADING = "Audit log · {}"
    HEADING_ID = "audit-title"

    BINDINGS: ClassVar[list[BindingType]] = [
        back_binding("audit", "Back to the campaigns (from the filters: back to the log)"),
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

    class PageLoaded(Answered[AuditPage]):
        """A page of entries was read for the query of ``generation``."""

    ANSWER = PageLoaded
    READ_FAILED = "Could not read the audit log"

    class ActorsRead(Message):
        """Who has entries where the log looks now, for the actor choice."""

        def __init__(self, actors: list[str]) -> None:
            super().__init__()
            self.actors = actors

    def __init__(self, database: Database, campaign_id: UUID | None, campaign_name: str) -> None:
        super().__init__(
            database, campaign_id, campaign_name, page_size=PAGE_SIZE, prefetch=PREFETCH
        )
        self.every_campaign = campaign_id is None
        """Whether every entry is shown rather than the campaign's."""
        self.action_filter: str | None = None
        self.actor_filter: str | None = None

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

    def compose_list(self) -> ComposeResult:
        yield AuditFilters(id="audit-filters")
        yield AuditTable(id="audit-table")
        yield Static("Reading the log…", id="audit-status")

    @property
    def table(self) -> AuditTable:
        return self.query_one("#audit-table", AuditTable)

    @property
    def filter_bar(self) -> AuditFilters:
        return self.query_one(AuditFilters)

    @property
    def current_query(self) -> AuditQuery:
        return self.audit_query

    def on_mount(self) -> None:
        self.watch(self.table, "scroll_y", self._maybe_load_more, init=False)
        self._reload()

    def refresh_data(self) -> None:
        self._reload()
        self.load_choices()

    # ---- loading ----

    def read_page(self, query: AuditQuery, offset: int, limit: int) -> AuditPage:
        from listening_tui.services.audit import audit_page

        return audit_page(self.database, query, offset, limit)

    def show_rows(self, page: AuditPage, keep: UUID | None) -> None:
        if page.offset == 0:
            self.table.show_page(page.entries)
        else:
            self.table.append_page(page.entries)

    def show_status(self) -> None:
        status = f"{self.table.row_count} of {self.total} entries shown, newest first"
        if not self.total:
            status = "No entries match."
        self.query_one("#audit-status", Static).update(status)

    def read_choices(self) -> None:
        from listening_tui.services.audit import audit_actors

        read = partial(audit_actors, self.database, self.audit_query.campaign_id)
        self.post_result(read, self.ActorsRead, "Could not read who has entries")

    @on(ActorsRead)
    def _offer_actors(self, event: ActorsRead) -> None:
        self.filter_bar.offer_actors(event.actors)

    @on(DataTable.RowHighlighted, "#audit-table")
    def _cursor_moved(self) -> None:
        self._maybe_load_more()

    @on(AuditFilters.Changed)
    def _filter(self, event: AuditFilters.Changed) -> None:
        self.action_filter, self.actor_filter = event.action, event.actor
        self._reload()

    # ---- actions ----

    def action_toggle_scope(self) -> None:
        if self.campaign_id is None:
            self.notify("There is no campaign to narrow the log to.", severity="warning")
            return
        self.every_campaign = not self.every_campaign
        self.query_one(f"#{self.HEADING_ID}", Static).update(self.HEADING.format(self.scope_name))
        self.refresh_data()

    def action_export(self) -> None:
        from listening_tui.tui.dialogs.audit_export import AuditExportModal

        self.app.push_screen(AuditExportModal(self.database, self.audit_query, self.scope_name))
