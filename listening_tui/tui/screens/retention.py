"""Contact details due to expire: review them, set the campaign's period, expire the past ones.

The campaign's other privacy setting lives here too: how many people must have
been heard in a subgroup before reports and anonymised exports name it
(domain.small_groups).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Static

from listening_tui.tui.commands import PaletteEntry

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.services.campaigns import CampaignSetting
    from listening_tui.services.privacy import RetentionReport


class RetentionScreen(Screen[None]):
    """The campaign's contacts past, or within 30 days of, their retention period."""

    CSS_PATH = "../styles/retention.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    AUTO_FOCUS = "#retention-table"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="retention.back", tooltip="Back to the sessions"),
        Binding(
            "x",
            "expire",
            "Expire",
            id="retention.expire",
            tooltip="Empty the contacts past their period (asks first)",
        ),
        Binding(
            "ctrl+s",
            "save_months",
            "Save period",
            id="retention.save",
            tooltip="Keep contact details this many months after the session",
        ),
    ]

    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("contacts: Expire the past ones", "expire", "Empty the contacts past their period"),
        ("contacts: Save the retention period", "save_months", "Months kept after a session"),
        (
            "privacy: Save the small-group size",
            "save_small_group_k",
            'Subgroups heard from fewer people are "Other subgroups" in reports and exports',
        ),
        ("contacts: Back to the sessions", "back", "Leave the review"),
    ]

    def __init__(self, database: Database, campaign_id: uuid.UUID, campaign_name: str) -> None:
        super().__init__()
        self.database = database
        self.campaign_id = campaign_id
        self.campaign_name = campaign_name
        self.expired_count = 0
        """How many listed contacts are already past their period."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Contact details due to expire · {self.campaign_name}", id="retention-title")
        with Horizontal(id="retention-period"):
            yield Label("Keep contact details for ")
            yield Input(id="retention-months", type="integer", max_length=3)
            yield Label(" months after the session ")
            yield Button("Save", id="retention-save")
        with Horizontal(id="small-groups"):
            yield Label("Name a subgroup in reports from ")
            yield Input(
                id="small-group-k",
                type="integer",
                max_length=2,
                tooltip="Reports and anonymised exports name a subgroup only from this many people",
            )
            yield Label(" people heard ")
            yield Button("Save", id="small-group-save")
        yield Static(
            'Smaller subgroups become "Other subgroups" in reports and anonymised bundles.',
            classes="field-hint",
            id="small-groups-hint",
        )
        yield Static("", classes="field-error", id="retention-error")
        yield DataTable(id="retention-table", cursor_type="row", zebra_stripes=True)
        yield Static("Reading...", id="retention-summary")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Expire the past ones (x)", variant="error", id="retention-expire")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#retention-table", DataTable)
        table.add_columns("State", "Expires", "Name", "Role", "Contact", "Session")
        self._load()

    @work(thread=True, exclusive=True, group="retention")
    def _load(self) -> None:
        self._read()

    def _read(self, report: RetentionReport | None = None) -> None:
        """Read the period and the list (in a worker thread), then show them."""
        from listening_tui.services.privacy import contacts_due, retention_months
        from listening_tui.services.small_groups import small_group_k

        months = retention_months(self.database, self.campaign_id)
        k = small_group_k(self.database, self.campaign_id)
        found = report or contacts_due(self.database, self.campaign_id)
        self.app.call_from_thread(self._show, months, k, found)

    def _show(self, months: int, k: int, report: RetentionReport) -> None:
        self.query_one("#retention-months", Input).value = str(months)
        self.query_one("#small-group-k", Input).value = str(k)
        table = self.query_one("#retention-table", DataTable)
        table.clear()
        for item in report.due:
            table.add_row(
                "EXPIRED" if item.expired else "soon",
                item.expires_on.isoformat(),
                item.name,
                item.role,
                item.contact,
                item.held_on.isoformat(),
                key=str(item.row_id),
            )
        self.expired_count = sum(1 for item in report.due if item.expired)
        soon = len(report.due) - self.expired_count
        text = (
            f"{self.expired_count} past their period, {soon} expiring within 30 days."
            if report.due
            else "No contact details are due to expire."
        )
        if report.expired_counts:
            done = sum(report.expired_counts.get(k, 0) for k in ("interviewees", "references"))
            text = f"Expired {done}. {text} {report.file_note}".strip()
        self.query_one("#retention-summary", Static).update(text)
        self.query_one("#retention-expire", Button).disabled = self.expired_count == 0

    @on(Button.Pressed, "#retention-save")
    @on(Input.Submitted, "#retention-months")
    def action_save_months(self) -> None:
        months = self._number("#retention-months", "Give a number of months, like 12")
        if months is not None:
            self._save("contact_retention_months", months)

    @on(Button.Pressed, "#small-group-save")
    @on(Input.Submitted, "#small-group-k")
    def action_save_small_group_k(self) -> None:
        k = self._number("#small-group-k", "Give a number of people, like 5")
        if k is not None:
            self._save("small_group_k", k)

    def _number(self, selector: str, hint: str) -> int | None:
        """The whole number typed in ``selector``, or None after showing ``hint``."""
        error = self.query_one("#retention-error", Static)
        try:
            value = int(self.query_one(selector, Input).value.strip())
        except ValueError:
            error.update(hint)
            return None
        error.update("")
        return value

    @work(thread=True, exclusive=True, group="retention")
    def _save(self, setting: CampaignSetting, value: int) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.privacy import set_retention_months
        from listening_tui.services.small_groups import set_small_group_k

        try:
            if setting == "contact_retention_months":
                set_retention_months(self.database, self.campaign_id, value)
                said = f"Contact details are kept {value} months."
            else:
                set_small_group_k(self.database, self.campaign_id, value)
                said = (
                    "Reports and anonymised exports name every subgroup."
                    if value == 1
                    else f'Subgroups heard from fewer than {value} people are "Other '
                    'subgroups" in reports and anonymised exports.'
                )
        except ListeningError as exc:
            self.app.call_from_thread(
                self.query_one("#retention-error", Static).update, exc.message
            )
            return
        self.app.call_from_thread(self.notify, said)
        self._read()

    @on(Button.Pressed, "#retention-expire")
    def action_expire(self) -> None:
        from listening_tui.tui.dialogs.confirm import ConfirmModal

        if self.expired_count == 0:
            self.notify("No contact is past its period.")
            return

        def answered(expire: bool | None) -> None:
            if expire:
                self.query_one("#retention-summary", Static).update("Expiring...")
                self._expire()

        question = (
            f"Empty the {self.expired_count} contact details past their period, in earlier "
            "versions too? The consent given stays on record. This cannot be undone."
        )
        self.app.push_screen(ConfirmModal(question, "Expire"), answered)

    @work(thread=True, exclusive=True, group="retention")
    def _expire(self) -> None:
        from listening_tui.services.privacy import expire_contacts

        report = expire_contacts(self.database, self.campaign_id)
        self._read(report)

    def action_back(self) -> None:
        self.app.pop_screen()
