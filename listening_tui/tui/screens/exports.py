"""Export the highlighted campaign: a bundle, an anonymised bundle, a CSV folder or contacts.

The same services as ``listening-tui export`` and ``listening-tui contacts``
write the files (mode 0600). An existing file is never replaced without the
user's yes: the service refuses first (``OutputExists``), the screen asks,
and only then exports again with ``replace=True``.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    ProgressBar,
    RadioButton,
    RadioSet,
    Static,
)

from listening_tui.tui.commands import PaletteEntry
from listening_tui.tui.widgets.path_input import PathInput, expand

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.services.export_choices import Exported, ExportKind

SEALABLE = ("bundle", "anonymised")
"""The kinds of export that can be sealed with a passphrase."""

PROGRESS_AFTER = 1.0
"""Seconds an export runs before the progress bar appears."""

KIND_LABELS: dict[str, str] = {
    "bundle": "Full bundle (.json), for this campaign's other laptops",
    "anonymised": "Anonymised bundle: pseudonyms, no contacts (to share)",
    "csv": "CSV folder for spreadsheets (sessions, issues, ranking, ...)",
    "contacts": "Contact list (.csv): the people who agreed to be contacted",
}
"""The choices, in the order of ``EXPORT_KINDS``."""


def result_lines(exported: Exported) -> list[str]:
    """Where the export went and what it holds, in the words of the command line."""
    from listening_tui.interchange.results import BundleExport, CsvExport

    if isinstance(exported, BundleExport):
        line = f'{exported.sessions} sessions, {exported.themes} themes: "{exported.campaign_name}"'
        if exported.anonymised:
            line += f" (anonymised; {exported.quotes_left_out} recorders-only quotes left out)"
        if exported.sealed:
            line += " (sealed with a passphrase)"
        return [exported.path, line]
    if isinstance(exported, CsvExport):
        folder = str(Path(exported.paths[0]).parent) if exported.paths else ""
        return [
            f"{folder}{os.sep} ({', '.join(Path(p).name for p in exported.paths)})",
            f"{exported.sessions} sessions, {exported.issues} issues, {exported.quotes} quotes, "
            f"{exported.people} people, {exported.ranked_groups} ranked issue groups",
        ]
    who = "1 person" if exported.people == 1 else f"{exported.people} people"
    return [exported.path, f"{who} agreed to be contacted"]


class ExportScreen(Screen[None]):
    """Choose what to write and where; the file is written in a worker."""

    CSS_PATH = "../styles/transfer.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    AUTO_FOCUS = "#export-kind"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="export.back", tooltip="Back to the campaigns"),
        Binding(
            "ctrl+s",
            "export",
            "Export",
            id="export.start",
            tooltip="Write the chosen export (asks before replacing an existing file)",
        ),
    ]

    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("export: Write the export", "export", "Asks before replacing an existing file"),
        ("export: Back to campaigns", "back", "Leave the export screen"),
    ]

    class Progressed(Message):
        """``done`` of the campaign's ``total`` sessions are written."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class ExportWritten(Message):
        """The export was written."""

        def __init__(self, exported: Exported) -> None:
            super().__init__()
            self.exported = exported

    class AlreadyThere(Message):
        """The output exists; the user is asked whether to replace it."""

        def __init__(
            self, kind: ExportKind, out: Path, message: str, passphrase: str | None = None
        ) -> None:
            super().__init__()
            self.kind = kind
            self.out = out
            self.message = message
            self.passphrase = passphrase
            """The passphrase the replacement is sealed with, if it is sealed."""

    class ExportFailed(Message):
        """The export was refused or failed; ``message`` says why and what to do."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(
        self,
        database: Database,
        campaign_id: UUID,
        campaign_name: str,
        folder: str = "~",
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.database = database
        self.campaign_id = campaign_id
        self.campaign_name = campaign_name
        self.today = today or date.today()
        self.kind: ExportKind = "bundle"
        self.running = False
        self.last_export: Exported | None = None
        """What the last export wrote (for tests and the result line)."""
        self._suggested = self._suggestion("bundle", folder)
        self._progress_timer: Timer | None = None

    def _suggestion(self, kind: ExportKind, folder: str) -> str:
        from listening_tui.services.export_choices import suggested_path

        return suggested_path(kind, self.campaign_name, self.today, folder)

    def compose(self) -> ComposeResult:
        from listening_tui.services.export_choices import EXPORT_KINDS

        yield Header()
        with Vertical(id="export-body"):
            yield Static(
                Text(f"Export {self.campaign_name}"), classes="section-title", id="export-title"
            )
            with RadioSet(id="export-kind"):
                for kind in EXPORT_KINDS:
                    yield RadioButton(KIND_LABELS[kind], value=kind == "bundle", name=kind)
            with Horizontal(id="export-path-line"):
                yield Static("Write to", classes="field-label")
                yield PathInput(self._suggested, id="export-path")
            yield Static(
                "Tab completes · readable by you only · asks before replacing a file",
                classes="field-hint",
            )
            yield Checkbox(
                "Seal the bundle with a passphrase (only who knows it can import it)",
                id="export-seal",
            )
            with Horizontal(id="export-actions"):
                yield Button("Export (ctrl+s)", id="export-start", variant="primary")
            with Vertical(id="export-running"):
                yield Static("Writing…", id="export-progress-label")
                yield ProgressBar(id="export-progress", show_eta=False)
            yield Static("", id="export-result")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-running").display = False
        self.query_one("#export-result").display = False

    @on(RadioSet.Changed, "#export-kind")
    def _kind_changed(self, event: RadioSet.Changed) -> None:
        from listening_tui.services.export_choices import EXPORT_KINDS

        self.kind = EXPORT_KINDS[event.index]
        self.query_one("#export-seal").display = self.kind in SEALABLE
        path = self.query_one("#export-path", PathInput)
        self._suggested = self._suggestion(self.kind, self._folder_of(path.value))
        path.value = self._suggested

    @staticmethod
    def _folder_of(value: str) -> str:
        """The folder part of a suggested path (a CSV suggestion is itself a folder)."""
        head, slash, _name = value.rstrip(os.sep).rpartition(os.sep)
        return head + slash if slash else "~"

    # ---- exporting ----

    @on(Button.Pressed, "#export-start")
    def action_export(self) -> None:
        if self.running:
            return
        value = self.query_one("#export-path", PathInput).value.strip()
        if not value:
            self.notify("Give the file (or folder) to write.", severity="warning")
            return
        if self.kind in SEALABLE and self.query_one("#export-seal", Checkbox).value:
            self._ask_passphrase(self.kind, expand(value))
            return
        self._start(self.kind, expand(value), replace=False)

    def _ask_passphrase(self, kind: ExportKind, out: Path) -> None:
        """Ask for a new passphrase (twice), then seal the bundle with it."""
        from listening_tui.tui.dialogs.passphrase import PassphraseModal

        def given(passphrase: str | None) -> None:
            if passphrase:
                self._start(kind, out, replace=False, passphrase=passphrase)
            else:
                self.notify("Nothing was written: no passphrase was given.")

        modal = PassphraseModal(
            "Seal the bundle with a passphrase",
            "Whoever imports the bundle must type this passphrase. It is not stored: tell "
            "it to them another way than the file (in person, or by phone).",
            new=True,
        )
        self.app.push_screen(modal, callback=given)

    def _start(
        self, kind: ExportKind, out: Path, *, replace: bool, passphrase: str | None = None
    ) -> None:
        self.running = True
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=None, progress=0)
        self.query_one("#export-result").display = False
        self._progress_timer = self.set_timer(PROGRESS_AFTER, self._show_progress)
        self.refresh_bindings()
        self._export(kind, out, replace, passphrase)

    def _show_progress(self) -> None:
        if self.running:
            self.query_one("#export-running").display = True

    @work(thread=True, exclusive=True, group="export")
    def _export(
        self, kind: ExportKind, out: Path, replace: bool, passphrase: str | None = None
    ) -> None:
        from listening_tui.errors import ListeningError, OutputExists
        from listening_tui.services.export_choices import export_campaign

        def progressed(done: int, total: int) -> None:
            self.post_message(self.Progressed(done, total))

        try:
            exported = export_campaign(
                self.database,
                kind,
                out,
                str(self.campaign_id),
                replace=replace,
                progress=progressed,
                passphrase=passphrase,
            )
        except OutputExists as exc:
            self.post_message(self.AlreadyThere(kind, out, exc.message, passphrase))
            return
        except ListeningError as exc:
            self.post_message(self.ExportFailed(exc.message))
            return
        self.post_message(self.ExportWritten(exported))

    def _stopped(self) -> None:
        self.running = False
        if self._progress_timer is not None:
            self._progress_timer.stop()
        self.query_one("#export-running").display = False
        self.refresh_bindings()

    @on(Progressed)
    def _progressed(self, event: Progressed) -> None:
        self.query_one("#export-progress-label", Static).update(
            f"Writing… {event.done:,} of {event.total:,} sessions"
        )
        self.query_one("#export-progress", ProgressBar).update(
            total=max(event.total, 1), progress=event.done
        )

    @on(ExportWritten)
    def _exported(self, event: ExportWritten) -> None:
        self._stopped()
        self.last_export = event.exported
        path_line, counts = result_lines(event.exported)
        text = Text()
        text.append("✔ Written: ", style="bold green")
        text.append(path_line + "\n")
        text.append(counts)
        result = self.query_one("#export-result", Static)
        result.set_classes("-written")
        result.update(text)
        result.display = True

    @on(ExportFailed)
    def _failed(self, event: ExportFailed) -> None:
        self._stopped()
        text = Text()
        text.append("✘ Nothing was written: ", style="bold red")
        text.append(event.message)
        result = self.query_one("#export-result", Static)
        result.set_classes("-failed")
        result.update(text)
        result.display = True

    @on(AlreadyThere)
    def _ask_to_replace(self, event: AlreadyThere) -> None:
        from listening_tui.tui.dialogs.confirm import ConfirmModal

        self._stopped()
        if event.kind == "csv":
            question = (
                f"The folder {event.out} already holds CSV files of an export.\n\n"
                "Replace them with this export? The old files stay as they are until "
                "the new ones are complete."
            )
        else:
            question = (
                f"{event.out} already exists.\n\n"
                "Replace it with this export? The old file stays as it is until the new "
                "one is complete."
            )

        def answered(replace: bool | None) -> None:
            if replace:
                self._start(event.kind, event.out, replace=True, passphrase=event.passphrase)
            else:
                self.notify("Nothing was written: give another name to keep the old file.")

        self.app.push_screen(ConfirmModal(question, "Replace"), answered)

    # ---- navigation ----

    def action_back(self) -> None:
        if self.running:
            self.notify("The export is still being written; wait a moment.", severity="warning")
            return
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return not self.running
        return True
