"""Quality gate of theme suggestions on the labelled set (tests/data/suggest_labelled.json).

Pairwise precision (pairs put together that truly share a concern) and recall
(pairs sharing a concern that were put together), on the part the method was
tuned on and on the held-out part. The floors sit a little under what was
measured when the method was chosen (bench/suggest.py prints the figures):
a change to the word table or the threshold that loses quality fails here.
"""

from __future__ import annotations

import json
import uuid
from itertools import combinations
from pathlib import Path

import pytest

from listening_tui.domain.suggestions import IssueText, suggest_groups

LABELLED = Path(__file__).resolve().parents[1] / "data" / "suggest_labelled.json"
FLOORS = {"tuning": (0.90, 0.78), "held_out": (0.68, 0.66)}
"""(precision, recall) floors; measured 0.95 / 0.82 and 0.73 / 0.71."""


def _labelled(part: str) -> dict[IssueText, str]:
    data = json.loads(LABELLED.read_text(encoding="utf-8"))
    found: dict[IssueText, str] = {}
    for concern, texts in data[part].items():
        for number, text in enumerate(texts):
            issue = IssueText(id=uuid.uuid5(uuid.NAMESPACE_URL, f"{part}/{text}"), text=text)
            found[issue] = f"alone-{number}" if concern == "alone" else concern
    return found


def test_the_labelled_set_is_large_and_varied() -> None:
    parts = [_labelled(part) for part in FLOORS]
    assert sum(len(part) for part in parts) >= 200
    assert len({label for label in parts[0].values() if not label.startswith("alone")}) >= 25
    tuning_texts = {issue.text for issue in parts[0]}
    assert tuning_texts.isdisjoint(issue.text for issue in parts[1])


@pytest.mark.parametrize("part", list(FLOORS))
def test_pairwise_precision_and_recall_stay_above_their_floors(part: str) -> None:
    truth = {issue.id: label for issue, label in _labelled(part).items()}
    issues = list(_labelled(part))
    proposed = {
        frozenset(pair)
        for suggestion in suggest_groups(issues, {})
        for pair in combinations(suggestion.issue_ids, 2)
    }
    true_pairs = {
        frozenset((first, second))
        for first, second in combinations(truth, 2)
        if truth[first] == truth[second]
    }
    hits = len(proposed & true_pairs)
    precision, recall = hits / len(proposed), hits / len(true_pairs)
    floor_precision, floor_recall = FLOORS[part]
    assert precision >= floor_precision, f"precision {precision:.2f} on {part}"
    assert recall >= floor_recall, f"recall {recall:.2f} on {part}"
