"""The start screen: which database is open and the campaigns in it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.summaries import CampaignSummary
    from listening_tui.tui.app import ListeningApp


class StartScreen(Screen[None]):
    """Opens the database in a worker, then lists its campaigns with their counts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "open_campaign",
            "Sessions",
            id="start.open_campaign",
            tooltip="List the sessions of the highlighted campaign",
            show=False,
        ),
        Binding(
            "r",
            "refresh",
            "Refresh",
            id="start.refresh",
            tooltip="Read the campaigns again (after another laptop or program saved)",
        ),
    ]

    class DatabaseReady(Message):
        """The database is open and its campaigns were read."""

        def __init__(self, database: Database, campaigns: list[CampaignSummary]) -> None:
            super().__init__()
            self.database = database
            self.campaigns = campaigns

    class DatabaseFailed(Message):
        """The database could not be opened; ``message`` says why and what to do."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, db_target: str) -> None:
        super().__init__()
        self.db_target = db_target
        self.campaign_ids: list[UUID] = []

    @property
    def listening_app(self) -> ListeningApp:
        from listening_tui.tui.app import ListeningApp

        assert isinstance(self.app, ListeningApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start-body"):
            yield Static(f"Opening {self.db_target} …", id="database-line")
            yield Static("Campaigns", classes="section-title")
            yield DataTable(id="campaigns", cursor_type="row", zebra_stripes=True)
            yield Static("", id="start-hint")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#campaigns", DataTable)
        table.add_columns("Campaign", "Sessions", "People", "Themes", "Organisation")
        table.loading = True
        self.load()

    @work(thread=True, exclusive=True, group="database")
    def load(self) -> None:
        """Open (and upgrade) the database and read the campaign list, off the UI thread."""
        from listening_tui.errors import ListeningError
        from listening_tui.services.campaigns import list_campaigns
        from listening_tui.services.database import open_database

        database = self.listening_app.database
        try:
            if database is None:
                database = open_database(self.db_target)
            campaigns = list_campaigns(database)
        except ListeningError as exc:
            self.post_message(self.DatabaseFailed(exc.message))
            return
        self.post_message(self.DatabaseReady(database, campaigns))

    @on(DatabaseReady)
    def show_campaigns(self, event: DatabaseReady) -> None:
        self.listening_app.database = event.database
        self.query_one("#database-line", Static).update(
            f"Open database: {event.database.description}"
        )
        table = self.query_one("#campaigns", DataTable)
        table.loading = False
        table.clear()
        self.campaign_ids = [c.id for c in event.campaigns]
        for campaign in event.campaigns:
            table.add_row(
                campaign.name,
                str(campaign.session_count),
                str(campaign.people_heard),
                str(campaign.theme_count),
                campaign.organisation or "",
                key=str(campaign.id),
            )
        hint = self.query_one("#start-hint", Static)
        if event.campaigns:
            hint.update("Enter: the campaign's sessions   r: refresh   Ctrl+Q: quit")
            table.focus()
        else:
            hint.update(
                "This database holds no campaign yet. Try the sample: "
                "listening-tui sample --out sample.db, then listening-tui --db sample.db"
            )

    @on(DatabaseFailed)
    def stop_on_failure(self, event: DatabaseFailed) -> None:
        self.listening_app.fail(event.message)

    def action_refresh(self) -> None:
        self.query_one("#campaigns", DataTable).loading = True
        self.load()

    @on(DataTable.RowSelected, "#campaigns")
    def open_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_campaign()

    def action_open_campaign(self) -> None:
        from listening_tui.tui.screens.sessions import SessionsScreen

        table = self.query_one("#campaigns", DataTable)
        database = self.listening_app.database
        if database is None or not self.campaign_ids:
            return
        row = table.cursor_row
        campaign_id = self.campaign_ids[row]
        name = str(table.get_row_at(row)[0])
        self.app.push_screen(SessionsScreen(database, campaign_id, name))
