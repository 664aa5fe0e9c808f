"""Train the event-noun model of ``extract/detect.py`` on the ECB+ training topics (CC BY 3.0).

Run: ``python -m bench.train_detection`` (writes ``src/newsweave/ontology/event_nouns.csv``).
Examples are the nouns of the fully annotated sentences of the 25 training topics
(never the development topics 2 5 12 18 21 23 34 35): a noun is eventive when it
overlaps a gold ``ACTION_*``/``NEG_ACTION_*`` mention. The model is a logistic
regression (full-batch gradient descent, L2) over the unit word vector of the
noun's lemma and the shape and parse features of ``noun_features``. The decision
threshold is the one with the best F1 over three folds of whole topics (a topic's
nouns are never scored by a model that saw that topic).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from bench import ecb
from newsweave import nlp
from newsweave.extract.detect import lemma_vector, noun_features

OUT = Path(__file__).resolve().parents[1] / "src" / "newsweave" / "ontology" / "event_nouns.csv"
L2 = 1e-3
EPOCHS = 600
RATE = 0.5
FOLDS = 3
HEADER = """# Event-noun model of extract/detect.py: logistic regression weights (v*: over the unit word vector of the
# noun's lemma in en_core_web_md; f*: over noun_features; bias) and the decision threshold.
# Source: learned by bench/train_detection.py from the ECB+ corpus, training topics only (topics 1-35 other
# than 2 5 12 18 21 23 34 35): ECB+ by NewsReader / VU Amsterdam (Cybulska and Vossen 2014), CC BY 3.0.
# Licence of this file: CC BY 3.0 (derived from ECB+ annotations).
"""


def examples(pairs: Iterable[tuple[Doc, ecb.EcbDoc]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and topic of every noun in the annotated sentences."""
    rows, labels, topics = [], [], []
    for doc, gold in pairs:
        eventive = {t.i for m in gold.events for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ()}
        spans = [gold.sentence_spans[s] for s in gold.annotated if s in gold.sentence_spans]
        nouns, features = noun_features(doc)
        for i, row in zip(nouns.tolist(), features, strict=True):
            if any(a <= doc[i].idx < b for a, b in spans):
                rows.append(np.concatenate([lemma_vector(doc[i]), row]))
                labels.append(float(i in eventive))
                topics.append(gold.topic)
    return np.array(rows, dtype=np.float32), np.array(labels), np.array(topics)


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Weights (the last one the bias) of an L2-regularised logistic regression."""
    x = np.hstack([x, np.ones((len(x), 1), dtype=np.float32)])
    w = np.zeros(x.shape[1])
    for _ in range(EPOCHS):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        w -= RATE * (x.T @ (p - y) / len(y) + L2 * w)
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-(x @ w[:-1] + w[-1]))))


def best_threshold(x: np.ndarray, y: np.ndarray, topics: np.ndarray) -> tuple[float, float]:
    """The threshold with the best F1 over topic folds, and that F1."""
    fold = {t: i % FOLDS for i, t in enumerate(sorted(set(topics.tolist())))}
    folds = np.array([fold[t] for t in topics.tolist()])
    scores = np.zeros(len(y))
    for k in range(FOLDS):
        scores[folds == k] = predict(fit(x[folds != k], y[folds != k]), x[folds == k])
    best = (0.5, 0.0)
    for threshold in np.arange(0.2, 0.7, 0.02):
        chosen = scores >= threshold
        right = float((chosen & (y == 1)).sum())
        f1 = 2 * right / (chosen.sum() + y.sum()) if chosen.sum() + y.sum() else 0.0
        best = max(best, (round(float(threshold), 2), f1), key=lambda pair: pair[1])
    return best


def write(w: np.ndarray, dimensions: int, threshold: float) -> None:
    lines = [HEADER.rstrip("\n"), "feature,weight"]
    lines += [f"v{i},{w[i]:.6f}" for i in range(dimensions)]
    lines += [f"f{i - dimensions},{w[i]:.6f}" for i in range(dimensions, len(w) - 1)]
    lines += [f"bias,{w[-1]:.6f}", f"threshold,{threshold:.2f}"]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    start = time.perf_counter()
    docs = list(ecb.docs(ecb.topic_dirs(dev=False)))
    x, y, topics = examples((parsed, gold) for parsed, gold in nlp.parse((d.text, d) for d in docs))
    threshold, f1 = best_threshold(x, y, topics)
    dimensions = nlp.load().vocab.vectors.shape[1]
    write(fit(x, y), dimensions, threshold)
    print(f"event nouns: {len(y)} nouns ({int(y.sum())} eventive) from {len(docs)} training documents; "
          f"threshold {threshold:.2f}, topic-fold F1 {f1:.3f} ({time.perf_counter() - start:.0f}s)")  # fmt: skip


if __name__ == "__main__":
    main()
