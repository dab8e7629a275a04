"""The table of the ranked issues: every figure of spec/ranking.md as a column, with a bar.

Each column says in plain words what its number counts (``column_help``), so
a recorder can explain every number on the screen: the screen shows the
help of the column under the cursor, and the mouse shows it as a tooltip.
Rank and theme stay in place while the figures scroll sideways on a narrow
terminal (``fixed_columns``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from rich.text import Text
from textual import events
from textual.widgets import DataTable

if TYPE_CHECKING:
    from listening_tui.domain.ranking import RankedGroup, Weighting

BAR = "bar"
"""The key of the column that draws points as a bar (not a figure of the spec)."""
EIGHTHS = " ▏▎▍▌▋▊▉"
"""Partial blocks, one to seven eighths of a cell wide."""
THEME_MIN, THEME_MAX = 16, 60
BAR_MIN, BAR_MAX = 8, 40


@dataclass(frozen=True)
class RankingColumn:
    """A column of the ranking: a figure of RANKING_COLUMNS (or the bar), header and help."""

    key: str
    label: str
    help: str
    numeric: bool = True


COLUMNS = (
    RankingColumn(
        "rank",
        "Rank",
        "Place in the order: most points first, then most sessions, then most key-issue "
        "yes answers. Groups tied on all three share a place (1, 2, 2, 4).",
    ),
    RankingColumn(
        "theme",
        "Theme",
        "The recorders' theme. Words in quotes are an issue no theme holds yet: every "
        "issue written the same way (ignoring capitals, spaces and a final . ! ?) counts "
        "together, named as it was first written.",
        numeric=False,
    ),
    RankingColumn("points", "Points", ""),  # the help depends on the weighting: column_help
    RankingColumn(
        BAR,
        "",
        "The points as a bar: the top group's bar is full width, the others in proportion.",
        numeric=False,
    ),
    RankingColumn(
        "sessions",
        "Sessions",
        "How many sessions raised an issue of this group (each session counts once, "
        "however many of its issues are in the group).",
    ),
    RankingColumn(
        "people",
        "People",
        "How many people took part in those sessions (their participant counts added up).",
    ),
    RankingColumn(
        "key_yes",
        "Key: Y",
        "Sessions that marked this issue Y: a key campaign issue (their highest issue in "
        "the group).",
    ),
    RankingColumn("key_no", "Key: N", "Sessions that marked this issue N: not a key issue."),
    RankingColumn(
        "key_dont_know", "Key: ?", "Sessions that marked this issue Don't know: maybe a key issue."
    ),
    RankingColumn(
        "subgroups",
        "Subgroups",
        "How many different subgroups (departments, streets, ...) raised it; sessions "
        "with no subgroup are not counted here.",
    ),
    RankingColumn(
        "first_choice",
        "First",
        "Sessions that put an issue of this group first in order of importance.",
    ),
    RankingColumn(
        "would_act",
        "Would act",
        "Sessions whose listener thought the person or group would act on these issues.",
    ),
)
"""The columns in the order of RANKING_COLUMNS, with the bar after the points."""

POINTS_HELP = {
    "session": "Each session gives 7 minus the place of its highest issue in this group: "
    "6 points for a first issue, 5 for a second ... 1 for a sixth. Every session counts "
    "alike (w: weigh by people).",
    "people": "Each session gives 7 minus the place of its highest issue in this group "
    "(6 for a first issue ... 1 for a sixth), times the people in that session "
    "(w: every session alike).",
}


def column_help(key: str, weighting: Weighting) -> str:
    """What the numbers of a column count, in plain words."""
    if key == "points":
        return POINTS_HELP[weighting]
    for column in COLUMNS:
        if column.key == key:
            return column.help
    raise KeyError(key)


def points_bar(points: int, top: int, width: int) -> str:
    """``points`` as a bar of block characters, ``width`` cells for ``top`` points.

    Drawn in eighths of a cell; any points at all show at least one eighth.
    """
    if points <= 0 or top <= 0 or width <= 0:
        return ""
    eighths = max(1, round(min(points, top) * width * 8 / top))
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


def column_widths(width: int, longest_name: int, padding: int = 1) -> dict[str, int]:
    """Each column's width in a table ``width`` cells wide.

    Rank, theme, points, bar and sessions fit first; the other figures scroll
    sideways when there is no room. With room to spare the theme takes its
    longest name (up to 60) and the bar the rest (up to 40).
    """
    widths = {c.key: max(len(c.label), 3) for c in COLUMNS if c.numeric}
    widths["rank"] = 4
    widths["points"] = 6
    widths["people"] = 6
    cell = 2 * padding
    numbers = sum(widths.values()) + cell * len(widths)
    first = widths["rank"] + widths["points"] + widths["sessions"] + 3 * cell
    theme = max(THEME_MIN, min(longest_name, THEME_MAX))
    everything = numbers + 2 * cell + theme + BAR_MIN
    if everything <= width:
        bar = min(BAR_MAX, BAR_MIN + width - everything)
    else:
        bar = BAR_MIN
        theme = max(THEME_MIN, min(theme, width - first - 2 * cell - bar))
    return widths | {"theme": theme, BAR: bar}


RATIFIED = "✔ "
"""Before the name of a theme a meeting ratified as a priority."""


def theme_cell(group: RankedGroup, width: int, ratified: bool = False) -> Text:
    """The group's name, cut with an ellipsis; unthemed issues in quotes and italics;
    a theme a meeting ratified marked with a tick."""
    name = " ".join(group.theme.split())
    if group.theme_id is None:
        return Text(f"“{name}”", style="italic", no_wrap=True, overflow="ellipsis")
    if ratified:
        cell = Text(RATIFIED, style="bold green", no_wrap=True, overflow="ellipsis")
        cell.append(name, style="bold")
        return cell
    return Text(name, no_wrap=True, overflow="ellipsis")


def cells(
    group: RankedGroup, top: int, widths: dict[str, int], ratified: bool = False
) -> list[Text]:
    """One row of the table."""
    row: list[Text] = []
    for column in COLUMNS:
        if column.key == "theme":
            row.append(theme_cell(group, widths["theme"], ratified))
        elif column.key == BAR:
            bar = points_bar(group.points, top, widths[BAR])
            row.append(Text(bar, no_wrap=True))
        else:
            row.append(Text(str(getattr(group, column.key)), justify="right", no_wrap=True))
    return row


class RankingTable(DataTable[Text]):
    """The ranked groups in order; a cell cursor, so that each column can explain itself."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True, fixed_columns=2)
        self.groups: list[RankedGroup] = []
        """The rows shown, in order."""
        self.ratified: frozenset[UUID] = frozenset()
        """Themes a meeting ratified as priorities (marked with a tick)."""
        self._widths: dict[str, int] = {}

    def show(
        self,
        groups: list[RankedGroup],
        keep: tuple[object, object] | None = None,
        ratified: frozenset[UUID] | None = None,
    ) -> None:
        """Replace the rows; the cursor stays on the group ``keep`` (theme id, text key)."""
        column = self.cursor_column
        self.groups = list(groups)
        if ratified is not None:
            self.ratified = ratified
        self._rebuild()
        keys = [(g.theme_id, g.text_key) for g in self.groups]
        row = keys.index(keep) if keep in keys else 0
        self.move_cursor(row=row, column=column, scroll=True)

    @property
    def highlighted(self) -> RankedGroup | None:
        """The group under the cursor, if any."""
        row = self.cursor_row
        return self.groups[row] if 0 <= row < len(self.groups) else None

    def column_key_at(self, index: int) -> str:
        """The key of the column at ``index`` (the bar's is ``bar``)."""
        return COLUMNS[min(max(index, 0), len(COLUMNS) - 1)].key

    def _longest_name(self) -> int:
        quotes = 2  # unthemed names are shown in quotes
        return max(
            (
                len(g.theme)
                + quotes * (g.theme_id is None)
                + len(RATIFIED) * (g.theme_id in self.ratified)
                for g in self.groups
            ),
            default=0,
        )

    def _rebuild(self) -> None:
        self._widths = column_widths(self._usable_width(), self._longest_name(), self.cell_padding)
        self.clear(columns=True)
        for column in COLUMNS:
            self.add_column(
                Text(column.label, justify="right" if column.numeric else "left"),
                width=self._widths[column.key],
                key=column.key,
            )
        top = max((g.points for g in self.groups), default=0)
        for group in self.groups:
            self.add_row(*cells(group, top, self._widths, group.theme_id in self.ratified))

    def _usable_width(self) -> int:
        width = self.size.width or self.app.size.width
        return width - self.styles.scrollbar_size_vertical

    def on_resize(self, event: events.Resize) -> None:
        widths = column_widths(self._usable_width(), self._longest_name(), self.cell_padding)
        if self.columns and widths != self._widths:
            keep = self.highlighted
            self.show(self.groups, (keep.theme_id, keep.text_key) if keep else None)
