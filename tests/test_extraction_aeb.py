"""The HTML path on the public Article Extraction Benchmark (181 real pages)."""

from __future__ import annotations

import pytest

from bench.aeb import evaluate
from bench.extraction import newsweave_text

pytestmark = pytest.mark.shared  # reads ../shared/bench

F1_FLOOR = 0.94  # post-cleaning must never make trafilatura worse; measured 0.965 (bench/extraction.py)


def test_html_cleaning_f1_on_the_full_benchmark() -> None:
    score = evaluate(newsweave_text)
    assert score.pages == 181
    assert score.f1 >= F1_FLOOR, f"AEB F1 {score.f1:.3f} (P {score.precision:.3f} R {score.recall:.3f})"
