"""Key conclusions: the recorder writes one overall text and one per theme, and picks quotes.

Typed text is never lost: it is kept per conclusion while the screen is open,
written within AUTOSAVE_SECONDS of a change, and written at once when the
recorder moves to another conclusion, leaves the screen or quits the app. A
quote is picked for the report (``d``, decision makers) or for the meeting
(``m``) with one key; the sharing level the listener recorded is shown beside
it, and a quote it does not allow is refused with the reason.
"""

from __future__ import annotations

import threading
from functools import partial
from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from listening_tui.tui.commands import PaletteEntry
from listening_tui.tui.screens.campaign import ActionFailed, CampaignScreen, back_binding

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.conclusions import Purpose, QuoteOption
    from listening_tui.services.conclusions import CampaignConclusions

AUTOSAVE_SECONDS = 1.0
"""A change is written within this time (not postponed by more typing)."""
OVERALL = "overall"
"""The option id of the overall conclusion; themes use their id."""


class ConclusionsScreen(CampaignScreen):
    """The campaign's conclusions: a list on the left, the text and its quotes on the right."""

    CSS_PATH = "../styles/conclusions.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    AUTO_FOCUS = "#conclusion-text"

    BINDINGS: ClassVar[list[BindingType]] = [
        back_binding("conclusions", "Back to the campaigns (what you typed is saved first)"),
        Binding(
            "d",
            "pick('decision_makers')",
            "For report",
            id="conclusions.pick_report",
            tooltip="Put the highlighted quote in the report for decision makers (again: take "
            "it out); only quotes marked 'decision makers' may go",
        ),
        Binding(
            "m",
            "pick('meeting')",
            "For meeting",
            id="conclusions.pick_meeting",
            tooltip="Choose the highlighted quote to read out at the meeting (again: take it "
            "out); recorders-only quotes never go",
        ),
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="conclusions.save",
            tooltip="Save the conclusion now (it is saved by itself within a second anyway)",
        ),
        Binding(
            "ctrl+t",
            "saturation",
            "Heard",
            id="conclusions.saturation",
            tooltip="New concerns per session and who has been heard, by subgroup",
        ),
        Binding(
            "ctrl+r",
            "report",
            "Report",
            id="conclusions.report",
            tooltip="Write the campaign report (HTML or Markdown) to a file",
        ),
    ]

    PALETTE: ClassVar[list[PaletteEntry]] = [
        (
            "quote: Pick for the report",
            "pick('decision_makers')",
            "The highlighted quote goes in the report for decision makers (or comes out)",
        ),
        (
            "quote: Pick for the meeting",
            "pick('meeting')",
            "The highlighted quote is read out at the meeting (or no longer)",
        ),
        ("conclusion: Save now", "save", "Write the conclusion you are typing"),
        (
            "saturation: Show who was heard",
            "saturation",
            "New concerns per session, sessions and people per subgroup",
        ),
        ("report: Write the report", "report", "The campaign report as HTML or Markdown"),
        ("conclusion: Back", "back", "Back to the campaigns"),
    ]

    class Loaded(Message):
        """The conclusions were read."""

        def __init__(self, conclusions: CampaignConclusions) -> None:
            super().__init__()
            self.conclusions = conclusions

    class QuotesLoaded(Message):
        """The quotes that may go with one conclusion were read."""

        def __init__(self, key: str, quotes: list[QuoteOption]) -> None:
            super().__init__()
            self.key = key
            self.quotes = quotes

    def __init__(self, database: Database, campaign_id: UUID, campaign_name: str) -> None:
        super().__init__(database, campaign_id, campaign_name)
        self.current: str | None = None
        """The option id of the conclusion being edited."""
        self.titles: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        """What is in each conclusion's box, as typed (saved or not)."""
        self.saved: dict[str, str] = {}
        """What the database holds for each conclusion, as far as this screen knows."""
        self.quotes: list[QuoteOption] = []
        self._autosave: Timer | None = None
        self._save_lock = threading.Lock()
        self._showing = False
        """True while the box is being filled by the screen, not typed into."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="conclusions-body"):
            yield OptionList(id="conclusion-list")
            with Vertical(id="conclusion-pane"):
                yield Static("", id="conclusion-title", classes="section-title")
                yield TextArea(id="conclusion-text", soft_wrap=True, show_line_numbers=False)
                yield Static(
                    "Quotes: d = in the report, m = for the meeting",
                    id="quotes-hint",
                    classes="field-hint",
                )
                yield DataTable(id="quote-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="quote-full")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Conclusions: {self.campaign_name}"
        table = self.query_one("#quote-table", DataTable)
        table.add_column("Rep", key="report", width=3)
        table.add_column("Mtg", key="meeting", width=3)
        table.add_column("Sharing", key="sharing", width=15)
        table.add_column("Quote", key="quote")
        self.query_one("#conclusion-text", TextArea).disabled = True
        self.load()

    # ---- reading ----

    @work(thread=True, exclusive=True, group="conclusions-read")
    def load(self) -> None:
        from listening_tui.services.conclusions import campaign_conclusions

        read = partial(campaign_conclusions, self.database, self.campaign_id)
        self.post_result(read, self.Loaded, "")

    @on(Loaded)
    def show_conclusions(self, event: Loaded) -> None:
        found = event.conclusions
        options = self.query_one("#conclusion-list", OptionList)
        options.clear_options()
        for conclusion in [found.overall, *found.themes]:
            key = OVERALL if conclusion.theme_id is None else str(conclusion.theme_id)
            self.titles[key] = conclusion.title
            self.saved[key] = conclusion.text
            self.texts.setdefault(key, conclusion.text)
            options.add_option(Option(self._label(key), id=key))
        box = self.query_one("#conclusion-text", TextArea)
        box.disabled = False
        options.highlighted = 0
        if self.current is None:
            self.show(OVERALL)
        box.focus()

    def _label(self, key: str) -> Text:
        mark = "✎ " if self.texts.get(key, "").strip() else "  "
        return Text(mark + self.titles[key])

    @on(OptionList.OptionHighlighted, "#conclusion-list")
    def switch(self, event: OptionList.OptionHighlighted) -> None:
        key = event.option.id
        if key is not None and key != self.current:
            self.save_now()
            self.show(key)

    def show(self, key: str) -> None:
        """Put one conclusion in the box and read its quotes."""
        self.current = key
        title = self.titles[key]
        heading = "Overall conclusion" if key == OVERALL else f"Theme: {title}"
        self.query_one("#conclusion-title", Static).update(heading)
        box = self.query_one("#conclusion-text", TextArea)
        self._showing = True
        box.load_text(self.texts.get(key, ""))
        self._showing = False
        self.query_one("#quote-table", DataTable).clear()
        self.query_one("#quote-full", Static).update("")
        self.load_quotes(key)

    @work(thread=True, exclusive=True, group="conclusions-quotes")
    def load_quotes(self, key: str) -> None:
        from listening_tui.services.conclusions import quote_options

        theme_id = None if key == OVERALL else UUID(key)
        read = partial(quote_options, self.database, self.campaign_id, theme_id)
        self.post_result(read, partial(self.QuotesLoaded, key), "")

    @on(QuotesLoaded)
    def show_quotes(self, event: QuotesLoaded) -> None:
        from listening_tui.domain.conclusions import SHARING_LABELS

        if event.key != self.current:
            return
        table = self.query_one("#quote-table", DataTable)
        row = table.cursor_row
        table.clear()
        self.quotes = event.quotes
        for index, quote in enumerate(event.quotes):
            muted = "dim" if quote.sharing == "recorders_only" else ""
            table.add_row(
                "✔" if "decision_makers" in quote.chosen_for else "",
                "✔" if "meeting" in quote.chosen_for else "",
                Text(SHARING_LABELS[quote.sharing], style=muted),
                Text(" ".join(quote.text.split()), style=muted),
                key=str(index),
            )
        if event.quotes:
            table.move_cursor(row=min(max(row, 0), len(event.quotes) - 1))
        else:
            self.query_one("#quote-full", Static).update("No quotes were recorded here.")

    @on(DataTable.RowHighlighted, "#quote-table")
    def show_full_quote(self, event: DataTable.RowHighlighted) -> None:
        from listening_tui.domain.conclusions import SHARING_LABELS

        if 0 <= event.cursor_row < len(self.quotes):
            quote = self.quotes[event.cursor_row]
            where = f"{quote.held_on:%d %b %Y}, {quote.subgroup or 'no subgroup'}"
            self.query_one("#quote-full", Static).update(
                Text(f"“{quote.text}” ({where}; {SHARING_LABELS[quote.sharing]})")
            )

    # ---- typing and saving ----

    @on(TextArea.Changed, "#conclusion-text")
    def typed(self, event: TextArea.Changed) -> None:
        if self._showing or self.current is None:
            return
        before = self.texts.get(self.current, "")
        self.texts[self.current] = event.text_area.text
        if bool(before.strip()) != bool(event.text_area.text.strip()):
            self._relabel(self.current)
        if self._autosave is None:
            self._autosave = self.set_timer(AUTOSAVE_SECONDS, self._save_soon)

    def _relabel(self, key: str) -> None:
        options = self.query_one("#conclusion-list", OptionList)
        options.replace_option_prompt(key, self._label(key))

    def _save_soon(self) -> None:
        self._autosave = None
        key = self.current
        if key is not None and self.texts.get(key) != self.saved.get(key):
            self.write_text(key, self.texts[key])

    @work(thread=True, group="conclusions-write")
    def write_text(self, key: str, text: str) -> None:
        """Store a conclusion off the UI thread."""
        from listening_tui.errors import ListeningError

        try:
            self._store(key, text)
        except ListeningError as exc:
            why = f"Your conclusion could not be saved: {exc.message}"
            self.post_message(ActionFailed("", why))

    def _store(self, key: str, text: str) -> None:
        from listening_tui.services.conclusions import save_conclusion

        with self._save_lock:
            theme_id = None if key == OVERALL else UUID(key)
            save_conclusion(self.database, self.campaign_id, theme_id, text)
            self.saved[key] = text

    def save_now(self) -> None:
        """Write every conclusion whose text changed, at once, on this thread."""
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        for key, text in list(self.texts.items()):
            if text != self.saved.get(key):
                self._store(key, text)

    def action_save(self) -> None:
        from listening_tui.errors import ListeningError

        try:
            self.save_now()
        except ListeningError as exc:
            self.notify(f"Not saved: {exc.message}", severity="error", timeout=10)
            return
        self.notify("Conclusion saved.")

    def action_back(self) -> None:
        from listening_tui.errors import ListeningError

        try:
            self.save_now()
        except ListeningError as exc:
            self.notify(
                f"Your conclusion could not be saved ({exc.message}); staying here so it is "
                "not lost. Try ctrl+s again.",
                severity="error",
                timeout=15,
            )
            return
        self.dismiss(None)

    # ---- quotes ----

    def action_pick(self, purpose: Purpose) -> None:
        from listening_tui.domain.conclusions import refusal

        table = self.query_one("#quote-table", DataTable)
        if self.current is None or not self.quotes:
            self.notify("There is no quote here to pick.", severity="warning")
            return
        quote = self.quotes[min(max(table.cursor_row, 0), len(self.quotes) - 1)]
        why_not = refusal(quote.sharing, purpose) if purpose not in quote.chosen_for else None
        if why_not is not None:
            self.notify(why_not, title="Not allowed", severity="error", timeout=10)
            return
        self.toggle(self.current, quote, purpose)

    @work(thread=True, exclusive=True, group="conclusions-pick")
    def toggle(self, key: str, quote: QuoteOption, purpose: Purpose) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.conclusions import toggle_quote

        theme_id = None if key == OVERALL else UUID(key)
        try:
            said = toggle_quote(self.database, self.campaign_id, theme_id, quote, purpose)
        except ListeningError as exc:
            self.post_message(ActionFailed("", exc.message))
        else:
            self.app.call_from_thread(self.notify, said)
        self.app.call_from_thread(self.load_quotes, key)

    # ---- other screens ----

    def action_saturation(self) -> None:
        from listening_tui.tui.screens.saturation import SaturationScreen

        self.app.push_screen(SaturationScreen(self.database, self.campaign_id, self.campaign_name))

    def action_report(self) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.tui.dialogs.report import ReportModal

        try:
            self.save_now()
        except ListeningError as exc:
            self.notify(f"Not saved: {exc.message}", severity="error", timeout=10)
            return
        self.app.push_screen(ReportModal(self.database, self.campaign_id, self.campaign_name))
