"""What lies behind one line of the ranking: its issues, sessions, quotes and reflections.

Read by services.analysis.group_details in a thread worker, over the same
sessions as the ranking it was opened from. Each quote says who may hear it
in words and colour, so that nothing for recorders' eyes only is read out by
mistake. Nothing here shows a way to reach anyone: the service reads no
contact detail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from listening_tui.tui.commands import PaletteEntry
from listening_tui.tui.screens.ranked import WEIGHTING_WORDS, describe_filter
from listening_tui.tui.widgets.session_table import KIND_LABELS

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.group_details import DetailSession, GroupDetails
    from listening_tui.domain.ranking import RankedGroup, RankingFilter, Weighting

ANSWER_WORDS = {"yes": "Yes", "no": "No", "dont_know": "Don't know"}
DIFFERENCE_WORDS = {"none": "None", "a_little": "A little", "some": "Some", "a_lot": "A lot"}
SHARING_BADGES = {
    "decision_makers": ("DECISION MAKERS", "bold white on dark_green"),
    "meeting": ("MEETING ONLY", "bold black on yellow"),
    "recorders_only": ("RECORDERS ONLY", "bold white on red"),
}
"""Short, loud names of who may hear a quote; the full sentence follows each badge."""
TABS = ("issues", "sessions", "quotes", "reflections")


def ordinal(position: int) -> str:
    """1st, 2nd, 3rd, 4th, 5th, 6th."""
    return f"{position}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(position, 'th') }"


def count(number: int, one: str, many: str | None = None) -> str:
    """``1 session``, ``2 sessions``, ``1 person``, ``7 people``."""
    return f"{number:,} {one if number == 1 else (many or one + 's')}"


def session_line(session: DetailSession) -> str:
    """``2026-11-05 · Group of 7 · led by Amina Yusuf · Refuse collection``."""
    kind = "One-to-one" if session.kind == "one_to_one" else f"Group of {session.participant_count}"
    parts = [session.held_on.isoformat(), kind, f"led by {session.leader}"]
    if session.subgroup:
        parts.append(session.subgroup)
    return " · ".join(parts)


def reflection_lines(session: DetailSession) -> list[tuple[str, str]]:
    """The listener's reflections that were written, as (question, answer)."""
    r = session.reflections
    lines = [
        ("Moved by the stories", r.moved),
        (
            "Decision makers should hear them directly",
            ANSWER_WORDS[r.decision_makers_should_hear] if r.decision_makers_should_hear else None,
        ),
        ("Would act on these issues", ANSWER_WORDS[r.would_act] if r.would_act else None),
        (
            "Difference action on the top priority would make",
            DIFFERENCE_WORDS[r.difference] if r.difference else None,
        ),
        ("Notes", r.notes),
    ]
    return [(question, answer) for question, answer in lines if answer]


