"""Asks before a session is deleted, showing enough of it to be sure it is the right one."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from listening_tui.tui.widgets.session_table import KIND_LABELS

if TYPE_CHECKING:
    from listening_tui.domain.summaries import SessionSummary


class ConfirmDeleteModal(ModalScreen[bool]):
    """Dismisses with True to delete the session, False to keep it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "y",
            "answer(True)",
            "Delete",
            id="confirm_delete.yes",
            tooltip="Delete the session (u in the list brings it back)",
        ),
        Binding(
            "n,escape",
            "answer(False)",
            "Keep",
            id="confirm_delete.no",
            tooltip="Keep the session and go back to the list",
        ),
    ]

    def __init__(self, summary: SessionSummary) -> None:
        super().__init__()
        self.summary = summary
        """The session the listener asked to delete."""

    def compose(self) -> ComposeResult:
        summary = self.summary
        with Vertical(id="confirm-delete", classes="dialog"):
            yield Static("Delete this session?", classes="dialog-title")
            yield Static(
                f"{summary.held_on.isoformat()} · {KIND_LABELS[summary.kind]} · "
                f"led by {summary.leader}",
                id="confirm-delete-session",
            )
            yield Static(
                f"First issue: {summary.first_issue or '(none)'}", id="confirm-delete-issue"
            )
            yield Static("You can bring it back with u straight after.", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep (n)", variant="primary", id="keep")
                yield Button("Delete (y)", variant="error", id="delete")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "delete")

    def action_answer(self, delete: bool) -> None:
        self.dismiss(delete)
