"""The themes screen's filter bar: search text, kind, subgroup, leader and key-issue flag.

Like the sessions list's bar (session_filters.py) it only says what the
recorder asked for (``IssueFilters.Changed``); typing is debounced.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Select

from listening_tui.tui.widgets.session_filters import DEBOUNCE_SECONDS, KIND_CHOICES

KEY_CHOICES = [("Key: yes", "yes"), ("Key: no", "no"), ("Key: don't know", "dont_know")]


class IssueFilters(Horizontal):
    """A search box and four one-line choices; posts Changed with all five values."""

    class Changed(Message):
        """The recorder changed a filter (after a pause, for typing)."""

        def __init__(
            self,
            text: str,
            kind: str | None,
            subgroup: str | None,
            leader: str | None,
            key_issue: str | None,
        ) -> None:
            super().__init__()
            self.text = text
            self.kind = kind
            self.subgroup = subgroup
            self.leader = leader
            self.key_issue = key_issue

    class Done(Message):
        """Enter in the search box: back to the issues."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._typing: Timer | None = None

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

    def set_choices(self, subgroups: list[str], leaders: list[str]) -> None:
        """Offer these subgroups and leaders; a current choice stays, even if gone."""
        for select_id, names in (("#issue-subgroup", subgroups), ("#issue-leader", leaders)):
            select: Select[str] = self.query_one(select_id, Select)
            current = select.value
            if isinstance(current, str) and current not in names:
                names = [current, *names]
            with select.prevent(Select.Changed):
                select.set_options((name, name) for name in names)
                if isinstance(current, str):
                    select.value = current

    def _choice(self, select_id: str) -> str | None:
        value = self.query_one(select_id, Select).value
        return value if isinstance(value, str) else None

    def _post_changed(self) -> None:
        if self._typing is not None:
            self._typing.stop()
            self._typing = None
        self.post_message(
            self.Changed(
                self.query_one("#issue-search", Input).value,
                self._choice("#issue-kind"),
                self._choice("#issue-subgroup"),
                self._choice("#issue-leader"),
                self._choice("#issue-key"),
            )
        )

    @on(Input.Changed, "#issue-search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(DEBOUNCE_SECONDS, self._post_changed)

    @on(Input.Submitted, "#issue-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._post_changed()
        self.post_message(self.Done())

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        self._post_changed()
