"""What the filter bars share: choices (the audit log's), search and choices (the sessions
list's, the themes screen's).

A bar only says what the listener asked for (its ``Changed``) and leaves the
loading to the screen. Typing is debounced: the message goes out once the
listener pauses, so a word typed fast costs one query, not one a key.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Select

DEBOUNCE_SECONDS = 0.3
"""How long typing must pause before the list is searched again."""

KIND_CHOICES = [("One-to-one", "one_to_one"), ("Group", "group")]


def offer_names(select: Select[str], names: list[str]) -> None:
    """Offer these names in a choice; the current choice stays, even if gone. Posts nothing."""
    current = select.value
    if isinstance(current, str) and current not in names:
        names = [current, *names]
    with select.prevent(Select.Changed):
        select.set_options((name, name) for name in names)
        if isinstance(current, str):
            select.value = current


class ChoiceFilters(Horizontal):
    """Choices in a row; a choice made posts the bar's ``Changed`` at once.

    A bar composes its choices and says how their values make its message.
    """

    def changed(self) -> Message:
        """The bar's Changed message with the values shown now."""
        raise NotImplementedError

    def _choice(self, select_id: str) -> str | None:
        value = self.query_one(select_id, Select).value
        return value if isinstance(value, str) else None

    def _post_changed(self) -> None:
        self.post_message(self.changed())

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        self._post_changed()


class SearchFilters(ChoiceFilters):
    """A search box and choices, among them a kind, a subgroup and a leader.

    A bar composes its widgets, names the ids below and says how its values
    make its ``Changed`` message.
    """

    KIND: ClassVar[str]
    """The selector of the kind choice."""
    SUBGROUP: ClassVar[str]
    """The selector of the subgroup choice."""
    LEADER: ClassVar[str]
    """The selector of the leader choice."""

    class Changed(Message):
        """The listener changed a filter (after a pause, for typing)."""

        def __init__(
            self, text: str, kind: str | None, subgroup: str | None, leader: str | None
        ) -> None:
            super().__init__()
            self.text = text
            self.kind = kind
            """"one_to_one", "group", or None for both."""
            self.subgroup = subgroup
            self.leader = leader

    class Done(Message):
        """The listener pressed Enter in the search box: back to the list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._typing: Timer | None = None

    def set_choices(self, subgroups: list[str], leaders: list[str]) -> None:
        """Offer these subgroups and leaders; a current choice stays, even if gone."""
        offer_names(self.query_one(self.SUBGROUP, Select), subgroups)
        offer_names(self.query_one(self.LEADER, Select), leaders)

    @property
    def search_text(self) -> str:
        return self.query_one(Input).value

    def values(self) -> tuple[str, str | None, str | None, str | None]:
        """The search text, kind, subgroup and leader chosen now (None: any)."""
        kind, subgroup, leader = (self._choice(c) for c in (self.KIND, self.SUBGROUP, self.LEADER))
        return self.search_text, kind, subgroup, leader

    def changed(self) -> Changed:
        """The Changed message with the values shown now."""
        return self.Changed(*self.values())

    def _post_changed(self) -> None:
        if self._typing is not None:
            self._typing.stop()
            self._typing = None
        super()._post_changed()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(DEBOUNCE_SECONDS, self._post_changed)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._post_changed()
        self.post_message(self.Done())
