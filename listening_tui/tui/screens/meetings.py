"""The convenor's meetings: the list of a campaign's meetings, and one meeting with its votes."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from listening_tui.tui.commands import PaletteEntry

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.meetings import Meeting, MeetingSetup, MeetingSummary, Vote, VoteSetup
    from listening_tui.domain.ranking import RankedGroup


class MeetingsScreen(Screen[None]):
    """A campaign's meetings, newest first."""

    CSS_PATH = "../styles/meetings.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n",
            "new_meeting",
            "New meeting",
            id="meetings.new",
            tooltip="Set up a meeting: title, date, place, convenor, quorum, agenda",
        ),
        Binding("escape", "back", "Back", id="meetings.back", tooltip="Back to the start screen"),
    ]
    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("meeting: New meeting", "new_meeting", "Set up a ratification meeting"),
    ]

    class Loaded(Message):
        """The campaign's meetings were read."""

        def __init__(self, meetings: list[MeetingSummary]) -> None:
            super().__init__()
            self.meetings = meetings

    def __init__(self, database: Database, campaign_id: UUID, campaign_name: str) -> None:
        super().__init__()
        self.database = database
        self.campaign_id = campaign_id
        self.campaign_name = campaign_name
        self.meeting_ids: list[UUID] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="meetings-body"):
            yield Static(f"Meetings of {self.campaign_name}", classes="section-title")
            yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
            yield Static("", id="meetings-hint", classes="field-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#meetings", DataTable).add_columns(
            "Date", "Meeting", "Place", "Present", "Votes"
        )
        self.refresh_data()

    @work(thread=True, exclusive=True, group="meetings-read")
    def refresh_data(self) -> None:
        """Read the meetings again."""
        from listening_tui.services.meetings import list_meetings

        self.post_message(self.Loaded(list_meetings(self.database, self.campaign_id)))

    @on(Loaded)
    def show(self, event: Loaded) -> None:
        table = self.query_one("#meetings", DataTable)
        table.clear()
        self.meeting_ids = [m.id for m in event.meetings]
        for m in event.meetings:
            table.add_row(
                m.held_on.isoformat(), m.title, m.place or "", str(m.present), str(m.votes)
            )
        hint = "Enter opens a meeting." if event.meetings else "No meeting yet: press n."
        self.query_one("#meetings-hint", Static).update(hint)
        table.focus()

    def action_new_meeting(self) -> None:
        from listening_tui.tui.dialogs.meeting import MeetingSetupModal

        def made(setup: MeetingSetup | None) -> None:
            if setup is not None:
                self.create(setup)

        self.app.push_screen(MeetingSetupModal(), callback=made)

    @work(thread=True, group="meetings")
    def create(self, setup: MeetingSetup) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.meetings import create_meeting

        try:
            meeting = create_meeting(self.database, self.campaign_id, setup)
        except ListeningError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error")
            return
        self.app.call_from_thread(self._open, meeting.id)
        self.refresh_data()

    def _open(self, meeting_id: UUID) -> None:
        self.app.push_screen(MeetingScreen(self.database, meeting_id), callback=self._reread)

    def _reread(self, _result: None) -> None:
        self.refresh_data()

    @on(DataTable.RowSelected, "#meetings")
    def open_selected(self, event: DataTable.RowSelected) -> None:
        if self.meeting_ids:
            self._open(self.meeting_ids[event.cursor_row])

    def action_back(self) -> None:
        self.dismiss(None)


