"""The start screen: which database is open, its campaigns, and any unfinished drafts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from listening_tui.tui.commands import PaletteEntry

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.forms import Campaign, SessionKind
    from listening_tui.domain.summaries import CampaignSummary
    from listening_tui.services.drafts import Draft
    from listening_tui.tui.app import ListeningApp


class StartScreen(Screen[None]):
    """Opens the database in a worker, then lists campaigns and drafts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "o",
            "new_session('one_to_one')",
            "New 1:1",
            id="start.new_one_to_one",
            tooltip="Write up a one-to-one conversation in the highlighted campaign",
        ),
        Binding(
            "g",
            "new_session('group')",
            "New group",
            id="start.new_group",
            tooltip="Write up a group conversation in the highlighted campaign",
        ),
        Binding(
            "s",
            "open_sessions",
            "Sessions",
            id="start.sessions",
            tooltip="List the sessions of the highlighted campaign",
        ),
        Binding(
            "t",
            "open_themes",
            "Themes",
            id="start.themes",
            tooltip="Group the highlighted campaign's issues into themes",
        ),
        Binding(
            "k",
            "open_ranking",
            "Rank",
            id="start.ranked",
            tooltip="The highlighted campaign's issues, collated and ranked",
        ),
        Binding(
            "p",
            "prepare",
            "Guide",
            id="start.prepare",
            tooltip="The guide: the campaign's questions and how a session goes",
            show=False,
        ),
        Binding(
            "n",
            "open_conclusions",
            "Report",
            id="start.conclusions",
            tooltip="Write the key conclusions of the highlighted campaign, pick quotes, "
            "see who was heard and write the report",
        ),
        Binding(
            "m",
            "open_meetings",
            "Meetings",
            id="start.meetings",
            tooltip="The highlighted campaign's meetings: present priorities, run votes",
        ),
        Binding(
            "i",
            "import_bundles",
            "Import",
            id="start.import",
            tooltip="Import bundles (.json) exported on other laptops",
            show=False,
        ),
        Binding(
            "e",
            "export",
            "Export",
            id="start.export",
            tooltip="Export the highlighted campaign: bundle, anonymised bundle, CSV or contacts",
            show=False,
        ),
        Binding(
            "c",
            "new_campaign",
            "New campaign",
            id="start.new_campaign",
            tooltip="Start a new listening campaign",
            show=False,
        ),
        Binding(
            "a",
            "open_audit",
            "Audit log",
            id="start.audit",
            tooltip="Who created, edited, deleted, exported, imported, erased and voted, and when",
            show=False,
        ),
        Binding(
            "r",
            "refresh_data",
            "Refresh",
            id="start.refresh",
            tooltip="Read the campaigns again (after another laptop or program saved)",
            show=False,
        ),
    ]

    PALETTE: ClassVar[list[PaletteEntry]] = [
        (
            "session: New one-to-one",
            "new_session('one_to_one')",
            "Write up a one-to-one conversation in the highlighted campaign",
        ),
        (
            "session: New group session",
            "new_session('group')",
            "Write up a group conversation in the highlighted campaign",
        ),
        ("session: List sessions", "open_sessions", "The highlighted campaign's sessions"),
        ("theme: Open the themes", "open_themes", "Group the campaign's issues into themes"),
        ("ranking: Ranked issues", "open_ranking", "The campaign's issues, collated and ranked"),
        ("draft: Resume a draft", "resume_drafts", "Unfinished write-ups, kept as you left them"),
        (
            "conclusion: Write conclusions and the report",
            "open_conclusions",
            "Key conclusions, chosen quotes, who was heard, the campaign report",
        ),
        ("meeting: Meetings and votes", "open_meetings", "Present priorities and ratify them"),
        ("guide: Prepare for a session", "prepare", "The questions and how a session goes"),
        ("bundle: Import", "import_bundles", "Bundles from other laptops, each all or nothing"),
        (
            "campaign: Export",
            "export",
            "The highlighted campaign as a bundle, anonymised bundle, CSV folder or contact list",
        ),
        ("campaign: New campaign", "new_campaign", "Start a new listening campaign"),
        ("campaign: Refresh", "refresh_data", "Read campaigns and drafts again"),
        (
            "audit: Open the audit log",
            "open_audit",
            "Who created, edited, deleted, exported, imported, erased and voted, and when",
        ),
    ]

    class DataLoaded(Message):
        """The database is open; its campaigns and drafts were read."""

        def __init__(
            self,
            database: Database,
            campaigns: list[CampaignSummary],
            drafts: list[Draft],
            rescues: list[Path],
        ) -> None:
            super().__init__()
            self.database = database
            self.campaigns = campaigns
            self.drafts = drafts
            self.rescues = rescues
            """Forms kept in rescue files when the database could not take them."""

    class DatabaseFailed(Message):
        """The database could not be opened; ``message`` says why and what to do."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    class PassphraseWanted(Message):
        """The database is encrypted: ask for its passphrase (again, after a wrong one)."""

        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem
            """Why it is asked again, or "" the first time."""

    def __init__(self, db_target: str) -> None:
        super().__init__()
        self.db_target = db_target
        self.campaign_ids: list[UUID] = []
        self.draft_ids: list[UUID] = []
        self.offered_drafts = False
        """Drafts left from last time are offered once, when the app starts."""
        self._waiting_offer: tuple[list[Path], list[Draft]] | None = None
        """Rescues and drafts to offer once the user has said who they are."""

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
            yield Static("Unfinished drafts", classes="section-title", id="drafts-title")
            yield DataTable(id="drafts", cursor_type="row")
            yield Static("", id="start-hint")
            yield Static(
                "Also: i import bundles · e export · p the guide · c new campaign · "
                "a audit log · r read again · ctrl+p every command by name",
                id="start-keys",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        campaigns = self.query_one("#campaigns", DataTable)
        campaigns.add_columns("Campaign", "Sessions", "People", "Themes", "Organisation")
        campaigns.loading = True
        self.query_one("#drafts", DataTable).add_columns("Draft", "Last change", "Campaign")
        self._show_drafts([])
        # Draw the screen first: the worker's imports (SQLAlchemy, ~0.5 s) hold the GIL.
        self.call_after_refresh(self.refresh_data)
        self._ask_name()

    def _ask_name(self) -> None:
        """Who is using the app: LISTENING_TUI_USER, else asked (prefilled with last time's)."""
        from listening_tui.actor import UNKNOWN, from_environment, remember_name, remembered_name

        given = from_environment()
        if given:
            self.listening_app.set_actor(given)
            return
        from listening_tui.tui.dialogs.actor_name import ActorNameModal

        last = remembered_name()

        def named(name: str | None) -> None:
            if name:
                remember_name(name)
            self.listening_app.set_actor(name or last or UNKNOWN)
            if self._waiting_offer is not None:
                rescues, drafts = self._waiting_offer
                self._waiting_offer = None
                self._offer(rescues, drafts)

        self.app.push_screen(ActorNameModal(last), callback=named)

    def refresh_data(self) -> None:
        """Read the campaigns and drafts again."""
        self.load()

    def action_refresh_data(self) -> None:
        self.refresh_data()

    @work(thread=True, exclusive=True, group="database")
    def load(self, passphrase: str | None = None) -> None:
        """Open (and upgrade) the database and read campaigns and drafts, off the UI thread.

        An encrypted file asks for its passphrase first (PassphraseWanted), then
        comes back here with it; the passphrase is kept by the open engine only.
        """
        from listening_tui.errors import ListeningError, PassphraseNeeded, WrongPassphrase
        from listening_tui.services.campaigns import list_campaigns
        from listening_tui.services.database import open_database
        from listening_tui.services.drafts import list_drafts
        from listening_tui.services.rescue import pending_rescues

        database = self.listening_app.database
        try:
            if database is None:
                database = open_database(self.db_target, passphrase=passphrase)
            campaigns = list_campaigns(database)
            drafts = list_drafts(database)
        except PassphraseNeeded:
            self.post_message(self.PassphraseWanted(""))
            return
        except WrongPassphrase:
            self.post_message(
                self.PassphraseWanted("That passphrase does not open it: type it again.")
            )
            return
        except ListeningError as exc:
            self.post_message(self.DatabaseFailed(exc.message))
            return
        self.post_message(self.DataLoaded(database, campaigns, drafts, pending_rescues()))

    @on(DataLoaded)
    def show_data(self, event: DataLoaded) -> None:
        self.listening_app.database = event.database
        if self.listening_app.actor is not None:
            event.database.actor = self.listening_app.actor
        self.query_one("#database-line", Static).update(
            f"Open database: {event.database.description}"
        )
        table = self.query_one("#campaigns", DataTable)
        table.loading = False
        cursor = table.cursor_row
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
        if event.campaigns:
            table.move_cursor(row=min(cursor, len(event.campaigns) - 1))
        self._show_drafts(event.drafts)
        hint = self.query_one("#start-hint", Static)
        if event.campaigns:
            hint.update("")
            if self.focused is None:
                table.focus()
        else:
            hint.update(
                "This database holds no campaign yet: press c to start one, or try the "
                "sample with listening-tui sample --out sample.db, then --db sample.db"
            )
        if not self.offered_drafts:
            self.offered_drafts = True
            if self.listening_app.actor is None:
                self._waiting_offer = (event.rescues, event.drafts)
            else:
                self._offer(event.rescues, event.drafts)

    def _offer(self, rescues: list[Path], drafts: list[Draft]) -> None:
        """Offer the forms left in rescue files, else the drafts, once at the start."""
        if rescues:
            self.offer_rescues(rescues)
        elif drafts:
            self.offer_drafts(drafts)

    def offer_rescues(self, rescues: list[Path]) -> None:
        """Offer to bring back forms the database could not take last time."""
        from listening_tui.tui.dialogs.confirm import ConfirmModal

        count = "1 form was" if len(rescues) == 1 else f"{len(rescues)} forms were"
        question = (
            f"{count} kept in rescue files in {rescues[0].parent} when the database could "
            "not take them. Bring them back into this database now? (Saved sessions come "
            "back as sessions, unfinished ones as drafts; the files are then moved to "
            "'imported' in that folder.)"
        )

        def chosen(bring: bool | None) -> None:
            if bring:
                self.bring_back_rescues(rescues)

        self.app.push_screen(ConfirmModal(question, "Bring them back"), callback=chosen)

    @work(thread=True, exclusive=True, group="database")
    def bring_back_rescues(self, rescues: list[Path]) -> None:
        from listening_tui.services.rescue import bring_back

        database = self.listening_app.database
        assert database is not None
        for path in rescues:
            outcome = bring_back(database, path)
            self.app.call_from_thread(
                self.notify,
                outcome.outcome,
                title="Brought back" if outcome.done else "Left in the rescue folder",
                severity="information" if outcome.done else "error",
                timeout=15,
            )
        self.app.call_from_thread(self.refresh_data)

    def _show_drafts(self, drafts: list[Draft]) -> None:
        table = self.query_one("#drafts", DataTable)
        table.clear()
        self.draft_ids = [d.id for d in drafts]
        for draft in drafts:
            table.add_row(
                draft.headline,
                draft.updated_at.astimezone().strftime("%d %b %H:%M"),
                draft.campaign_name,
                key=str(draft.id),
            )
        table.display = bool(drafts)
        self.query_one("#drafts-title").display = bool(drafts)

    def offer_drafts(self, drafts: list[Draft]) -> None:
        """Offer to resume the drafts left when the app last stopped."""
        from listening_tui.tui.dialogs.drafts import ResumeDraftsModal

        def resume(draft_id: UUID | None) -> None:
            if draft_id is not None:
                self.listening_app.resume_draft(draft_id)

        self.app.push_screen(ResumeDraftsModal(drafts), callback=resume)

    def action_resume_drafts(self) -> None:
        self.load_drafts_to_offer()

    @work(thread=True, exclusive=True, group="database")
    def load_drafts_to_offer(self) -> None:
        from listening_tui.services.drafts import list_drafts

        database = self.listening_app.database
        if database is None:
            return
        found = list_drafts(database)
        if found:
            self.app.call_from_thread(self.offer_drafts, found)
        else:
            self.app.call_from_thread(self.notify, "There are no unfinished drafts.")

    @on(DatabaseFailed)
    def stop_on_failure(self, event: DatabaseFailed) -> None:
        self.listening_app.fail(event.message)

    @on(PassphraseWanted)
    def ask_passphrase(self, event: PassphraseWanted) -> None:
        """Ask for the encrypted database's passphrase; without one the app stops."""
        from listening_tui.tui.dialogs.passphrase import PassphraseModal

        self.query_one("#database-line", Static).update(f"{self.db_target} is encrypted")

        def given(passphrase: str | None) -> None:
            if passphrase:
                self.query_one("#database-line", Static).update(f"Opening {self.db_target} …")
                self.load(passphrase)
            else:
                self.listening_app.fail(
                    f"{self.db_target} is an encrypted database and no passphrase was given, "
                    "so it was not opened"
                )

        modal = PassphraseModal(
            "This database is encrypted",
            f"{self.db_target} opens only with its passphrase. It is not stored anywhere: "
            "you type it each time the app starts.",
            problem=event.problem,
        )
        self.app.push_screen(modal, callback=given)

    # ---- actions ----

    def _highlighted_campaign(self) -> UUID | None:
        if not self.campaign_ids or self.listening_app.database is None:
            if self.listening_app.database is not None:
                self.notify("Start a campaign first (press c).", severity="warning")
            return None
        row = self.query_one("#campaigns", DataTable).cursor_row
        return self.campaign_ids[min(max(row, 0), len(self.campaign_ids) - 1)]

    def action_new_session(self, kind: SessionKind) -> None:
        campaign_id = self._highlighted_campaign()
        if campaign_id is not None:
            self.listening_app.new_session(campaign_id, kind)

    def action_open_sessions(self) -> None:
        from listening_tui.tui.screens.sessions import SessionsScreen

        self._open_for_campaign(lambda db, cid, name: SessionsScreen(db, cid, name))

    def action_open_conclusions(self) -> None:
        from listening_tui.tui.screens.conclusions import ConclusionsScreen

        self._open_for_campaign(lambda db, cid, name: ConclusionsScreen(db, cid, name))

    def action_open_themes(self) -> None:
        from listening_tui.tui.screens.themes import ThemesScreen

        self._open_for_campaign(
            lambda db, cid, name: ThemesScreen(db, cid, name), refresh_after=True
        )

    def _open_for_campaign(
        self,
        make: Callable[[Database, UUID, str], Screen[Any]],
        *,
        refresh_after: bool = False,
    ) -> None:
        """Open a screen about the highlighted campaign (and read the counts again after it)."""
        campaign_id = self._highlighted_campaign()
        database = self.listening_app.database
        if campaign_id is None or database is None:
            return
        table = self.query_one("#campaigns", DataTable)
        name = str(table.get_row_at(self.campaign_ids.index(campaign_id))[0])
        screen = make(database, campaign_id, name)
        if refresh_after:
            self.app.push_screen(screen, lambda _: self.refresh_data())
        else:
            self.app.push_screen(screen)

    def action_import_bundles(self) -> None:
        from listening_tui.tui.screens.imports import ImportScreen

        database = self.listening_app.database
        if database is not None:
            self.app.push_screen(ImportScreen(database))

    def action_export(self) -> None:
        from listening_tui.tui.screens.exports import ExportScreen

        self._open_for_campaign(lambda db, cid, name: ExportScreen(db, cid, name))

    def action_open_ranking(self) -> None:
        from listening_tui.tui.screens.ranked import RankedScreen

        self._open_for_campaign(lambda db, cid, name: RankedScreen(db, cid, name))

    def action_open_meetings(self) -> None:
        from listening_tui.tui.screens.meetings import MeetingsScreen

        self._open_for_campaign(lambda db, cid, name: MeetingsScreen(db, cid, name))

    def action_open_audit(self) -> None:
        from listening_tui.tui.screens.audit import AuditScreen

        database = self.listening_app.database
        if database is None:
            return
        if self.campaign_ids:
            self._open_for_campaign(lambda db, cid, name: AuditScreen(db, cid, name))
        else:
            self.app.push_screen(AuditScreen(database, None, "every campaign"))

    def action_prepare(self) -> None:
        campaign_id = self._highlighted_campaign()
        if campaign_id is not None:
            self.open_guide(campaign_id)

    @work(thread=True, exclusive=True, group="database")
    def open_guide(self, campaign_id: UUID) -> None:
        from listening_tui.services.campaigns import get_campaign

        database = self.listening_app.database
        assert database is not None
        campaign = get_campaign(database, campaign_id)
        self.app.call_from_thread(self._push_guide, campaign)

    def _push_guide(self, campaign: Campaign) -> None:
        from listening_tui.tui.screens.guide import GuideScreen

        self.app.push_screen(GuideScreen(campaign))

    def action_new_campaign(self) -> None:
        from listening_tui.tui.dialogs.campaign import NewCampaignModal

        database = self.listening_app.database
        if database is None:
            return

        def created(campaign_id: UUID | None) -> None:
            if campaign_id is not None:
                self.refresh_data()

        self.app.push_screen(NewCampaignModal(database), callback=created)

    @on(DataTable.RowSelected, "#campaigns")
    def open_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_sessions()

    @on(DataTable.RowSelected, "#drafts")
    def resume_selected(self, event: DataTable.RowSelected) -> None:
        if self.draft_ids:
            self.listening_app.resume_draft(self.draft_ids[event.cursor_row])
