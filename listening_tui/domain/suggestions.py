"""Theme suggestions: groups of unthemed issues that say the same thing in other words.

Nothing here changes data: a suggestion is a proposal the recorder accepts,
edits or rejects. ``suggest_groups`` is pure Python over the issue texts, so
the method can be measured on a labelled set without a database
(bench/suggest.py, tests/unit/test_suggestion_quality.py).

The method: each wording becomes a vector of its concern terms
(domain/wording.py) weighted by how rare each term is among the texts
(TF-IDF); two wordings are alike by the cosine of their vectors; groups are
formed by average linkage (domain/grouping.py). Each existing theme enters
as one group already formed (its issues and its name) that unthemed
wordings may join; two themes are never merged, and issues already in a
theme are never proposed again.
"""

from __future__ import annotations

import math
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from listening_tui.domain.grouping import Matrix, average_linkage
from listening_tui.domain.ranking import normalise_issue_text
from listening_tui.domain.wording import terms

Progress = Callable[[int, int], None]
"""Called with (steps done, steps in all) while suggestions are worked out."""

PairScorer = Callable[[Sequence[Sequence[str]], Progress], Matrix]
"""Given each node's texts, the sums of the similarities (0 to 1) between the texts of
each pair of nodes (a symmetric matrix)."""

THRESHOLD = 0.4
"""Least average similarity (cosine of TF-IDF vectors) of two groups that are merged."""
CONCERN_WEIGHT = 3.0
"""How much more a concern term (wages, salary -> ~pay) weighs than a plain word."""
NAME_LENGTH = 200
BLOCK_NODES = 3_000
"""Most wordings (and themes) compared at once; see _blocks."""


class IssueText(BaseModel):
    """One issue as the suggester sees it: its id, its words and its theme, if any."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: uuid.UUID
    text: str
    theme_id: uuid.UUID | None = None


class ThemeSuggestion(BaseModel):
    """Put these unthemed issues in one theme: a new one, or the existing ``theme_id``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: str
    """The proposed name of a new theme, or the name of the existing theme to join."""
    theme_id: uuid.UUID | None = None
    """The existing theme the issues could join; None proposes a new theme."""
    issue_ids: tuple[uuid.UUID, ...]
    """The unthemed issues the suggestion would put in the theme."""

    def output(self) -> dict[str, object]:
        """The JSON object of ``themes suggest --format json`` (spec/cli.md)."""
        return {"theme": self.theme, "issue_ids": [str(issue_id) for issue_id in self.issue_ids]}


def suggest_groups(
    issues: Sequence[IssueText],
    theme_names: dict[uuid.UUID, str],
    progress: Progress | None = None,
) -> list[ThemeSuggestion]:
    """Suggestions for the unthemed issues among ``issues``, by word statistics.

    Joining suggestions come first (by theme name), then new themes (largest
    first). The same issues give the same suggestions in any order.
    """
    return suggest_with(issues, theme_names, word_pair_sums, THRESHOLD, progress)


def suggest_with(
    issues: Sequence[IssueText],
    theme_names: dict[uuid.UUID, str],
    scorer: PairScorer,
    threshold: float,
    progress: Progress | None = None,
) -> list[ThemeSuggestion]:
    """Suggestions from any measure of likeness (bench/suggest.py compares several)."""
    report: Progress = progress or _ignore
    wordings: dict[str, list[IssueText]] = defaultdict(list)
    theme_texts: dict[uuid.UUID, list[str]] = {theme_id: [] for theme_id in theme_names}
    for issue in issues:
        if issue.theme_id is None:
            wordings[normalise_issue_text(issue.text)].append(issue)
        elif issue.theme_id in theme_texts:
            theme_texts[issue.theme_id].append(normalise_issue_text(issue.text))
    # A wording the recorder already put in a theme is proposed for that theme as it is.
    exact: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    homes: dict[str, set[uuid.UUID]] = defaultdict(set)
    for theme_id, themed in theme_texts.items():
        for text in themed:
            homes[text].add(theme_id)
    for key in sorted(wordings):
        if key in homes:
            home = min(homes[key], key=lambda t: (theme_names[t].casefold(), str(t)))
            exact[home].extend(sorted((i.id for i in wordings.pop(key)), key=str))
    keys = sorted(wordings)
    themes = sorted(theme_names, key=lambda theme_id: (theme_names[theme_id].casefold(), theme_id))
    node_texts: list[list[str]] = [[key] * len(wordings[key]) for key in keys]
    node_texts.extend(
        sorted([*theme_texts[theme_id], normalise_issue_text(theme_names[theme_id])])
        for theme_id in themes
    )
    anchored = frozenset(range(len(keys), len(node_texts)))
    # Groups in global node numbers, each with the closeness of its own block's nodes.
    groups: list[tuple[list[int], Matrix, dict[int, int]]] = []
    for block in _blocks(node_texts):
        texts = [node_texts[node] for node in block]
        pair_sums = np.asarray(scorer(texts, report), dtype=np.float32)
        closeness = pair_sums.copy()
        local_anchors = frozenset(i for i, node in enumerate(block) if node in anchored)
        place = {node: i for i, node in enumerate(block)}
        for local in average_linkage([len(t) for t in texts], pair_sums, threshold, local_anchors):
            groups.append(([block[i] for i in local], closeness, place))
    grouped = {node for group, _, _ in groups for node in group}
    groups.extend(
        ([node], np.zeros((1, 1), dtype=np.float32), {node: 0})
        for node, key in enumerate(keys)
        if node not in grouped and len(wordings[key]) > 1
    )
    joined: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list, exact)
    new_themes: list[ThemeSuggestion] = []
    for group, closeness, place in groups:
        loose = [node for node in group if node not in anchored]
        issue_ids = tuple(
            issue.id
            for node in loose
            for issue in sorted(wordings[keys[node]], key=lambda issue: str(issue.id))
        )
        anchor = next((node for node in group if node in anchored), None)
        if anchor is not None:
            joined[themes[anchor - len(keys)]].extend(issue_ids)
        else:
            name = _group_name(
                [place[node] for node in loose], closeness, [wordings[keys[n]] for n in loose]
            )
            new_themes.append(ThemeSuggestion(theme=name, issue_ids=issue_ids))
    joins = [
        ThemeSuggestion(theme=theme_names[theme_id], theme_id=theme_id, issue_ids=tuple(ids))
        for theme_id, ids in joined.items()
        if ids
    ]
    joins.sort(key=lambda suggestion: (suggestion.theme.casefold(), str(suggestion.theme_id)))
    report(1, 1)
    new_themes.sort(
        key=lambda suggestion: (
            -len(suggestion.issue_ids),
            suggestion.theme.casefold(),
            [str(issue_id) for issue_id in suggestion.issue_ids],
        )
    )
    return [*joins, *new_themes]


