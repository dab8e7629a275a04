"""Presentation mode for the projector: the ranked issues, the whole ranking as bars, the agenda
with a countdown, and the results of closed votes. Large, bold, high-contrast, no clutter.

Textual has no big font except Digits, so the rank and the countdown are Digits
and everything else is bold text with generous spacing. Open votes show no
figures: results appear only once the convenor has closed the vote.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Digits, Static

from listening_tui.tui.commands import PaletteEntry

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.meetings import Meeting, VoteDetail
    from listening_tui.services.presentation import Presentation

View = Literal["slides", "bars", "agenda", "results"]
MOST_SLIDES = 20
"""The convenor chooses how many of the top issues to step through, up to this."""
LIGHT_THEME = "textual-light"


def _key(key: str, action: str, description: str, tooltip: str) -> Binding:
    return Binding(key, action, description, id=f"presentation.{action}", tooltip=tooltip)


class PresentationScreen(Screen[None]):
    """Full screen for the projector; the convenor steps through with the arrow keys."""

    CSS_PATH = "../styles/presentation.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _key("right,pagedown", "step(1)", "Next", "The next issue, or the next agenda item"),
        _key("left,pageup", "step(-1)", "Back", "The previous issue, or agenda item"),
        _key("s", "view('slides')", "Issues", "Step through the top ranked issues"),
        _key("b", "view('bars')", "Bars", "The whole ranking as bars"),
        _key("a", "view('agenda')", "Agenda", "The agenda, the current item and its countdown"),
        _key("r", "view('results')", "Results", "Results of the closed votes"),
        _key("space", "timer", "Start/pause", "Start or pause the current item's countdown"),
        _key("plus,equals_sign", "top(1)", "More", "Step through one more issue"),
        _key("minus", "top(-1)", "Fewer", "Step through one fewer issue"),
        _key("t", "light", "Light", "Switch between the dark and the light theme (bright rooms)"),
        _key("escape", "leave", "Leave", "Leave presentation mode"),
    ]
    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("present: Ranked issues", "view('slides')", "Step through the top ranked issues"),
        ("present: Ranking as bars", "view('bars')", "The whole ranking"),
        ("present: Agenda and countdown", "view('agenda')", "The current item and its time"),
        ("present: Vote results", "view('results')", "Closed votes only"),
        ("present: Light or dark theme", "light", "A light theme for bright rooms"),
    ]

    class Loaded(Message):
        """The slides, the ranking and the closed votes' results were read."""

        def __init__(self, shown: Presentation, votes: list[VoteDetail]) -> None:
            super().__init__()
            self.shown = shown
            self.votes = votes

    def __init__(self, database: Database, meeting: Meeting, top: int = 5) -> None:
        super().__init__()
        self.database = database
        self.meeting = meeting
        self.top = top
        self.slide = 0
        self.item = 0
        self.shown: Presentation | None = None
        self.votes: list[VoteDetail] = []
        self.view: View = "slides"
        self.elapsed = 0.0
        """Seconds spent on the current agenda item before the countdown's last start."""
        self.started: float | None = None
        self.ticker: Timer | None = None
        self.theme_before: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="presentation"):
            yield Static("", id="present-title")
            with ContentSwitcher(initial="slides", id="present-views"):
                with Vertical(id="slides"):
                    with Horizontal(id="slide-top"):
                        yield Digits("", id="slide-rank")
                        yield Static("", id="slide-theme")
                    yield Static("", id="slide-figures")
                    yield Static("", id="slide-conclusion")
                    yield Static("", id="slide-quotes")
                yield VerticalScroll(Static("", id="bars-text"), id="bars")
                with Vertical(id="agenda"):
                    yield Static("", id="agenda-current")
                    yield Digits("", id="agenda-countdown")
                    yield Static("", id="agenda-list")
                yield VerticalScroll(Static("", id="results-text"), id="results")
            yield Static(
                "← → step · s issues · b bars · a agenda · r results · t light · Esc leave",
                id="present-hint",
            )

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="presentation")
    def load(self) -> None:
        """Read the ranking, the slides and the meeting's votes."""
        from listening_tui.services.meetings import get_vote, list_votes
        from listening_tui.services.presentation import presentation

        shown = presentation(self.database, self.meeting.campaign_id, MOST_SLIDES)
        votes = [get_vote(self.database, v.id) for v in list_votes(self.database, self.meeting.id)]
        self.post_message(self.Loaded(shown, votes))

    @on(Loaded)
    def loaded(self, event: Loaded) -> None:
        self.shown = event.shown
        self.votes = event.votes
        self.top = max(1, min(self.top, len(event.shown.slides) or 1))
        self.render_view()

    def on_resize(self) -> None:
        if self.shown is not None:
            self.render_view()

    # ---- views ----

    def render_view(self) -> None:
        """Draw the current view from what was read."""
        self.query_one("#present-views", ContentSwitcher).current = self.view
        title = self.query_one("#present-title", Static)
        if self.view == "slides":
            self._render_slide()
            title.update(f"{escape(self.meeting.title)} · the issues we heard")
        elif self.view == "bars":
            self._render_bars()
            title.update(f"{escape(self.meeting.title)} · every issue, by points")
        elif self.view == "agenda":
            self._render_agenda()
            title.update(f"{escape(self.meeting.title)} · agenda")
        else:
            self._render_results()
            title.update(f"{escape(self.meeting.title)} · votes")

    def _render_slide(self) -> None:
        shown = self.shown
        if shown is None or not shown.slides:
            self.query_one("#slide-theme", Static).update("No issues have been ranked yet.")
            return
        self.slide = max(0, min(self.slide, self.top - 1))
        slide = shown.slides[self.slide]
        ratified = slide.theme_id is not None and slide.theme_id in shown.ratified
        self.query_one("#slide-rank", Digits).update(str(slide.rank))
        mark = "\n[reverse] RATIFIED PRIORITY [/reverse]" if ratified else ""
        self.query_one("#slide-theme", Static).update(
            f"{escape(slide.theme)}{mark}\n[dim]issue {self.slide + 1} of {self.top}[/dim]"
        )
        figures = slide.figures[:1].upper() + slide.figures[1:]
        self.query_one("#slide-figures", Static).update(escape(figures) + ".")
        conclusion = self.query_one("#slide-conclusion", Static)
        conclusion.display = bool(slide.conclusion)
        conclusion.update(escape(slide.conclusion or ""))
        quotes = self.query_one("#slide-quotes", Static)
        quotes.display = bool(slide.quotes)
        quotes.update("\n\n".join(f"“{escape(q)}”" for q in slide.quotes))

    def _render_bars(self) -> None:
        shown = self.shown
        if shown is None:
            return
        ranking = shown.ranking
        width = max(self.size.width - 4, 40)
        name_width = min(34, max((len(g.theme) for g in ranking), default=10), width // 2)
        room = max(width - name_width - 12, 5)
        most = max((g.points for g in ranking), default=1) or 1
        lines = []
        for group in ranking:
            bar = "█" * max(1, round(group.points * room / most))
            name = (
                group.theme
                if len(group.theme) <= name_width
                else group.theme[: name_width - 1] + "…"
            )
            star = "✔" if group.theme_id in shown.ratified else " "
            lines.append(
                f"[b]{group.rank:>2} [/b]{escape(name):<{name_width}} {star} "
                f"[b]{bar} [/b]{group.points}"
            )
        self.query_one("#bars-text", Static).update("\n".join(lines) or "No issues yet.")

    def _render_agenda(self) -> None:
        agenda = self.meeting.agenda
        current = self.query_one("#agenda-current", Static)
        countdown = self.query_one("#agenda-countdown", Digits)
        if not agenda:
            current.update("This meeting has no agenda yet (e on the meeting screen).")
            countdown.update("")
            self.query_one("#agenda-list", Static).update("")
            return
        self.item = max(0, min(self.item, len(agenda) - 1))
        item = agenda[self.item]
        left = item.minutes * 60 - self._spent()
        sign = "-" if left < 0 else ""
        minutes, seconds = divmod(int(abs(left)), 60)
        countdown.update(f"{sign}{minutes:02d}:{seconds:02d}")
        countdown.set_class(left < 0, "-overtime")
        state = "running" if self.started is not None else "paused: space starts"
        current.update(f"Now: [b]{escape(item.title)} [/b] ({item.minutes} min, {state})")
        lines = []
        for number, entry in enumerate(agenda):
            pointer = "▶" if number == self.item else " "
            style = "b" if number == self.item else "dim" if number < self.item else ""
            text = f"{pointer} {entry.minutes:>3} min  {escape(entry.title)}"
            lines.append(f"[{style}]{text}[/{style}]" if style else text)
        self.query_one("#agenda-list", Static).update("\n".join(lines))

    def _render_results(self) -> None:
        from listening_tui.tui.widgets.vote_result import result_lines

        blocks = []
        for detail in self.votes:
            heading = f"[b]Vote {detail.vote.number}: {escape(detail.vote.title)}[/b]"
            blocks.append("\n".join([heading, *result_lines(detail)]))
        self.query_one("#results-text", Static).update(
            "\n\n".join(blocks) or "No vote has been opened yet."
        )

    # ---- countdown ----

    def _spent(self) -> float:
        running = time.monotonic() - self.started if self.started is not None else 0.0
        return self.elapsed + running

    def action_timer(self) -> None:
        if self.started is None:
            self.started = time.monotonic()
            self.ticker = self.set_interval(1, self._tick)
        else:
            self.elapsed = self._spent()
            self.started = None
            if self.ticker is not None:
                self.ticker.stop()
        self.view = "agenda"
        self.render_view()

    def _tick(self) -> None:
        if self.view == "agenda":
            self._render_agenda()

    # ---- keys ----

    def action_step(self, change: int) -> None:
        if self.view == "agenda":
            before = self.item
            self.item = max(0, min(self.item + change, len(self.meeting.agenda) - 1))
            if self.item != before:
                self.elapsed = 0.0
                if self.started is not None:
                    self.started = time.monotonic()
        else:
            self.view = "slides"
            self.slide = max(0, min(self.slide + change, self.top - 1))
        self.render_view()

    def action_view(self, view: View) -> None:
        self.view = view
        self.render_view()

    def action_top(self, change: int) -> None:
        count = len(self.shown.slides) if self.shown else 0
        self.top = max(1, min(self.top + change, count or 1))
        self.notify(f"Stepping through the top {self.top} issues.", timeout=2)
        self.render_view()

    def action_light(self) -> None:
        if self.app.theme == LIGHT_THEME:
            self.app.theme = self.theme_before or "textual-dark"
        else:
            self.theme_before = self.app.theme
            self.app.theme = LIGHT_THEME

    def action_leave(self) -> None:
        if self.ticker is not None:
            self.ticker.stop()
        if self.theme_before is not None:
            self.app.theme = self.theme_before
        self.dismiss(None)
