"""The ranking's filter bar: session kind, subgroup, leader, and the days held (from, to).

It posts ``RankingFilters.Changed`` with every value once they are all
valid, and leaves the ranking to the screen. A day is checked when it is
complete (ten characters), when Enter is pressed or when the box is left; a
day that is not a date, or a first day after the last, is named in a line
under the bar and nothing is ranked until it is put right.
"""

from __future__ import annotations

import re
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Select, Static

from listening_tui.errors import InvalidInput
from listening_tui.tui.widgets.filter_bar import KIND_CHOICES, offer_names

DAY_LENGTH = len("2026-11-03")
DAY_BOXES = {"#rank-from": "From", "#rank-to": "To"}
PLACEHOLDERS = {
    False: {"#rank-from": "From YYYY-MM-DD", "#rank-to": "To YYYY-MM-DD"},
    True: {"#rank-from": "From y-m-d", "#rank-to": "To y-m-d"},
}
"""What an empty day box says, in full or in a narrow (compact) bar."""


def parse_day(label: str, text: str) -> date | None:
    """The day typed as YYYY-MM-DD; None when the box is empty; else InvalidInput."""
    given = text.strip()
    if not given:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", given):
            raise ValueError
        return date.fromisoformat(given)
    except ValueError:
        raise InvalidInput(
            f"{label} '{given}' is not a date: write it as YYYY-MM-DD, like 2026-11-03"
        ) from None


def check_days(date_from: str, date_to: str) -> tuple[date | None, date | None]:
    """Both days, checked one by one, then the first against the last (InvalidInput)."""
    first = parse_day("From", date_from)
    last = parse_day("To", date_to)
    if first and last and first > last:
        raise InvalidInput(
            f"From {first.isoformat()} is after To {last.isoformat()}: give the earlier day first"
        )
    return first, last


class RankingFilters(Vertical):
    """Three choices and two days in one bar, and a line for a day that is wrong."""

    class Changed(Message):
        """The recorder changed a filter; every value is valid."""

        def __init__(
            self,
            kind: str | None,
            subgroup: str | None,
            leader: str | None,
            date_from: date | None,
            date_to: date | None,
        ) -> None:
            super().__init__()
            self.kind = kind
            """"one_to_one", "group", or None for both."""
            self.subgroup = subgroup
            self.leader = leader
            self.date_from = date_from
            """First day held, included; None for no limit."""
            self.date_to = date_to
            """Last day held, included; None for no limit."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="rank-filter-bar"):
            yield Select(KIND_CHOICES, prompt="Any kind", id="rank-kind")
            yield Select[str]([], prompt="Any subgroup", id="rank-subgroup")
            yield Select[str]([], prompt="Any leader", id="rank-leader")
            yield Input(
                placeholder="From YYYY-MM-DD",
                max_length=DAY_LENGTH,
                id="rank-from",
                tooltip="Only sessions held on or after this day (leave empty for no limit)",
            )
            yield Input(
                placeholder="To YYYY-MM-DD",
                max_length=DAY_LENGTH,
                id="rank-to",
                tooltip="Only sessions held on or before this day (leave empty for no limit)",
            )
        yield Static("", id="rank-filter-error")

    def set_compact(self, compact: bool) -> None:
        """One line without borders (small terminals), or bordered boxes."""
        self.set_class(compact, "-compact")
        for select in self.query(Select):
            select.compact = compact
        for box_id, placeholder in PLACEHOLDERS[compact].items():
            box = self.query_one(box_id, Input)
            box.compact = compact
            box.placeholder = placeholder

    def set_choices(self, subgroups: list[str], leaders: list[str]) -> None:
        """Offer these subgroups and leaders; a current choice stays, even if gone."""
        offer_names(self.query_one("#rank-subgroup", Select), subgroups)
        offer_names(self.query_one("#rank-leader", Select), leaders)

    def clear(self) -> None:
        """Every filter back to "any", then one Changed."""
        for select in self.query(Select):
            with select.prevent(Select.Changed):
                select.clear()
        for box in self.query(Input):
            with box.prevent(Input.Changed):
                box.value = ""
        self._post_changed()

    @property
    def error(self) -> str | None:
        """What is wrong with a day, while it is shown."""
        line = self.query_one("#rank-filter-error", Static)
        return str(line.content) if line.display else None

    def _choice(self, select_id: str) -> str | None:
        value = self.query_one(select_id, Select).value
        return value if isinstance(value, str) else None

    def _show_error(self, message: str | None, wrong: tuple[str, ...] = ()) -> None:
        line = self.query_one("#rank-filter-error", Static)
        line.update(message or "")
        line.display = message is not None
        for box_id in DAY_BOXES:
            self.query_one(box_id, Input).set_class(box_id in wrong, "-invalid")

    def _post_changed(self) -> None:
        """Check both days; post Changed if they are right, else say what is wrong."""
        texts = [self.query_one(box_id, Input).value for box_id in DAY_BOXES]
        try:
            first, last = check_days(*texts)
        except InvalidInput as exc:
            wrong = tuple(
                box_id
                for box_id, label in DAY_BOXES.items()
                if exc.message.startswith(label) or "is after" in exc.message
            )
            self._show_error(exc.message, wrong)
            return
        self._show_error(None)
        self.post_message(
            self.Changed(
                self._choice("#rank-kind"),
                self._choice("#rank-subgroup"),
                self._choice("#rank-leader"),
                first,
                last,
            )
        )

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        self._post_changed()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        if not text or len(text) == DAY_LENGTH:
            self._post_changed()

    @on(Input.Submitted)
    @on(Input.Blurred)
    def _day_done(self, event: Input.Submitted | Input.Blurred) -> None:
        event.stop()
        self._post_changed()
