"""The themes screen's left side: every theme with where it came from, and two views of all.

The first two rows are not themes: "All issues" and "In no theme". Moving the
cursor says which issues the recorder wants to see (``ThemeList.Chosen``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

if TYPE_CHECKING:
    from listening_tui.domain.themes import ThemeFilter, ThemeOverview, ThemeProvenance

FIGURES = (("issues", "Iss"), ("sessions", "Ses"), ("listeners", "Lis"), ("quotes", "Quo"))
"""Provenance columns (attribute, header), shown when the list is wide enough."""
WIDE = 44
"""From this many cells wide the four figures show as columns; below, only the issue count."""


def provenance_text(theme: ThemeProvenance) -> str:
    """``12 issues · 8 sessions · 5 listeners · 3 quotes``."""

    def plural(count: int, noun: str) -> str:
        return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"

    return " · ".join(
        (
            plural(theme.issues, "issue"),
            plural(theme.sessions, "session"),
            plural(theme.listeners, "listener"),
            plural(theme.quotes, "quote"),
        )
    )


class ThemeList(DataTable[Text]):
    """All issues, the unthemed, then each theme by name with its figures."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "right,enter",
            "to_issues",
            "Issues",
            id="themes.to_issues",
            tooltip="Move to the issues of the highlighted theme",
            show=False,
        ),
    ]

    class Chosen(Message):
        """The cursor moved to a row: list the issues it stands for."""

        def __init__(self, theme: ThemeFilter) -> None:
            super().__init__()
            self.theme = theme

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")
        self.overview: ThemeOverview | None = None
        self._wide: bool | None = None

    @property
    def chosen(self) -> ThemeFilter:
        """What the row under the cursor stands for."""
        keys: list[ThemeFilter] = ["any", "unthemed"]
        if self.overview is not None:
            keys.extend(theme.id for theme in self.overview.themes)
        row = self.cursor_row
        return keys[row] if 0 <= row < len(keys) else "any"

    @property
    def highlighted_theme(self) -> ThemeProvenance | None:
        """The theme under the cursor (None on the first two rows)."""
        row = self.cursor_row - 2
        if self.overview is None or not 0 <= row < len(self.overview.themes):
            return None
        return self.overview.themes[row]

    def show(self, overview: ThemeOverview, keep: ThemeFilter | None = None) -> None:
        """Show these themes; the cursor stays on ``keep`` if it is still there."""
        keep = self.chosen if keep is None else keep
        self.overview = overview
        self._rebuild()
        keys: list[ThemeFilter] = ["any", "unthemed", *(t.id for t in overview.themes)]
        with self.prevent(self.RowHighlighted):
            self.move_cursor(row=keys.index(keep) if keep in keys else 0, scroll=True)

    def theme_named(self, theme_id: UUID) -> str | None:
        """The name of a theme shown."""
        for theme in self.overview.themes if self.overview else []:
            if theme.id == theme_id:
                return theme.name
        return None

    def _rebuild(self) -> None:
        overview = self.overview
        width = (self.size.width or 30) - self.styles.scrollbar_size_vertical
        self._wide = width >= WIDE
        figures = FIGURES if self._wide else FIGURES[:1]
        padding = 2 * self.cell_padding
        figure_width = 5 if self._wide else 6
        name_width = max(width - len(figures) * (figure_width + padding) - padding, 8)
        self.clear(columns=True)
        self.add_column("Theme", key="name", width=name_width)
        for key, label in figures:
            self.add_column(Text(label, justify="right"), key=key, width=figure_width)
        if overview is None:
            return
        blanks = [Text("")] * (len(figures) - 1)
        self.add_row(
            Text("All issues", style="italic"),
            Text(f"{overview.total:,}", justify="right"),
            *blanks,
            key="any",
        )
        self.add_row(
            Text("In no theme", style="italic"),
            Text(f"{overview.unthemed:,}", justify="right"),
            *blanks,
            key="unthemed",
        )
        for theme in overview.themes:
            self.add_row(
                Text(theme.name, no_wrap=True, overflow="ellipsis"),
                *(Text(f"{getattr(theme, key):,}", justify="right") for key, _ in figures),
                key=str(theme.id),
            )

    def action_to_issues(self) -> None:
        self.screen.query_one("#issues").focus()

    @on(DataTable.RowHighlighted)
    def _moved(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Chosen(self.chosen))

    def on_resize(self, event: events.Resize) -> None:
        if self.overview is not None:
            self.show(self.overview)
