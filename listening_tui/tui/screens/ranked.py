"""The ranked issues of a campaign (spec/ranking.md), filtered and weighted, ready to explain.

The ranking is computed by services.analysis.ranked_issues (the same as
``listening-tui rank``) in a thread worker, again on every change of a
filter or of the weighting; a result computed for an older choice is
dropped. Enter opens what lies behind the highlighted line.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from listening_tui.tui.commands import PaletteEntry
from listening_tui.tui.paging import Answered, ListScreen
from listening_tui.tui.screens.campaign import back_binding
from listening_tui.tui.widgets.ranking_filters import RankingFilters
from listening_tui.tui.widgets.ranking_table import COLUMNS, RankingTable, column_help

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.ranking import RankedGroup, RankingFilter, Weighting

Ranking = tuple[list["RankedGroup"], frozenset[UUID]]
"""The ranked groups, and the themes a meeting ratified as priorities."""

COMPACT_BELOW = 36
"""Terminals with fewer rows get a one-line filter bar."""

WEIGHTING_WORDS = {
    "session": "each session counts once",
    "people": "points times the people in each session",
}


def describe_filter(ranking_filter: RankingFilter) -> str:
    """The sessions a ranking is over, in words: ``group sessions, subgroup Libraries``."""
    f = ranking_filter
    parts = []
    if f.kind:
        parts.append("one-to-one sessions" if f.kind == "one_to_one" else "group sessions")
    if f.subgroup:
        parts.append(f"subgroup {f.subgroup}")
    if f.leader:
        parts.append(f"led by {f.leader}")
    if f.date_from or f.date_to:
        start = f.date_from.isoformat() if f.date_from else "any day"
        end = f.date_to.isoformat() if f.date_to else "any day"
        parts.append(f"held {start} to {end}")
    return ", ".join(parts) if parts else "all sessions"


def group_key(group: RankedGroup | None) -> tuple[object, object] | None:
    """What identifies a line across recomputations: (theme id, normalised text)."""
    return (group.theme_id, group.text_key) if group else None


class RankedScreen(ListScreen[Ranking]):
    """A campaign's issue groups in order, every figure in a column that explains itself."""

    CSS_PATH = "../styles/ranked.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    AUTO_FOCUS = "#ranking"
    HEADING = "Ranked issues of {}"
    HEADING_ID = "ranked-title"

    BINDINGS: ClassVar[list[BindingType]] = [
        back_binding("ranked", "Back to the campaigns (from the filters: back to the ranking)"),
        Binding(
            "w",
            "toggle_weighting",
            "Weighting",
            id="ranked.weighting",
            tooltip="Count every session alike, or weigh each session's points by its people",
        ),
        Binding(
            "f",
            "filters",
            "Filters",
            id="ranked.filters",
            tooltip="Choose the sessions ranked: kind, subgroup, leader, days held",
        ),
        Binding(
            "x",
            "clear_filters",
            "Clear filters",
            id="ranked.clear_filters",
            tooltip="Rank all the campaign's sessions again",
            show=False,
        ),
        Binding(
            "d",
            "details",
            "Details",
            id="ranked.details",
            tooltip="The issues, sessions, quotes and reflections behind the highlighted line "
            "(Enter does the same)",
            show=False,
        ),
    ]

    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("ranking: Open details", "details", "Issues, sessions, quotes and reflections of a line"),
        ("ranking: Toggle weighting", "toggle_weighting", "Sessions alike, or by their people"),
        ("ranking: Filters", "filters", "Kind, subgroup, leader, days held"),
        ("ranking: Clear filters", "clear_filters", "Rank every session of the campaign"),
        ("ranking: Compute again", "refresh_data", "After another laptop or program saved"),
        ("ranking: Back to campaigns", "back", "Leave the ranking"),
    ]

    class Ranked(Answered[Ranking]):
        """The ranking was computed for the choice of ``generation``."""

    ANSWER = Ranked
    READ_FAILED = "Could not rank the issues"

    def __init__(self, database: Database, campaign_id: UUID, campaign_name: str) -> None:
        from listening_tui.domain.ranking import RankingFilter

        super().__init__(database, campaign_id, campaign_name)
        self.ranking_filter = RankingFilter(campaign_id=campaign_id)
        """The sessions ranked now."""
        self.weighting: Weighting = "session"

    def compose_list(self) -> ComposeResult:
        yield RankingFilters(id="ranking-filters")
        yield RankingTable(id="ranking")
        yield Static("", id="ranking-help")
        yield Static("", id="ranking-status")

    @property
    def table(self) -> RankingTable:
        return self.query_one("#ranking", RankingTable)

    @property
    def filter_bar(self) -> RankingFilters:
        return self.query_one(RankingFilters)

    @property
    def computing(self) -> bool:
        """True while a ranking is on its way."""
        return self._pending is not None

    def on_mount(self) -> None:
        self.query_one(RankingFilters).set_compact(self.app.size.height < COMPACT_BELOW)
        self.watch(self.table, "hover_coordinate", self._hovered, init=False)
        self._show_help(0)
        self._rank()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(RankingFilters).set_compact(event.size.height < COMPACT_BELOW)

    def refresh_data(self) -> None:
        """Compute the ranking again (the app calls this when a form closes)."""
        self._rank()
        self.load_choices()

    # ---- computing ----

    def _rank(self) -> None:
        self.ask_again(partial(self._compute, self.ranking_filter, self.weighting))
        self._show_status()

    def _compute(self, ranking_filter: RankingFilter, weighting: Weighting) -> Ranking:
        from listening_tui.services.analysis import ranked_issues
        from listening_tui.services.meetings import ratified_theme_ids

        groups = ranked_issues(self.database, ranking_filter, weighting)
        return groups, ratified_theme_ids(self.database, self.campaign_id)

    def show_answer(self, answer: Ranking, keep: UUID | None) -> None:
        groups, ratified = answer
        self.table.show(groups, group_key(self.table.highlighted), ratified)
        self._show_status()
        self._show_help(self.table.cursor_column)

    def read_stopped(self) -> None:
        self._show_status()

    def _show_status(self) -> None:
        groups = self.table.groups
        over = f"{describe_filter(self.ranking_filter)}, {WEIGHTING_WORDS[self.weighting]}"
        if self.computing:
            text = f"Ranking {over}…"
        elif not groups:
            text = f"No issues: no session matches these filters ({over})."
        else:
            noun = "group" if len(groups) == 1 else "groups"
            text = f"{len(groups):,} {noun} · {over} · Enter: details"
            if any(g.theme_id in self.table.ratified for g in groups):
                text += " · ✔ ratified at a meeting"
        self.query_one("#ranking-status", Static).update(text)

    # ---- explaining the columns ----

    def _show_help(self, column_index: int) -> None:
        key = self.table.column_key_at(column_index)
        label = COLUMNS[[c.key for c in COLUMNS].index(key)].label or "Bar"
        text = f"{label}: {column_help(key, self.weighting)}"
        group = self.table.highlighted
        if key == "theme" and group is not None:
            unthemed = " (issues with no theme yet)" if group.theme_id is None else ""
            text = f"{group.theme}{unthemed}. {column_help(key, self.weighting)}"
        self.query_one("#ranking-help", Static).update(text)

    @on(DataTable.CellHighlighted, "#ranking")
    def _cursor_moved(self, event: DataTable.CellHighlighted) -> None:
        self._show_help(event.coordinate.column)

    def _hovered(self, coordinate: Coordinate) -> None:
        key = self.table.column_key_at(coordinate.column)
        self.table.tooltip = column_help(key, self.weighting)

    # ---- choosing ----

    @on(RankingFilters.Changed)
    def _filter(self, event: RankingFilters.Changed) -> None:
        from listening_tui.domain.ranking import RankingFilter

        chosen = RankingFilter.model_validate(
            {
                "campaign_id": self.campaign_id,
                "kind": event.kind,
                "subgroup": event.subgroup,
                "leader": event.leader,
                "date_from": event.date_from,
                "date_to": event.date_to,
            }
        )
        if chosen != self.ranking_filter:
            self.ranking_filter = chosen
            self._rank()

    def action_toggle_weighting(self) -> None:
        self.weighting = "people" if self.weighting == "session" else "session"
        self._show_help(self.table.cursor_column)
        self._rank()

    def action_filters(self) -> None:
        self.query_one("#rank-kind").focus()

    def action_clear_filters(self) -> None:
        self.query_one(RankingFilters).clear()

    @on(DataTable.CellSelected, "#ranking")
    def _row_chosen(self, event: DataTable.CellSelected) -> None:
        self.action_details()

    def action_details(self) -> None:
        from listening_tui.tui.screens.group_details import GroupDetailsScreen

        group = self.table.highlighted
        if group is None:
            return
        self.app.push_screen(
            GroupDetailsScreen(
                self.database,
                self.campaign_id,
                group,
                self.ranking_filter,
                self.weighting,
            )
        )
