"""Dialogs of the convenor's meeting: set it up, open a vote, and ask for one line of text."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

if TYPE_CHECKING:
    from listening_tui.domain.meetings import (  # noqa: F401  (quoted in the generic bases)
        Meeting,
        MeetingSetup,
        VoteSetup,
    )
    from listening_tui.domain.ranking import RankedGroup

_DIALOG_KEYS: list[BindingType] = [
    Binding("ctrl+s", "done", "Done", id="meeting_dialog.done", tooltip="Keep what was typed"),
    Binding("escape", "cancel", "Cancel", id="meeting_dialog.cancel", tooltip="Change nothing"),
]


def _int(value: str, what: str) -> int:
    from listening_tui.errors import InvalidInput

    text = value.strip() or "0"
    if not text.isdigit():
        raise InvalidInput(f"{what}: type a whole number, 0 or more")
    return int(text)


class MeetingSetupModal(ModalScreen["MeetingSetup | None"]):
    """Title, date, place, convenor, attendance, quorum and the timed agenda."""

    CSS_PATH = "../styles/meetings.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    BINDINGS: ClassVar[list[BindingType]] = list(_DIALOG_KEYS)

    def __init__(self, meeting: Meeting | None = None) -> None:
        super().__init__()
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        from listening_tui.domain.meetings import agenda_text

        m = self.meeting
        with VerticalScroll(classes="dialog wide-dialog", id="meeting-dialog"):
            yield Static(
                "Set up the meeting" if m is None else "Change the meeting", classes="dialog-title"
            )
            yield Label("Title")
            yield Input(
                m.title if m else "", id="meeting-title", placeholder="Ratification meeting"
            )
            with Horizontal(classes="meeting-row"):
                with Vertical(classes="meeting-cell"):
                    yield Label("Date (YYYY-MM-DD)")
                    yield Input((m.held_on if m else date.today()).isoformat(), id="meeting-date")
                with Vertical(classes="meeting-cell"):
                    yield Label("Place")
                    yield Input((m.place or "") if m else "", id="meeting-place")
            with Horizontal(classes="meeting-row"):
                with Vertical(classes="meeting-cell"):
                    yield Label("Convenor")
                    yield Input(m.convenor if m else "", id="meeting-convenor")
                with Vertical(classes="meeting-cell-small"):
                    yield Label("Present")
                    yield Input(str(m.present if m else 0), id="meeting-present", type="integer")
                with Vertical(classes="meeting-cell-small"):
                    yield Label("Quorum")
                    yield Input(str(m.quorum if m else 0), id="meeting-quorum", type="integer")
            yield Label("Agenda: one item a line, minutes first (10 Welcome)")
            yield TextArea(agenda_text(m.agenda) if m else "", id="meeting-agenda")
            yield Static("", classes="field-error", id="meeting-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save meeting", id="done", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#meeting-title", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        from listening_tui.domain.meetings import MeetingSetup, parse_agenda
        from listening_tui.domain.validation import validate
        from listening_tui.errors import InvalidInput

        value = {name: self.query_one(f"#meeting-{name}", Input).value for name in _SETUP_INPUTS}
        error = self.query_one("#meeting-error", Static)
        try:
            for name, what in (("title", "a title"), ("convenor", "the convenor's name")):
                if not value[name].strip():
                    self.query_one(f"#meeting-{name}", Input).focus()
                    raise InvalidInput(f"Give {what}")
            data: dict[str, Any] = {
                "title": value["title"],
                "held_on": value["date"].strip(),
                "place": value["place"].strip() or None,
                "convenor": value["convenor"],
                "present": _int(value["present"], "Present"),
                "quorum": _int(value["quorum"], "Quorum"),
                "agenda": parse_agenda(self.query_one("#meeting-agenda", TextArea).text),
            }
            setup = validate(MeetingSetup, data)
        except InvalidInput as exc:
            error.update(exc.message[:1].upper() + exc.message[1:])
            error.display = True
            return
        self.dismiss(setup)


_SETUP_INPUTS = ("title", "date", "place", "convenor", "present", "quorum")

METHOD_CHOICES = [
    ("Proposal: for / against / abstain", "proposal"),
    ("Dot vote over the ranked issues", "dot"),
    ("Ranked ballots, instant run-off", "irv"),
    ("Ranked ballots, Borda count", "borda"),
]


class OpenVoteModal(ModalScreen["VoteSetup | None"]):
    """Method, rules and options: fixed once the vote is open."""

    CSS_PATH = "../styles/meetings.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    BINDINGS: ClassVar[list[BindingType]] = list(_DIALOG_KEYS)

    def __init__(self, meeting: Meeting, ranking: list[RankedGroup]) -> None:
        super().__init__()
        self.meeting = meeting
        self.ranking = ranking

    def compose(self) -> ComposeResult:
        themes = [(f"{g.rank}. {g.theme}", str(g.theme_id)) for g in self.ranking if g.theme_id]
        with VerticalScroll(classes="dialog wide-dialog", id="vote-dialog"):
            yield Static(
                "Open a vote (its method and options cannot change)", classes="dialog-title"
            )
            yield Label("The question put to the meeting")
            yield Input(id="vote-title", placeholder="Ratify our priorities")
            yield Label("Method")
            yield Select(METHOD_CHOICES, value="proposal", allow_blank=False, id="vote-method")
            with Horizontal(classes="meeting-row", id="proposal-rules"):
                with Vertical(classes="meeting-cell"):
                    yield Label("Threshold")
                    yield Select(
                        [("Majority", "majority"), ("Two thirds", "two_thirds")],
                        value="majority",
                        allow_blank=False,
                        id="vote-threshold",
                    )
                with Vertical(classes="meeting-cell-small"):
                    yield Label("Quorum")
                    yield Input(str(self.meeting.quorum), id="vote-quorum", type="integer")
            yield Label("Priority ratified if carried (optional)", id="vote-theme-label")
            yield Select(themes, prompt="No theme", id="vote-theme")
            with Horizontal(classes="meeting-row", id="choice-rules"):
                with Vertical(classes="meeting-cell-small"):
                    yield Label("Options")
                    yield Input(str(min(5, len(self.ranking))), id="vote-top", type="integer")
                with Vertical(classes="meeting-cell-small"):
                    yield Label("Choose")
                    yield Input("1", id="vote-choose", type="integer")
                with Vertical(classes="meeting-cell-small", id="dot-cell"):
                    yield Label("Dots each")
                    yield Input("3", id="vote-dots", type="integer")
                with Vertical(classes="meeting-cell-small", id="present-cell"):
                    yield Label("Present")
                    yield Input(str(self.meeting.present), id="vote-present", type="integer")
            yield Static(
                "Options: the top ranked issues, in their collated order.",
                classes="field-hint",
                id="vote-options-hint",
            )
            yield Static("", classes="field-error", id="vote-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Open the vote", id="done", variant="primary")

    def on_mount(self) -> None:
        self._show_rules("proposal")
        self.query_one("#vote-title", Input).focus()

    @on(Select.Changed, "#vote-method")
    def method_changed(self, event: Select.Changed) -> None:
        self._show_rules(str(event.value))

    def _show_rules(self, method: str) -> None:
        proposal = method == "proposal"
        for selector in ("#proposal-rules", "#vote-theme", "#vote-theme-label"):
            self.query_one(selector).display = proposal
        for selector in ("#choice-rules", "#vote-options-hint"):
            self.query_one(selector).display = not proposal
        self.query_one("#dot-cell").display = method == "dot"
        self.query_one("#present-cell").display = method == "dot"

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        from listening_tui.domain.meetings import VoteSetup
        from listening_tui.domain.validation import validate
        from listening_tui.errors import InvalidInput

        error = self.query_one("#vote-error", Static)
        try:
            if not self.query_one("#vote-title", Input).value.strip():
                raise InvalidInput("Write the question put to the meeting")
            setup = validate(VoteSetup, self._data())
        except InvalidInput as exc:
            error.update(exc.message[:1].upper() + exc.message[1:])
            error.display = True
            return
        self.dismiss(setup)

    def _data(self) -> dict[str, Any]:
        def text(name: str) -> str:
            return self.query_one(f"#vote-{name}", Input).value

        method = str(self.query_one("#vote-method", Select).value)
        data: dict[str, Any] = {"title": text("title"), "method": method}
        if method == "proposal":
            theme = self.query_one("#vote-theme", Select).value
            data["rules"] = {
                "threshold": self.query_one("#vote-threshold", Select).value,
                "quorum": _int(text("quorum"), "Quorum"),
            }
            data["theme_id"] = theme if isinstance(theme, str) else None  # else: no selection
            return data
        top = self.ranking[: _int(text("top"), "Options")]
        data["choices"] = [
            {"name": g.theme[:200], "theme_id": g.theme_id, "rank": g.rank} for g in top
        ]
        choose = _int(text("choose"), "Choose")
        if method == "dot":
            data["rules"] = {
                "dots_per_person": _int(text("dots"), "Dots each"),
                "present": _int(text("present"), "Present"),
                "choose": choose,
            }
        else:
            data["rules"] = {"choose": choose}
        return data


class AskTextModal(ModalScreen[str | None]):
    """One line of text: a reason, a file name, the meeting's decision in words."""

    CSS_PATH = "../styles/meetings.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    BINDINGS: ClassVar[list[BindingType]] = list(_DIALOG_KEYS)

    def __init__(self, title: str, label: str, value: str = "", action: str = "OK") -> None:
        super().__init__()
        self.title_text = title
        self.label = label
        self.value = value
        self.action_label = action

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="ask-dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Label(self.label)
            yield Input(self.value, id="ask-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button(self.action_label, id="done", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ask-text", Input).focus()

    @on(Input.Submitted, "#ask-text")
    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        self.dismiss(self.query_one("#ask-text", Input).value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
