"""Asks for a passphrase: to open an encrypted database or sealed bundle, or to seal one.

The typed passphrase is hidden, handed to the caller by ``dismiss`` and
kept nowhere else. To seal (``new=True``) it is typed twice and must be
long enough; a mismatch is said in the dialog, which stays open.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

MIN_NEW = 8
"""The same minimum as db.encryption.MIN_PASSPHRASE (not imported: it loads the driver)."""


class PassphraseModal(ModalScreen[str | None]):
    """Dismisses with the passphrase typed, or None when the user cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="passphrase.cancel",
            tooltip="Don't give a passphrase (nothing is opened or written)",
        ),
    ]

    def __init__(
        self, title: str, explanation: str, *, new: bool = False, problem: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title
        self.explanation = explanation
        self.new = new
        """Whether this is a new passphrase (typed twice) rather than one that exists."""
        self.problem = problem
        """Shown in red at once: why it is asked again (a wrong passphrase)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="passphrase-dialog", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.explanation, classes="dialog-text")
            yield Input(password=True, placeholder="Passphrase", id="passphrase")
            if self.new:
                yield Input(password=True, placeholder="The same again", id="passphrase-again")
            yield Static(self.problem, id="passphrase-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="passphrase-cancel")
                yield Button("Seal" if self.new else "Open", id="passphrase-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#passphrase-problem").display = bool(self.problem)
        self.query_one("#passphrase", Input).focus()

    def _say(self, problem: str) -> None:
        shown = self.query_one("#passphrase-problem", Static)
        shown.update(problem)
        shown.display = True

    @on(Input.Submitted, "#passphrase")
    def _first_submitted(self) -> None:
        if self.new:
            self.query_one("#passphrase-again", Input).focus()
        else:
            self.submit()

    @on(Input.Submitted, "#passphrase-again")
    @on(Button.Pressed, "#passphrase-ok")
    def submit(self) -> None:
        typed = self.query_one("#passphrase", Input).value
        if not typed:
            self._say("Type the passphrase first.")
            return
        if self.new:
            if len(typed) < MIN_NEW:
                self._say(
                    f"Too short: use at least {MIN_NEW} characters (a few words you can remember)."
                )
                return
            if self.query_one("#passphrase-again", Input).value != typed:
                self._say("The two passphrases differ: type them again.")
                self.query_one("#passphrase-again", Input).value = ""
                self.query_one("#passphrase-again", Input).focus()
                return
        self.dismiss(typed)

    @on(Button.Pressed, "#passphrase-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
