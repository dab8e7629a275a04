"""Import bundles from other laptops: choose the files, watch the progress, read the report.

Each file goes through ``services.imports.import_bundle`` on its own, in one
transaction, exactly as ``listening-tui import`` does: a refused file changes
nothing and never holds up the others. The import runs in a thread worker
that posts a message per file and per thousand sessions; the handlers own
what is shown.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Footer, Header, Input, ProgressBar, SelectionList, Static

from listening_tui.tui.commands import PaletteEntry
from listening_tui.tui.widgets.path_input import LISTED_AT_MOST, PathInput, expand, json_file

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.interchange.results import ImportReport

PROGRESS_AFTER = 1.0
"""Seconds an import runs before the progress bar appears (quick imports just report)."""


def shown_name(path: Path) -> str:
    """A path as the report names it: under the home folder, with ``~``."""
    home = Path.home()
    if path.is_relative_to(home):
        return str(Path("~") / path.relative_to(home))
    return str(path)


def bundles_in(folder: Path) -> list[Path]:
    """The .json files of ``folder`` (not hidden), by name; none if it can't be read."""
    found: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            for n, entry in enumerate(entries):
                if n >= LISTED_AT_MOST:
                    break
                if entry.name.startswith(".") or not json_file(Path(entry.name)):
                    continue
                try:
                    if entry.is_file():
                        found.append(Path(entry.path))
                except OSError:
                    continue
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name.casefold())


def counts_line(report: ImportReport) -> str:
    """The counts ``listening-tui import`` prints, in the same words."""
    return (
        f"{report.sessions_added} added, {report.sessions_unchanged} unchanged, "
        f"{report.sessions_updated} updated, {report.conflicts} conflicts; "
        f"themes: {report.themes_added} added, {report.themes_reused} reused"
    )


