"""The revision history of one session: every kept version, two side by side, or one in full.

Read-only. Versions are kept when a session is edited, replaced by a later
version from an import, met in an import as an older version, or deleted
(``services.sessions.session_history``). After an import conflict a recorder
sees both versions here, with the fields that differ marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from listening_tui.tui.commands import PaletteEntry

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.summaries import Revision, SavedSession

REASONS = {
    "edit": "edited",
    "import_conflict": "replaced by import",
    "import_older": "older, from import",
    "delete": "deleted",
    "edit_conflict": "saved after another's edit, kept aside",
}
"""Why a version was put aside, in words."""


@dataclass(frozen=True)
class Version:
    """One row of the history: a kept version, or the session as it is now."""

    label: str
    """"#1", "#2", ... for kept versions; "now" for the stored session."""
    content: dict[str, Any]
    written: datetime
    why: str

    @property
    def leader(self) -> str:
        return str(self.content.get("leader", ""))


def versions_of(revisions: list[Revision], current: SavedSession | None) -> list[Version]:
    """The history's rows, oldest first, the session as it is now last (if not deleted)."""
    rows = [
        Version(
            f"#{revision.number}",
            revision.content,
            revision.content_updated_at,
            f"{REASONS[revision.reason]} {_when(revision.recorded_at, short=True)}",
        )
        for revision in revisions
    ]
    if current is not None:
        session = current.session
        rows.append(Version("now", session.model_dump(mode="json"), session.updated_at, "in use"))
    return rows


def _when(moment: datetime, *, short: bool = False) -> str:
    return moment.astimezone().strftime("%d %b %H:%M" if short else "%Y-%m-%d %H:%M")


