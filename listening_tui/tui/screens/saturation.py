"""Saturation: new concerns per session as listening went on, and who has been heard.

The recorder sees when sessions stopped turning up new concerns (the chart
flattens) and which subgroups are under-heard (fewest first, unheard ones
with 0).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Sparkline, Static

from listening_tui.tui.commands import PaletteEntry
from listening_tui.tui.screens.campaign import CampaignScreen, back_binding

if TYPE_CHECKING:
    from listening_tui.domain.conclusions import Saturation

BAR_WIDTH = 20
"""Characters of the longest bar in the subgroup table."""


class SaturationScreen(CampaignScreen):
    """A sparkline of new concerns per session and the subgroup table."""

    CSS_PATH = "../styles/saturation.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    AUTO_FOCUS = "#subgroup-table"

    BINDINGS: ClassVar[list[BindingType]] = [
        back_binding("saturation", "Back to the conclusions"),
        Binding(
            "r",
            "refresh_data",
            "Refresh",
            id="saturation.refresh",
            tooltip="Count again (after sessions were added or themes changed)",
        ),
    ]

    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("saturation: Count again", "refresh_data", "Read the sessions and themes again"),
        ("saturation: Back", "back", "Back to the conclusions"),
    ]

    class Counted(Message):
        """The saturation figures were read."""

        def __init__(self, figures: Saturation) -> None:
            super().__init__()
            self.figures = figures

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="saturation-body"):
            yield Static("New concerns per session, in the order held", classes="section-title")
            yield Static("Counting …", id="saturation-summary")
            yield Sparkline([], id="saturation-chart")
            yield Static("", id="saturation-axis", classes="field-hint")
            yield Static("Who was heard, fewest sessions first", classes="section-title")
            yield DataTable(id="subgroup-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Saturation: {self.campaign_name}"
        table = self.query_one("#subgroup-table", DataTable)
        table.add_column("Subgroup", key="subgroup")
        table.add_column("Sessions", key="sessions")
        table.add_column("People", key="people")
        table.add_column("", key="bar")
        self.refresh_data()

    def refresh_data(self) -> None:
        """Count again."""
        self.count()

    def action_refresh_data(self) -> None:
        self.refresh_data()

    @work(thread=True, exclusive=True, group="saturation")
    def count(self) -> None:
        from listening_tui.services.saturation import saturation

        self.post_result(partial(saturation, self.database, self.campaign_id), self.Counted, "")

    @on(Counted)
    def show(self, event: Counted) -> None:
        figures = event.figures
        self.query_one("#saturation-summary", Static).update(figures.summary())
        chart = self.query_one("#saturation-chart", Sparkline)
        chart.data = [float(news.new) for news in figures.sessions]
        axis = ""
        if figures.sessions:
            first, last = figures.sessions[0].held_on, figures.sessions[-1].held_on
            top = max(news.new for news in figures.sessions)
            axis = f"{first:%d %b %Y} → {last:%d %b %Y}; the tallest bar is {top} new"
        self.query_one("#saturation-axis", Static).update(axis)
        table = self.query_one("#subgroup-table", DataTable)
        table.clear()
        most = max((s.sessions for s in figures.subgroups), default=0) or 1
        for index, heard in enumerate(figures.subgroups):
            bar = "█" * round(heard.sessions / most * BAR_WIDTH)
            table.add_row(
                heard.subgroup if heard.subgroup is not None else "(no subgroup given)",
                str(heard.sessions),
                str(heard.people),
                bar or "·",
                key=str(index),
            )
