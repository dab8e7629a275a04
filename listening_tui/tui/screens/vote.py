"""One vote: figures or ballots entered and stored one by one, corrections, close and reopen.

A figure is stored when Enter is pressed in its box (or the box is left);
typing a different number over a stored one is a correction, recorded with
the old value. The result stays hidden until the convenor closes the vote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from listening_tui.tui.commands import PaletteEntry

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.meetings import VoteDetail


class VoteScreen(Screen[None]):
    """Enter a vote's figures or ballots; close it to see and store the result."""

    CSS_PATH = "../styles/meetings.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+o",
            "close_vote",
            "Close vote",
            id="vote.close",
            tooltip="Count the vote, store and show its result (asks first)",
        ),
        Binding(
            "ctrl+r",
            "reopen_vote",
            "Reopen",
            id="vote.reopen",
            tooltip="Reopen a closed vote; the reason is recorded",
        ),
        Binding(
            "ctrl+l",
            "load_csv",
            "Load CSV",
            id="vote.load_csv",
            tooltip="Add the paper ballots of a BALLOTS.csv file",
        ),
        Binding(
            "ctrl+b",
            "correct_ballot",
            "Correct ballot",
            id="vote.correct_ballot",
            tooltip="Retype the highlighted ballot; the old one is recorded",
        ),
        Binding(
            "ctrl+t",
            "statement",
            "Decision",
            id="vote.statement",
            tooltip="Write the meeting's decision in words",
        ),
        Binding("escape", "back", "Back", id="vote.back", tooltip="Back to the meeting"),
    ]
    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("vote: Close the vote", "close_vote", "Count it, store and show the result"),
        ("vote: Reopen the vote", "reopen_vote", "Deliberately, with a reason kept"),
        ("vote: Load ballots from CSV", "load_csv", "Paper ballots typed into a spreadsheet"),
        ("vote: Correct a ballot", "correct_ballot", "Retype the highlighted ballot"),
        ("vote: Write the decision", "statement", "The meeting's decision in words"),
    ]

    class Loaded(Message):
        """The vote and everything entered on it were read."""

        def __init__(self, detail: VoteDetail) -> None:
            super().__init__()
            self.detail = detail

    def __init__(self, database: Database, vote_id: UUID, convenor: str) -> None:
        super().__init__()
        self.database = database
        self.vote_id = vote_id
        self.convenor = convenor
        """Who corrections, closes and reopenings are recorded as made by."""
        self.detail: VoteDetail | None = None
        self.built = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="vote-body"):
            yield Static("", id="vote-heading")
            yield Static("", id="vote-rules", classes="field-hint")
            yield VerticalScroll(id="vote-figures")
            yield Static("", id="vote-options")
            yield Input(
                id="ballot-input",
                placeholder="Option numbers in order (2 1 3) or names with commas; Enter stores",
            )
            yield DataTable(id="ballots", cursor_type="row", zebra_stripes=True)
            yield Static("", id="vote-result")
            yield Static("", id="vote-record", classes="field-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ballots", DataTable).add_columns("Ballot", "Preferences", "From")
        self.refresh_data()

    @work(thread=True, exclusive=True, group="vote-read")
    def refresh_data(self) -> None:
        """Read the vote again."""
        from listening_tui.errors import ListeningError
        from listening_tui.services.meetings import get_vote

        try:
            self.post_message(self.Loaded(get_vote(self.database, self.vote_id)))
        except ListeningError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error")

    @on(Loaded)
    async def show(self, event: Loaded) -> None:
        from rich.markup import escape

        from listening_tui.domain.meetings import METHOD_NAMES
        from listening_tui.tui.widgets.vote_result import result_lines

        self.detail = detail = event.detail
        vote = detail.vote
        closed = vote.status == "closed"
        self.query_one("#vote-heading", Static).update(
            f"[b]Vote {vote.number}: {escape(vote.title)} [/b]· {METHOD_NAMES[vote.method]} · "
            + ("[b]CLOSED[/b]" if closed else "open")
        )
        self.query_one("#vote-rules", Static).update(_rules_text(detail))
        ranked = vote.method in ("borda", "irv")
        first = not self.built
        if first:
            await self._build_figures(detail)
            self.built = True
        for number, key in enumerate(_keys(detail)):
            box = self.query_one(f"#figure-{number}", Input)
            box.disabled = closed
            stored = detail.figures.get(key)
            if not box.has_focus or closed:
                box.value = "" if stored is None else str(stored)
        options = self.query_one("#vote-options", Static)
        options.display = ranked
        options.update(
            "Options: "
            + "   ".join(f"[b]{n} [/b]{escape(c.name)}" for n, c in enumerate(vote.choices, 1))
        )
        ballot_input = self.query_one("#ballot-input", Input)
        ballot_input.display = ranked and not closed
        table = self.query_one("#ballots", DataTable)
        table.display = ranked
        cursor = table.cursor_row
        table.clear()
        for ballot in detail.ballots:
            table.add_row(
                str(ballot.number), ", ".join(ballot.preferences) or "(blank)", ballot.source
            )
        if detail.ballots:
            table.move_cursor(row=min(max(cursor, 0), len(detail.ballots) - 1))
        self.query_one("#vote-result", Static).update("\n".join(result_lines(detail)))
        self.query_one("#vote-record", Static).update(_record_text(detail))
        focused = self.focused
        if first or focused is None or focused.disabled or not focused.display:
            target = ballot_input if ranked and not closed else None
            if target is None and not closed and _keys(detail):
                target = self.query_one("#figure-0", Input)
            if target is not None:
                target.focus()

    async def _build_figures(self, detail: VoteDetail) -> None:
        from listening_tui.domain.meetings import figure_label

        box = self.query_one("#vote-figures", VerticalScroll)
        box.display = bool(_keys(detail))
        rows = []
        for number, key in enumerate(_keys(detail)):
            label = figure_label(detail.vote, key)
            rows.append(
                Horizontal(
                    Label(label[:1].upper() + label[1:], classes="figure-label"),
                    Input(id=f"figure-{number}", type="integer", classes="figure-input"),
                    classes="figure-row",
                )
            )
        await box.mount_all(rows)

    # ---- figures ----

    @on(Input.Submitted, ".figure-input")
    def figure_submitted(self, event: Input.Submitted) -> None:
        self._store_figure(event.input)
        boxes = list(self.query(".figure-input").results(Input))
        place = boxes.index(event.input)
        if place + 1 < len(boxes):
            boxes[place + 1].focus()

    @on(Input.Blurred, ".figure-input")
    def figure_left(self, event: Input.Blurred) -> None:
        self._store_figure(event.input)

    def _store_figure(self, box: Input) -> None:
        detail = self.detail
        if detail is None or detail.vote.status != "open" or box.id is None:
            return
        key = _keys(detail)[int(box.id.removeprefix("figure-"))]
        text = box.value.strip()
        if not text:
            return
        if not text.isdigit():
            self.notify("A figure is a whole number, 0 or more.", severity="error")
            return
        if detail.figures.get(key) == int(text):
            return
        # Noted at once, so a second event before the worker finishes does not store it twice.
        self.detail = detail.model_copy(update={"figures": {**detail.figures, key: int(text)}})
        self.store_figure(key, int(text))

    @work(thread=True, group="figures")
    def store_figure(self, key: str, value: int) -> None:
        """Write one figure now (a thread per entry, in order: nothing typed is dropped)."""
        from listening_tui.errors import ListeningError
        from listening_tui.services.meetings import enter_figure

        try:
            corrected = enter_figure(self.database, self.vote_id, key, value, by=self.convenor)
        except ListeningError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error")
        else:
            if corrected:
                self.app.call_from_thread(
                    self.notify, f"Corrected {key} to {value}; the old figure is kept."
                )
        self.refresh_data()

    # ---- ballots ----

    @on(Input.Submitted, "#ballot-input")
    def ballot_submitted(self, event: Input.Submitted) -> None:
        from listening_tui.domain.meetings import parse_ballot
        from listening_tui.errors import InvalidInput

        if self.detail is None:
            return
        try:
            preferences = parse_ballot(event.value, self.detail.vote.choices)
        except InvalidInput as exc:
            self.notify(exc.message, severity="error")
            return
        event.input.value = ""
        self.store_ballot(preferences)

    @work(thread=True, group="ballots")
    def store_ballot(self, preferences: tuple[str, ...]) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.meetings import add_ballot

        try:
            number = add_ballot(self.database, self.vote_id, preferences)
        except ListeningError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error")
        else:
            self.app.call_from_thread(self.notify, f"Ballot {number} stored.", timeout=2)
        self.refresh_data()

    def action_load_csv(self) -> None:
        from listening_tui.tui.dialogs.meeting import AskTextModal

        if not self._ranked_and_open():
            return

        def chosen(path: str | None) -> None:
            if path and path.strip():
                self.load_csv(path.strip())

        self.app.push_screen(
            AskTextModal("Load paper ballots", "BALLOTS.csv file", action="Load"), callback=chosen
        )

    @work(thread=True, group="vote")
    def load_csv(self, path: str) -> None:
        from pathlib import Path

        from listening_tui.errors import ListeningError
        from listening_tui.services.meetings import load_ballots_csv

        try:
            numbers = load_ballots_csv(self.database, self.vote_id, Path(path).expanduser())
        except ListeningError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error", timeout=10)
        else:
            self.app.call_from_thread(self.notify, f"{len(numbers)} ballots added from {path}.")
        self.refresh_data()

    def action_correct_ballot(self) -> None:
        from listening_tui.tui.dialogs.meeting import AskTextModal

        detail = self.detail
        if detail is None or not self._ranked_and_open() or not detail.ballots:
            return
        ballot = detail.ballots[self.query_one("#ballots", DataTable).cursor_row]

        def retyped(text: str | None) -> None:
            from listening_tui.domain.meetings import parse_ballot
            from listening_tui.errors import InvalidInput

            if text is None:
                return
            try:
                preferences = parse_ballot(text, detail.vote.choices)
            except InvalidInput as exc:
                self.notify(exc.message, severity="error")
                return
            self.correct(ballot.number, preferences)

        self.app.push_screen(
            AskTextModal(
                f"Correct ballot {ballot.number}",
                "Preferences as on the paper (numbers or names with commas)",
                ", ".join(ballot.preferences),
                action="Correct",
            ),
            callback=retyped,
        )

    @work(thread=True, group="vote")
    def correct(self, number: int, preferences: tuple[str, ...]) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.meetings import correct_ballot

        try:
            correct_ballot(self.database, self.vote_id, number, preferences, by=self.convenor)
        except ListeningError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error")
        self.refresh_data()

    def _ranked_and_open(self) -> bool:
        detail = self.detail
        if detail is None or detail.vote.method not in ("borda", "irv"):
            self.notify("Only a ranked-ballot vote takes ballots.", severity="warning")
            return False
        if detail.vote.status != "open":
            self.notify("The vote is closed: reopen it first (ctrl+r).", severity="warning")
            return False
        return True

    # ---- close, reopen, decision ----

    def action_close_vote(self) -> None:
        from listening_tui.tui.dialogs.confirm import ConfirmModal

        if self.detail is None or self.detail.vote.status != "open":
            return
        focused = self.focused
        if isinstance(focused, Input) and focused.has_class("figure-input"):
            self._store_figure(focused)

        def answer(yes: bool | None) -> None:
            if yes:
                self.close_vote()

        self.app.push_screen(
            ConfirmModal(
                "Close the vote? Its result is counted, stored and shown; "
                "changing it afterwards needs a recorded reopening.",
                "Close the vote",
            ),
            callback=answer,
        )

    @work(thread=True, group="vote")
    def close_vote(self) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.meetings import close_vote

        self.workers_done("figures")
        try:
            close_vote(self.database, self.vote_id, by=self.convenor)
        except ListeningError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error", timeout=15)
        self.refresh_data()

    def workers_done(self, group: str) -> None:
        """Wait (in a worker thread) until figures still being written are stored."""
        import time

        while any(
            w.group == group and not w.is_finished for w in self.app.workers if w.node is self
        ):
            time.sleep(0.01)

    def action_reopen_vote(self) -> None:
        from listening_tui.tui.dialogs.meeting import AskTextModal

        if self.detail is None or self.detail.vote.status != "closed":
            return

        def reason(text: str | None) -> None:
            if text is not None:
                self.reopen(text)

        self.app.push_screen(
            AskTextModal(
                "Reopen the vote",
                "Why is it reopened? (kept in the vote's record)",
                action="Reopen",
            ),
            callback=reason,
        )

    @work(thread=True, group="vote")
    def reopen(self, reason: str) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.meetings import reopen_vote

        try:
            reopen_vote(self.database, self.vote_id, reason, by=self.convenor)
        except ListeningError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error")
        self.refresh_data()

    def action_statement(self) -> None:
        from listening_tui.tui.dialogs.meeting import AskTextModal

        if self.detail is None:
            return

        def written(text: str | None) -> None:
            if text is not None:
                self.store_statement(text)

        self.app.push_screen(
            AskTextModal(
                "The meeting's decision",
                "In words, as it will be minuted",
                self.detail.vote.statement or "",
                action="Keep",
            ),
            callback=written,
        )

    @work(thread=True, group="vote")
    def store_statement(self, text: str) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.meetings import set_statement

        try:
            set_statement(self.database, self.vote_id, text)
        except ListeningError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error")
        self.refresh_data()

    def action_back(self) -> None:
        focused = self.focused
        if isinstance(focused, Input) and focused.has_class("figure-input"):
            self._store_figure(focused)
        self.dismiss(None)


