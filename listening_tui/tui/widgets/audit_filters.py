"""The audit log's filter bar: one action and who did it.

Like the other filter bars (filter_bar.py) it only says what the listener
asked for (``AuditFilters.Changed``) and leaves the reading to the screen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Select

from listening_tui.domain.audit import ACTIONS
from listening_tui.tui.widgets.filter_bar import ChoiceFilters, offer_names


class AuditFilters(ChoiceFilters):
    """An action and an actor to choose; posts Changed with both."""

    class Changed(Message):
        """The listener chose an action or an actor (None: any)."""

        def __init__(self, action: str | None, actor: str | None) -> None:
            super().__init__()
            self.action = action
            self.actor = actor

    def compose(self) -> ComposeResult:
        yield Select(
            [(action, action) for action in ACTIONS], prompt="Any action", id="audit-action"
        )
        yield Select[str]([], prompt="Anyone", id="audit-actor")

    def changed(self) -> Changed:
        return self.Changed(self._choice("#audit-action"), self._choice("#audit-actor"))

    def offer_actors(self, actors: list[str]) -> None:
        """Offer these names to choose from; a current choice stays, even if gone."""
        offer_names(self.query_one("#audit-actor", Select), actors)
