"""Offered at start: the drafts left when the app last stopped (a crash, a closed terminal)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

if TYPE_CHECKING:
    from listening_tui.services.drafts import Draft


class ResumeDraftsModal(ModalScreen[UUID | None]):
    """Lists unfinished drafts; Enter resumes one, Delete discards one (after asking)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "resume", "Resume", id="drafts.resume", tooltip="Open this draft", show=True
        ),
        Binding(
            "delete",
            "discard",
            "Discard",
            id="drafts.discard",
            tooltip="Throw this draft away (you will be asked first)",
        ),
        Binding("escape", "later", "Later", id="drafts.later", tooltip="Keep the drafts for later"),
    ]

    def __init__(self, drafts: list[Draft]) -> None:
        super().__init__()
        self.drafts = list(drafts)

    def compose(self) -> ComposeResult:
        count = len(self.drafts)
        with Vertical(classes="dialog wide-dialog"):
            yield Static(
                f"You have {count} unfinished write-up{'s' if count != 1 else ''}, "
                "kept exactly as you left {them}.".format(them="them" if count != 1 else "it"),
                classes="dialog-title",
            )
            yield DataTable(id="draft-list", cursor_type="row")
            yield Static(
                "Enter: resume   Delete: discard   Escape: later (they stay on the start screen)",
                classes="dialog-text",
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Draft", "Last change")
        self._fill()
        table.focus()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for draft in self.drafts:
            table.add_row(
                draft.headline,
                draft.updated_at.astimezone().strftime("%d %b %H:%M"),
                key=str(draft.id),
            )

    def _current(self) -> Draft | None:
        if not self.drafts:
            return None
        return self.drafts[self.query_one(DataTable).cursor_row]

    @on(DataTable.RowSelected)
    def action_resume(self) -> None:
        draft = self._current()
        if draft is not None:
            self.dismiss(draft.id)

    def action_later(self) -> None:
        self.dismiss(None)

    def action_discard(self) -> None:
        from listening_tui.tui.dialogs.confirm import ConfirmModal

        draft = self._current()
        if draft is None:
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.discard(draft)

        self.app.push_screen(
            ConfirmModal(
                f"Throw away this draft for good?\n\n{draft.headline}\n\n"
                "What was typed in it cannot be brought back.",
                "Discard draft",
            ),
            callback=answered,
        )

    @work(thread=True, exclusive=True, group="drafts")
    def discard(self, draft: Draft) -> None:
        from listening_tui.services.drafts import discard_draft
        from listening_tui.tui.app import ListeningApp

        app = self.app
        assert isinstance(app, ListeningApp)
        assert app.database is not None
        discard_draft(app.database, draft.id)
        app.call_from_thread(self._discarded, draft)

    def _discarded(self, draft: Draft) -> None:
        self.drafts.remove(draft)
        self.notify("Draft discarded.")
        if not self.drafts:
            self.dismiss(None)
            return
        self._fill()