def _keys(detail: VoteDetail) -> tuple[str, ...]:
    from listening_tui.domain.meetings import figure_keys

    return figure_keys(detail.vote)


def _rules_text(detail: VoteDetail) -> str:
    from listening_tui.domain.voting import DotVoteOptions, ProposalOptions

    rules = detail.vote.rules
    if isinstance(rules, ProposalOptions):
        threshold = "a majority" if rules.threshold == "majority" else "two thirds"
        return f"Needs {threshold}; quorum {rules.quorum}. Type each figure and press Enter."
    if isinstance(rules, DotVoteOptions):
        return (
            f"{rules.dots_per_person} dots each, {rules.present} present "
            f"({rules.present * rules.dots_per_person} dots); choose {rules.choose}."
        )
    return f"{len(detail.ballots)} ballots entered. Ctrl+L loads a CSV of paper ballots."


def _record_text(detail: VoteDetail) -> str:
    from rich.markup import escape

    lines = []
    for event in detail.events:
        when = event.at.astimezone().strftime("%H:%M")
        if event.kind == "correction":
            text = f"{event.reason or event.subject}: {event.old_value} → {event.new_value}"
        elif event.kind == "ballot_correction":
            text = f"ballot {event.subject} corrected (was {event.old_value})"
        elif event.kind == "reopen":
            text = f"reopened: {event.reason}"
        else:
            text = "closed"
        lines.append(f"{when} {escape(event.by)}: {escape(text)}")
    return ("Record:\n" + "\n".join(lines)) if lines else ""
