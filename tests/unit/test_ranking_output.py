"""The ranking written as JSON, CSV and a table (interchange.ranking)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from listening_tui.domain.ranking import RANKING_COLUMNS, GroupFigures, RankedGroup, rank_groups
from listening_tui.interchange.ranking import ranking_csv, ranking_json, ranking_table


def groups(*names: str, points: int = 6) -> list[RankedGroup]:
    return rank_groups(
        GroupFigures(
            theme_id=None,
            text_key=name.casefold(),
            name=name,
            points=points * (n + 1),
            sessions=n + 1,
            people=123456,
            key_yes=1,
            key_no=0,
            key_dont_know=0,
            subgroups=1,
            first_choice=1,
            would_act=0,
        )
        for n, name in enumerate(names)
    )


def test_csv_quotes_what_needs_quoting() -> None:
    ranked = groups('Pay, "fair" rates', "Zoë's rota\nchanges")
    rows = list(csv.reader(io.StringIO(ranking_csv(ranked))))
    assert rows[0] == list(RANKING_COLUMNS)
    assert [row[1] for row in rows[1:]] == ["Zoë's rota\nchanges", 'Pay, "fair" rates']
    assert rows[1][:3] == ["1", "Zoë's rota\nchanges", "12"]


def test_json_keeps_letters_and_the_key_order() -> None:
    text = ranking_json(groups("Łódź buses"))
    assert "Łódź buses" in text
    (only,) = json.loads(text)
    assert list(only) == list(RANKING_COLUMNS)
    assert ranking_json([]) == "[]"


@pytest.mark.parametrize("width", [60, 80, 120])
def test_table_wraps_long_names_within_the_width(width: int) -> None:
    long_name = " ".join(["Nobody answers the phone at the housing office"] * 3)
    ranked = groups(long_name, "Bins", points=100000)
    text = ranking_table(ranked, title="T " * 50, weighting="people", width=width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    rule = next(n for n, line in enumerate(lines) if line.startswith("----"))
    start = lines[rule].index(" ") + 1
    end = lines[rule].index(" ", start)
    body = lines[rule + 1 : lines.index("", rule)]
    themes = " ".join(line[start:end].strip() for line in body)
    assert themes == f"{long_name} Bins" or themes == f"Bins {long_name}"
    assert "200000" in text
    assert "times participants" in " ".join(text.split())


def test_table_says_when_nothing_matches() -> None:
    text = ranking_table([], title="Ranked issues of X.", weighting="session")
    nothing = "No issues: no session matches these filters."
    assert text.splitlines() == ["Ranked issues of X.", nothing]
