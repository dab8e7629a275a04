"""Reading what a list screen shows in thread workers, a page at a time, stale answers dropped.

The sessions list, the themes screen's issues and the ranking read alike:
every new question (a filter, a sort, a weighting) bumps a generation
counter; a thread worker reads the answer and posts it stamped with the
generation it was asked for; an answer to an older question is dropped.
Lists too long to read at once (``PagedScreen``) read a page and ask for
the next when the cursor, or the scrolled view, nears the last row shown.
The choices the filter bar offers (a campaign's leaders and subgroups, or
what a screen says in ``read_choices``) are read once, after the first
answer, so on a busy laptop the list comes first.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Generic,
    Literal,
    Protocol,
    TypeVar,
    runtime_checkable,
)
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Footer, Header, Static

from listening_tui.tui.screens.campaign import ActionFailed, CampaignIdT, CampaignScreen
from listening_tui.tui.widgets.filter_bar import SearchFilters

if TYPE_CHECKING:
    from listening_tui.db.engine import Database
    from listening_tui.domain.summaries import SessionFacets

PAGE_SIZE = 100
"""Rows read at a time."""
PREFETCH = 20
"""The next page is asked for when the cursor is this close to the last row shown."""
RELOAD_MAX = 1_000
"""At most this many rows are read again to keep the cursor in place after a change."""

AnswerT = TypeVar("AnswerT")
QueryT = TypeVar("QueryT")


class Page(Protocol):
    """A page read: where it starts in the whole list, and how many rows match in all."""

    @property
    def offset(self) -> int: ...

    @property
    def total(self) -> int: ...


PageT = TypeVar("PageT", bound=Page)


class Row(Protocol):
    """A row of a paged list: something with an id."""

    @property
    def id(self) -> UUID: ...


class Focusable(Protocol):
    """The list of a list screen: the filter bar gives the focus back to it."""

    def focus(self, scroll_visible: bool = True) -> object: ...


class PagedTable(Focusable, Protocol):
    """What paging needs of a table: its rows, the cursor and how far the view is scrolled."""

    @property
    def row_count(self) -> int: ...

    @property
    def cursor_row(self) -> int: ...

    @property
    def last_visible_row(self) -> int: ...

    @property
    def highlighted(self) -> Row | None: ...


class FilterBar(Protocol):
    """A list screen's filter bar: escape goes from it back to the list."""

    @property
    def has_focus_within(self) -> bool: ...


@runtime_checkable
class ChoiceBar(FilterBar, Protocol):
    """A filter bar that offers the campaign's subgroups and leaders."""

    def set_choices(self, subgroups: list[str], leaders: list[str]) -> None: ...


class Answered(Message, Generic[AnswerT]):
    """A worker read ``answer`` for the question of ``generation``."""

    def __init__(self, generation: int, answer: AnswerT, keep: UUID | None = None) -> None:
        super().__init__()
        self.generation = generation
        self.answer = answer
        self.keep = keep
        """The row the cursor should stay on, if the answer holds it."""


class FacetsLoaded(Message):
    """The campaign's leaders and subgroups were read."""

    def __init__(self, facets: SessionFacets) -> None:
        super().__init__()
        self.facets = facets


