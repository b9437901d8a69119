# SPDX-License-Identifier: EUPL-1.2
"""Clusters from scored pairs, with human judgements that always win.

Order of work, which makes the result independent of input order:

1. every ``not_same`` judgement becomes a constraint between two records;
2. ``same`` judgements are joined first (in sorted order) - unless that would put a ``not_same``
   pair in one cluster, which is then reported as a conflict and not joined;
3. model pairs at or above the threshold are joined from the highest score down (ties by id), again
   never across a ``not_same``;
4. ``unsure`` judgements change nothing: the model decides.

A cluster's canonical id is its smallest member id, so it does not depend on processing order and
stays the same as long as that record stays in the cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from .records import Judgement, Verdict

__all__ = ["cluster_pairs", "components"]


class _Clusters:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.forbidden: dict[str, set[str]] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        if parent == item:
            return item
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def forbid(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        self.forbidden.setdefault(ra, set()).add(rb)
        self.forbidden.setdefault(rb, set()).add(ra)

    def union(self, a: str, b: str) -> bool:
        """Join the clusters of a and b unless a ``not_same`` lies between them; True if joined or already one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        forbidden_a = self.forbidden.get(ra, set())
        if rb in forbidden_a:
            return False
        keep, drop = (ra, rb) if ra < rb else (rb, ra)
        self.parent[drop] = keep
        merged = self.forbidden.pop(drop, set())
        if merged:
            # Point everyone that forbade `drop` at `keep`.
            for other in merged:
                others = self.forbidden.setdefault(other, set())
                others.discard(drop)
                others.add(keep)
            self.forbidden.setdefault(keep, set()).update(merged)
        return True


def cluster_pairs(
    ids: Iterable[str],
    pairs: Sequence[tuple[str, str, float]],
    judgements: Iterable[Judgement] = (),
    *,
    threshold: float = 0.0,
) -> tuple[dict[str, str], list[Judgement]]:
    """``(record id -> canonical cluster id, same-judgements that conflicted with a not_same)``."""
    clusters = _Clusters()
    for item in ids:
        clusters.find(item)
    judged = sorted(judgements, key=lambda j: (min(j.id_a, j.id_b), max(j.id_a, j.id_b), str(j.verdict)))
    for judgement in judged:
        if judgement.verdict == Verdict.NOT_SAME:
            clusters.forbid(judgement.id_a, judgement.id_b)
    conflicts = [j for j in judged if j.verdict == Verdict.SAME and not clusters.union(j.id_a, j.id_b)]
    judged_pairs = {
        (min(j.id_a, j.id_b), max(j.id_a, j.id_b)) for j in judged if j.verdict in (Verdict.SAME, Verdict.NOT_SAME)
    }
    ordered = sorted((p for p in pairs if p[2] >= threshold), key=lambda p: (-p[2], p[0], p[1]))
    for id_a, id_b, _score in ordered:
        if (min(id_a, id_b), max(id_a, id_b)) not in judged_pairs:
            clusters.union(id_a, id_b)
    return {item: clusters.find(item) for item in list(clusters.parent)}, conflicts


def components(n: int, i: npt.NDArray[np.int64], j: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Connected components of the graph on ``0..n-1`` with edges ``(i[k], j[k])``: each node's smallest member.

    What `cluster_pairs` gives without judgements (the order of joining matters only when a ``not_same``
    can block a join), computed with arrays: labels are lowered along the edges and then shortcut to
    their own label (pointer jumping) until nothing changes.
    """
    label = np.arange(n, dtype=np.int64)
    if not len(i):
        return label
    while True:
        low = np.minimum(label[i], label[j])
        before = label.copy()
        np.minimum.at(label, i, low)
        np.minimum.at(label, j, low)
        while True:
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped
        if np.array_equal(before, label):
            return label
