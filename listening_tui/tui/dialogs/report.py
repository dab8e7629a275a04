"""Asks where to write the campaign report, then writes it in a worker."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

if TYPE_CHECKING:
    from listening_tui.db.engine import Database


def suggested_path(campaign_name: str) -> Path:
    """``~/<campaign>-report.html``: a name a volunteer recognises, in their home folder."""
    slug = re.sub(r"[^\w]+", "-", campaign_name.casefold()).strip("-") or "campaign"
    return Path.home() / f"{slug[:60]}-report.html"


class ReportModal(ModalScreen[str | None]):
    """The file to write (.html or .md); dismisses with the path written, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="report.cancel", tooltip="Write nothing"),
    ]

    def __init__(self, database: Database, campaign_id: UUID, campaign_name: str) -> None:
        super().__init__()
        self.database = database
        self.campaign_id = campaign_id
        self.campaign_name = campaign_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="report-dialog"):
            yield Static(
                "Write the campaign report. It names nobody, holds no contact details and "
                "quotes only what people agreed decision makers may hear. End the name in "
                ".html (to print or e-mail) or .md (Markdown).",
                classes="dialog-text",
            )
            yield Input(str(suggested_path(self.campaign_name)), id="report-path")
            yield Static("", id="report-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Write", id="write", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#report-path", Input).focus()

    @on(Input.Submitted, "#report-path")
    @on(Button.Pressed, "#write")
    def write(self) -> None:
        path = self.query_one("#report-path", Input).value.strip()
        if not path:
            self._show_error("Give a file name ending in .html or .md")
            return
        self.query_one("#write", Button).disabled = True
        self.write_report(Path(path))

    @work(thread=True, exclusive=True, group="report")
    def write_report(self, out: Path) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.reports import write_report

        try:
            written = write_report(self.database, out, str(self.campaign_id))
        except ListeningError as exc:
            self.app.call_from_thread(self._show_error, exc.message)
            return
        self.app.call_from_thread(self._written, written.path)

    def _show_error(self, message: str) -> None:
        error = self.query_one("#report-error", Static)
        error.update(message)
        error.display = True
        self.query_one("#write", Button).disabled = False

    def _written(self, path: str) -> None:
        self.app.notify(f"The report was written to {path}.", title="Report written")
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
