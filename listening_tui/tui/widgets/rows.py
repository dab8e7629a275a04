"""Rows of the session form: key issues, quotes and references, in a list that can be reordered.

A row shows one entry of a list field. The list adds, removes and moves rows
from the keyboard and numbers them; the screen reads and writes the rows'
values through ``value`` and builds new rows from draft entries.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar
from uuid import UUID

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from listening_tui.domain.drafts import DraftIssue, DraftQuote, DraftReference

ANSWER_LABELS = {"yes": "Y", "no": "N", "dont_know": "Don't know"}
SHARING_CHOICES = [
    ("Decision makers may hear it", "decision_makers"),
    ("Read out at the meeting only", "meeting"),
    ("Recorders only", "recorders_only"),
]


class KeyIssueToggle(Widget, can_focus=True):
    """'A key campaign issue? Y / N / Don't know': press y, n or d, or space to cycle."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "choose('yes')", "Key: Y", id="form.key_yes", tooltip="A key campaign issue"),
        Binding("n", "choose('no')", "Key: N", id="form.key_no", tooltip="Not a key issue"),
        Binding(
            "d",
            "choose('dont_know')",
            "Key: Don't know",
            id="form.key_dont_know",
            tooltip="Don't know yet whether it is a key issue",
        ),
        Binding(
            "space",
            "cycle",
            "Next answer",
            id="form.key_cycle",
            tooltip="Cycle Y, N, Don't know",
            show=False,
        ),
    ]

    value: reactive[str] = reactive("dont_know")

    class Changed(Message):
        """The answer changed."""

        def __init__(self, toggle: KeyIssueToggle, value: str) -> None:
            super().__init__()
            self.toggle = toggle
            self.value = value

    def __init__(self, value: str = "dont_know", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(KeyIssueToggle.value, value if value in ANSWER_LABELS else "dont_know")
        self.tooltip = "A key campaign issue? y = Yes, n = No, d = Don't know"

    def render(self) -> Content:
        parts = []
        for answer, label in ANSWER_LABELS.items():
            parts.append(
                Content.styled(f" {label} ", "reverse bold")
                if answer == self.value
                else Content(f" {label} ")
            )
        return Content.assemble(*parts)

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def action_choose(self, answer: str) -> None:
        self.value = answer

    def action_cycle(self) -> None:
        order = list(ANSWER_LABELS)
        self.value = order[(order.index(self.value) + 1) % len(order)]


EntryT = TypeVar("EntryT", DraftIssue, DraftQuote, DraftReference)


class FormRow(Vertical, Generic[EntryT]):
    """One entry of a list field, with its own line for error messages."""

    def show_error(self, message: str | None, field: str | None = None) -> Widget | None:
        """Show (or clear) the row's error; returns the widget to focus."""
        error = self.query_one(".row-error", Static)
        error.update(message or "")
        error.display = bool(message)
        self.set_class(bool(message), "-invalid")
        return self.focus_target(field) if message else None

    def focus_target(self, field: str | None) -> Widget:
        """The widget of ``field`` (the row's first input by default)."""
        return self.query(Input).first()

    _entry: EntryT
    """The entry the row was made with."""

    @property
    def value(self) -> EntryT:
        """The entry as typed; as it was given until the row's fields are composed (a draft
        written in that instant must not fail, nor lose the entry)."""
        if not self.query(Input):
            return self._entry
        return self.typed()

    def typed(self) -> EntryT:
        """The entry as its fields hold it now."""
        raise NotImplementedError


class IssueRow(FormRow[DraftIssue]):
    """A key issue: its text and whether it is a key campaign issue."""

    def __init__(self, entry: DraftIssue) -> None:
        super().__init__(classes="form-row issue-row")
        self.entry_id: UUID = entry.id
        self.theme_id: UUID | None = entry.theme_id
        self._entry = entry

    def compose(self) -> ComposeResult:
        with Horizontal(classes="row-line"):
            yield Label("", classes="row-number")
            yield Input(
                self._entry.text,
                placeholder="The issue, in the person's words",
                classes="issue-text",
                max_length=500,
                compact=True,
            )
            yield KeyIssueToggle(self._entry.key_issue)
        yield Static("", classes="row-error")

    def focus_target(self, field: str | None) -> Widget:
        if field == "key_issue":
            return self.query_one(KeyIssueToggle)
        return self.query_one(Input)

    def typed(self) -> DraftIssue:
        return DraftIssue(
            id=self.entry_id,
            text=self.query_one(Input).value,
            key_issue=self.query_one(KeyIssueToggle).value,
            theme_id=self.theme_id,
        )


class QuoteRow(FormRow[DraftQuote]):
    """A direct quote, who said it (optional) and who may hear it."""

    def __init__(self, entry: DraftQuote) -> None:
        super().__init__(classes="form-row quote-row")
        self._entry = entry

    def compose(self) -> ComposeResult:
        with Horizontal(classes="row-line"):
            yield Label("", classes="row-number")
            yield TextArea(
                self._entry.text, classes="quote-text", placeholder="The words they said"
            )
        with Horizontal(classes="row-line"):
            yield Input(
                self._entry.attribution,
                placeholder="Said by (optional: a role, or a name only with consent)",
                classes="quote-attribution",
                compact=True,
            )
            yield Select(
                SHARING_CHOICES,
                value=self._entry.sharing,
                allow_blank=False,
                classes="quote-sharing",
                compact=True,
            )
        yield Static("", classes="row-error")

    def focus_target(self, field: str | None) -> Widget:
        if field == "attribution":
            return self.query_one(".quote-attribution", Input)
        return self.query_one(TextArea)

    def typed(self) -> DraftQuote:
        sharing = self.query_one(Select).value
        return DraftQuote(
            text=self.query_one(TextArea).text,
            attribution=self.query_one(".quote-attribution", Input).value,
            sharing=sharing if isinstance(sharing, str) else "recorders_only",
        )


class ReferenceRow(FormRow[DraftReference]):
    """Someone to meet next: name, contact and why."""

    def __init__(self, entry: DraftReference) -> None:
        super().__init__(classes="form-row reference-row")
        self._entry = entry

    def compose(self) -> ComposeResult:
        with Horizontal(classes="row-line"):
            yield Label("", classes="row-number")
            yield Input(
                self._entry.name, placeholder="Name", classes="reference-name", compact=True
            )
            yield Input(
                self._entry.contact,
                placeholder="Contact",
                classes="reference-contact",
                compact=True,
            )
        yield Input(
            self._entry.why, placeholder="Why meet them", classes="reference-why", compact=True
        )
        yield Static("", classes="row-error")

    def focus_target(self, field: str | None) -> Widget:
        name = {"contact": ".reference-contact", "why": ".reference-why"}.get(
            field or "", ".reference-name"
        )
        return self.query_one(name, Input)

    def typed(self) -> DraftReference:
        return DraftReference(
            name=self.query_one(".reference-name", Input).value,
            contact=self.query_one(".reference-contact", Input).value,
            why=self.query_one(".reference-why", Input).value,
        )


class RowList(Vertical):
    """A list field: rows that can be added, removed and moved, numbered 1, 2, 3 ..."""

    class RowsChanged(Message):
        """A row was added, removed or moved."""

        def __init__(self, row_list: RowList) -> None:
            super().__init__()
            self.row_list = row_list

    def __init__(self, rows: list[Any], *, limit: int | None, id: str) -> None:
        super().__init__(*rows, id=id, classes="row-list")
        self.limit = limit
        """The most rows the list may hold (six key issues), or None."""

    @property
    def rows(self) -> list[FormRow[Any]]:
        """The rows, top to bottom."""
        return list(self.query_children(FormRow))

    def on_mount(self) -> None:
        self.renumber()

    def renumber(self) -> None:
        """Show each row's place in the list."""
        for number, row in enumerate(self.rows, start=1):
            row.query(".row-number").first(Label).update(f"{number}.")

    def is_full(self) -> bool:
        """True when no row may be added."""
        return self.limit is not None and len(self.rows) >= self.limit

    async def add_row(self, row: FormRow[Any], after: Widget | None = None) -> None:
        """Add a row (after ``after``, or at the end) and focus it."""
        await self.mount(row, after=after) if after is not None else await self.mount(row)
        self.renumber()
        row.focus_target(None).focus()
        self.post_message(self.RowsChanged(self))

    async def remove_row(self, row: FormRow[Any]) -> None:
        """Remove a row and focus its neighbour."""
        rows = self.rows
        index = rows.index(row)
        await row.remove()
        rest = self.rows
        self.renumber()
        if rest:
            rest[min(index, len(rest) - 1)].focus_target(None).focus()
        self.post_message(self.RowsChanged(self))

    def move_row(self, row: FormRow[Any], offset: int) -> bool:
        """Move a row up (-1) or down (+1); False at either end."""
        rows = self.rows
        index = rows.index(row)
        target = index + offset
        if not 0 <= target < len(rows):
            return False
        if offset < 0:
            self.move_child(row, before=rows[target])
        else:
            self.move_child(row, after=rows[target])
        self.renumber()
        self.post_message(self.RowsChanged(self))
        return True
