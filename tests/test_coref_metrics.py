"""The coreference metrics of bench/coref_metrics.py on hand-made clusterings whose scores are worked out by hand.

The main example is the one of Pradhan et al. (2014), "Scoring coreference partitions of predicted mentions":
key {a b c} {d e f g}, response {a b} {c d} {f g h i} (e is missing from the response, h and i are extra).
"""

from __future__ import annotations

import pytest

from bench.coref_metrics import b_cubed, ceaf_e, clusters_of, muc, score

KEY = [["a", "b", "c"], ["d", "e", "f", "g"]]
RESPONSE = [["a", "b"], ["c", "d"], ["f", "g", "h", "i"]]


def test_muc_counts_links() -> None:
    found = muc(KEY, RESPONSE)
    assert (found.recall, found.precision) == pytest.approx((0.4, 0.4))


def test_b_cubed_averages_per_mention() -> None:
    found = b_cubed(KEY, RESPONSE)
    assert found.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 / 4 + 0 + 2 / 4 + 2 / 4) / 7)
    assert found.precision == pytest.approx(0.5)
    assert found.f1 == pytest.approx(2 * 0.5 * (35 / 84) / (0.5 + 35 / 84))


def test_ceaf_e_aligns_entities_one_to_one() -> None:
    found = ceaf_e(KEY, RESPONSE)  # {a b c}↔{a b} (0.8) and {d e f g}↔{f g h i} (0.5)
    assert (found.recall, found.precision) == pytest.approx((1.3 / 2, 1.3 / 3))


def test_identical_clusterings_score_one_and_all_singletons_score_zero_muc() -> None:
    same = score(KEY, [list(reversed(c)) for c in reversed(KEY)])
    assert same.conll == pytest.approx(1.0)
    singletons = score(KEY, [[m] for c in KEY for m in c])
    assert singletons.muc.f1 == 0.0
    assert singletons.b3.precision == pytest.approx(1.0)
    assert singletons.b3.recall == pytest.approx((3 * (1 / 3) + 4 * (1 / 4)) / 7)


def test_clusters_of_groups_labels() -> None:
    assert sorted(map(sorted, clusters_of({"a": 1, "b": 1, "c": 2}))) == [["a", "b"], ["c"]]
