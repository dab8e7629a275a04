"""The sharing rule of chosen quotes, the saturation summary, the charts and Markdown escaping."""

from __future__ import annotations

from datetime import date

import pytest

from listening_tui.domain.conclusions import Saturation, SessionNews, may_choose, refusal
from listening_tui.interchange.charts import buckets, sparkline, svg_chart, text_chart
from listening_tui.interchange.report import md


@pytest.mark.parametrize(
    ("sharing", "for_decision_makers", "for_meeting"),
    [("decision_makers", True, True), ("meeting", False, True), ("recorders_only", False, False)],
)
def test_sharing_rule(sharing: str, for_decision_makers: bool, for_meeting: bool) -> None:
    assert may_choose(sharing, "decision_makers") is for_decision_makers  # type: ignore[arg-type]
    assert may_choose(sharing, "meeting") is for_meeting  # type: ignore[arg-type]
    assert (refusal(sharing, "meeting") is None) is for_meeting  # type: ignore[arg-type]


def test_refusals_say_what_to_do() -> None:
    assert "Pick it for the meeting (m) instead" in (refusal("meeting", "decision_makers") or "")
    assert "recorders only" in (refusal("recorders_only", "meeting") or "")


def news(*counts: int) -> Saturation:
    return Saturation(
        sessions=[SessionNews(held_on=date(2026, 1, 1), new_themes=c, new_texts=0) for c in counts],
        subgroups=[],
    )


def test_saturation_summary() -> None:
    assert news(2, 1, 0, 0, 0).summary() == (
        "3 distinct concerns in 5 sessions; the last 3 sessions turned up nothing new."
    )
    assert news(2, 1).summary() == (
        "3 distinct concerns in 2 sessions; the latest session still turned up something new."
    )
    assert news(0, 0).summary() == "0 distinct concerns in 2 sessions."


def test_buckets_keep_every_value() -> None:
    assert buckets([1, 2, 3, 4, 5], 2) == ([6, 9], 3)
    assert buckets([1, 2], 10) == ([1, 2], 1)
    assert sum(buckets(list(range(1000)), 7)[0]) == sum(range(1000))


def test_text_charts() -> None:
    assert sparkline([0, 4, 2, 8]) == "▁▄▂█"
    assert sparkline([0, 0]) == "▁▁"
    chart = text_chart([1, 0, 2], "1 Jan", "9 Jan", rows=2)
    assert chart.splitlines() == [
        "2 │  █",
        "  │█ █",
        "0 └───",
        "   1 Jan 9 Jan",
        "(each column: 1 session)",
    ]


def test_svg_chart_escapes_its_labels() -> None:
    svg = svg_chart([3, 0, 1], "<1 Jan>", "9 & Jan")
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert "&lt;1 Jan&gt;" in svg
    assert "9 &amp; Jan" in svg
    assert svg.count("<rect") == 3


def test_markdown_escaping() -> None:
    assert md("a *b* _c_ [d](e) <f> & g | h") == (
        "a \\*b\\* \\_c\\_ \\[d\\](e) &lt;f&gt; &amp; g \\| h"
    )
    assert md("- item\n12. numbered\n# heading") == "\\- item\n12\\. numbered\n\\# heading"
