"""The Textual app: routes between screens; screens own their handlers.

The first screen appears before the database layer is imported: the
database is opened, migrated and read in a thread worker (SQLAlchemy's ORM
alone takes about half a second to import).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from listening_tui.tui.screens.start import StartScreen

if TYPE_CHECKING:
    from listening_tui.db.engine import Database


class ListeningApp(App[None]):
    """listening-tui: record listening sessions, collate them, ratify priorities."""

    CSS_PATH = "app.tcss"
    TITLE = "listening-tui"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="app.quit",
            tooltip="Leave the app (everything saved stays saved)",
            priority=True,
        ),
    ]

    def __init__(self, db_target: str) -> None:
        super().__init__()
        self.db_target = db_target
        """The --db target the user asked for, shown until the database is open."""
        self.database: Database | None = None
        """The open database, once the start screen's worker has opened it."""
        self.error_message: str | None = None
        """Why the app stopped early (printed by the CLI on standard error)."""

    def on_mount(self) -> None:
        self.push_screen(StartScreen(self.db_target))

    def fail(self, message: str) -> None:
        """Stop the app because the database can't be used; the CLI exits with status 2."""
        self.error_message = message
        self.exit(return_code=2)

    def on_unmount(self) -> None:
        if self.database is not None:
            self.database.close()
