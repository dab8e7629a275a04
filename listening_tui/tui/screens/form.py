"""The model form for one session, in the form's order, that never loses what was typed.

What is typed is written as a draft within about a second of any change
(never more than two), and again on quit; saving validates with the domain
rules, shows every problem next to its field, focuses the first, and clears
nothing.
"""

from __future__ import annotations

import threading
import uuid
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
    TextArea,
)

from listening_tui.domain.drafts import (
    DraftContent,
    DraftIssue,
    DraftPerson,
    DraftQuote,
    DraftReference,
    group_names,
    with_group_names,
)
from listening_tui.domain.forms import MAX_ISSUES, Campaign
from listening_tui.errors import ListeningError
from listening_tui.tui.commands import PaletteEntry
from listening_tui.tui.widgets.rows import (
    FormRow,
    IssueRow,
    KeyIssueToggle,
    QuoteRow,
    ReferenceRow,
    RowList,
)

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.summaries import SavedSession

AUTOSAVE_SECONDS = 1.0
"""A change is in the draft within this long (plus the write), well inside two seconds."""

REMINDER = (
    "Write up after the session, never during it: listen first, then record what you heard here."
)
MEMBER_CHOICES = [("Member", "member"), ("Not a member", "non_member"), ("Don't know", "unknown")]
ANSWER_CHOICES = [("Yes", "yes"), ("No", "no"), ("Don't know", "dont_know")]
DIFFERENCE_CHOICES = [
    ("None", "none"),
    ("A little", "a_little"),
    ("Some", "some"),
    ("A lot", "a_lot"),
]
SIMPLE_FIELDS = {
    "leader": "#leader",
    "recorder": "#recorder",
    "held_on": "#held-on",
    "community": "#community",
    "subgroup": "#subgroup",
    "participant_count": "#participants",
    "issues": "#issues",
    "reflections.moved": "#moved",
    "reflections.decision_makers_should_hear": "#decision-makers",
    "reflections.would_act": "#would-act",
    "reflections.difference": "#difference",
    "reflections.notes": "#notes",
}


def field(label: str, widget: Widget, hint: str | None = None, *, inline: bool = False) -> Vertical:
    """A labelled field with a line for its error message (label beside short fields)."""
    parts: list[Widget]
    if inline:
        parts = [Horizontal(Label(label, classes="field-label"), widget, classes="field-line")]
    else:
        parts = [Label(label, classes="field-label"), widget]
    if hint:
        parts.append(Static(hint, classes="field-hint"))
    parts.append(Static("", classes="field-error"))
    return Vertical(*parts, classes="field")


def choices(options: list[tuple[str, str]], chosen: str | None, widget_id: str) -> RadioSet:
    """A horizontal radio set of (label, value) options."""
    buttons = [
        RadioButton(label, value=value == chosen, name=value, compact=True)
        for label, value in options
    ]
    return RadioSet(*buttons, id=widget_id, classes="choices", compact=True)


def chosen(radio_set: RadioSet) -> str | None:
    """The value of the pressed button, or None."""
    pressed = radio_set.pressed_button
    return pressed.name if pressed is not None else None


