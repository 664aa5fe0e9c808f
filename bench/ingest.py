"""Ingest throughput: newsweave ``ingest`` beside raw spaCy ``nlp.pipe`` on the same texts.

Run: ``python -m bench.ingest [--articles 500] [--workers 1]``. Ingest is timed
without the corpus stages, which are timed after it (``analyze``). The seeds and the
sample corpus are repeated (each copy made unique with a numbered line so that
nothing is skipped as a duplicate) to at least ``--articles`` inputs.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import newsweave
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
    inputs = base_inputs()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_corpus(folder, inputs, args.articles)
        db = folder / "bench.duckdb"
        nlp.load()  # both sides start with the model loaded
        start = time.perf_counter()
        report = newsweave.ingest([str(folder / "corpus.jsonl")], db=db, workers=args.workers, analyze=False)
        ours = time.perf_counter() - start
        start = time.perf_counter()
        counts = newsweave.analyze(db)
        fusion = time.perf_counter() - start
        with newsweave.open_store(db, read_only=True) as store:
            texts = [row["text"] for row in store.query("SELECT text FROM articles")]
        words = sum(len(t.split()) for t in texts)
        start = time.perf_counter()
        for _ in nlp.load().pipe(texts, n_process=args.workers, batch_size=64):
            pass
        raw = time.perf_counter() - start
    n = report.ingested
    print(
        f"ingest: {n / ours:.1f} articles/s, {words / ours:.0f} words/s | raw nlp.pipe: {n / raw:.1f} articles/s, "
        f"{words / raw:.0f} words/s | ratio ingest/raw {raw / ours:.2f} ({n} articles, workers={args.workers}) | "
        f"corpus stages {fusion:.1f}s ({counts['duplicates']} copies, {counts['stories']} stories, "
        f"{counts['events']} merged events)"
    )


if __name__ == "__main__":
    main()
