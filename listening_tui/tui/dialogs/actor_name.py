"""Asks who is using the app, once when it starts: the name the audit log gives their actions."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class ActorNameModal(ModalScreen[str | None]):
    """Dismisses with the name typed, or None when the user does not give one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            "Skip",
            id="actor_name.cancel",
            tooltip="Go on without a name: your changes are logged as the name shown, or unknown",
        ),
    ]

    def __init__(self, prefill: str = "") -> None:
        super().__init__()
        self.prefill = prefill
        """The name given last time (or "")."""

    def compose(self) -> ComposeResult:
        with Vertical(id="actor-name-dialog", classes="dialog"):
            yield Static("Who is using listening-tui?", classes="dialog-title")
            yield Static(
                "Your name goes beside what you create, change, delete, export, import, "
                "erase or vote, in the campaign's audit log. It is kept on this computer "
                "for next time (set LISTENING_TUI_USER to skip this question).",
                classes="dialog-text",
            )
            yield Input(self.prefill, placeholder="Your name", id="actor-name", max_length=200)
            yield Static("", id="actor-name-problem", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Skip", id="actor-name-cancel")
                yield Button("Go on", id="actor-name-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#actor-name-problem").display = False
        self.query_one("#actor-name", Input).focus()

    @on(Input.Submitted, "#actor-name")
    @on(Button.Pressed, "#actor-name-ok")
    def submit(self) -> None:
        typed = " ".join(self.query_one("#actor-name", Input).value.split())
        if not typed:
            problem = self.query_one("#actor-name-problem", Static)
            problem.update("Type your name, or press Escape to go on without one.")
            problem.display = True
            return
        self.dismiss(typed)

    @on(Button.Pressed, "#actor-name-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
