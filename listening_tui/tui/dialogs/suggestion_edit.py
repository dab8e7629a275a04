"""Edit a suggested theme before accepting it: its name, and which issues go in."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, SelectionList, Static

EditResult = tuple[str, list[UUID]]
"""The theme's name and the issues still ticked."""


class EditSuggestionModal(ModalScreen[EditResult | None]):
    """A name box and the issues with ticks; ctrl+s keeps the edit, Esc forgets it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s", "keep", "Keep", id="suggestion_edit.keep", tooltip="Keep the name and ticks"
        ),
        Binding(
            "escape", "cancel", "Cancel", id="suggestion_edit.cancel", tooltip="Change nothing"
        ),
    ]

    def __init__(self, name: str, issues: list[tuple[UUID, str]], ticked: set[UUID]) -> None:
        super().__init__()
        self.theme_name = name
        self.issues = issues
        self.ticked = ticked

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="edit-suggestion"):
            yield Static("Edit the suggestion", classes="dialog-title")
            yield Input(self.theme_name, id="suggestion-name", tooltip="The theme's name")
            yield SelectionList[str](
                *(
                    (text.replace("\n", " "), str(issue_id), issue_id in self.ticked)
                    for issue_id, text in self.issues
                ),
                id="suggestion-ticks",
            )
            yield Static("", classes="field-error", id="suggestion-error")
            yield Static(
                "Space ticks or unticks · Tab moves · ctrl+s keeps · Esc cancels",
                classes="field-hint",
            )

    @on(Input.Submitted, "#suggestion-name")
    def _name_entered(self) -> None:
        self.query_one("#suggestion-ticks").focus()

    def action_keep(self) -> None:
        name = " ".join(self.query_one("#suggestion-name", Input).value.split())
        selected = set(self.query_one("#suggestion-ticks", SelectionList).selected)
        error = self.query_one("#suggestion-error", Static)
        if not name:
            error.update("Give the theme a name.")
            error.display = True
            return
        if not selected:
            error.update("Tick at least one issue (or reject the suggestion instead).")
            error.display = True
            return
        issue_ids = [issue_id for issue_id, _ in self.issues if str(issue_id) in selected]
        self.dismiss((name, issue_ids))

    def action_cancel(self) -> None:
        self.dismiss(None)
