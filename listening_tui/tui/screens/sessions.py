"""The sessions of one campaign: filter, sort, page through, open, delete and undo.

The list never holds the whole campaign: it reads a page of 100 sessions in
a thread worker and asks for the next when the cursor nears the end, so a
campaign of 50,000 sessions opens as fast as one of 50. Every database call
runs in a worker that posts a message; the handlers own the state, and a
page that arrives for an older query is dropped.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from listening_tui.domain.queries import SORT_COLUMNS, SessionQuery, SortColumn, SortDirection
from listening_tui.tui.commands import PaletteEntry
from listening_tui.tui.dialogs.delete_session import ConfirmDeleteModal
from listening_tui.tui.paging import PAGE_SIZE, PREFETCH, Answered, PagedScreen
from listening_tui.tui.screens.campaign import back_binding
from listening_tui.tui.widgets.session_filters import SessionFilters
from listening_tui.tui.widgets.session_table import NATURAL_DIRECTION, SessionTable, status_text

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.summaries import SessionPage, SessionSummary

COMPACT_BELOW = 36
"""Terminals with fewer rows get a one-line filter bar."""
POLL_SECONDS = 5.0
"""How often the list asks whether sessions were added, changed or deleted elsewhere."""


class SessionsScreen(PagedScreen[SessionQuery, "SessionPage"]):
    """Lists a campaign's written-up sessions, a page at a time."""

    CSS_PATH = "../styles/sessions.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    AUTO_FOCUS = "#sessions"
    HEADING = "Sessions of {}"
    HEADING_ID = "sessions-title"

    BINDINGS: ClassVar[list[BindingType]] = [
        back_binding("sessions", "Back to the campaigns (from the filters: back to the list)"),
        Binding(
            "slash", "search", "Search", id="sessions.search", tooltip="Find sessions by words"
        ),
        Binding(
            "delete",
            "delete",
            "Delete",
            id="sessions.delete",
            tooltip="Delete the highlighted session (asks first; u brings it back)",
        ),
        Binding(
            "u", "undo", "Undo", id="sessions.undo", tooltip="Bring back the session deleted last"
        ),
        Binding("s", "next_sort", "Sort", id="sessions.sort", tooltip="Sort by the next column"),
        Binding("r", "reverse", "Reverse", id="sessions.reverse", tooltip="Reverse the order"),
        Binding(
            "h",
            "history",
            "History",
            id="sessions.history",
            tooltip="Every kept version of the highlighted session, side by side (read-only)",
            show=False,
        ),
        Binding(
            "e",
            "edit",
            "Edit",
            id="sessions.edit",
            tooltip="Open the highlighted session's form (Enter does the same)",
            show=False,
        ),
        Binding(
            "f",
            "forget",
            "Forget",
            id="sessions.forget",
            tooltip="Forget a person everywhere in the campaign (shows what first)",
            show=False,
        ),
        Binding(
            "c",
            "contacts_due",
            "Contacts due",
            id="sessions.contacts_due",
            tooltip="Contact details due to expire, for review",
            show=False,
        ),
    ]

    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("session: Edit", "edit", "Open the highlighted session's form"),
        ("session: History", "history", "Earlier versions, side by side (after an import too)"),
        ("session: Delete", "delete", "Delete the highlighted session (asks first)"),
        ("session: Undo delete", "undo", "Bring back the session deleted last"),
        ("sessions: Search", "search", "Find sessions by names, places or issues"),
        ("sessions: Sort by the next column", "next_sort", "Date, kind, leader, subgroup, ..."),
        ("sessions: Reverse the order", "reverse", "Newest or oldest first, A–Z or Z–A"),
        ("sessions: Read again", "refresh_data", "After another laptop or program saved"),
        ("sessions: Back to campaigns", "back", "Leave the list"),
        ("privacy: Forget a person", "forget", "Erase a name and contact everywhere (previews)"),
        ("privacy: Contacts due to expire", "contacts_due", "Review and expire old contacts"),
    ]

    class EditSession(Message):
        """The listener asked to edit this session; the app opens its form."""

        def __init__(self, session_id: UUID) -> None:
            super().__init__()
            self.session_id = session_id

    class PageLoaded(Answered["SessionPage"]):
        """A page of sessions was read for the query of ``generation``."""

    ANSWER = PageLoaded
    READ_FAILED = "Could not read the sessions"

    class SessionDeleted(Message):
        """A session was deleted (its last version is in the history)."""

        def __init__(self, summary: SessionSummary) -> None:
            super().__init__()
            self.summary = summary

    class SessionRestored(Message):
        """A deleted session was brought back."""

        def __init__(self, summary: SessionSummary) -> None:
            super().__init__()
            self.summary = summary

    def __init__(self, database: Database, campaign_id: UUID, campaign_name: str) -> None:
        # This module's names, read when the list opens: a test makes them small.
        super().__init__(
            database, campaign_id, campaign_name, page_size=PAGE_SIZE, prefetch=PREFETCH
        )
        self.session_query = SessionQuery()
        """What the list shows now."""
        self.deleted: list[SessionSummary] = []
        """Sessions deleted here, last one last: what u brings back."""
        self._marker: tuple[int, int, int] | None = None
        """The campaign's change marker when last asked (services.sessions.change_marker)."""
        self._connection_lost = False

    def compose_list(self) -> ComposeResult:
        yield SessionFilters(id="session-filters")
        yield SessionTable(id="sessions")
        with Horizontal(id="sessions-status-bar"):
            yield Static("", id="sessions-status")
            yield Static("Enter: edit · h: history", id="sessions-hint")

    @property
    def table(self) -> SessionTable:
        return self.query_one("#sessions", SessionTable)

    @property
    def filter_bar(self) -> SessionFilters:
        return self.query_one(SessionFilters)

    @property
    def current_query(self) -> SessionQuery:
        return self.session_query

    def on_mount(self) -> None:
        self.query_one(SessionFilters).set_compact(self.app.size.height < COMPACT_BELOW)
        self.query_one("#sessions-status", Static).update("Reading the sessions…")
        self.watch(self.table, "scroll_y", self._maybe_load_more, init=False)
        self._reload()
        self.set_interval(POLL_SECONDS, self._poll)

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(SessionFilters).set_compact(event.size.height < COMPACT_BELOW)

    def refresh_data(self) -> None:
        self._reload_in_place()

    # ---- sessions saved elsewhere (another laptop on PostgreSQL, another process) ----

    def _poll(self) -> None:
        if self.app.screen is self and self._pending is None:
            self._check_for_changes()

    @work(thread=True, exclusive=True, group="sessions-poll")
    def _check_for_changes(self) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.sessions import change_marker

        try:
            marker = change_marker(self.database, self.campaign_id)
        except ListeningError as exc:
            self.app.call_from_thread(self._lost_connection, exc.message)
            return
        self.app.call_from_thread(self._changed_elsewhere, marker)

    def _changed_elsewhere(self, marker: tuple[int, int, int]) -> None:
        known, self._marker = self._marker, marker
        if self._connection_lost:
            self._connection_lost = False
            self.notify("The database answers again.", title="Connected")
        if known is not None and marker != known and self._pending is None:
            self._reload_in_place()

    def _lost_connection(self, message: str) -> None:
        if not self._connection_lost:
            self._connection_lost = True
            self.notify(
                f"{message}. The list is kept as it was and the app tries again every "
                f"{POLL_SECONDS:g} seconds.",
                title="Database not answering",
                severity="warning",
                timeout=15,
            )

    # ---- loading ----

    def _reload_in_place(self, keep: UUID | None = None, spare: int = 1) -> None:
        """Read again as many rows as are shown, keeping the cursor on ``keep`` or its session.

        One row more than shown is read, so a session brought back still fits.
        """
        super()._reload_in_place(keep, spare)
        self.load_choices()

    def read_page(self, query: SessionQuery, offset: int, limit: int) -> SessionPage:
        from listening_tui.services.sessions import browse_sessions

        return browse_sessions(self.database, self.campaign_id, query, offset, limit)

    def show_rows(self, page: SessionPage, keep: UUID | None) -> None:
        query = self.session_query
        if page.offset == 0:
            self.table.show_page(page.rows, query.sort_by, query.direction, keep)
        else:
            self.table.append_page(page.rows)

    def show_status(self) -> None:
        text = status_text(len(self.table.summaries), self.total, self.session_query)
        self.query_one("#sessions-status", Static).update(text)

    @on(DataTable.RowHighlighted, "#sessions")
    def _cursor_moved(self, event: DataTable.RowHighlighted) -> None:
        self._maybe_load_more()

    # ---- filtering and sorting ----

    @on(SessionFilters.Changed)
    def _filter(self, event: SessionFilters.Changed) -> None:
        changes = {
            "text": event.text,
            "kind": event.kind,
            "subgroup": event.subgroup,
            "leader": event.leader,
        }
        self._query_changed(SessionQuery.model_validate(self.session_query.model_dump() | changes))

    def _query_changed(self, query: SessionQuery) -> None:
        if query == self.session_query:
            return
        self.session_query = query
        keep = self.table.highlighted
        self._reload(keep.id if keep else None)

    def _sort(self, column: SortColumn, direction: SortDirection | None = None) -> None:
        if direction is None:
            direction = NATURAL_DIRECTION[column]
        changes = {"sort_by": column, "direction": direction}
        self._query_changed(self.session_query.model_copy(update=changes))

    @on(DataTable.HeaderSelected, "#sessions")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        column = event.column_key.value
        if column == self.session_query.sort_by:
            self.action_reverse()
            return
        for candidate in SORT_COLUMNS:
            if candidate == column:
                self._sort(candidate)

    def action_next_sort(self) -> None:
        position = SORT_COLUMNS.index(self.session_query.sort_by)
        self._sort(SORT_COLUMNS[(position + 1) % len(SORT_COLUMNS)])

    def action_reverse(self) -> None:
        query = self.session_query
        self._sort(query.sort_by, "asc" if query.direction == "desc" else "desc")

    def action_search(self) -> None:
        self.query_one("#session-search", Input).focus()

    # ---- editing, deleting, undoing ----

    @on(DataTable.RowSelected, "#sessions")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        summary = self.table.highlighted
        if summary is not None:
            self.post_message(self.EditSession(summary.id))

    def action_history(self) -> None:
        from listening_tui.tui.screens.history import SessionHistoryScreen

        summary = self.table.highlighted
        if summary is None:
            return
        title = f"{summary.held_on.isoformat()}, led by {summary.leader}"
        self.app.push_screen(
            SessionHistoryScreen(self.database, summary.id, self.campaign_id, title)
        )

    def action_forget(self) -> None:
        from listening_tui.tui.dialogs.forget import ForgetPersonModal

        def closed(forgotten: bool | None) -> None:
            if forgotten:
                self.action_refresh_data()

        self.app.push_screen(
            ForgetPersonModal(self.database, self.campaign_id, self.campaign_name), closed
        )

    def action_contacts_due(self) -> None:
        from listening_tui.tui.screens.retention import RetentionScreen

        self.app.push_screen(RetentionScreen(self.database, self.campaign_id, self.campaign_name))

    def action_delete(self) -> None:
        summary = self.table.highlighted
        if summary is None:
            return

        def answered(delete: bool | None) -> None:
            if delete:
                self._delete(summary)

        self.app.push_screen(ConfirmDeleteModal(summary), answered)

    @work(thread=True, exclusive=True, group="sessions-write")
    def _delete(self, summary: SessionSummary) -> None:
        from listening_tui.services.sessions import delete_session

        delete = partial(delete_session, self.database, summary.id)
        deleted = self.SessionDeleted(summary)
        self.post_result(delete, lambda _: deleted, "Could not delete the session")

    @on(SessionDeleted)
    def _session_deleted(self, event: SessionDeleted) -> None:
        summary = event.summary
        self.deleted.append(summary)
        if any(s.id == summary.id for s in self.table.summaries):
            self.table.drop_session(summary.id)
            self.total = max(self.total - 1, 0)
        self.show_status()
        if self._pending is not None:
            self._reload_in_place()
        self.refresh_bindings()
        self.notify(
            f"Deleted the session of {summary.held_on.isoformat()} led by {summary.leader}. "
            "Press u to undo.",
            title="Session deleted",
            timeout=8,
        )

    def action_undo(self) -> None:
        if self.deleted:
            self.app.clear_notifications()
            self._restore(self.deleted.pop())
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return bool(self.deleted)
        return True

    @work(thread=True, exclusive=True, group="sessions-write")
    def _restore(self, summary: SessionSummary) -> None:
        from listening_tui.services.sessions import restore_session

        restore = partial(restore_session, self.database, summary.id)
        restored = self.SessionRestored(summary)
        self.post_result(restore, lambda _: restored, "Could not undo the deletion")

    @on(SessionRestored)
    def _session_restored(self, event: SessionRestored) -> None:
        summary = event.summary
        self._reload_in_place(keep=summary.id)
        self.notify(
            f"Brought back the session of {summary.held_on.isoformat()} led by {summary.leader}.",
            title="Deletion undone",
        )