class ImportScreen(Screen[None]):
    """Choose bundle files, import each in its own transaction, then show what each did."""

    CSS_PATH = "../styles/transfer.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    AUTO_FOCUS = "#import-path"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="import.back", tooltip="Back to the campaigns"),
        Binding(
            "ctrl+s",
            "start_import",
            "Import",
            id="import.start",
            tooltip="Import the chosen files, each on its own (all of it or none of it)",
        ),
        Binding(
            "ctrl+n",
            "choose_more",
            "Import more",
            id="import.more",
            tooltip="Choose more files to import",
        ),
    ]

    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("import: Import the chosen files", "start_import", "Each file all or nothing"),
        ("import: Choose more files", "choose_more", "Back to the file chooser"),
        ("import: Back to campaigns", "back", "Leave the import screen"),
    ]

    class FileStarted(Message):
        """The worker began reading file ``number`` of ``count``."""

        def __init__(self, name: str, number: int, count: int) -> None:
            super().__init__()
            self.name = name
            self.number = number
            self.count = count

    class Progressed(Message):
        """``done`` of the file's ``total`` sessions are merged."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class FileImported(Message):
        """A file was imported; ``report`` says what it did."""

        def __init__(self, report: ImportReport) -> None:
            super().__init__()
            self.report = report

    class FileRefused(Message):
        """A file was refused and nothing of it saved; ``message`` names the file and the
        JSON path of the first bad value."""

        def __init__(self, name: str, message: str) -> None:
            super().__init__()
            self.name = name
            self.message = message

    class ImportFinished(Message):
        """Every chosen file was tried."""

        def __init__(self, imported: int, refused: int) -> None:
            super().__init__()
            self.imported = imported
            self.refused = refused

    def __init__(self, database: Database, start_folder: Path | None = None) -> None:
        super().__init__()
        self.database = database
        self.start_folder = start_folder or Path.cwd()
        self.chosen: list[Path] = []
        """The files to import, in the order they were chosen."""
        self.listed_folder: Path | None = None
        self.running = False
        self.choosing = True
        """Whether the file chooser shows (else the progress and the report)."""
        self.reports: list[ImportReport] = []
        """What each imported file of the last import did."""
        self.refusals: list[tuple[str, str]] = []
        """(file, message) of each file the last import refused."""
        self._progress_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="import-chooser"):
            yield Static("Import bundles", classes="section-title")
            yield Static(
                "Each file is imported on its own: all of it, or nothing of it if "
                "anything in it is wrong.",
                classes="field-hint",
            )
            with Horizontal(id="import-path-line"):
                yield Static("File or folder", classes="field-label")
                yield PathInput(
                    self._folder_text(self.start_folder),
                    wanted=json_file,
                    placeholder="~/Downloads/branch.json",
                    id="import-path",
                )
            yield Static(
                "Tab completes · Enter adds a file or lists a folder · Space ticks a file",
                classes="field-hint",
            )
            yield SelectionList[str](id="import-files")
            with Horizontal(id="import-actions"):
                yield Static("", id="import-chosen")
                yield Button("Import (ctrl+s)", id="import-start", variant="primary")
        with Vertical(id="import-running"):
            yield Static("", id="import-progress-label")
            yield ProgressBar(id="import-progress", show_eta=False)
        with VerticalScroll(id="import-results"):
            yield Static("", id="import-summary", classes="section-title")
            yield Vertical(id="import-report")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#import-running").display = False
        self.query_one("#import-results").display = False
        self._list_folder(self.start_folder)
        self._show_chosen()

    @staticmethod
    def _folder_text(folder: Path) -> str:
        text = shown_name(folder)
        return text if text.endswith(os.sep) else text + os.sep

    # ---- choosing files ----

    def _list_folder(self, folder: Path) -> None:
        """Offer the .json files of ``folder`` in the list below the path."""
        files = self.query_one("#import-files", SelectionList)
        self.listed_folder = folder
        files.clear_options()
        found = bundles_in(folder)
        files.add_options([(path.name, str(path), path in self.chosen) for path in found])
        if found:
            files.highlighted = 0
        files.border_title = f"Bundles in {shown_name(folder)}" if found else None
        if not found:
            files.border_title = f"No .json file in {shown_name(folder)}"

    @on(Input.Changed, "#import-path")
    def _path_changed(self, event: Input.Changed) -> None:
        typed = expand(event.value)
        folder = typed if event.value.endswith(os.sep) or typed.is_dir() else typed.parent
        if folder.is_dir() and folder.absolute() != self.listed_folder:
            self._list_folder(folder.absolute())

    @on(Input.Submitted, "#import-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        path = expand(event.value).absolute()
        if path.is_dir():
            self._list_folder(path)
            self.query_one("#import-files", SelectionList).focus()
        elif path.is_file():
            self._choose(path)
            self._list_folder(path.parent)
            self.query_one("#import-start", Button).focus()
        else:
            self.notify(
                f"There is no file or folder {event.value}: check the name (Tab completes it).",
                severity="warning",
            )

    def _choose(self, path: Path) -> None:
        if path not in self.chosen:
            self.chosen.append(path)
        self._show_chosen()

    @on(SelectionList.SelectionToggled, "#import-files")
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        path = Path(event.selection.value)
        if path in self.chosen:
            self.chosen.remove(path)
        else:
            self.chosen.append(path)
        self._show_chosen()

    def _show_chosen(self) -> None:
        label = self.query_one("#import-chosen", Static)
        if not self.chosen:
            label.update("No file chosen yet")
        else:
            names = ", ".join(path.name for path in self.chosen)
            noun = "file" if len(self.chosen) == 1 else "files"
            label.update(Text(f"{len(self.chosen)} {noun}: {names}", overflow="ellipsis"))
        self.query_one("#import-start", Button).disabled = not self.chosen

    # ---- importing ----

    @on(Button.Pressed, "#import-start")
    def action_start_import(self) -> None:
        if self.running:
            return
        if not self.chosen:
            self.notify("Choose at least one bundle file first.", severity="warning")
            return
        from listening_tui.interchange.sealed import is_sealed

        sealed = [path for path in self.chosen if is_sealed(path)]
        if sealed:
            self._ask_passphrase(sealed)
            return
        self._begin()

    def _ask_passphrase(self, sealed: list[Path]) -> None:
        """Ask for the sealed bundles' passphrase, then import with it."""
        from listening_tui.tui.dialogs.passphrase import PassphraseModal

        def given(passphrase: str | None) -> None:
            if passphrase:
                self._begin(passphrase)
            else:
                self.notify("Nothing was imported: a sealed bundle needs its passphrase.")

        names = ", ".join(path.name for path in sealed)
        modal = PassphraseModal(
            "Sealed bundle" if len(sealed) == 1 else "Sealed bundles",
            f"{names} {'is' if len(sealed) == 1 else 'are'} sealed with a passphrase: type "
            "the one the sender told you. A changed or damaged file is refused whole.",
        )
        self.app.push_screen(modal, callback=given)

    def _begin(self, passphrase: str | None = None) -> None:
        self.running = True
        self.reports, self.refusals = [], []
        self.query_one("#import-report", Vertical).remove_children()
        self.query_one("#import-summary", Static).update("Importing…")
        self._choosing(False)
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=None, progress=0)
        self._progress_timer = self.set_timer(PROGRESS_AFTER, self._show_progress)
        self.refresh_bindings()
        self._import(list(self.chosen), passphrase)

    def _show_progress(self) -> None:
        if self.running:
            self.query_one("#import-running").display = True

    @work(thread=True, exclusive=True, group="import")
    def _import(self, paths: list[Path], passphrase: str | None = None) -> None:
        """Import each file in its own transaction, telling the screen as it goes."""
        import logging

        from listening_tui.errors import ListeningError
        from listening_tui.services.imports import import_bundle

        # psycopg's note that it dropped the statements queued after a refusal
        # would be written over the screen.
        logging.getLogger("psycopg").addHandler(logging.NullHandler())

        def progressed(done: int, total: int) -> None:
            self.post_message(self.Progressed(done, total))

        imported = refused = 0
        for number, path in enumerate(paths, start=1):
            name = shown_name(path)
            self.post_message(self.FileStarted(name, number, len(paths)))
            try:
                report = import_bundle(
                    self.database, path, shown=name, progress=progressed, passphrase=passphrase
                )
            except ListeningError as exc:
                refused += 1
                self.post_message(self.FileRefused(name, exc.message))
                continue
            imported += 1
            self.post_message(self.FileImported(report))
        self.post_message(self.ImportFinished(imported, refused))

    @on(FileStarted)
    def _file_started(self, event: FileStarted) -> None:
        self.query_one("#import-progress-label", Static).update(
            Text(f"Importing {event.name} ({event.number} of {event.count})…")
        )
        self.query_one("#import-progress", ProgressBar).update(total=None, progress=0)

    @on(Progressed)
    def _progressed(self, event: Progressed) -> None:
        self.query_one("#import-progress", ProgressBar).update(
            total=max(event.total, 1), progress=event.done
        )

    @on(FileImported)
    def _file_imported(self, event: FileImported) -> None:
        report = event.report
        self.reports.append(report)
        campaign = f'campaign "{report.campaign_name}"' + (
            " (new here)" if report.campaign_created else ""
        )
        lines = Text()
        lines.append("✔ ", style="bold green")
        lines.append(report.file, style="bold")
        lines.append(f" → {campaign}\n")
        lines.append(f"  {counts_line(report)}")
        if report.conflicts:
            lines.append(
                "\n  Both versions of each conflict are kept: open the session's history "
                "(h in the sessions list)."
            )
        self.query_one("#import-report", Vertical).mount(
            Static(lines, classes="import-file -imported")
        )

    @on(FileRefused)
    def _file_refused(self, event: FileRefused) -> None:
        self.refusals.append((event.name, event.message))
        lines = Text()
        lines.append("✘ ", style="bold red")
        lines.append(event.name, style="bold")
        lines.append(" was refused: nothing from this file was saved\n")
        lines.append(f"  {event.message}")
        self.query_one("#import-report", Vertical).mount(
            Static(lines, classes="import-file -refused")
        )

    @on(ImportFinished)
    def _finished(self, event: ImportFinished) -> None:
        self.running = False
        if self._progress_timer is not None:
            self._progress_timer.stop()
        self.query_one("#import-running").display = False
        total = event.imported + event.refused
        summary = f"{event.imported} of {total} files imported, {event.refused} refused"
        if total == 1:
            summary = "The file was imported" if event.imported else "The file was refused"
        self.query_one("#import-summary", Static).update(summary)
        self.chosen = []
        self._show_chosen()
        self.refresh_bindings()
        self.query_one("#import-results").focus()
        if event.imported:
            self._refresh_screens_below()

    def _refresh_screens_below(self) -> None:
        """The start screen's campaign counts (and any open list) read the database again."""
        for screen in self.app.screen_stack:
            if screen is self:
                continue
            refresh = getattr(screen, "refresh_data", None)
            if callable(refresh):
                refresh()

    # ---- navigation ----

    def _choosing(self, choosing: bool) -> None:
        self.choosing = choosing
        self.query_one("#import-chooser").display = choosing
        self.query_one("#import-results").display = not choosing
        self.refresh_bindings()

    def action_choose_more(self) -> None:
        self._choosing(True)
        if self.listed_folder is not None:
            self._list_folder(self.listed_folder)
        self.query_one("#import-path", Input).focus()

    def action_back(self) -> None:
        if self.running:
            self.notify(
                "The import is still running; wait for its report (each file is saved "
                "all at once).",
                severity="warning",
            )
            return
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start_import":
            return not self.running and self.choosing
        if action == "choose_more":
            return not self.running and not self.choosing
        return True
