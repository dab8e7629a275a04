"""The recorder's themes: group issues into themes, rename, merge, split, delete, undo.

Left, the themes with where they came from (issues, sessions, listeners,
quotes); right, the issues, filtered by the theme under the left cursor and
by the bar above, read a page at a time (a campaign may hold 175,000). Space
marks issues; ``t`` puts the marked ones in a theme. Every change returns a
record the screen keeps on an undo stack (ctrl+z). Database calls run in
thread workers that post messages; the handlers own the state.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from listening_tui.domain.themes import IssueQuery
from listening_tui.tui.commands import PaletteEntry
from listening_tui.tui.paging import Answered, PagedScreen
from listening_tui.tui.screens.campaign import back_binding
from listening_tui.tui.widgets.issue_filters import IssueFilters
from listening_tui.tui.widgets.issue_table import IssueTable
from listening_tui.tui.widgets.theme_list import ThemeList, provenance_text

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.themes import IssuePage, ThemeChange, ThemeOverview, ThemeProvenance
    from listening_tui.tui.dialogs.theme_picker import ThemeChoice

UNDO_LEVELS = 50
"""Changes ctrl+z can take back, most recent first."""


def _going(theme: ThemeProvenance) -> str:
    """What goes with a deleted theme besides its name, for the confirmation ("" if nothing)."""
    parts = ["its conclusion"] if theme.concluded else []
    if theme.chosen_quotes:
        quotes = "quote" if theme.chosen_quotes == 1 else "quotes"
        parts.append(f"the {theme.chosen_quotes:,} {quotes} chosen for it")
    if not parts:
        return ""
    going = " and ".join(parts)
    return f" {going[0].upper()}{going[1:]} will go too."


class ThemesScreen(PagedScreen[IssueQuery, "IssuePage"]):
    """Themes on the left, issues on the right; every change can be undone."""

    CSS_PATH = "../styles/themes.tcss"
    """Its own rules, loaded when it first opens (see app.tcss)."""

    AUTO_FOCUS = "#issues"
    HEADING = "Themes of {}"
    HEADING_ID = "themes-title"

    BINDINGS: ClassVar[list[BindingType]] = [
        back_binding("themes", "Back to the campaigns"),
        Binding(
            "t",
            "put_in_theme",
            "To theme",
            id="themes.put",
            tooltip="Put the marked issues (or the highlighted one) in a new or existing theme",
        ),
        Binding(
            "x",
            "take_out",
            "Take out",
            id="themes.take_out",
            tooltip="Take the marked issues (or the highlighted one) out of their theme",
        ),
        Binding(
            "r", "rename", "Rename", id="themes.rename", tooltip="Rename the theme on the left"
        ),
        Binding(
            "m",
            "merge",
            "Merge",
            id="themes.merge",
            tooltip="Merge the theme on the left into another theme",
        ),
        Binding(
            "delete",
            "delete_theme",
            "Delete",
            id="themes.delete",
            tooltip="Delete the theme on the left (asks first); its issues stay, in no theme",
        ),
        Binding(
            "ctrl+z", "undo", "Undo", id="themes.undo", tooltip="Take back the last theme change"
        ),
        Binding(
            "s",
            "suggest",
            "Suggest",
            id="themes.suggest",
            tooltip="Propose themes for the issues in no theme; you accept or reject each",
        ),
        Binding("slash", "search", "Search", id="themes.search", tooltip="Find issues by words"),
        Binding(
            "o",
            "reorder",
            "Order",
            id="themes.order",
            tooltip="List issues A–Z by wording, or newest session first",
            show=False,
        ),
        Binding(
            "c",
            "clear_marks",
            "Unmark all",
            id="themes.clear_marks",
            tooltip="Unmark every marked issue",
            show=False,
        ),
    ]

    PALETTE: ClassVar[list[PaletteEntry]] = [
        ("theme: Put issues in a theme", "put_in_theme", "The marked issues, or the highlighted"),
        ("theme: Take issues out of their theme", "take_out", "They stay, in no theme"),
        ("theme: Rename", "rename", "The theme highlighted on the left"),
        ("theme: Merge into another", "merge", "Its issues move; the theme goes"),
        ("theme: Delete", "delete_theme", "Its issues stay, in no theme (asks first)"),
        ("theme: Undo the last change", "undo", "Several changes can be taken back"),
        ("theme: Suggest themes", "suggest", "Proposals for the issues in no theme"),
        ("issues: Search", "search", "Find issues by their words"),
        ("issues: Change the order", "reorder", "A–Z by wording, or newest session first"),
        ("issues: Unmark all", "clear_marks", "Forget every mark"),
        ("themes: Read again", "refresh_data", "After another laptop or program saved"),
        ("themes: Back to campaigns", "back", "Leave the themes"),
    ]

    class OverviewLoaded(Message):
        """The themes and their provenance were read."""

        def __init__(self, overview: ThemeOverview) -> None:
            super().__init__()
            self.overview = overview

    class PageLoaded(Answered["IssuePage"]):
        """A page of issues was read for the query of ``generation``."""

    ANSWER = PageLoaded
    READ_FAILED = "Could not read the issues"
    FACETS_FAILED = "Could not read the leaders"

    class ThemeChanged(Message):
        """A theme change was made (``undone``: taken back)."""

        def __init__(self, change: ThemeChange, undone: bool = False) -> None:
            super().__init__()
            self.change = change
            self.undone = undone

    def __init__(self, database: Database, campaign_id: UUID, campaign_name: str) -> None:
        super().__init__(database, campaign_id, campaign_name)
        self.issue_query = IssueQuery()
        """What the issue list shows now."""
        self.undo_stack: list[ThemeChange] = []
        """Changes made here, the last one last: what ctrl+z takes back."""

    def compose_list(self) -> ComposeResult:
        yield IssueFilters(id="issue-filters")
        with Horizontal(id="themes-body"):
            with Vertical(id="themes-left"):
                yield ThemeList(id="theme-list")
                yield Static("", id="theme-provenance")
            yield IssueTable(id="issues")
        with Horizontal(id="themes-status-bar"):
            yield Static("Reading the themes…", id="themes-status")
            yield Static("space: mark · ←→: panes", id="themes-hint")

    @property
    def table(self) -> IssueTable:
        return self.query_one("#issues", IssueTable)

    @property
    def filter_bar(self) -> IssueFilters:
        return self.query_one(IssueFilters)

    @property
    def current_query(self) -> IssueQuery:
        return self.issue_query

    @property
    def theme_list(self) -> ThemeList:
        return self.query_one("#theme-list", ThemeList)

    def on_mount(self) -> None:
        self.watch(self.table, "scroll_y", self._maybe_load_more, init=False)
        self._load_overview()
        self._reload()
        self.load_choices()

    def refresh_data(self) -> None:
        """Read themes and issues again where they stand."""
        self._load_overview()
        self._reload_in_place()

    # ---- loading ----

    def read_page(self, query: IssueQuery, offset: int, limit: int) -> IssuePage:
        from listening_tui.services.themes import browse_issues

        return browse_issues(self.database, self.campaign_id, query, offset, limit)

    def show_rows(self, page: IssuePage, keep: UUID | None) -> None:
        if page.offset == 0:
            self.table.show_page(page.rows, keep)
        else:
            self.table.append_page(page.rows)

    @work(thread=True, exclusive=True, group="themes-overview")
    def _load_overview(self) -> None:
        from listening_tui.services.themes import theme_overview

        read = partial(theme_overview, self.database, self.campaign_id)
        self.post_result(read, self.OverviewLoaded, "Could not read the themes")

    @on(OverviewLoaded)
    def _show_overview(self, event: OverviewLoaded) -> None:
        theme_list = self.theme_list
        theme_list.show(event.overview)
        chosen = theme_list.chosen
        if chosen != self.issue_query.theme:
            self._query_changed(self.issue_query.model_copy(update={"theme": chosen}))
        self._show_provenance()

    def show_status(self) -> None:
        shown, total = len(self.table.lines), self.total
        if total == 0:
            text = "No issue matches" if self.issue_query.filtered else "No issue written up yet"
        else:
            noun = "issue" if total == 1 else "issues"
            order = "A–Z" if self.issue_query.order == "text" else "newest first"
            text = f"Showing {shown:,} of {total:,} {noun} · {order}"
        marked = len(self.table.marked)
        if marked:
            text += f" · {marked:,} marked"
        self.query_one("#themes-status", Static).update(text)

    def _show_provenance(self) -> None:
        theme = self.theme_list.highlighted_theme
        overview = self.theme_list.overview
        if theme is not None:
            text = provenance_text(theme)
        elif overview is not None:
            text = f"{len(overview.themes):,} themes · {overview.unthemed:,} issues in no theme"
        else:
            text = ""
        self.query_one("#theme-provenance", Static).update(text)

    @on(DataTable.RowHighlighted, "#issues")
    def _cursor_moved(self) -> None:
        self._maybe_load_more()

    @on(IssueTable.MarksChanged)
    def _marks_changed(self) -> None:
        self.show_status()

    # ---- filtering ----

    @on(ThemeList.Chosen)
    def _theme_chosen(self, event: ThemeList.Chosen) -> None:
        self._show_provenance()
        self._query_changed(self.issue_query.model_copy(update={"theme": event.theme}))

    @on(IssueFilters.Changed)
    def _filter(self, event: IssueFilters.Changed) -> None:
        changes = {
            "text": event.text,
            "kind": event.kind,
            "subgroup": event.subgroup,
            "leader": event.leader,
            "key_issue": event.key_issue,
        }
        self._query_changed(IssueQuery.model_validate(self.issue_query.model_dump() | changes))

    def _query_changed(self, query: IssueQuery) -> None:
        if query == self.issue_query:
            return
        self.issue_query = query
        keep = self.table.highlighted
        self._reload(keep.id if keep else None)

    def action_reorder(self) -> None:
        order = "held_on" if self.issue_query.order == "text" else "text"
        self._query_changed(self.issue_query.model_copy(update={"order": order}))

    def action_search(self) -> None:
        self.query_one("#issue-search", Input).focus()

    def action_clear_marks(self) -> None:
        self.table.clear_marks()

    # ---- changes ----

    def _themes(self) -> list[tuple[UUID, str]]:
        overview = self.theme_list.overview
        return [(t.id, t.name) for t in overview.themes] if overview else []

    def action_put_in_theme(self) -> None:
        from listening_tui.services.theme_changes import put_in_theme
        from listening_tui.tui.dialogs.theme_picker import ThemePickerModal

        issue_ids = self.table.chosen()
        if not issue_ids:
            self.notify("There is no issue to put in a theme here.", severity="warning")
            return
        count = len(issue_ids)
        title = f"Put {count:,} issue{'s' if count != 1 else ''} in a theme"

        def chosen(choice: ThemeChoice | None) -> None:
            if choice is not None:
                self._change(
                    partial(put_in_theme, self.database, self.campaign_id, issue_ids, choice)
                )

        self.app.push_screen(ThemePickerModal(title, self._themes()), chosen)

    def action_take_out(self) -> None:
        from listening_tui.services.theme_changes import take_out_of_theme

        issue_ids = self.table.chosen()
        if issue_ids:
            self._change(partial(take_out_of_theme, self.database, self.campaign_id, issue_ids))

    def _left_theme(self, verb: str) -> tuple[UUID, str] | None:
        theme = self.theme_list.highlighted_theme
        if theme is None:
            self.notify(f"Highlight a theme on the left to {verb} it.", severity="warning")
            return None
        return theme.id, theme.name

    def action_rename(self) -> None:
        from listening_tui.services.theme_changes import rename_theme
        from listening_tui.tui.dialogs.theme_picker import RenameThemeModal

        found = self._left_theme("rename")
        if found is None:
            return
        theme_id, name = found

        def renamed(new_name: str | None) -> None:
            if new_name and new_name != name:
                self._change(partial(rename_theme, self.database, theme_id, new_name))

        self.app.push_screen(RenameThemeModal(name), renamed)

    def action_merge(self) -> None:
        from listening_tui.services.theme_changes import merge_themes
        from listening_tui.tui.dialogs.theme_picker import ThemePickerModal

        found = self._left_theme("merge")
        if found is None:
            return
        theme_id, name = found

        def chosen(target: ThemeChoice | None) -> None:
            if isinstance(target, UUID):
                self._change(partial(merge_themes, self.database, theme_id, target))

        picker = ThemePickerModal(
            f"Merge “{name}” into…", self._themes(), allow_new=False, exclude=theme_id
        )
        self.app.push_screen(picker, chosen)

    def action_delete_theme(self) -> None:
        from listening_tui.services.theme_changes import delete_theme
        from listening_tui.tui.dialogs.confirm import ConfirmModal

        theme = self.theme_list.highlighted_theme
        if theme is None:
            self.notify("Highlight a theme on the left to delete it.", severity="warning")
            return
        count = f"{theme.issues:,} issue{'s' if theme.issues != 1 else ''}"

        def answered(delete: bool | None) -> None:
            if delete:
                self._change(partial(delete_theme, self.database, theme.id))

        question = (
            f"Delete the theme “{theme.name}”? Its {count} stay, in no theme.{_going(theme)} "
            "Ctrl+Z takes it back."
        )
        self.app.push_screen(ConfirmModal(question, "Delete theme"), answered)

    @work(thread=True, exclusive=True, group="themes-write")
    def _change(self, operation: Callable[[], ThemeChange]) -> None:
        self.post_result(operation, self.ThemeChanged, "Nothing was changed")

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("There is no theme change to undo.", severity="warning")
            return
        self._undo(self.undo_stack.pop())

    @work(thread=True, exclusive=True, group="themes-write")
    def _undo(self, change: ThemeChange) -> None:
        from listening_tui.services.theme_changes import undo_theme_change

        undo = partial(undo_theme_change, self.database, change)
        self.post_result(undo, lambda _: self.ThemeChanged(change, undone=True), "Could not undo")

    @on(ThemeChanged)
    def _changed(self, event: ThemeChanged) -> None:
        change = event.change
        if event.undone:
            self.notify(f"Undone: {change.description}.", title="Undone")
        else:
            self.remember(change)
            self.notify(f"{change.description}. Ctrl+Z undoes.", title="Themes changed")
        if change.kind in ("put", "take_out") and not event.undone:
            self.table.clear_marks()
        self.refresh_data()

    def remember(self, change: ThemeChange) -> None:
        """Keep a change for ctrl+z (the oldest fall off beyond UNDO_LEVELS)."""
        self.undo_stack.append(change)
        del self.undo_stack[:-UNDO_LEVELS]

    # ---- suggestions ----

    def action_suggest(self) -> None:
        from listening_tui.tui.screens.suggestions import SuggestionsScreen

        def reviewed(changes: list[ThemeChange] | None) -> None:
            for change in changes or []:
                self.remember(change)
            if changes:
                self.refresh_data()

        screen = SuggestionsScreen(self.database, self.campaign_id, self.campaign_name)
        self.app.push_screen(screen, reviewed)
