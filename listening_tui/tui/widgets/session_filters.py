"""The sessions list's filter bar: search text, kind, subgroup and leader.

It says what the listener asked for (``SessionFilters.Changed``) and leaves
the loading to the screen. Typing is debounced: the message goes out once
the listener pauses, so a word typed fast costs one query, not one a key.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
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


class SessionFilters(Horizontal):
    """A search box and three choices; posts Changed with all four values."""

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

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Search names, places, issues…",
            id="session-search",
            tooltip="Sessions whose leader, recorder, community, subgroup, people or issues "
            "contain these words (case ignored)",
        )
        yield Select(KIND_CHOICES, prompt="Any kind", id="kind-filter")
        yield Select[str]([], prompt="Any subgroup", id="subgroup-filter")
        yield Select[str]([], prompt="Any leader", id="leader-filter")

    def set_compact(self, compact: bool) -> None:
        """One line without borders (small terminals), or bordered boxes."""
        self.set_class(compact, "-compact")
        self.query_one(Input).compact = compact
        for select in self.query(Select):
            select.compact = compact

    def set_choices(self, subgroups: list[str], leaders: list[str]) -> None:
        """Offer these subgroups and leaders; a current choice stays, even if gone."""
        offer_names(self.query_one("#subgroup-filter", Select), subgroups)
        offer_names(self.query_one("#leader-filter", Select), leaders)

    @property
    def search_text(self) -> str:
        return self.query_one(Input).value

    def _choice(self, select_id: str) -> str | None:
        value = self.query_one(select_id, Select).value
        return value if isinstance(value, str) else None

    def _post_changed(self) -> None:
        if self._typing is not None:
            self._typing.stop()
            self._typing = None
        self.post_message(
            self.Changed(
                self.search_text,
                self._choice("#kind-filter"),
                self._choice("#subgroup-filter"),
                self._choice("#leader-filter"),
            )
        )

    @on(Input.Changed, "#session-search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(DEBOUNCE_SECONDS, self._post_changed)

    @on(Input.Submitted, "#session-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._post_changed()
        self.post_message(self.Done())

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        self._post_changed()
