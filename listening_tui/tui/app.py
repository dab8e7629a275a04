"""The Textual app: routes between screens; screens own their handlers.

The first screen appears before the database layer is imported: the
database is opened, migrated and read in a thread worker (SQLAlchemy's ORM
alone takes about half a second to import). Opening a form gathers what it
needs (the campaign, the last leader, a draft) in a worker, then shows it.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message

from listening_tui.tui.commands import ScreenCommands
from listening_tui.tui.screens.start import StartScreen

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.drafts import DraftContent
    from listening_tui.domain.forms import Campaign, SessionKind
    from listening_tui.tui.screens.sessions import SessionsScreen


class ListeningApp(App[None]):
    """listening-tui: record listening sessions, collate them, ratify priorities."""

    CSS_PATH = "app.tcss"
    TITLE = "listening-tui"
    COMMANDS = App.COMMANDS | {ScreenCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="app.quit",
            tooltip="Leave the app; an open form is kept as a draft first",
            priority=True,
        ),
    ]

    class OpenForm(Message):
        """Everything a form needs was read: show it."""

        def __init__(
            self,
            campaign: Campaign,
            content: DraftContent,
            draft_id: uuid.UUID | None,
            base_version: int | None,
        ) -> None:
            super().__init__()
            self.campaign = campaign
            self.content = content
            self.draft_id = draft_id
            self.base_version = base_version

    class RouteFailed(Message):
        """A screen could not be opened; ``message`` says why."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, db_target: str) -> None:
        super().__init__()
        self.db_target = db_target
        """The --db target the user asked for, shown until the database is open."""
        self.database: Database | None = None
        """The open database, once the start screen's worker has opened it."""
        self.error_message: str | None = None
        """Why the app stopped early (printed by the CLI on standard error)."""
        self.notes_on_exit: list[str] = []
        """What the user must know after the screen is gone (where a rescue file went)."""
        self.actor: str | None = None
        """Who is using the app (asked once at the start), named in the audit log."""

    def set_actor(self, name: str) -> None:
        """Name the user: every action from now on is logged under ``name``."""
        self.actor = name
        if self.database is not None:
            self.database.actor = name

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, and ours: every stylesheet file can use them."""
        variables = super().get_css_variables()
        return {
            "section-fg": variables["accent"],
            "error-fg": variables["error"],
            "hint-fg": variables["text-muted"],
            **variables,
        }

    def on_mount(self) -> None:
        self.push_screen(StartScreen(self.db_target))

    def fail(self, message: str) -> None:
        """Stop the app because the database can't be used; the CLI exits with status 2."""
        self.error_message = message
        self.exit(return_code=2)

    async def action_quit(self) -> None:
        """Keep every open form as a draft and save typed conclusions, then leave."""
        from listening_tui.errors import ListeningError, Rescued
        from listening_tui.tui.screens.conclusions import ConclusionsScreen
        from listening_tui.tui.screens.form import SessionFormScreen

        for screen in self.screen_stack:
            if isinstance(screen, ConclusionsScreen):
                try:
                    screen.save_now()
                except ListeningError as exc:
                    self.notify(
                        f"Your conclusion could not be saved ({exc.message}); not quitting.",
                        severity="error",
                        timeout=15,
                    )
                    return
            if isinstance(screen, SessionFormScreen):
                try:
                    screen.write_draft_now()
                except Rescued:
                    pass  # noted below: the form is in a rescue file, so leaving is safe
                except ListeningError as exc:
                    self.notify(
                        f"Your draft could not be stored ({exc.message}); not quitting.",
                        severity="error",
                        timeout=15,
                    )
                    return
        for screen in self.screen_stack:
            if isinstance(screen, SessionFormScreen) and screen.rescued is not None:
                self.notes_on_exit.append(
                    "The database could not take a form, so it is in the rescue file "
                    f"{screen.rescued[1]}; listening-tui offers to bring it back when it next "
                    "starts (or: listening-tui import FILE, if it holds a whole session)"
                )
        self.exit()

    def on_unmount(self) -> None:
        if self.database is not None:
            self.database.close()

    # ---- routes to the form ----

    @work(thread=True, exclusive=True, group="route")
    def new_session(self, campaign_id: uuid.UUID, kind: SessionKind) -> None:
        """Open an empty form: today's date, the campaign's community, the last leader."""
        from listening_tui.domain.drafts import DraftContent, DraftIssue
        from listening_tui.services.campaigns import get_campaign
        from listening_tui.services.sessions import last_leader

        database = self._open_database()
        campaign = get_campaign(database, campaign_id)
        content = DraftContent(
            kind=kind,
            leader=last_leader(database, campaign_id) or "",
            held_on=date.today().isoformat(),
            community=campaign.organisation or campaign.name,
            participant_count="" if kind == "group" else "1",
            issues=[DraftIssue()],
        )
        self.post_message(self.OpenForm(campaign, content, None, None))

    @work(thread=True, exclusive=True, group="route")
    def resume_draft(self, draft_id: uuid.UUID) -> None:
        """Open a draft exactly as it was left."""
        from listening_tui.errors import ListeningError
        from listening_tui.services.campaigns import get_campaign
        from listening_tui.services.drafts import get_draft

        database = self._open_database()
        try:
            draft = get_draft(database, draft_id)
            campaign = get_campaign(database, draft.campaign_id)
        except ListeningError as exc:
            self.post_message(self.RouteFailed(exc.message))
            return
        self.post_message(self.OpenForm(campaign, draft.content, draft.id, draft.base_version))

    @work(thread=True, exclusive=True, group="route")
    def edit_session(self, session_id: uuid.UUID) -> None:
        """Open a saved session for editing (or its unfinished draft, if there is one)."""
        from listening_tui.domain.drafts import from_session_form
        from listening_tui.errors import ListeningError
        from listening_tui.services.campaigns import get_campaign
        from listening_tui.services.drafts import draft_for_session
        from listening_tui.services.sessions import get_session

        database = self._open_database()
        try:
            draft = draft_for_session(database, session_id)
            if draft is not None:
                campaign = get_campaign(database, draft.campaign_id)
                self.post_message(
                    self.OpenForm(campaign, draft.content, draft.id, draft.base_version)
                )
                return
            saved = get_session(database, session_id)
            campaign = get_campaign(database, saved.campaign_id)
        except ListeningError as exc:
            self.post_message(self.RouteFailed(exc.message))
            return
        content = from_session_form(saved.session)
        self.post_message(self.OpenForm(campaign, content, None, saved.version))

    def on_sessions_screen_edit_session(self, event: SessionsScreen.EditSession) -> None:
        """Enter on the sessions list (named, not decorated: the list loads only when opened)."""
        self.edit_session(event.session_id)

    def _open_database(self) -> Database:
        assert self.database is not None, "the start screen opens the database first"
        return self.database

    @on(OpenForm)
    def open_form(self, event: OpenForm) -> None:
        from listening_tui.tui.screens.form import SessionFormScreen

        screen = SessionFormScreen(
            self._open_database(),
            event.campaign,
            event.content,
            draft_id=event.draft_id,
            base_version=event.base_version,
        )
        self.push_screen(screen, callback=self._form_closed)

    def _form_closed(self, _result: None) -> None:
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_data", None)
            if callable(refresh):
                refresh()

    @on(RouteFailed)
    def route_failed(self, event: RouteFailed) -> None:
        self.notify(event.message, severity="error", timeout=10)
