"""Average-linkage grouping over a matrix of similarities, for theme suggestions.

Any similarity between texts (word statistics here; fuzzy matching or
embeddings in bench/suggest.py) goes in as a matrix of pair sums; groups
come out. Average linkage merges, best first, the two groups whose members
are on average most alike, and stops below a threshold: unlike chaining
near neighbours (single linkage), one loose link cannot pull two concerns
together.

Each row keeps its best partner, so a merge costs a few passes over one
row and column (numpy), not a search of the whole matrix: 5,000 nodes take
about a second. Deterministic: node numbers decide every tie, so callers
that number their nodes in a canonical order (sorted texts) get the same
groups for any input order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.floating[Any]]


def average_linkage(
    sizes: Sequence[int],
    pair_sums: Matrix,
    threshold: float,
    anchored: frozenset[int] = frozenset(),
) -> list[list[int]]:
    """Groups of node numbers (each sorted; nodes never merged are left out).

    ``sizes[n]`` is how many texts node ``n`` stands for; ``pair_sums[a, b]``
    is the sum of the similarities between the texts of ``a`` and of ``b``
    (``similarity * sizes[a] * sizes[b]`` for single texts); the matrix is
    symmetric and is changed in place. Two groups are merged while their
    average similarity is at least ``threshold``. Two ``anchored`` nodes
    (existing themes) are never merged with each other.
    """
    count = len(sizes)
    if count < 2:
        return []
    sums = pair_sums
    size = np.asarray(sizes, dtype=sums.dtype)
    active = np.ones(count, dtype=bool)
    anchor = np.zeros(count, dtype=bool)
    anchor[list(anchored)] = True
    members: dict[int, list[int]] = {node: [node] for node in range(count)}
    best_value = np.full(count, -np.inf)
    best_node = np.zeros(count, dtype=np.int64)

    def averages(node: int) -> Matrix:
        row: Matrix = sums[node] / (size[node] * size)
        row[~active] = -np.inf
        row[node] = -np.inf
        if anchor[node]:
            row[anchor] = -np.inf
        return row

    def refresh(node: int) -> None:
        row = averages(node)
        best_node[node] = int(np.argmax(row))
        best_value[node] = row[best_node[node]]

    for node in range(count):
        refresh(node)
    while True:
        first = int(np.argmax(best_value))
        if best_value[first] < threshold:
            break
        kept, gone = sorted((first, int(best_node[first])))
        sums[kept] += sums[gone]
        sums[:, kept] = sums[kept]
        size[kept] += size[gone]
        anchor[kept] |= anchor[gone]
        active[gone] = False
        best_value[gone] = -np.inf
        members[kept].extend(members.pop(gone))
        stale = np.flatnonzero(active & ((best_node == kept) | (best_node == gone)))
        column = sums[:, kept] / (size * size[kept])
        column[~active] = -np.inf
        column[kept] = -np.inf
        if anchor[kept]:
            column[anchor] = -np.inf
        better = active & (column > best_value)
        best_node[better] = kept
        best_value[better] = column[better]
        for node in (kept, *stale.tolist()):
            refresh(node)
    return sorted(sorted(group) for group in members.values() if len(group) > 1)
