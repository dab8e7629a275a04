"""Start a new campaign: name, organisation, subgroups and the questions listeners ask."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static, TextArea

from listening_tui.domain.questions import QUESTION_SETS

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.forms import Campaign

FIELDS = {"name": "#campaign-name", "organisation": "#campaign-organisation"}


class NewCampaignModal(ModalScreen[uuid.UUID | None]):
    """Creates a campaign; dismisses with its id, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", "Create", id="campaign.create", tooltip="Create the campaign"),
        Binding("escape", "cancel", "Cancel", id="campaign.cancel", tooltip="Create nothing"),
    ]

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.database = database

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide-dialog", id="campaign-dialog"):
            yield Static("A new listening campaign", classes="dialog-title")
            yield Label("Name")
            yield Input(id="campaign-name", placeholder="Riverside listening campaign 2026")
            yield Static("", classes="field-error", id="campaign-name-error")
            yield Label("Community, organisation or workplace it listens to")
            yield Input(id="campaign-organisation")
            yield Static("", classes="field-error", id="campaign-organisation-error")
            yield Label("Subgroups (departments, streets, affiliations; comma-separated)")
            yield Input(id="campaign-subgroups")
            yield Static("", classes="field-error", id="campaign-subgroups-error")
            yield Label("Questions listeners ask: start from an example set and edit")
            yield RadioSet(
                RadioButton("Community", value=True, name="community"),
                RadioButton("Workplace", name="workplace"),
                RadioButton("My own", name="own"),
                id="question-set",
                classes="choices",
            )
            yield TextArea("\n".join(QUESTION_SETS["community"]), id="campaign-questions")
            yield Static("One question per line.", classes="field-hint")
            yield Static("", classes="field-error", id="campaign-questions-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Create campaign", id="create", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#campaign-name", Input).focus()

    @on(RadioSet.Changed, "#question-set")
    def question_set(self, event: RadioSet.Changed) -> None:
        chosen = event.pressed.name or "own"
        self.query_one("#campaign-questions", TextArea).text = "\n".join(QUESTION_SETS[chosen])

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        from listening_tui.domain.forms import Campaign
        from listening_tui.domain.validation import validate
        from listening_tui.errors import InvalidInput

        for error in self.query(".field-error"):
            assert isinstance(error, Static)
            error.update("")
        questions = self.query_one("#campaign-questions", TextArea).text.splitlines()
        subgroups = self.query_one("#campaign-subgroups", Input).value.split(",")
        data = {
            "id": uuid.uuid4(),
            "name": self.query_one("#campaign-name", Input).value,
            "organisation": self.query_one("#campaign-organisation", Input).value.strip() or None,
            "questions": [q.strip() for q in questions if q.strip()],
            "subgroups": [s.strip() for s in subgroups if s.strip()],
        }
        try:
            campaign = validate(Campaign, data)
        except InvalidInput as exc:
            path, message = exc.problems[0]
            field = path.split("[")[0] or "name"
            error = self.query_one(f"#campaign-{field}-error", Static)
            error.update(message[:1].upper() + message[1:])
            target = FIELDS.get(field, f"#campaign-{field}")
            self.query_one(target).focus()
            return
        self.create(campaign)

    @work(thread=True, exclusive=True, group="campaign")
    def create(self, campaign: Campaign) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.campaigns import create_campaign

        try:
            create_campaign(self.database, campaign)
        except ListeningError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error")
            return
        self.app.call_from_thread(self.notify, f"Campaign “{campaign.name}” created.")
        self.app.call_from_thread(self.dismiss, campaign.id)
