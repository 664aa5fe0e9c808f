"""Ingest and corpus stages on distinct real texts, in one process.

Run: ``python -m bench.ingest [--articles 500] [--workers 1]``. Ingests that many distinct real articles
(English AEB pages and ECB+ documents, ``bench/realtexts.py``) without the corpus stages, then times the
corpus stages (``analyze``) over them. The ratio to stock spaCy, in separate processes, is
``python -m bench.throughput``'s. ``write_corpus`` (repeated sample texts made unique) serves the crash tests.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import newsweave
from bench import realtexts
from newsweave import nlp
from newsweave.article import build
from newsweave.model import RawInput
from newsweave.sources import iter_inputs

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT.parent / "shared" / "corpus" / "seeds", ROOT / "data" / "sample"]


def base_inputs() -> list[RawInput]:
    items = iter_inputs([str(p) for p in CORPORA], max_bytes=5 * 1024 * 1024)
    good = []
    for item in items:
        if isinstance(item, RawInput):
            try:
                build(item)
            except newsweave.NewsweaveError:
                continue
            good.append(item)
    return good


def write_corpus(folder: Path, inputs: list[RawInput], count: int, *, outlets: int | None = None) -> int:
    """Write ``count`` JSONL records cycling over ``inputs``, each made unique (``outlets``: how many outlets
    they are spread over; default one each) to ``folder/corpus.jsonl``."""
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as handle:
        for i in range(count):
            raw = inputs[i % len(inputs)]
            key = "html" if raw.kind == "html" else "text"
            content = raw.content + (f"\n<p>Copy {i}.</p>" if raw.kind == "html" else f"\n\nCopy {i}.")
            handle.write(json.dumps({key: content, "outlet": f"Outlet {i % outlets if outlets else i}"}) + "\n")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    records = realtexts.articles(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = realtexts.write(folder / "corpus.jsonl", records)
        db = folder / "bench.duckdb"
        nlp.load()
        start = time.perf_counter()
        report = newsweave.ingest([str(corpus)], db=db, workers=args.workers, analyze=False)
        ours = time.perf_counter() - start
        start = time.perf_counter()
        counts = newsweave.analyze(db)
        fusion = time.perf_counter() - start
    n = report.ingested
    print(
        f"ingest ({realtexts.summary(realtexts.cleaned(args.articles))}, workers={args.workers}): "
        f"{n / ours:.2f} articles/s, "
        f"{report.words / ours:.0f} words/s ({n} stored, {len(report.rejected)} rejected) | corpus stages "
        f"{fusion:.1f}s ({counts['duplicates']} copies, {counts['stories']} stories, {counts['events']} merged events)"
    )


if __name__ == "__main__":
    main()