class SessionFormScreen(Screen[None]):
    """Write up one-to-one or group session on the model form."""

    CSS_PATH = "../styles/form.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Check the form and save it"),
        Binding(
            "escape",
            "close",
            "Close (keep draft)",
            id="form.close",
            tooltip="Leave the form; what you typed stays as a draft",
        ),
        Binding(
            "ctrl+n",
            "add_row",
            "Add row",
            id="form.add_row",
            tooltip="Add a key issue, quote or reference (where the cursor is)",
        ),
        Binding(
            "ctrl+d",
            "remove_row",
            "Remove row",
            id="form.remove_row",
            tooltip="Remove the issue, quote or reference the cursor is in",
        ),
        Binding(
            "ctrl+up", "move_row(-1)", "Move up", id="form.move_up", tooltip="Move this row up"
        ),
        Binding(
            "ctrl+down",
            "move_row(1)",
            "Move down",
            id="form.move_down",
            tooltip="Move this row down",
        ),
    ]

    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("form: Save session", "save", "Check the form and save it"),
        ("form: Close, keeping the draft", "close", "Leave; what you typed stays as a draft"),
        ("form: Add key issue", "add_to('issues')", "A new key issue at the end (six at most)"),
        ("form: Add quote", "add_to('quotes')", "A new direct quote"),
        ("form: Add reference", "add_to('references')", "Someone to meet next"),
        ("form: Remove this row", "remove_row", "The issue, quote or reference the cursor is in"),
        ("form: Move row up", "move_row(-1)", "Move the row the cursor is in up"),
        ("form: Move row down", "move_row(1)", "Move the row the cursor is in down"),
        ("form: Discard this draft", "discard", "Throw away what was typed (you are asked first)"),
    ]

    class Saved(Message):
        """The session was saved (the draft is gone)."""

        def __init__(self, saved: SavedSession) -> None:
            super().__init__()
            self.saved = saved

    class SaveFailed(Message):
        """The database refused or failed the save; the draft is kept."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    class EditedElsewhere(Message):
        """Someone else saved the session since this edit began; this edit is in its history."""

        def __init__(self, message: str, current_version: int) -> None:
            super().__init__()
            self.message = message
            self.current_version = current_version

    def __init__(
        self,
        database: Database,
        campaign: Campaign,
        content: DraftContent,
        *,
        draft_id: uuid.UUID | None = None,
        base_version: int | None = None,
    ) -> None:
        super().__init__()
        self.database = database
        self.campaign = campaign
        self.content = content
        """What the form held when it opened (the rows are built from it)."""
        self.draft_id = draft_id or uuid.uuid4()
        self.base_version = base_version
        self.rescued: tuple[DraftContent, str] | None = None
        """The content last written to a rescue file, and the file (when the database failed)."""
        self._autosave: Timer | None = None
        self.dirty = False
        """Something changed since the draft was last written."""
        self.has_draft = draft_id is not None
        """A draft of this form is in the database."""
        self.last_written: DraftContent | None = None
        """What the form held when it opened or the draft was last written."""
        self.draft_lock = threading.Lock()
        """Draft writes, the save and the discard take turns: no late write revives a draft."""
        self.finished = False
        """Saved or discarded: no draft may be written any more."""

    @property
    def kind_label(self) -> str:
        return "one-to-one" if self.content.kind == "one_to_one" else "group session"

    def compose(self) -> ComposeResult:
        content = self.content
        yield Header()
        yield Static(
            f"{'Editing' if self.base_version else 'New'} {self.kind_label} · "
            f"{self.campaign.name}\n{REMINDER}",
            id="form-banner",
        )
        with VerticalScroll(id="form"):
            yield Static("", id="form-errors")
            yield Label("The session", classes="section-title")
            yield field("Leader", Input(content.leader, id="leader", compact=True), inline=True)
            yield field(
                "Recorder (if not leader)",
                Input(content.recorder, id="recorder", compact=True),
                inline=True,
            )
            yield field(
                "Date (YYYY-MM-DD)",
                Input(content.held_on, id="held-on", placeholder="2026-11-03", compact=True),
                inline=True,
            )
            yield field(
                "Community / workplace",
                Input(content.community, id="community", compact=True),
                inline=True,
            )
            yield field(
                "Subgroup",
                Input(
                    content.subgroup,
                    id="subgroup",
                    compact=True,
                    suggester=SuggestFromList(self.campaign.subgroups, case_sensitive=False),
                ),
                "Type to pick one of the campaign's (→ accepts it); a new one is added.",
                inline=True,
            )
            if content.kind == "one_to_one":
                yield from self._compose_person(content.person)
            else:
                yield Label("Who was there", classes="section-title")
                yield field(
                    "Participants (number)",
                    Input(
                        content.participant_count,
                        id="participants",
                        restrict=r"[0-9]*",
                        compact=True,
                    ),
                    inline=True,
                )
                yield field(
                    "Names (optional)",
                    Input(group_names(content), id="group-names", compact=True),
                    "Comma-separated; only those who gave them.",
                    inline=True,
                )
            yield Label("Key issues, most important first (up to six)", classes="section-title")
            yield Static(
                "Ctrl+N adds an issue, Ctrl+D removes it, Ctrl+↑/↓ moves it. "
                "On the Y / N / Don't know box press y, n or d: is it a key campaign issue?",
                classes="field-hint",
            )
            issues = content.issues or [DraftIssue()]
            yield RowList([IssueRow(i) for i in issues], limit=MAX_ISSUES, id="issues")
            yield Static("", classes="field-error", id="issues-error")
            yield Button("+ Add key issue", id="add-issues", classes="add-row", compact=True)
            yield Label("Direct quotes", classes="section-title")
            yield Static(
                "Ctrl+N in this section adds a quote. Choose who may hear each one.",
                classes="field-hint",
            )
            yield RowList([QuoteRow(q) for q in content.quotes], limit=None, id="quotes")
            yield Button("+ Add quote", id="add-quotes", classes="add-row", compact=True)
            yield Label("Your reflections", classes="section-title")
            yield field(
                "Did you feel moved by the stories you were told?",
                TextArea(content.moved, id="moved", classes="short-text", compact=True),
            )
            yield field(
                "Should the politicians or decision makers hear them directly?",
                choices(ANSWER_CHOICES, content.decision_makers_should_hear, "decision-makers"),
            )
            yield field(
                "Did you think this person / group would act on these issues?",
                choices(ANSWER_CHOICES, content.would_act, "would-act"),
            )
            yield field(
                "How much difference would action on the top priority make to their life?",
                choices(DIFFERENCE_CHOICES, content.difference, "difference"),
            )
            yield field(
                "Anything else you noticed",
                TextArea(content.notes, id="notes", classes="short-text", compact=True),
            )
            yield Label("References: people to meet next", classes="section-title")
            yield Static("Ctrl+N in this section adds a person.", classes="field-hint")
            yield RowList(
                [ReferenceRow(r) for r in content.references], limit=None, id="references"
            )
            yield Button("+ Add reference", id="add-references", classes="add-row", compact=True)
            yield Checkbox(
                "Potential leader: I saw leadership talent",
                content.potential_leader,
                id="potential-leader",
                compact=True,
            )
        yield Footer()

    def _compose_person(self, person: DraftPerson) -> ComposeResult:
        yield Label("Who was heard", classes="section-title")
        yield field("Name", Input(person.name, id="person-name", compact=True), inline=True)
        yield field(
            "Contact (with consent)",
            Input(person.contact, id="person-contact", compact=True),
            "Phone or email, kept only if they agreed to be contacted.",
            inline=True,
        )
        yield Checkbox(
            "They agreed to be contacted",
            person.consent_to_contact,
            id="person-consent",
            compact=True,
        )
        yield field("Member?", choices(MEMBER_CHOICES, person.member_status, "person-member"))
        yield field(
            "Affiliations",
            Input(person.affiliations, id="person-affiliations", compact=True),
            "Church, club, tenants' association ...; comma-separated.",
            inline=True,
        )
        if self.content.other_people:
            names = ", ".join(p.name for p in self.content.other_people)
            yield Static(f"Also recorded in this session (kept as they are): {names}")

    def on_mount(self) -> None:
        # What the form opened with, read before the leader field takes keys: read after
        # the first refresh, on a slow machine it could already hold what was typed, and
        # that would then never be written as a draft.
        self.last_written = self.collect()
        self.query_one("#leader", Input).focus()

    # ---- reading the form ----

    def collect(self) -> DraftContent:
        """Everything the form holds now, as typed."""
        content = self.content

        def text(selector: str) -> str:
            return self.query_one(selector, Input).value

        updates: dict[str, object] = {
            "leader": text("#leader"),
            "recorder": text("#recorder"),
            "held_on": text("#held-on"),
            "community": text("#community"),
            "subgroup": text("#subgroup"),
            "issues": [row.value for row in self.query_one("#issues", RowList).rows],
            "quotes": [row.value for row in self.query_one("#quotes", RowList).rows],
            "moved": self.query_one("#moved", TextArea).text,
            "decision_makers_should_hear": chosen(self.query_one("#decision-makers", RadioSet)),
            "would_act": chosen(self.query_one("#would-act", RadioSet)),
            "difference": chosen(self.query_one("#difference", RadioSet)),
            "notes": self.query_one("#notes", TextArea).text,
            "references": [row.value for row in self.query_one("#references", RowList).rows],
            "potential_leader": self.query_one("#potential-leader", Checkbox).value,
        }
        if content.kind == "one_to_one":
            updates["person"] = DraftPerson(
                name=text("#person-name"),
                contact=text("#person-contact"),
                consent_to_contact=self.query_one("#person-consent", Checkbox).value,
                member_status=chosen(self.query_one("#person-member", RadioSet)) or "unknown",
                affiliations=text("#person-affiliations"),
            )
        else:
            updates["participant_count"] = text("#participants")
            content = with_group_names(content, text("#group-names"))
        return content.model_copy(update=updates)

    # ---- drafts ----

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    @on(RadioSet.Changed)
    @on(Select.Changed)
    @on(KeyIssueToggle.Changed)
    @on(RowList.RowsChanged)
    def mark_dirty(self) -> None:
        """Something changed: write the draft within AUTOSAVE_SECONDS (not postponed by typing)."""
        self.dirty = True
        if self._autosave is None:
            self._autosave = self.set_timer(AUTOSAVE_SECONDS, self._write_draft_soon)

    def _write_draft_soon(self) -> None:
        self._autosave = None
        if self.dirty:
            self.dirty = False
            content = self.collect()
            if content == self.last_written:
                return
            self.last_written = content
            self.has_draft = True
            self.write_draft(content)

    @work(thread=True, group="draft", exclusive=False)
    def write_draft(self, content: DraftContent) -> None:
        """Store the draft off the UI thread."""
        try:
            self.store_draft(content)
        except ListeningError as exc:
            self.app.call_from_thread(
                self.notify,
                f"Your draft could not be stored: {exc.message}",
                severity="error",
                timeout=10,
            )

    def store_draft(self, content: DraftContent) -> None:
        """Write the draft, unless the form was saved or discarded meanwhile (any thread)."""
        from listening_tui.errors import DatabaseError
        from listening_tui.services.drafts import save_draft

        with self.draft_lock:
            if self.finished:
                return
            try:
                save_draft(
                    self.database,
                    self.campaign.id,
                    self.draft_id,
                    content,
                    base_version=self.base_version,
                )
            except DatabaseError as exc:
                raise self.rescue(content, exc.message) from None

    def rescue(self, content: DraftContent, failure: str) -> ListeningError:
        """Write the form to a rescue file; the error to show says where it is (any thread)."""
        from listening_tui.errors import Rescued
        from listening_tui.services.rescue import rescue_form

        if self.rescued is not None and self.rescued[0] == content:
            path = self.rescued[1]  # this very content is in a rescue file already
        else:
            try:
                path = str(rescue_form(self.campaign, self.draft_id, content, self.base_version))
            except ListeningError as exc:
                return exc
            self.rescued = (content, path)
        return Rescued(
            f"{_sentence(failure.rstrip('.'))}. What you typed is safe in the file {path}, "
            "and the app offers to bring it back the next time it starts",
            path,
        )

    def write_draft_now(self) -> None:
        """Store the draft at once, on this thread (on quit or close)."""
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        self.dirty = False
        content = self.collect()
        if content == self.last_written:
            return
        self.last_written = content
        self.has_draft = True
        self.store_draft(content)

    # ---- saving ----

    def action_save(self) -> None:
        from listening_tui.domain.drafts import to_session_form
        from listening_tui.errors import InvalidInput

        self.clear_errors()
        content = self.collect()
        try:
            form = to_session_form(content)
        except InvalidInput as exc:
            self.show_problems(exc.problems)
            return
        self.store_session(form, content)

    @work(thread=True, exclusive=True, group="save")
    def store_session(self, form: object, content: DraftContent) -> None:
        """Save the session (and drop its draft) off the UI thread."""
        from listening_tui.domain.forms import SessionForm
        from listening_tui.errors import DatabaseError, EditConflict, InvalidInput
        from listening_tui.services.sessions import save_session

        assert isinstance(form, SessionForm)
        try:
            with self.draft_lock:
                saved = save_session(
                    self.database,
                    self.campaign.id,
                    form,
                    draft_id=self.draft_id,
                    base_version=self.base_version,
                    opened_themes={issue.id: issue.theme_id for issue in self.content.issues},
                )
                self.finished = True
        except EditConflict as exc:
            self.post_message(self.EditedElsewhere(exc.message, exc.current_version))
            return
        except InvalidInput as exc:
            self.app.call_from_thread(self.show_problems, exc.problems or [("", exc.message)])
            return
        except DatabaseError as exc:
            self.post_message(self.SaveFailed(self.rescue(content, exc.message).message))
            return
        except ListeningError as exc:
            self.post_message(
                self.SaveFailed(f"{exc.message.rstrip('.')}. What you typed is still in the form")
            )
            return
        self.post_message(self.Saved(saved))

    @on(Saved)
    def saved(self, event: Saved) -> None:
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        self.dirty = False
        session = event.saved.session
        self.app.notify(
            f"Saved: {self.kind_label} of {session.held_on.isoformat()} led by {session.leader}.",
            title="Session saved",
        )
        self.dismiss(None)

    @on(EditedElsewhere)
    def edited_elsewhere(self, event: EditedElsewhere) -> None:
        """Say who saved in between; saving over theirs is the listener's deliberate choice."""
        from listening_tui.tui.dialogs.confirm import ConfirmModal

        def chosen(save_mine: bool | None) -> None:
            if save_mine:
                self.base_version = event.current_version
                self.store_draft(self.collect())
                self.action_save()
            else:
                self.notify(
                    "Nothing was written over. Your version is in the session's history, "
                    "and this form stays a draft until you save or discard it.",
                    title="Kept",
                    timeout=10,
                )

        self.app.push_screen(
            ConfirmModal(f"{event.message}.\n\nMake your version the newest now?", "Save mine"),
            callback=chosen,
        )

    @on(SaveFailed)
    def save_failed(self, event: SaveFailed) -> None:
        self.notify(
            event.message,
            title="Not saved",
            severity="error",
            timeout=15,
        )

    # ---- errors ----

    def clear_errors(self) -> None:
        for error in self.query(".field-error"):
            assert isinstance(error, Static)
            error.update("")
            error.display = False
        for invalid in self.query(".-invalid"):
            invalid.remove_class("-invalid")
        for row in self.query(FormRow):
            row.show_error(None)
        banner = self.query_one("#form-errors", Static)
        banner.update("")
        banner.display = False

    def show_problems(self, problems: list[tuple[str, str]]) -> None:
        """Show each problem next to its field and focus the first; nothing typed is touched."""
        first: Widget | None = None
        for path, message in problems:
            target = self.show_problem(path, message)
            first = first or target
        count = len(problems)
        banner = self.query_one("#form-errors", Static)
        banner.update(
            f"Not saved yet: {count} thing{'s' if count != 1 else ''} to put right "
            "(marked below). Everything you typed is still here."
        )
        banner.display = True
        if first is not None:
            first.focus()
            first.scroll_visible(animate=False)

    def show_problem(self, path: str, message: str) -> Widget | None:
        """Put one message next to its field; returns the widget to focus."""
        head, _, rest = path.partition("[")
        if head in ("issues", "quotes", "references") and rest:
            index_text, _, tail = rest.partition("]")
            rows = self.query_one(f"#{head}", RowList).rows
            index = int(index_text)
            if index < len(rows):
                return rows[index].show_error(_sentence(message), tail.lstrip(".") or None)
        if head == "interviewees":
            return self._person_problem(path, message)
        selector = SIMPLE_FIELDS.get(path)
        if selector is None:
            banner = self.query_one("#form-errors", Static)
            banner.update(f"{path}: {message}" if path else message)
            return None
        widget = self.query_one(selector)
        if path == "issues":
            error = self.query_one("#issues-error", Static)
            error.update(_sentence(message))
            error.display = True
            rows = self.query_one("#issues", RowList).rows
            return rows[0].focus_target(None) if rows else widget
        self._field_error(widget, message)
        return widget

    def _person_problem(self, path: str, message: str) -> Widget | None:
        if self.content.kind == "group":
            widget: Widget = self.query_one("#group-names")
        elif path.endswith(".name"):
            widget = self.query_one("#person-name")
        else:
            widget = self.query_one("#person-contact")
        self._field_error(widget, message)
        return widget

    def _field_error(self, widget: Widget, message: str) -> None:
        widget.add_class("-invalid")
        container = next((a for a in widget.ancestors if a.has_class("field")), None)
        if isinstance(container, Widget):
            for error in container.query_children(".field-error"):
                assert isinstance(error, Static)
                error.update(_sentence(message))
                error.display = True

    # ---- rows ----

    def _focused_row(self) -> tuple[RowList, FormRow[Any] | None] | None:
        focused = self.focused
        node = focused
        row = None
        while node is not None:
            if isinstance(node, FormRow) and row is None:
                row = node
            if isinstance(node, RowList):
                return node, row
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return None

    @on(Button.Pressed, ".add-row")
    async def add_row_button(self, event: Button.Pressed) -> None:
        await self.action_add_to((event.button.id or "add-issues").removeprefix("add-"))

    async def action_add_to(self, list_id: str) -> None:
        """Add an empty row at the end of the issues, quotes or references."""
        await self.add_row_to(self.query_one(f"#{list_id}", RowList), None)

    async def action_add_row(self) -> None:
        found = self._focused_row()
        row_list, row = found if found is not None else (self.query_one("#issues", RowList), None)
        await self.add_row_to(row_list, row)

    async def add_row_to(self, row_list: RowList, row: FormRow[Any] | None) -> None:
        """Add an empty row to ``row_list`` after ``row`` (or at the end) and focus it."""
        if row_list.is_full():
            self.notify(
                "A session can hold at most six key issues: change or remove one first.",
                severity="warning",
            )
            return
        builders = {"issues": IssueRow, "quotes": QuoteRow, "references": ReferenceRow}
        entries = {"issues": DraftIssue, "quotes": DraftQuote, "references": DraftReference}
        list_id = row_list.id or "issues"
        new_row = builders[list_id](entries[list_id]())
        await row_list.add_row(new_row, after=row)

    async def action_remove_row(self) -> None:
        found = self._focused_row()
        row_list, row = found if found is not None else (None, None)
        if row_list is None or row is None:
            self.notify("Put the cursor in the issue, quote or reference to remove.")
            return
        if row_list.id == "issues" and len(row_list.rows) == 1:
            self.notify("The first key issue stays: clear its text instead.")
            return
        await row_list.remove_row(row)

    def action_move_row(self, offset: int) -> None:
        found = self._focused_row()
        row_list, row = found if found is not None else (None, None)
        if row_list is None or row is None:
            return
        focused = self.focused
        if row_list.move_row(row, offset) and focused is not None:
            focused.focus()
            focused.scroll_visible(animate=False)

    # ---- leaving ----

    def action_discard(self) -> None:
        from listening_tui.tui.dialogs.confirm import ConfirmModal

        def answered(discard: bool | None) -> None:
            if discard:
                if self._autosave is not None:
                    self._autosave.stop()
                    self._autosave = None
                self.dirty = False
                self.discard_draft()

        self.app.push_screen(
            ConfirmModal(
                "Throw away this write-up? What you typed here cannot be brought back."
                + ("\n\nThe saved session itself is not changed." if self.base_version else ""),
                "Discard",
            ),
            callback=answered,
        )

    @work(thread=True, exclusive=True, group="save")
    def discard_draft(self) -> None:
        from listening_tui.services.drafts import discard_draft

        with self.draft_lock:
            self.finished = True
            discard_draft(self.database, self.draft_id)
        self.app.call_from_thread(self._discarded)

    def _discarded(self) -> None:
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        self.dirty = False
        self.notify("The draft was discarded.")
        self.dismiss(None)

    def action_close(self) -> None:
        from listening_tui.errors import Rescued

        try:
            self.write_draft_now()
        except Rescued as exc:
            self.app.notify(
                exc.message, title="Kept in a rescue file", severity="warning", timeout=30
            )
            self.dismiss(None)
            return
        except ListeningError as exc:
            self.notify(exc.message, title="Not kept", severity="error", timeout=30)
            return
        if self.has_draft:
            self.notify("The form is kept as a draft: resume it from the start screen.")
        self.dismiss(None)


def _sentence(message: str) -> str:
    """Messages start with a capital letter on the screen."""
    return message[:1].upper() + message[1:] if message else message