class SessionHistoryScreen(Screen[None]):
    """Lists a session's versions; shows the highlighted one against another, or in full."""

    CSS_PATH = "../styles/history.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    AUTO_FOCUS = "#history-versions"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="history.back", tooltip="Back to the sessions"),
        Binding(
            "b",
            "compare_with",
            "Compare here",
            id="history.compare_with",
            tooltip="Put the highlighted version on the right, to compare others with it",
        ),
        Binding(
            "f",
            "toggle_full",
            "Full",
            id="history.full",
            tooltip="Show the highlighted version alone in full, or side by side again",
        ),
        Binding(
            "d",
            "toggle_differences",
            "Diffs only",
            id="history.differences",
            tooltip="Show only the fields that differ between the two versions (or all)",
        ),
    ]

    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("history: Compare with this version", "compare_with", "Put it on the right"),
        ("history: One version in full", "toggle_full", "Or side by side again"),
        ("history: Only the differences", "toggle_differences", "Or every field again"),
        ("history: Back to the sessions", "back", "Leave the history"),
    ]

    class HistoryLoaded(Message):
        """The versions and the campaign's theme names were read."""

        def __init__(self, versions: list[Version], themes: dict[UUID, str]) -> None:
            super().__init__()
            self.versions = versions
            self.themes = themes

    class HistoryFailed(Message):
        """The history could not be read; ``message`` says why."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, database: Database, session_id: UUID, campaign_id: UUID, title: str) -> None:
        super().__init__()
        self.database = database
        self.session_id = session_id
        self.campaign_id = campaign_id
        self.title_text = title
        self.versions: list[Version] = []
        self.themes: dict[UUID, str] = {}
        self.base = 0
        """The index of the version shown on the right."""
        self.full = False
        self.only_differences = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(f"History: {self.title_text}"), classes="section-title")
        yield DataTable(id="history-versions", cursor_type="row", zebra_stripes=True)
        yield Static("Reading the history…", id="history-status")
        with VerticalScroll(id="history-detail"):
            yield Static("", id="history-fields")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#history-versions", DataTable)
        table.add_column("Version", width=7)
        table.add_column("Written", width=16)
        table.add_column("Leader", width=14)
        table.add_column("Put aside", width=31)
        self._load()

    @work(thread=True, exclusive=True, group="history")
    def _load(self) -> None:
        from listening_tui.errors import ListeningError, NotFound
        from listening_tui.services.sessions import get_session, session_history
        from listening_tui.services.themes import list_themes

        database = self.database
        try:
            revisions = session_history(database, self.session_id)
            try:
                current: SavedSession | None = get_session(database, self.session_id)
            except NotFound:
                current = None
            themes = {theme.id: theme.name for theme in list_themes(database, self.campaign_id)}
        except ListeningError as exc:
            self.post_message(self.HistoryFailed(exc.message))
            return
        self.post_message(self.HistoryLoaded(versions_of(revisions, current), themes))

    @on(HistoryLoaded)
    def _show(self, event: HistoryLoaded) -> None:
        self.versions, self.themes = event.versions, event.themes
        table = self.query_one("#history-versions", DataTable)
        table.clear()
        for version in self.versions:
            table.add_row(
                version.label,
                _when(version.written),
                Text(version.leader, overflow="ellipsis", no_wrap=True),
                version.why,
            )
        self.base = len(self.versions) - 1
        table.move_cursor(row=max(self.base - 1, 0))
        self._show_detail()

    @on(HistoryFailed)
    def _failed(self, event: HistoryFailed) -> None:
        self.query_one("#history-status", Static).update(event.message)
        self.notify(event.message, title="Could not read the history", severity="error")

    @on(DataTable.RowHighlighted, "#history-versions")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    @property
    def highlighted(self) -> int:
        row = self.query_one("#history-versions", DataTable).cursor_row
        return min(max(row, 0), len(self.versions) - 1)

    def _show_detail(self) -> None:
        if not self.versions:
            self.query_one("#history-status", Static).update("This session has no history.")
            return
        status = self.query_one("#history-status", Static)
        fields = self.query_one("#history-fields", Static)
        left = self.versions[self.highlighted]
        right = self.versions[self.base]
        if len(self.versions) == 1:
            status.update(
                "No earlier version is kept: the session was never edited, replaced or deleted."
            )
            fields.update(self._full_table(left))
        elif self.full or self.highlighted == self.base:
            status.update(f"Version {left.label} in full ({_when(left.written)})")
            fields.update(self._full_table(left))
        else:
            table, differing = self._side_by_side(left, right)
            what = "1 field differs" if differing == 1 else f"{differing} fields differ"
            status.update(f"{left.label} (left) against {right.label} (right): {what} (≠)")
            fields.update(table)

    def _full_table(self, version: Version) -> Table:
        from listening_tui.domain.session_fields import session_lines

        table = Table(expand=True, show_edge=False, box=None, padding=(0, 1))
        table.add_column("Field", width=20, style="bold", no_wrap=True, overflow="ellipsis")
        table.add_column(version.label, ratio=3)
        for line in session_lines(version.content, self.themes):
            table.add_row(line.label, line.value)
        return table

    def _side_by_side(self, left: Version, right: Version) -> tuple[Table, int]:
        from listening_tui.domain.session_fields import compare_versions

        colours = self.app.get_css_variables()
        marked = f"bold on {colours.get('warning-muted', colours.get('warning', 'yellow'))}"
        table = Table(expand=True, show_edge=False, box=None, padding=(0, 1))
        table.add_column("  Field", width=20, style="bold", no_wrap=True, overflow="ellipsis")
        table.add_column(f"{left.label} ({_when(left.written)})", ratio=3)
        table.add_column(f"{right.label} ({_when(right.written)})", ratio=3)
        lines = compare_versions(left.content, right.content, self.themes)
        differing = sum(line.differs for line in lines)
        for line in lines:
            if self.only_differences and not line.differs:
                continue
            if line.differs:
                table.add_row(
                    f"≠ {line.label}", line.left or "(none)", line.right or "(none)", style=marked
                )
            else:
                table.add_row(f"  {line.label}", line.left, line.right)
        return table, differing

    # ---- actions ----

    def action_compare_with(self) -> None:
        if self.versions:
            self.base = self.highlighted
            self.full = False
            self._show_detail()

    def action_toggle_full(self) -> None:
        self.full = not self.full
        self._show_detail()

    def action_toggle_differences(self) -> None:
        self.only_differences = not self.only_differences
        self.full = False
        self._show_detail()

    def action_back(self) -> None:
        self.app.pop_screen()