class ListScreen(CampaignScreen[CampaignIdT], Generic[AnswerT, CampaignIdT]):
    """A campaign's list, filtered by a bar, read in workers; only the latest answer shows.

    A screen names its heading, its answer message (``ANSWER``, a subclass of
    Answered) and the failure title of its reads; it composes what goes
    between the heading and the footer and shows an answer in ``show_answer``.
    """

    HEADING: ClassVar[str]
    """The line above the filter bar; {} is the campaign's name."""
    HEADING_ID: ClassVar[str]
    """The heading's id (the stylesheet may place it)."""

    ANSWER: ClassVar[type[Answered[Any]]] = Answered
    """The message an answer comes in."""
    READ_FAILED: ClassVar[str] = "Could not read the list"
    """The title of the notification when a read fails."""
    FACETS_FAILED: ClassVar[str] = "Could not read the leaders and subgroups"
    """The title of the notification when the filter bar's choices cannot be read."""

    def __init__(self, database: Database, campaign_id: CampaignIdT, campaign_name: str) -> None:
        super().__init__(database, campaign_id, campaign_name)
        self._generation = 0
        """Bumped by every new question; an answer stamped with an older one is dropped."""
        self._pending: Literal["reload", "more"] | None = None
        """What is on its way: a first page or whole answer, the next page, or nothing."""
        self._facets_asked = False

    @property
    def table(self) -> Focusable:
        """The list: escape, or Enter in the search box, comes back to it from the filter bar."""
        raise NotImplementedError

    @property
    def filter_bar(self) -> FilterBar:
        """The bar that filters the list (a ChoiceBar is offered the leaders and subgroups)."""
        raise NotImplementedError

    def compose_list(self) -> ComposeResult:
        """What goes between the heading and the footer: the filter bar, the list, a status."""
        raise NotImplementedError

    def refresh_data(self) -> None:
        """Read again where the list stands (the app calls this when a form closes)."""
        raise NotImplementedError

    def show_answer(self, answer: AnswerT, keep: UUID | None) -> None:
        """Show the answer to the latest question."""
        raise NotImplementedError

    def read_stopped(self) -> None:
        """What else to do when a read or change failed (nothing unless a screen says)."""

    def compose(self) -> ComposeResult:
        yield Header()
        heading = self.HEADING.format(self.campaign_name)
        yield Static(heading, classes="section-title", id=self.HEADING_ID)
        yield from self.compose_list()
        yield Footer()

    def action_refresh_data(self) -> None:
        self.refresh_data()

    def action_back(self) -> None:
        """From the filter bar back to the list; from the list back to the campaigns."""
        if self.filter_bar.has_focus_within:
            self.table.focus()
        else:
            self.dismiss(None)

    @on(SearchFilters.Done)
    def _back_to_list(self) -> None:
        self.table.focus()

    # ---- asking ----

    def ask(self, read: Callable[[], AnswerT], keep: UUID | None = None) -> None:
        """Read an answer in a worker for the current generation (``read`` runs off this thread)."""
        answer = partial(self.ANSWER, self._generation, keep=keep)
        work = partial(self.post_result, read, answer, self.READ_FAILED)
        self.run_worker(work, thread=True, exclusive=True, group="read")

    def ask_again(self, read: Callable[[], AnswerT], keep: UUID | None = None) -> None:
        """A new question: older answers still on their way will be dropped."""
        self._generation += 1
        self._pending = "reload"
        self.ask(read, keep)

    @on(Answered)
    def _answered(self, event: Answered[Any]) -> None:
        if event.generation != self._generation:
            return
        self._pending = None
        self.show_answer(event.answer, event.keep)
        if not self._facets_asked:
            # The choices wait for the first answer: on a busy laptop the list comes first.
            self._facets_asked = True
            self.call_after_refresh(self.load_choices)

    @on(ActionFailed)
    def _read_failed(self) -> None:
        # Before the notification, which CampaignScreen shows.
        self._pending = None
        self.read_stopped()

    # ---- the filter bar's choices ----

    def load_choices(self) -> None:
        """Read the choices the filter bar offers, in a worker."""
        self._facets_asked = True
        self.run_worker(self.read_choices, thread=True, exclusive=True, group="facets")

    def read_choices(self) -> None:
        """On a worker thread: read the campaign's leaders and subgroups, and post them."""
        from listening_tui.services.sessions import campaign_facets

        campaign_id = self.campaign_id
        if campaign_id is not None:
            read = partial(campaign_facets, self.database, campaign_id)
            self.post_result(read, FacetsLoaded, self.FACETS_FAILED)

    @on(FacetsLoaded)
    def _offer_choices(self, event: FacetsLoaded) -> None:
        bar = self.filter_bar
        if isinstance(bar, ChoiceBar):
            bar.set_choices(event.facets.subgroups, event.facets.leaders)


class PagedScreen(ListScreen[PageT, CampaignIdT], Generic[QueryT, PageT, CampaignIdT]):
    """A list read a page at a time, the next page asked for as the cursor nears the end."""

    def __init__(
        self,
        database: Database,
        campaign_id: CampaignIdT,
        campaign_name: str,
        *,
        page_size: int = PAGE_SIZE,
        prefetch: int = PREFETCH,
    ) -> None:
        super().__init__(database, campaign_id, campaign_name)
        self.page_size = page_size
        """Rows read at a time."""
        self.prefetch = prefetch
        """The next page is asked for when the cursor is this close to the last row shown."""
        self.total = 0
        """How many rows match the query (the table holds the first of them)."""

    @property
    def table(self) -> PagedTable:
        """The table the pages go in."""
        raise NotImplementedError

    @property
    def current_query(self) -> QueryT:
        """What the list shows now."""
        raise NotImplementedError

    def read_page(self, query: QueryT, offset: int, limit: int) -> PageT:
        """Read a page (on a worker thread)."""
        raise NotImplementedError

    def show_rows(self, page: PageT, keep: UUID | None) -> None:
        """Show a first page (offset 0: instead of the rows shown) or the next (below them)."""
        raise NotImplementedError

    def show_status(self) -> None:
        """Say how many rows are shown of how many."""
        raise NotImplementedError

    def _reload(self, keep: UUID | None = None, limit: int | None = None) -> None:
        """Read the first page of the current query again (drops pages still on their way)."""
        read = partial(self.read_page, self.current_query, 0, limit or self.page_size)
        self.ask_again(read, keep)

    def _reload_in_place(self, keep: UUID | None = None, spare: int = 0) -> None:
        """Read as many rows as are shown (and ``spare``), keeping the cursor on its row."""
        table = self.table
        if keep is None and table.highlighted is not None:
            keep = table.highlighted.id
        limit = min(max(self.page_size, table.row_count + spare), RELOAD_MAX)
        self._reload(keep, limit)

    def _maybe_load_more(self) -> None:
        """Ask for the next page when the cursor or the scrolled view nears the last row."""
        table = self.table
        shown = table.row_count
        near_end = max(table.cursor_row, table.last_visible_row) >= shown - self.prefetch
        if self._pending is None and shown < self.total and near_end:
            self._pending = "more"
            self.ask(partial(self.read_page, self.current_query, shown, self.page_size))

    def show_answer(self, answer: PageT, keep: UUID | None) -> None:
        self.total = answer.total
        self.show_rows(answer, keep)
        self.show_status()
        self._maybe_load_more()
