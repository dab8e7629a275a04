"""The table a paged list fills (tui/paging.py): it says how far down its view reaches."""

from __future__ import annotations

from typing import TypeVar

from textual.widgets import DataTable

CellT = TypeVar("CellT")


class PagedDataTable(DataTable[CellT]):
    """A table that holds the first pages of a long list; the screen asks for the next."""

    @property
    def last_visible_row(self) -> int:
        """The index of the lowest row the view can show where it is scrolled now."""
        header = self.header_height if self.show_header else 0
        return int(self.scroll_y) + self.scrollable_content_region.height - header - 1
