"""Throughput and memory on distinct real texts: newsweave ingest against stock spaCy, and peak RSS.

Run: ``python -m bench.throughput [--articles 500] [--rss 100 900] [--long 20 180]``. The texts are the
English pages of the Article Extraction Benchmark and the ECB+ documents (``bench/realtexts.py``), each
once. Every measurement runs in its own process, with the model load excluded from the timing (and, for
newsweave, the other one-time loads: a warm-up ingest of two sample articles into another store):

- newsweave ingest (clean, language id, dates, spaCy with the entity ruler, actors, events, quotes, claims,
  store; no corpus stages) of ``--articles`` articles;
- the baseline: stock ``en_core_web_md`` ``nlp.pipe`` (no entity ruler) on the same cleaned texts that
  ingest stores (every article is accepted: ``realtexts`` keeps only those); the two alternate over
  slices of the articles so that a change in the machine's load hits both;
- peak RSS of a whole ingest (model included) of each ``--rss`` size, and of each ``--long`` size of long
  articles (at least 8 KB of text each): memory must not grow with the input.
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
from typing import Any

from bench import realtexts

RATIO_GOAL, RSS_RATIO_LIMIT, RSS_LIMIT_MB = 0.75, 1.3, 1536
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def _ingest(corpus: Path, db: Path) -> dict[str, Any]:
    import newsweave
    from newsweave import nlp

    nlp.load()
    warm = [str(SAMPLE / "kanocourier_2023-08-02_first-evacuation-flight.txt"),
            str(SAMPLE / "lagosledger_2023-08-02_french-evacuation-flight.html")]  # fmt: skip
    newsweave.ingest(warm, db=db.with_name(db.stem + "-warm.duckdb"), analyze=False)  # one-time loads, not timed
    started = time.perf_counter()
    report = newsweave.ingest([str(corpus)], db=db, analyze=False)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": report.ingested, "rejected": len(report.rejected), "seconds": seconds, "peak_mb": peak}


def _stock(texts: Path) -> dict[str, Any]:
    import spacy

    from newsweave.nlp import model_path

    model = spacy.load(model_path())
    batch = json.loads(texts.read_text(encoding="utf-8"))
    started = time.perf_counter()
    for _ in model.pipe(batch):
        pass
    return {"articles": len(batch), "seconds": time.perf_counter() - started}


def _child(*args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "bench.throughput", "--child", *args],
                          capture_output=True, text=True, check=True)  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def throughput(count: int, folder: Path, *, rounds: int = 4) -> str:
    """Stock spaCy and newsweave on the same articles, in alternating rounds (a slice each) so that a machine
    whose load changes during the run drifts both sides alike."""
    records, texts = realtexts.articles(count), realtexts.cleaned(count)
    db, raw, ours, stored = folder / "speed.duckdb", 0.0, 0.0, 0
    ratios = []
    for i in range(rounds):
        part = slice(i * count // rounds, (i + 1) * count // rounds)
        corpus = realtexts.write(folder / f"speed-{i}.jsonl", records[part])
        batch = folder / f"texts-{i}.json"
        batch.write_text(json.dumps(texts[part]), encoding="utf-8")
        stock = _child("stock", str(batch))
        ingest = _child("ingest", str(corpus), str(db))
        raw, ours, stored = raw + stock["seconds"], ours + ingest["seconds"], stored + ingest["articles"]
        ratios.append(stock["seconds"] / ingest["seconds"])
    return (
        f"throughput ({realtexts.summary(texts)}, {stored} stored, {rounds} alternating rounds): stock spaCy "
        f"nlp.pipe {count / raw:.2f} articles/s | newsweave ingest {stored / ours:.2f} articles/s | ratio "
        f"{raw / ours:.2f} (rounds: {', '.join(f'{r:.2f}' for r in ratios)}; goal >= {RATIO_GOAL})"
    )


def memory(label: str, sizes: list[int], records: list[dict[str, str]], texts: list[str], folder: Path) -> str:
    peaks = []
    for size in sizes:
        corpus = realtexts.write(folder / f"{label}-{size}.jsonl", records[:size])
        peaks.append((size, _child("ingest", str(corpus), str(folder / f"{label}-{size}.duckdb"))["peak_mb"]))
    (small, low), (large, high) = peaks[0], peaks[-1]
    held = high / low <= RSS_RATIO_LIMIT and max(p for _, p in peaks) <= RSS_LIMIT_MB
    return (
        f"peak RSS, {label} ({realtexts.summary(texts[:large])}): "
        + ", ".join(f"{size} articles {peak:.0f} MB" for size, peak in peaks)
        + f" | ratio {high / low:.2f} for {large / small:.0f}x the articles (limits: ratio <= {RSS_RATIO_LIMIT}, "
        f"peak <= {RSS_LIMIT_MB} MB: {'held' if held else 'NOT held'})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500, help="articles for the speed ratio (0: skip)")
    parser.add_argument("--rss", type=int, nargs="*", default=[100, 900], help="article counts for peak RSS")
    parser.add_argument("--long", type=int, nargs="*", default=[20, 180], help="long-article counts for peak RSS")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *paths = args.child
        result = _ingest(Path(paths[0]), Path(paths[1])) if kind == "ingest" else _stock(Path(paths[0]))
        print(json.dumps(result))
        return
    if not realtexts.available():
        sys.exit("bench.throughput needs ../shared/bench (aeb and ecbplus); set NEWSWEAVE_SHARED")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.articles:
            print(throughput(args.articles, folder), flush=True)
        if len(args.rss) >= 2:
            print(memory("distinct articles", args.rss, realtexts.articles(), realtexts.cleaned(), folder), flush=True)
        if len(args.long) >= 2:
            long = realtexts.long_articles()
            print(memory("long articles", args.long, long, [r["text"] for r in long], folder), flush=True)


if __name__ == "__main__":
    main()