def _blocks(node_texts: Sequence[Sequence[str]]) -> list[list[int]]:
    """The nodes, in blocks of at most BLOCK_NODES compared among themselves.

    Up to BLOCK_NODES there is one block, so nothing changes. Above it (a big
    campaign) each node goes with its main term (its most used concern term,
    else its most used word), and blocks of whole terms are packed in term
    order: memory stays near BLOCK_NODES² numbers however many issues there are.
    """
    if len(node_texts) <= BLOCK_NODES:
        return [list(range(len(node_texts)))]
    by_term: dict[str, list[int]] = defaultdict(list)
    for node, texts in enumerate(node_texts):
        counted = Counter(term for text in texts for term in terms(text))
        concerns = [term for term in counted if term.startswith("~")]
        pool = concerns or list(counted) or [""]
        by_term[min(pool, key=lambda term: (-counted[term], term))].append(node)
    blocks: list[list[int]] = [[]]
    for term in sorted(by_term):
        members = by_term[term]
        for start in range(0, len(members), BLOCK_NODES):
            part = members[start : start + BLOCK_NODES]
            if len(blocks[-1]) + len(part) > BLOCK_NODES:
                blocks.append([])
            blocks[-1].extend(part)
    return [block for block in blocks if block]


def word_pair_sums(node_texts: Sequence[Sequence[str]], progress: Progress) -> Matrix:
    """Summed cosine similarities of the TF-IDF vectors of the nodes' concern terms."""
    uses = Counter(text for texts in node_texts for text in texts)
    distinct = sorted(uses)
    term_lists = [terms(text) for text in distinct]
    progress(1, 3)
    document_frequency: Counter[str] = Counter()
    for text, found in zip(distinct, term_lists, strict=True):
        for term in set(found):
            document_frequency[term] += uses[text]
    shared = sorted(term for term, count in document_frequency.items() if count > 1)
    column = {term: index for index, term in enumerate(shared)}
    documents = uses.total()
    unit = np.zeros((len(distinct), len(shared)), dtype=np.float32)
    for row, found in enumerate(term_lists):
        weights = {
            term: (CONCERN_WEIGHT if term.startswith("~") else 1.0)
            * (1 + math.log(count))
            * (1 + math.log((1 + documents) / (1 + document_frequency[term])))
            for term, count in Counter(found).items()
        }
        length = math.sqrt(sum(weight * weight for weight in weights.values())) or 1.0
        for term, weight in weights.items():
            if term in column:
                unit[row, column[term]] = weight / length
    row_of = {text: row for row, text in enumerate(distinct)}
    node_rows, text_rows, repeats = [], [], []
    for node, texts in enumerate(node_texts):
        for text, count in sorted(Counter(texts).items()):
            node_rows.append(node)
            text_rows.append(row_of[text])
            repeats.append(count)
    nodes = np.zeros((len(node_texts), len(shared)), dtype=np.float32)
    weighted = unit[text_rows] * np.asarray(repeats, dtype=np.float32)[:, None]
    np.add.at(nodes, np.asarray(node_rows, dtype=np.int64), weighted)
    progress(2, 3)
    sums: Matrix = nodes @ nodes.T
    return sums


def _group_name(
    nodes: Sequence[int], pair_sums: Matrix, members: Sequence[Sequence[IssueText]]
) -> str:
    """The wording most like the rest of the group (the most used, then the shortest, on a tie)."""
    alike = pair_sums[np.ix_(nodes, nodes)].sum(axis=1)
    best = max(range(len(nodes)), key=lambda index: (float(alike[index]), len(members[index])))
    counts: Counter[str] = Counter(" ".join(issue.text.split()) for issue in members[best])
    wording = min(counts, key=lambda text: (-counts[text], text.isupper(), len(text), text))
    return wording[:NAME_LENGTH]


def _ignore(done: int, total: int) -> None:
    """A progress callback that shows nothing."""
