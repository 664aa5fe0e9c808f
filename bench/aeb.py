"""The Article Extraction Benchmark (../shared/bench/aeb, MIT): loader and its metric.

Metric as the benchmark defines it: tokens are ``\\w+`` matches, per page the
multisets of word 4-gram shingles give TP/FP/FN; precision and recall are
averaged over pages and F1 is computed from the two means.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsweave.errors import InputError
from newsweave.sources.decode import decode

ROOT = Path(__file__).resolve().parents[1]
AEB = Path(os.environ.get("NEWSWEAVE_SHARED", ROOT.parent / "shared")) / "bench" / "aeb"
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    pages: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def pages() -> Iterator[tuple[str, str, str]]:
    """``(page id, html, true body)`` for every page of the benchmark."""
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        data = gzip.decompress((AEB / "html" / f"{page_id}.html.gz").read_bytes())
        html, _ = decode(data)
        yield page_id, html, truth[page_id]["articleBody"] or ""


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(0, len(tokens) - 3)))


def page_scores(truth: str, predicted: str) -> tuple[float, float]:
    """Precision and recall of one page (1.0 each when both texts are empty)."""
    want, got = _shingles(truth), _shingles(predicted)
    if not want and not got:
        return 1.0, 1.0
    tp = sum((want & got).values())
    fp = sum(got.values()) - tp
    fn = sum(want.values()) - tp
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def evaluate(extract: Callable[[str], str]) -> Score:
    """Score an ``html → text`` function over all pages (errors count as empty output)."""
    precisions, recalls = [], []
    for _, html, truth in pages():
        try:
            predicted = extract(html)
        except InputError:
            predicted = ""
        p, r = page_scores(truth, predicted)
        precisions.append(p)
        recalls.append(r)
    n = len(precisions)
    return Score(sum(precisions) / n, sum(recalls) / n, n)
