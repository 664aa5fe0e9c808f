"""Fit newsweave's pairwise coreference scorer on the ECB+ training topics (never the development topics).

    python -m bench.ecb_coref_train      # writes src/newsweave/fuse/coref_weights.json

Pairs are every two gold event mentions of one training sub-topic (one real
seminal event and what surrounds it: the clustering runs within a story),
labelled by whether they share a gold chain; pairs the hard constraints rule out
are left out, as at run time. (Training on every pair of a topic instead, or
adding feature products, a lead-sentence flag or spaCy's own lemma, scored no
better in 5-fold cross-validation over the training topics.) A
logistic regression (L2, Newton's method) gives the weights; the average-link
threshold is the one with the best CoNLL F1 when the training topics are
clustered within newsweave's own stories.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np

from bench import ecb
from bench.coref_metrics import score
from bench.ecb_coref import Prepared, detected_records, gold_records, key_clusters, place_stories, prepare
from newsweave.fuse import coref
from newsweave.fuse.coref_model import FEATURES, Scorer, features

OUT = Path(__file__).resolve().parents[1] / "src" / "newsweave" / "fuse" / "coref_weights.json"
L2 = 1.0
THRESHOLDS = [round(0.05 * i, 2) for i in range(4, 19)]


def pair_matrix(prepared: list[Prepared]) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of every compatible pair within each sub-topic: of gold mentions, and of newsweave's
    own events at detected gold mentions (with the actors and dates it extracted)."""
    rows, labels = [], []
    for records in _labelled(prepared):
        for i, (a, chain_a, sub_a) in enumerate(records):
            for b, chain_b, sub_b in records[i + 1 :]:
                if sub_a == sub_b and coref.compatible(a, b):
                    rows.append(features(a, b))
                    labels.append(float(chain_a == chain_b))
    return np.asarray(rows), np.asarray(labels)


def _labelled(prepared: list[Prepared]) -> list[list[tuple[coref.EventRecord, str, str]]]:
    story_of = {name: p.subtopic[name] for p in prepared for name in p.order}
    detected = detected_records(prepared, story_of)
    found = []
    for topic in prepared:
        found.append([(replace(g.record, type=None), g.chain, g.subtopic) for g in topic.gold])
        first = {g.detected: g for g in topic.gold if g.detected in detected}
        found.append([(detected[event], g.chain, g.subtopic) for event, g in first.items()])
    return found


def fit(x: np.ndarray, y: np.ndarray, *, l2: float = L2, steps: int = 25) -> np.ndarray:
    """Logistic regression by Newton's method; the bias (column 0) is not penalised."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def best_threshold(prepared: list[Prepared], weights: np.ndarray) -> tuple[float, float]:
    """The threshold with the best CoNLL F1 on the training topics, clustered within newsweave's stories."""
    story_of = place_stories(prepared)
    records = gold_records(prepared, story_of)
    key = key_clusters(prepared)
    results = []
    for threshold in THRESHOLDS:
        scorer = Scorer(tuple(float(v) for v in weights), threshold)
        found = coref.cluster_mentions(records, scorer=scorer)
        results.append((score(key, [list(c) for c in found]).conll, threshold))
        print(f"  threshold {threshold:.2f}: training CoNLL F1 {results[-1][0]:.3f}", flush=True)
    conll, threshold = max(results)
    return threshold, conll


def train(prepared: list[Prepared], *, out: Path = OUT) -> Scorer:
    x, y = pair_matrix(prepared)
    print(f"training pairs: {len(y)} ({int(y.sum())} coreferent) from {len(prepared)} topics", flush=True)
    weights = fit(x, y)
    threshold, conll = best_threshold(prepared, weights)
    data = {
        "trained_on": "ECB+ topics " + " ".join(str(t) for t in ecb.topic_dirs(dev=False)),
        "training_conll_f1": round(conll, 4),
        "weights": {name: round(float(w), 4) for name, w in zip(FEATURES, weights, strict=True)},
        "threshold": threshold,
    }
    out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"weights → {out} (threshold {threshold}, training CoNLL F1 {conll:.3f})")
    return Scorer(tuple(data["weights"].values()), threshold)  # type: ignore[arg-type]


if __name__ == "__main__":
    train([prepare(t) for t in ecb.topic_dirs(dev=False)])
