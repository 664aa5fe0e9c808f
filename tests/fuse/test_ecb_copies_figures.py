"""Copies and figures on real news: floors on the ECB+ development topics (labels in tests/gold, docs/copies.md).

The figures are the out-of-sample ones of ``python -m bench.copies`` and ``python -m bench.figures``:
rules were tuned on the training topics only.
"""

from __future__ import annotations

import pytest
from floors import check

from bench import copies, ecb, figures
from newsweave.fuse import dedup

pytestmark = [pytest.mark.shared, pytest.mark.skipif(not ecb.available(), reason="ECB+ is not in ../shared/bench")]


def test_copy_clusters_on_the_development_topics() -> None:
    score = copies.evaluate("dev", labeller=dedup.label_pairs)
    check("ecb_copy_f1", score.f1, score.line())
    check("ecb_copy_precision", score.precision, score.line())
    found, total = score.by_kind["edited"]
    check("ecb_copy_edited_recall", found / total, score.line())
    found, total = score.by_kind["paraphrase"]
    check("ecb_copy_paraphrase_recall", found / total, score.line())


def test_figures_and_their_disagreements_on_the_development_topics() -> None:
    result = figures.run(figures.topics())
    claimed = {name: [(c["value_low"], c["value_high"]) for c in found] for name, found in result.claims.items()}
    rows = [r for r in figures.figure_labels() if r["split"] == "dev"]
    check("ecb_figure_recall", figures.figure_recall(rows, claimed), f"n={len(rows)} figures")
    conflicts = [r for r in result.conflicts if r["kind"] == "conflict"]
    pairs = figures.disagreement_labels()
    disputed = [p for p in pairs if p["split"] == "dev" and p["kind"] == "conflict"]
    reported = sum(figures.reported(p, conflicts) for p in disputed)
    check("ecb_disagreements_reported", reported / len(disputed), f"{reported} of {len(disputed)}")
    assert not any(figures.reported(p, conflicts) for p in pairs if p["kind"] == "series")
