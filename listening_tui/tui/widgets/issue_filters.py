"""The themes screen's filter bar: search text, kind, subgroup, leader and key-issue flag.

Like the sessions list's bar (session_filters.py) it only says what the
recorder asked for (``IssueFilters.Changed``); typing is debounced.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select

from listening_tui.tui.widgets.filter_bar import KIND_CHOICES, SearchFilters

KEY_CHOICES = [("Key: yes", "yes"), ("Key: no", "no"), ("Key: don't know", "dont_know")]


class IssueFilters(SearchFilters):
    """A search box and four one-line choices; posts Changed with all five values."""

    KIND = "#issue-kind"
    SUBGROUP = "#issue-subgroup"
    LEADER = "#issue-leader"

    class Changed(SearchFilters.Changed):
        """The recorder changed a filter (after a pause, for typing)."""

        def __init__(
            self,
            text: str,
            kind: str | None,
            subgroup: str | None,
            leader: str | None,
            key_issue: str | None,
        ) -> None:
            super().__init__(text, kind, subgroup, leader)
            self.key_issue = key_issue

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Search issues…",
            id="issue-search",
            compact=True,
            tooltip="Issues whose words contain this (case ignored)",
        )
        yield Select(KIND_CHOICES, prompt="Any kind", id="issue-kind", compact=True)
        yield Select[str]([], prompt="Any subgroup", id="issue-subgroup", compact=True)
        yield Select[str]([], prompt="Any leader", id="issue-leader", compact=True)
        yield Select(KEY_CHOICES, prompt="Key: any", id="issue-key", compact=True)

    def changed(self) -> Changed:
        return self.Changed(*self.values(), self._choice("#issue-key"))
