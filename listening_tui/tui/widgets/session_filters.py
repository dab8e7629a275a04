"""The sessions list's filter bar: search text, kind, subgroup and leader.

It says what the listener asked for (``SessionFilters.Changed``) and leaves
the loading to the screen; typing is debounced (see filter_bar.py).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select

from listening_tui.tui.widgets.filter_bar import (
    DEBOUNCE_SECONDS,
    KIND_CHOICES,
    SearchFilters,
    offer_names,
)

__all__ = ["DEBOUNCE_SECONDS", "KIND_CHOICES", "SessionFilters", "offer_names"]


class SessionFilters(SearchFilters):
    """A search box and three choices; posts Changed with all four values."""

    KIND = "#kind-filter"
    SUBGROUP = "#subgroup-filter"
    LEADER = "#leader-filter"

    class Changed(SearchFilters.Changed):
        """The listener changed a filter (after a pause, for typing)."""

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
