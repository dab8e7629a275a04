"""Forget a person: type the name, see everything it will change, then confirm.

The Forget button works only once a preview of exactly the name and choice
shown has been read, so nobody erases without having seen what goes.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.services.privacy import ForgetReport


class ForgetPersonModal(ModalScreen[bool]):
    """Dismisses True when a person was forgotten (the lists should be read again)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="forget.cancel", tooltip="Forget nobody"),
    ]

    def __init__(self, database: Database, campaign_id: uuid.UUID, campaign_name: str) -> None:
        super().__init__()
        self.database = database
        self.campaign_id = campaign_id
        self.campaign_name = campaign_name
        self.previewed: tuple[str, bool] | None = None
        """The name and quote choice the preview shown is for."""
        self.done = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog", id="forget-dialog"):
            yield Static(f"Forget a person in {self.campaign_name}", classes="dialog-title")
            yield Label("Their name, as it was written down")
            yield Input(id="forget-name", placeholder="Gary Whitlock")
            yield Checkbox("Also delete the quotes they gave", id="forget-quotes")
            with VerticalScroll(id="forget-preview-box"):
                yield Static(
                    "Preview first: nothing is changed until you press Forget.",
                    id="forget-preview",
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="forget-cancel")
                yield Button("Preview", variant="primary", id="forget-show")
                yield Button("Forget", variant="error", id="forget-apply", disabled=True)

    def on_mount(self) -> None:
        self.query_one("#forget-name", Input).focus()

    def _choice(self) -> tuple[str, bool]:
        name = " ".join(self.query_one("#forget-name", Input).value.split())
        return name, self.query_one("#forget-quotes", Checkbox).value

    @on(Input.Changed, "#forget-name")
    @on(Checkbox.Changed, "#forget-quotes")
    def _changed(self) -> None:
        """A changed name or choice needs a new preview before Forget works."""
        self.query_one("#forget-apply", Button).disabled = self._choice() != self.previewed

    @on(Input.Submitted, "#forget-name")
    @on(Button.Pressed, "#forget-show")
    def _preview(self) -> None:
        name, delete_quotes = self._choice()
        self.query_one("#forget-preview", Static).update("Looking everywhere...")
        self._run(name, delete_quotes, apply=False)

    @on(Button.Pressed, "#forget-apply")
    def _apply(self) -> None:
        name, delete_quotes = self._choice()
        if (name, delete_quotes) != self.previewed:
            return
        self.query_one("#forget-apply", Button).disabled = True
        self.query_one("#forget-preview", Static).update("Forgetting, and cleaning the file...")
        self._run(name, delete_quotes, apply=True)

    @on(Button.Pressed, "#forget-cancel")
    def action_cancel(self) -> None:
        self.dismiss(self.done)

    @work(thread=True, exclusive=True, group="forget")
    def _run(self, name: str, delete_quotes: bool, apply: bool) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.privacy import forget_person, preview_forget

        act = forget_person if apply else preview_forget
        try:
            report = act(self.database, name, self.campaign_id, delete_quotes)
        except ListeningError as exc:
            self.app.call_from_thread(self._failed, exc.message)
            return
        self.app.call_from_thread(self._shown, name, delete_quotes, report)

    def _failed(self, message: str) -> None:
        self.previewed = None
        self.query_one("#forget-preview", Static).update(message)
        self.query_one("#forget-apply", Button).disabled = True

    def _shown(self, name: str, delete_quotes: bool, report: ForgetReport) -> None:
        from listening_tui.services.privacy import describe_forget

        lines = describe_forget(report)
        if not report.applied:
            lines[0] = f"Press Forget to change, in {report.campaign_name}:"
        self.query_one("#forget-preview", Static).update("\n".join(lines))
        button = self.query_one("#forget-apply", Button)
        if report.applied:
            self.done = True
            self.previewed = None
            button.disabled = True
            self.query_one("#forget-cancel", Button).label = "Close"
            self.notify("Forgotten. The erasure is logged without the name.")
        else:
            self.previewed = (name, delete_quotes) if report.found else None
            button.disabled = self._choice() != self.previewed
