"""Asks where to write the audit log as CSV, then writes it in a worker."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.audit import AuditQuery


def suggested_path(scope_name: str, today: date) -> Path:
    """``~/<campaign>-audit-<date>.csv`` in the user's home folder."""
    slug = re.sub(r"[^\w]+", "-", scope_name.casefold()).strip("-") or "campaigns"
    return Path.home() / f"{slug[:60]}-audit-{today.isoformat()}.csv"


class AuditExportModal(ModalScreen[str | None]):
    """The CSV file to write; dismisses with the path written, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="audit_export.cancel", tooltip="Write nothing"),
    ]

    def __init__(self, database: Database, query: AuditQuery, scope_name: str) -> None:
        super().__init__()
        self.database = database
        self.audit_query = query
        self.scope_name = scope_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="audit-export-dialog"):
            yield Static(
                "Write the entries shown (with the filters chosen), newest first, to a new "
                "CSV file readable by you only.",
                classes="dialog-text",
            )
            yield Input(str(suggested_path(self.scope_name, date.today())), id="audit-export-path")
            yield Static("", id="audit-export-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Write", id="write", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#audit-export-error").display = False
        self.query_one("#audit-export-path", Input).focus()

    @on(Input.Submitted, "#audit-export-path")
    @on(Button.Pressed, "#write")
    def write(self) -> None:
        path = self.query_one("#audit-export-path", Input).value.strip()
        if not path:
            self._show_error("Give a file name ending in .csv")
            return
        self.query_one("#write", Button).disabled = True
        self.write_csv(Path(path))

    @work(thread=True, exclusive=True, group="audit-export")
    def write_csv(self, out: Path) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.audit import export_audit

        try:
            rows = export_audit(self.database, out, self.audit_query)
        except ListeningError as exc:
            self.app.call_from_thread(self._show_error, exc.message)
            return
        self.app.call_from_thread(self._written, str(out.expanduser().absolute()), rows)

    def _show_error(self, message: str) -> None:
        error = self.query_one("#audit-export-error", Static)
        error.update(message)
        error.display = True
        self.query_one("#write", Button).disabled = False

    def _written(self, path: str, rows: int) -> None:
        entries = "1 entry" if rows == 1 else f"{rows} entries"
        self.app.notify(f"{entries} written to {path}.", title="Audit log exported")
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
