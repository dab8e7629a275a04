"""The ranking written out: JSON and CSV exactly as spec/ranking.md, and a table for people.

JSON and CSV carry exactly the spec's columns in its order (RANKING_COLUMNS);
the table fits a terminal of 80 columns, wrapping long theme names rather
than cutting them, with a legend that says what every number counts.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Sequence

from listening_tui.domain.ranking import RANKING_COLUMNS, RankedGroup

TABLE_HEADERS = {
    "rank": "Rank",
    "theme": "Theme",
    "points": "Points",
    "sessions": "Sess",
    "people": "People",
    "key_yes": "Yes",
    "key_no": "No",
    "key_dont_know": "DK",
    "subgroups": "Subgr",
    "first_choice": "First",
    "would_act": "Act",
}
"""Short headings for the table; the legend spells them out."""

LEGEND = (
    "Points: 7 minus the position of each session's best issue in the group, added up "
    "({weighting}). Sess, People: the sessions that raised it and their participants. "
    "Yes / No / DK: sessions that marked it a key campaign issue yes, no, don't know. "
    "Subgr: how many subgroups raised it. First: sessions that put it first. "
    "Act: sessions whose listener thought they would act."
)
MIN_THEME_WIDTH = 10


def ranking_json(groups: Sequence[RankedGroup]) -> str:
    """A JSON array, one object per group in order, with exactly the spec's keys."""
    return json.dumps([group.output() for group in groups], ensure_ascii=False, indent=2)


def ranking_csv(groups: Sequence[RankedGroup]) -> str:
    """The same columns as the JSON, with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RANKING_COLUMNS)
    for group in groups:
        writer.writerow(group.output().values())
    return out.getvalue()


def ranking_table(
    groups: Sequence[RankedGroup], *, title: str, weighting: str, width: int = 80
) -> str:
    """A plain-text table at most ``width`` columns wide, with a title and a legend."""
    lines = textwrap.wrap(title, width) or [""]
    if not groups:
        lines.append("No issues: no session matches these filters.")
        return "\n".join(lines) + "\n"
    numbers = [c for c in RANKING_COLUMNS if c != "theme"]
    widths = {
        c: max(len(TABLE_HEADERS[c]), *(len(str(getattr(g, c))) for g in groups)) for c in numbers
    }
    fixed = sum(widths.values()) + len(RANKING_COLUMNS) - 1
    longest = max(len(TABLE_HEADERS["theme"]), *(len(g.theme) for g in groups))
    widths["theme"] = max(MIN_THEME_WIDTH, min(longest, width - fixed))

    def row(cells: dict[str, str]) -> list[str]:
        theme_lines = textwrap.wrap(cells["theme"], widths["theme"]) or [""]
        out = []
        for n, theme_line in enumerate(theme_lines):
            parts = []
            for column in RANKING_COLUMNS:
                if column == "theme":
                    parts.append(theme_line.ljust(widths["theme"]))
                else:
                    value = cells[column] if n == 0 else ""
                    parts.append(value.rjust(widths[column]))
            out.append(" ".join(parts).rstrip())
        return out

    lines.append("")
    lines.extend(row(TABLE_HEADERS))
    lines.append(" ".join("-" * widths[c] for c in RANKING_COLUMNS))
    for group in groups:
        lines.extend(row({c: str(v) for c, v in group.output().items()}))
    lines.append("")
    described = "times participants" if weighting == "people" else "each session counts once"
    lines.extend(textwrap.wrap(LEGEND.format(weighting=described), width))
    return "\n".join(lines) + "\n"
