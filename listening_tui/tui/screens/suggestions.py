"""Review suggested themes: accept, edit or reject each with one key; nothing applies by itself.

The suggestions are worked out in a thread worker behind a progress bar
(services.suggestions.suggest_themes). An accepted suggestion goes through
the same service as the themes screen (put_in_theme), so it can be undone
here with ctrl+z, or later on the themes screen, which receives the changes
when this screen closes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Literal
from uuid import UUID

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.coordinate import Coordinate
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, ProgressBar, Static

from listening_tui.tui.commands import PaletteEntry

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.suggestions import ThemeSuggestion
    from listening_tui.domain.themes import IssueLine, ThemeChange

State = Literal["pending", "accepted", "rejected"]
STATE_MARKS: dict[State, Text] = {
    "pending": Text(" "),
    "accepted": Text("✓", style="bold green"),
    "rejected": Text("✗", style="red"),
}


@dataclass
class Proposal:
    """One suggestion as the recorder is reviewing it."""

    suggestion: ThemeSuggestion
    name: str
    """The theme's name, as suggested or as edited."""
    issue_ids: list[UUID]
    """The issues still ticked."""
    state: State = "pending"
    change: ThemeChange | None = None
    """What accepting it did (for undo)."""
    history: list[State] = field(default_factory=list)


def headline(proposal: Proposal) -> str:
    """``Join “Housing costs”`` or ``New: Rotas come out too late``."""
    if proposal.suggestion.theme_id is not None and proposal.name == proposal.suggestion.theme:
        return f"Join “{proposal.name}”"
    return f"New: {proposal.name}"


