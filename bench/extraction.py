"""HTML cleaning on the Article Extraction Benchmark: newsweave beside raw trafilatura.

Run: ``python -m bench.extraction``. Prints P/R/F1 for newsweave's HTML path
(trafilatura + our post-cleaning) and for trafilatura alone, in the same run.
"""

from __future__ import annotations

import time

import trafilatura

from bench.aeb import Score, evaluate
from newsweave.clean import clean_html


def newsweave_text(html: str) -> str:
    return clean_html(html).text


def trafilatura_same_options(html: str) -> str:
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
    )
    return (getattr(doc, "text", None) or "") if doc is not None else ""


def trafilatura_defaults(html: str) -> str:
    return trafilatura.extract(html) or ""


def _line(name: str, score: Score, seconds: float) -> str:
    return (
        f"{name:<34} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}  "
        f"({score.pages} pages, {seconds:.1f}s)"
    )


def main() -> None:
    results = {}
    for name, extract in (
        ("newsweave (trafilatura + cleaning)", newsweave_text),
        ("trafilatura, same options", trafilatura_same_options),
        ("trafilatura.extract defaults", trafilatura_defaults),
    ):
        start = time.perf_counter()
        score = evaluate(extract)
        results[name] = score
        print(_line(name, score, time.perf_counter() - start))
    ours, raw = results["newsweave (trafilatura + cleaning)"], results["trafilatura, same options"]
    print(f"AEB F1 newsweave/trafilatura ratio: {ours.f1 / raw.f1:.4f} (published trafilatura 2.0.0: 0.958)")


if __name__ == "__main__":
    main()
