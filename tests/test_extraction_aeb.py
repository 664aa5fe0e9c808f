"""The HTML path on the public Article Extraction Benchmark (181 real pages)."""

from __future__ import annotations

import pytest
from floors import check

from bench.aeb import evaluate
from bench.extraction import newsweave_text, trafilatura_same_options

pytestmark = pytest.mark.shared  # reads ../shared/bench

TRAFILATURA_MARGIN = 0.005  # post-cleaning must never make trafilatura (same options) worse, beyond noise


def test_html_cleaning_f1_on_the_full_benchmark() -> None:
    ours, raw = evaluate(newsweave_text), evaluate(trafilatura_same_options)
    assert ours.pages == raw.pages == 181
    detail = f"P {ours.precision:.3f} R {ours.recall:.3f}; trafilatura alone, same options, F1 {raw.f1:.3f}"
    check("aeb_f1", ours.f1, detail)
    assert ours.f1 >= raw.f1 - TRAFILATURA_MARGIN, detail