class SuggestionsScreen(Screen["list[ThemeChange]"]):
    """Suggested themes for the issues in no theme, each accepted, edited or rejected."""

    CSS_PATH = "../styles/suggestions.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    AUTO_FOCUS = "#suggestions"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "done", "Done", id="suggestions.done", tooltip="Back to the themes screen"
        ),
        Binding(
            "a",
            "accept",
            "Accept",
            id="suggestions.accept",
            tooltip="Put the suggestion's ticked issues in its theme",
        ),
        Binding(
            "e",
            "edit",
            "Edit",
            id="suggestions.edit",
            tooltip="Change the theme's name or untick issues before accepting",
        ),
        Binding(
            "x",
            "reject",
            "Reject",
            id="suggestions.reject",
            tooltip="Leave these issues as they are",
        ),
        Binding(
            "ctrl+z",
            "undo",
            "Undo",
            id="suggestions.undo",
            tooltip="Take back the last accept or reject",
        ),
    ]

    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("suggestion: Accept", "accept", "Put its issues in its theme"),
        ("suggestion: Edit", "edit", "Change the name or untick issues"),
        ("suggestion: Reject", "reject", "Leave its issues as they are"),
        ("suggestion: Undo", "undo", "Take back the last accept or reject"),
        ("suggestions: Done", "done", "Back to the themes"),
    ]

    class Progressed(Message):
        """Some of the work is done."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Ready(Message):
        """The suggestions and the lines of their issues were read."""

        def __init__(self, suggestions: list[ThemeSuggestion], lines: list[IssueLine]) -> None:
            super().__init__()
            self.suggestions = suggestions
            self.lines = lines

    class Accepted(Message):
        """A suggestion was applied."""

        def __init__(self, index: int, change: ThemeChange) -> None:
            super().__init__()
            self.index = index
            self.change = change

    class Undone(Message):
        """An accepted suggestion was taken back."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class ActionFailed(Message):
        def __init__(self, title: str, message: str) -> None:
            super().__init__()
            self.title = title
            self.message = message

    def __init__(self, database: Database, campaign_id: UUID, campaign_name: str) -> None:
        super().__init__()
        self.database = database
        self.campaign_id = campaign_id
        self.campaign_name = campaign_name
        self.proposals: list[Proposal] = []
        self.lines: dict[UUID, IssueLine] = {}
        self.order: list[int] = []
        """Indexes of proposals accepted or rejected, the last one last (for ctrl+z)."""
        self._busy = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            f"Suggested themes for {self.campaign_name}",
            classes="section-title",
            id="suggestions-title",
        )
        with Horizontal(id="suggestions-progress"):
            yield Static("Looking for issues that say the same thing…", id="suggestions-status")
            yield ProgressBar(id="suggestions-bar", show_eta=False)
        yield DataTable(id="suggestions", cursor_type="row")
        with VerticalScroll(id="suggestion-issues-box"):
            yield Static("", id="suggestion-issues", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#suggestions", DataTable)
        table.add_column(" ", key="state", width=1)
        table.add_column("Theme", key="theme")
        table.add_column(Text("Issues", justify="right"), key="count", width=6)
        table.loading = True
        self._suggest()

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest(self) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.suggestions import suggest_themes
        from listening_tui.services.themes import issue_lines

        step = 0

        def progress(done: int, total: int) -> None:
            nonlocal step
            # a message per percent at most: the UI thread draws, the worker counts
            percent = done * 100 // max(total, 1)
            if percent > step or done == total:
                step = percent
                self.post_message(self.Progressed(done, total))

        try:
            suggestions = suggest_themes(self.database, self.campaign_id, progress)
            wanted = [issue_id for s in suggestions for issue_id in s.issue_ids]
            lines = issue_lines(self.database, wanted)
        except ListeningError as exc:
            self.post_message(self.ActionFailed("Could not suggest themes", exc.message))
            return
        self.post_message(self.Ready(suggestions, lines))

    @on(Progressed)
    def _progressed(self, event: Progressed) -> None:
        self.query_one(ProgressBar).update(total=event.total, progress=event.done)

    @on(Ready)
    def _ready(self, event: Ready) -> None:
        self.lines = {line.id: line for line in event.lines}
        self.proposals = [
            Proposal(suggestion=s, name=s.theme, issue_ids=list(s.issue_ids))
            for s in event.suggestions
        ]
        self.query_one("#suggestions-bar").display = False
        table = self.query_one("#suggestions", DataTable)
        table.loading = False
        for index, proposal in enumerate(self.proposals):
            table.add_row(*self._cells(proposal), key=str(index))
        self._show_status()
        self._show_issues()

    def _cells(self, proposal: Proposal) -> list[Text]:
        return [
            STATE_MARKS[proposal.state],
            Text(headline(proposal), no_wrap=True, overflow="ellipsis"),
            Text(str(len(proposal.issue_ids)), justify="right"),
        ]

    def _redraw(self, index: int) -> None:
        table = self.query_one("#suggestions", DataTable)
        for column, cell in enumerate(self._cells(self.proposals[index])):
            table.update_cell_at(Coordinate(index, column), cell)
        self._show_status()
        self._show_issues()

    def _show_status(self) -> None:
        counts = dict.fromkeys(STATE_MARKS, 0)
        for proposal in self.proposals:
            counts[proposal.state] += 1
        if not self.proposals:
            text = "No suggestion: no issues in no theme say the same thing."
        else:
            text = (
                f"{len(self.proposals):,} suggestions · {counts['accepted']:,} accepted · "
                f"{counts['rejected']:,} rejected · a accept, e edit, x reject"
            )
        self.query_one("#suggestions-status", Static).update(text)

    def _show_issues(self) -> None:
        proposal = self._current()
        body = Text()
        if proposal is not None:
            for issue_id in proposal.suggestion.issue_ids:
                line = self.lines.get(issue_id)
                ticked = issue_id in proposal.issue_ids
                text = line.text if line else "(deleted since)"
                who = f"  — {line.leader}, {line.held_on.isoformat()}" if line else ""
                body.append("☑ " if ticked else "☐ ", style="bold" if ticked else "dim")
                body.append(text, style="" if ticked else "dim strike")
                body.append(who + "\n", style="dim")
        self.query_one("#suggestion-issues", Static).update(body)

    @on(DataTable.RowHighlighted, "#suggestions")
    def _moved(self) -> None:
        self._show_issues()

    def _current_index(self) -> int | None:
        row = self.query_one("#suggestions", DataTable).cursor_row
        return row if 0 <= row < len(self.proposals) else None

    def _current(self) -> Proposal | None:
        index = self._current_index()
        return None if index is None else self.proposals[index]

    def _next_pending(self, after: int) -> None:
        table = self.query_one("#suggestions", DataTable)
        for index in range(after + 1, len(self.proposals)):
            if self.proposals[index].state == "pending":
                table.move_cursor(row=index)
                return

    # ---- accept, edit, reject, undo ----

    def action_accept(self) -> None:
        index = self._current_index()
        if index is None or self._busy:
            return
        proposal = self.proposals[index]
        if proposal.state == "accepted":
            self.notify("That suggestion is already accepted (ctrl+z takes it back).")
            return
        if not proposal.issue_ids:
            self.notify("Tick at least one issue first (e).", severity="warning")
            return
        self._busy = True
        self._accept(index, proposal.name, list(proposal.issue_ids), proposal.suggestion.theme_id)

    @work(thread=True, exclusive=True, group="suggestions-write")
    def _accept(self, index: int, name: str, issue_ids: list[UUID], theme_id: UUID | None) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.theme_changes import put_in_theme
        from listening_tui.services.themes import list_themes

        try:
            existing = {
                t.name.casefold(): t.id for t in list_themes(self.database, self.campaign_id)
            }
            target: UUID | str = existing.get(" ".join(name.split()).casefold(), name)
            change = put_in_theme(self.database, self.campaign_id, issue_ids, target)
        except ListeningError as exc:
            self.post_message(self.ActionFailed("Nothing was changed", exc.message))
            return
        self.post_message(self.Accepted(index, change))

    @on(Accepted)
    def _accepted(self, event: Accepted) -> None:
        self._busy = False
        proposal = self.proposals[event.index]
        proposal.history.append(proposal.state)
        proposal.state, proposal.change = "accepted", event.change
        self.order.append(event.index)
        self._redraw(event.index)
        self.notify(f"{event.change.description}.", title="Accepted")
        self._next_pending(event.index)

    def action_reject(self) -> None:
        index = self._current_index()
        if index is None or self._busy:
            return
        proposal = self.proposals[index]
        if proposal.state != "pending":
            self.notify("Only a suggestion not yet reviewed can be rejected (ctrl+z first).")
            return
        proposal.history.append(proposal.state)
        proposal.state = "rejected"
        self.order.append(index)
        self._redraw(index)
        self._next_pending(index)

    def action_edit(self) -> None:
        from listening_tui.tui.dialogs.suggestion_edit import EditSuggestionModal

        index = self._current_index()
        if index is None:
            return
        proposal = self.proposals[index]
        if proposal.state != "pending":
            self.notify("Only a suggestion not yet reviewed can be edited (ctrl+z first).")
            return
        choices = [
            (issue_id, self.lines[issue_id].text)
            for issue_id in proposal.suggestion.issue_ids
            if issue_id in self.lines
        ]

        def edited(result: tuple[str, list[UUID]] | None) -> None:
            if result is not None:
                proposal.name, proposal.issue_ids = result
                self._redraw(index)

        self.app.push_screen(
            EditSuggestionModal(proposal.name, choices, set(proposal.issue_ids)), edited
        )

    def action_undo(self) -> None:
        if not self.order or self._busy:
            return
        index = self.order[-1]
        proposal = self.proposals[index]
        if proposal.state == "rejected":
            self.order.pop()
            proposal.state = proposal.history.pop()
            self._redraw(index)
            self.query_one("#suggestions", DataTable).move_cursor(row=index)
            return
        assert proposal.change is not None
        self._busy = True
        self._undo(index, proposal.change)

    @work(thread=True, exclusive=True, group="suggestions-write")
    def _undo(self, index: int, change: ThemeChange) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.theme_changes import undo_theme_change

        try:
            undo_theme_change(self.database, change)
        except ListeningError as exc:
            self.post_message(self.ActionFailed("Could not undo", exc.message))
            return
        self.post_message(self.Undone(index))

    @on(Undone)
    def _undone(self, event: Undone) -> None:
        self._busy = False
        self.order.pop()
        proposal = self.proposals[event.index]
        proposal.state, proposal.change = proposal.history.pop(), None
        self._redraw(event.index)
        self.query_one("#suggestions", DataTable).move_cursor(row=event.index)
        self.notify("The suggestion is back to be reviewed.", title="Undone")

    @on(ActionFailed)
    def _failed(self, event: ActionFailed) -> None:
        self._busy = False
        self.query_one("#suggestions", DataTable).loading = False
        self.notify(event.message, title=event.title, severity="error", timeout=10)

    def action_done(self) -> None:
        changes = [
            proposal.change
            for index in self.order
            if (proposal := self.proposals[index]).change is not None
        ]
        self.dismiss(changes)
