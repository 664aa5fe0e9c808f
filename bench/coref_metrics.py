"""Coreference metrics as the CoNLL-2012 scorer defines them: MUC, B³, CEAF-e and their mean (CoNLL F1).

A clustering is a list of clusters, each a collection of mention keys; singletons
count (as in the ECB+ literature). Mentions in one clustering and not the other
are handled as the reference scorer does: they reach no cluster of the other side.
CEAF-e aligns key and response entities one to one for the highest total φ4
similarity; entities that share no mention contribute nothing, so the alignment
is solved separately on each group of entities linked by shared mentions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

Clusters = Sequence[Collection[Hashable]]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _owner(clusters: Clusters) -> dict[Hashable, int]:
    return {m: i for i, cluster in enumerate(clusters) for m in cluster}


def _muc_recall(key: Clusters, response: Clusters) -> float:
    owner = _owner(response)
    links = sum(len(k) - 1 for k in key)
    found = sum(len(k) - len({owner.get(m, ("alone", m)) for m in k}) for k in key)
    return found / links if links else 0.0


def muc(key: Clusters, response: Clusters) -> PRF:
    return PRF(_muc_recall(response, key), _muc_recall(key, response))


def _b3_recall(key: Clusters, response: Clusters) -> float:
    owner = _owner(response)
    sets = [set(c) for c in response]
    total = sum(len(k) for k in key)
    score = sum(len(set(k) & sets[owner[m]]) / len(k) for k in key for m in k if m in owner)
    return score / total if total else 0.0


def b_cubed(key: Clusters, response: Clusters) -> PRF:
    return PRF(_b3_recall(response, key), _b3_recall(key, response))


def ceaf_e(key: Clusters, response: Clusters) -> PRF:
    best = sum(_aligned(group, key, response) for group in _groups(key, response))
    return PRF(best / len(response) if response else 0.0, best / len(key) if key else 0.0)


def _groups(key: Clusters, response: Clusters) -> list[tuple[list[int], list[int]]]:
    """Key and response entities in connected groups (linked when they share a mention)."""
    owner = _owner(response)
    parent = list(range(len(key) + len(response)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, cluster in enumerate(key):
        for m in cluster:
            if m in owner:
                parent[find(i)] = find(len(key) + owner[m])
    groups: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for x in range(len(parent)):
        side = groups[find(x)]
        (side[0] if x < len(key) else side[1]).append(x if x < len(key) else x - len(key))
    return [g for g in groups.values() if g[0] and g[1]]


def _aligned(group: tuple[list[int], list[int]], key: Clusters, response: Clusters) -> float:
    rows, cols = group
    sims = np.zeros((len(rows), len(cols)))
    for a, i in enumerate(rows):
        mine = set(key[i])
        for b, j in enumerate(cols):
            sims[a, b] = 2 * len(mine & set(response[j])) / (len(mine) + len(response[j]))
    chosen_rows, chosen_cols = linear_sum_assignment(sims, maximize=True)
    return float(sims[chosen_rows, chosen_cols].sum())


@dataclass(frozen=True, slots=True)
class Scores:
    muc: PRF
    b3: PRF
    ceaf_e: PRF

    @property
    def conll(self) -> float:
        return (self.muc.f1 + self.b3.f1 + self.ceaf_e.f1) / 3

    def line(self) -> str:
        return (f"CoNLL {self.conll:.3f} (MUC {self.muc.f1:.3f}, B3 {self.b3.f1:.3f}, "
                f"CEAF-e {self.ceaf_e.f1:.3f})")  # fmt: skip


def score(key: Clusters, response: Clusters) -> Scores:
    return Scores(muc(key, response), b_cubed(key, response), ceaf_e(key, response))


def clusters_of(labels: dict[Hashable, Hashable]) -> list[list[Hashable]]:
    """Mention → cluster label, as a list of clusters."""
    found: dict[Hashable, list[Hashable]] = defaultdict(list)
    for mention, label in labels.items():
        found[label].append(mention)
    return list(found.values())
