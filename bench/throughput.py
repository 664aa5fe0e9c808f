"""Throughput and memory: newsweave ingest against raw spaCy, and peak RSS as the input grows.

Run: ``python -m bench.throughput [--articles 2000] [--workers 1] [--rss 1000 10000]``.
The seeds and the sample corpus are repeated as unique variants (a numbered line
each, so nothing is skipped as a duplicate). In one run, on the same texts:
raw ``nlp.pipe`` articles/s, newsweave ingest (clean + nlp + extract + store, no
corpus stages) articles/s, and their ratio. Then each ``--rss`` size is ingested
in its own process and its peak RSS printed: memory must not grow with the input.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import newsweave
from bench.ingest import base_inputs, write_corpus
from newsweave import nlp


def throughput(articles: int, workers: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_corpus(folder, base_inputs(), articles)
        db = folder / "bench.duckdb"
        nlp.load()
        started = time.perf_counter()
        report = newsweave.ingest([str(folder / "corpus.jsonl")], db=db, workers=workers, analyze=False)
        ours = time.perf_counter() - started
        with newsweave.open_store(db, read_only=True) as store:
            texts = [row["text"] for row in store.query("SELECT text FROM articles ORDER BY seq")]
        started = time.perf_counter()
        for _ in nlp.load().pipe(texts, n_process=workers, batch_size=64):
            pass
        raw = time.perf_counter() - started
    n = report.ingested
    return (
        f"throughput ({n} articles, workers={workers}): raw nlp.pipe {n / raw:.1f} articles/s | newsweave ingest "
        f"{n / ours:.1f} articles/s | ratio {raw / ours:.2f}"
    )


def peak_rss(articles: int) -> float:
    """Ingest ``articles`` inputs in this process and return its peak RSS in MB."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_corpus(folder, base_inputs(), articles)
        newsweave.ingest([str(folder / "corpus.jsonl")], db=folder / "rss.duckdb", analyze=False)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rss", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--child-rss", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_rss:
        print(json.dumps({"articles": args.child_rss, "peak_rss_mb": peak_rss(args.child_rss)}))
        return
    if args.articles:
        print(throughput(args.articles, args.workers), flush=True)
    peaks = []
    for size in args.rss:
        child = subprocess.run([sys.executable, "-m", "bench.throughput", "--child-rss", str(size)],
                               capture_output=True, text=True, check=True)  # fmt: skip
        peaks.append(json.loads(child.stdout.strip().splitlines()[-1]))
    if len(peaks) >= 2:
        small, large = peaks[0], peaks[-1]
        ratio = large["peak_rss_mb"] / small["peak_rss_mb"]
        print(f"peak RSS: {small['articles']} articles {small['peak_rss_mb']:.0f} MB, {large['articles']} articles "
              f"{large['peak_rss_mb']:.0f} MB, ratio {ratio:.2f} (must be <= 1.3)")  # fmt: skip


if __name__ == "__main__":
    main()