class GroupDetailsScreen(Screen[None]):
    """One group of the ranking in four tabs: issues, sessions, quotes, reflections."""

    CSS_PATH = "../styles/details.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="details.back", tooltip="Back to the ranking"),
        Binding("1", "show_tab('issues')", "Issues", id="details.issues", tooltip="The issues"),
        Binding(
            "2",
            "show_tab('sessions')",
            "Sessions",
            id="details.sessions",
            tooltip="The sessions the issues came from",
        ),
        Binding(
            "3",
            "show_tab('quotes')",
            "Quotes",
            id="details.quotes",
            tooltip="What people said, and who may hear it",
        ),
        Binding(
            "4",
            "show_tab('reflections')",
            "Reflections",
            id="details.reflections",
            tooltip="What the listeners felt after those sessions",
        ),
    ]

    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("details: Issues", "show_tab('issues')", "The issues of this line"),
        ("details: Sessions", "show_tab('sessions')", "The sessions they came from"),
        ("details: Quotes", "show_tab('quotes')", "What people said, and who may hear it"),
        ("details: Reflections", "show_tab('reflections')", "What the listeners felt"),
        ("details: Back to the ranking", "back", "Leave the details"),
    ]

    class DetailsLoaded(Message):
        """The group's details were read."""

        def __init__(self, details: GroupDetails) -> None:
            super().__init__()
            self.details = details

    class LoadFailed(Message):
        """The details could not be read; ``message`` says why."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(
        self,
        database: Database,
        campaign_id: UUID,
        group: RankedGroup,
        ranking_filter: RankingFilter,
        weighting: Weighting,
    ) -> None:
        super().__init__()
        self.database = database
        self.campaign_id = campaign_id
        self.group = group
        self.ranking_filter = ranking_filter
        self.weighting: Weighting = weighting
        self.details: GroupDetails | None = None
        """What was read, once it is."""

    def compose(self) -> ComposeResult:
        group = self.group
        yield Header()
        title = group.theme if group.theme_id else f"“{group.theme}” (issues with no theme yet)"
        yield Static(Text(title), classes="section-title", id="details-title")
        summary = (
            f"Rank {group.rank} · {count(group.points, 'point')} · "
            f"{count(group.sessions, 'session')} · "
            f"{count(group.people, 'person', 'people')} · "
            f"key issue: {group.key_yes} Y, {group.key_no} N, "
            f"{group.key_dont_know} ? · over {describe_filter(self.ranking_filter)}, "
            f"{WEIGHTING_WORDS[self.weighting]}"
        )
        yield Static(summary, id="details-summary")
        yield Static("", id="details-description")
        with TabbedContent(id="details-tabs"):
            with TabPane("Issues", id="issues"):
                yield DataTable(id="details-issues", cursor_type="row", zebra_stripes=True)
            with TabPane("Sessions", id="sessions"):
                yield DataTable(id="details-sessions", cursor_type="row", zebra_stripes=True)
            with TabPane("Quotes", id="quotes"):
                yield VerticalScroll(id="details-quotes")
            with TabPane("Reflections", id="reflections"):
                yield VerticalScroll(id="details-reflections")
        yield Static("Reading…", id="details-status")
        yield Footer()

    def on_mount(self) -> None:
        issues = self.query_one("#details-issues", DataTable)
        issues.add_column("Held on", width=10)
        issues.add_column("Place", width=5)
        issues.add_column("Points", width=6)
        issues.add_column("Key?", width=10)
        fixed = 10 + 5 + 6 + 10 + 2 * 5 * issues.cell_padding + 4
        issues.add_column("Issue", key="text", width=max(20, self.app.size.width - fixed))
        sessions = self.query_one("#details-sessions", DataTable)
        # Leader and subgroup share what the other columns leave (all fit at 80 columns).
        others = 10 + 5 + 6 + 4 + 6 + 10 + 2 * 8 * sessions.cell_padding + 4
        name_width = max(10, min(30, (self.app.size.width - others) // 2))
        sessions.add_column("Held on", width=10)
        sessions.add_column("Kind", width=5)
        sessions.add_column("Leader", width=name_width)
        sessions.add_column("Subgroup", width=name_width)
        sessions.add_column("People", width=6)
        sessions.add_column("Best", width=4)
        sessions.add_column("Points", width=6)
        sessions.add_column("Would act", width=10)
        self._load()

    @work(thread=True, exclusive=True, group="details")
    def _load(self) -> None:
        from listening_tui.domain.group_details import GroupKey
        from listening_tui.errors import ListeningError
        from listening_tui.services.analysis import group_details

        try:
            details = group_details(
                self.database, self.campaign_id, GroupKey.of(self.group), self.ranking_filter
            )
        except ListeningError as exc:
            self.post_message(self.LoadFailed(exc.message))
            return
        self.post_message(self.DetailsLoaded(details))

    @on(LoadFailed)
    def _failed(self, event: LoadFailed) -> None:
        self.query_one("#details-status", Static).update(event.message)
        self.notify(event.message, title="Could not read the details", severity="error")

    @on(DetailsLoaded)
    def _show(self, event: DetailsLoaded) -> None:
        details = self.details = event.details
        description = self.query_one("#details-description", Static)
        description.update(Text(details.description or ""))
        description.display = bool(details.description)
        self._show_issues(details)
        self._show_sessions(details)
        self._show_quotes(details)
        self._show_reflections(details)
        tabs = self.query_one(TabbedContent)
        counts = {
            "issues": len(details.issues),
            "sessions": len(details.sessions),
            "quotes": len(details.quotes),
            "reflections": sum(bool(reflection_lines(s)) for s in details.sessions),
        }
        for tab_id, count in counts.items():
            tabs.get_tab(tab_id).label = f"{tab_id.capitalize()} ({count})"
        status = "★ counted: each session's highest issue in this group earns its points"
        if details.session_total > len(details.sessions):
            status = (
                f"Showing the {len(details.sessions):,} most recent of "
                f"{details.session_total:,} sessions · {status}"
            )
        elif not details.sessions:
            status = "No session in these filters raised it any more: go back to rank again."
        self.query_one("#details-status", Static).update(status)
        self.query_one("#details-issues", DataTable).focus()

    def _show_issues(self, details: GroupDetails) -> None:
        table = self.query_one("#details-issues", DataTable)
        by_id = {s.id: s for s in details.sessions}
        for issue in details.issues:
            session = by_id[issue.session_id]
            counted = issue.counted
            table.add_row(
                session.held_on.isoformat(),
                Text(ordinal(issue.position), justify="right"),
                Text(f"★ {session.points(self.weighting)}" if counted else "", justify="right"),
                ANSWER_WORDS[issue.key_issue],
                Text(issue.text, style="" if counted else "dim"),
                height=None,
            )

    def _show_sessions(self, details: GroupDetails) -> None:
        table = self.query_one("#details-sessions", DataTable)
        for session in details.sessions:
            would_act = session.reflections.would_act
            table.add_row(
                session.held_on.isoformat(),
                KIND_LABELS[session.kind],
                Text(session.leader, no_wrap=True, overflow="ellipsis"),
                Text(session.subgroup or "", no_wrap=True, overflow="ellipsis"),
                Text(str(session.participant_count), justify="right"),
                Text(ordinal(session.best_position), justify="right"),
                Text(str(session.points(self.weighting)), justify="right"),
                ANSWER_WORDS[would_act] if would_act else "",
            )

    def _show_quotes(self, details: GroupDetails) -> None:
        box = self.query_one("#details-quotes", VerticalScroll)
        by_id = {s.id: s for s in details.sessions}
        widgets: list[Static] = []
        for quote in details.quotes:
            text = Text()
            badge, badge_style = SHARING_BADGES[quote.sharing]
            text.append(f" {badge} ", style=badge_style)
            text.append(f" {quote.sharing_label}\n", style="bold")
            text.append(f"“{quote.text}”")
            if quote.attribution:
                text.append(f"\n— {quote.attribution}", style="italic")
            text.append(f"\n{session_line(by_id[quote.session_id])}", style="dim")
            widgets.append(Static(text, classes=f"quote -{quote.sharing.replace('_', '-')}"))
        if not widgets:
            widgets.append(Static("No quote was written down in these sessions.", classes="quote"))
        box.mount_all(widgets)

    def _show_reflections(self, details: GroupDetails) -> None:
        box = self.query_one("#details-reflections", VerticalScroll)
        widgets: list[Static] = []
        for session in details.sessions:
            lines = reflection_lines(session)
            if not lines:
                continue
            text = Text()
            text.append(session_line(session), style="bold")
            for question, answer in lines:
                text.append(f"\n{question}: ")
                text.append(answer, style="italic")
            widgets.append(Static(text, classes="reflection"))
        if not widgets:
            none = "The listeners wrote no reflections on these sessions."
            widgets.append(Static(none, classes="reflection"))
        box.mount_all(widgets)

    def action_show_tab(self, tab_id: str) -> None:
        if tab_id in TABS:
            self.query_one(TabbedContent).active = tab_id

    def action_back(self) -> None:
        self.app.pop_screen()
