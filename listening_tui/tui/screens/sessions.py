"""The sessions of one campaign, most recent first."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.summaries import SessionSummary

KIND_LABELS = {"one_to_one": "1:1", "group": "Group"}
FIRST_ISSUE_WIDTH = 40


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class SessionsScreen(Screen[None]):
    """Lists a campaign's written-up sessions."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "app.pop_screen",
            "Back",
            id="sessions.back",
            tooltip="Back to the campaigns",
        ),
    ]

    class SessionsLoaded(Message):
        """The campaign's sessions were read."""

        def __init__(self, sessions: list[SessionSummary]) -> None:
            super().__init__()
            self.sessions = sessions

    def __init__(self, database: Database, campaign_id: UUID, campaign_name: str) -> None:
        super().__init__()
        self.database = database
        self.campaign_id = campaign_id
        self.campaign_name = campaign_name

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Sessions of {self.campaign_name}", classes="section-title")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.add_columns(
            "Held on", "Kind", "Leader", "Subgroup", "People", "Issues", "First issue"
        )
        table.loading = True
        self.load()

    @work(thread=True, exclusive=True, group="database")
    def load(self) -> None:
        """Read the sessions off the UI thread."""
        from listening_tui.services.sessions import list_sessions

        self.post_message(self.SessionsLoaded(list_sessions(self.database, self.campaign_id)))

    @on(SessionsLoaded)
    def show_sessions(self, event: SessionsLoaded) -> None:
        table = self.query_one("#sessions", DataTable)
        table.loading = False
        for session in event.sessions:
            table.add_row(
                session.held_on.isoformat(),
                KIND_LABELS[session.kind],
                session.leader,
                session.subgroup or "",
                str(session.participant_count),
                str(session.issue_count),
                shorten(session.first_issue or "", FIRST_ISSUE_WIDTH),
                key=str(session.id),
            )
        table.focus()