class MeetingScreen(Screen[None]):
    """One meeting: attendance updated as people arrive, its votes, presentation mode."""

    CSS_PATH = "../styles/meetings.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "plus,equals_sign",
            "present(1)",
            "+1 present",
            id="meeting.arrived",
            tooltip="Someone arrived: one more present (stored at once)",
        ),
        Binding(
            "minus",
            "present(-1)",
            "-1",
            id="meeting.left",
            tooltip="Someone left: one fewer present (stored at once)",
        ),
        Binding(
            "v",
            "open_vote",
            "Open vote",
            id="meeting.open_vote",
            tooltip="Open a vote: proposal, dot vote or ranked ballots",
        ),
        Binding(
            "p",
            "present_mode",
            "Present",
            id="meeting.presentation",
            tooltip="Full-screen presentation for the projector",
        ),
        Binding(
            "e",
            "edit",
            "Edit",
            id="meeting.edit",
            tooltip="Change the title, date, place, convenor, quorum or agenda",
        ),
        Binding("escape", "back", "Back", id="meeting.back", tooltip="Back to the meetings"),
    ]
    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("vote: Open a vote", "open_vote", "A proposal, a dot vote or ranked ballots"),
        ("meeting: Present on the projector", "present_mode", "Ranked issues, bars, agenda"),
        ("meeting: Edit the meeting", "edit", "Title, date, place, convenor, quorum, agenda"),
        ("meeting: One more present", "present(1)", "Someone arrived"),
        ("meeting: One fewer present", "present(-1)", "Someone left"),
    ]

    class Loaded(Message):
        """The meeting and its votes were read."""

        def __init__(self, meeting: Meeting, votes: list[Vote]) -> None:
            super().__init__()
            self.meeting = meeting
            self.votes = votes

    def __init__(self, database: Database, meeting_id: UUID) -> None:
        super().__init__()
        self.database = database
        self.meeting_id = meeting_id
        self.meeting: Meeting | None = None
        self.vote_ids: list[UUID] = []
        self.attendance_lock = threading.Lock()
        """Quick presses write one at a time, each the newest count."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="meeting-body"):
            yield Static("", id="meeting-line")
            yield Static("", id="meeting-attendance")
            yield Static("Votes", classes="section-title")
            yield DataTable(id="votes", cursor_type="row", zebra_stripes=True)
            yield Static(
                "+ / - as people arrive or leave · v opens a vote · Enter enters its figures",
                classes="field-hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#votes", DataTable).add_columns("#", "Vote", "Method", "Status")
        self.refresh_data()

    @work(thread=True, exclusive=True, group="meeting-read")
    def refresh_data(self) -> None:
        """Read the meeting and its votes again."""
        from listening_tui.services.meetings import get_meeting, list_votes

        meeting = get_meeting(self.database, self.meeting_id)
        self.post_message(self.Loaded(meeting, list_votes(self.database, self.meeting_id)))

    @on(Loaded)
    def show(self, event: Loaded) -> None:
        from listening_tui.domain.meetings import METHOD_NAMES

        self.meeting = m = event.meeting
        place = f" · {m.place}" if m.place else ""
        self.query_one("#meeting-line", Static).update(
            f"[b]{_escape(m.title)} [/b]· {m.held_on.isoformat()}{_escape(place)} · convenor "
            f"{_escape(m.convenor)} · agenda {m.agenda_minutes} min"
        )
        self._show_attendance()
        table = self.query_one("#votes", DataTable)
        cursor = table.cursor_row
        table.clear()
        self.vote_ids = [v.id for v in event.votes]
        for v in event.votes:
            table.add_row(str(v.number), v.title, METHOD_NAMES[v.method], v.status)
        if event.votes:
            table.move_cursor(row=min(max(cursor, 0), len(event.votes) - 1))
        table.focus()

    def _show_attendance(self) -> None:
        m = self.meeting
        if m is None:
            return
        state = "quorate" if m.present >= m.quorum else f"{m.quorum - m.present} short of quorum"
        self.query_one("#meeting-attendance", Static).update(
            f"Present: [b]{m.present} [/b]  Quorum: {m.quorum} ({state})"
        )

    def action_present(self, change: int) -> None:
        if self.meeting is None:
            return
        present = max(0, self.meeting.present + change)
        self.meeting = self.meeting.model_copy(update={"present": present})
        self._show_attendance()
        self.store_present(present)

    @work(thread=True, group="attendance")
    def store_present(self, present: int) -> None:
        """Store the count now; each write takes the newest count, so the last one stays."""
        from listening_tui.errors import ListeningError
        from listening_tui.services.meetings import set_present

        try:
            with self.attendance_lock:
                newest = self.meeting.present if self.meeting is not None else present
                set_present(self.database, self.meeting_id, newest)
        except ListeningError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error")

    def action_edit(self) -> None:
        from listening_tui.tui.dialogs.meeting import MeetingSetupModal

        def changed(setup: MeetingSetup | None) -> None:
            if setup is not None:
                self.update(setup)

        if self.meeting is not None:
            self.app.push_screen(MeetingSetupModal(self.meeting), callback=changed)

    @work(thread=True, group="meeting")
    def update(self, setup: MeetingSetup) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.meetings import update_meeting

        try:
            update_meeting(self.database, self.meeting_id, setup)
        except ListeningError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error")
        self.refresh_data()

    def action_open_vote(self) -> None:
        if self.meeting is not None:
            self.read_ranking(self.meeting)

    @work(thread=True, group="meeting")
    def read_ranking(self, meeting: Meeting) -> None:
        from listening_tui.domain.ranking import RankingFilter
        from listening_tui.services.analysis import ranked_issues

        ranking = ranked_issues(self.database, RankingFilter(campaign_id=meeting.campaign_id))
        self.app.call_from_thread(self._ask_vote, meeting, ranking)

    def _ask_vote(self, meeting: Meeting, ranking: list[RankedGroup]) -> None:
        from listening_tui.tui.dialogs.meeting import OpenVoteModal

        def chosen(setup: VoteSetup | None) -> None:
            if setup is not None:
                self.start_vote(setup)

        self.app.push_screen(OpenVoteModal(meeting, ranking), callback=chosen)

    @work(thread=True, group="meeting")
    def start_vote(self, setup: VoteSetup) -> None:
        from listening_tui.errors import ListeningError
        from listening_tui.services.meetings import open_vote

        try:
            vote = open_vote(self.database, self.meeting_id, setup)
        except ListeningError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error")
            return
        self.app.call_from_thread(self._open_vote_screen, vote.id)
        self.refresh_data()

    def _open_vote_screen(self, vote_id: UUID) -> None:
        from listening_tui.tui.screens.vote import VoteScreen

        assert self.meeting is not None
        self.app.push_screen(
            VoteScreen(self.database, vote_id, self.meeting.convenor),
            callback=self._reread,
        )

    @on(DataTable.RowSelected, "#votes")
    def open_selected(self, event: DataTable.RowSelected) -> None:
        if self.vote_ids and self.meeting is not None:
            self._open_vote_screen(self.vote_ids[event.cursor_row])

    def _reread(self, _result: None) -> None:
        self.refresh_data()

    def action_present_mode(self) -> None:
        from listening_tui.tui.screens.presentation import PresentationScreen

        if self.meeting is not None:
            self.app.push_screen(PresentationScreen(self.database, self.meeting))

    def action_back(self) -> None:
        self.dismiss(None)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
