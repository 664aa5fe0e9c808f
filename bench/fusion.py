"""Fusion at scale: time and peak memory of the corpus stages on 50k and 100k generated articles.

The generator writes a realistic corpus in memory: many stories, each with its
own names and vocabulary over a few weeks; about 10% of articles are wire copies
(verbatim or edited: retitled, a sentence reworded, the tail trimmed) and 3% are
credited paraphrases; every article carries a few events with story actors and
dates. Each size runs in its own process (so peak RSS is its own) through the
same pure functions the engine calls: MinHash signatures + LSH band index →
labelled pairs → copy clusters, incremental story assignment, and blocked event
coreference. Sub-quadratic means doubling the corpus costs ≤ 2.3× the time.

    python -m bench.fusion [--sizes 50000 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date, timedelta

from newsweave.fuse import coref, dedup, stories

TYPES = ("CONSULT", "THREATEN", "REJECT", "REQUEST", "SANCTION", "COERCE", "PROTEST", "AGREE")
WORDS = [f"w{i}" for i in range(20000)]


def _story_world(rng: random.Random, number: int) -> dict[str, object]:
    return {
        "names": [f"Name{number}x{i}" for i in range(12)],
        "words": rng.sample(WORDS, 400),
        "start": date(2023, 1, 1) + timedelta(days=rng.randrange(700)),
        "outlets": [f"Outlet{rng.randrange(300)}" for _ in range(8)],
    }


def _article_text(rng: random.Random, world: dict[str, object]) -> str:
    names, words = world["names"], world["words"]
    assert isinstance(names, list) and isinstance(words, list)
    sentences = []
    for _ in range(12):
        body = rng.choices(words, k=14) + rng.sample(names, 2) + rng.choices(WORDS, k=4)
        rng.shuffle(body)
        sentences.append(" ".join(body).capitalize() + ".")
    return " ".join(sentences)


def generate(size: int, seed: int = 11) -> tuple[list[dedup.Doc], list[stories.StoryDoc], list[coref.EventRecord]]:
    """``size`` articles: docs for dedup, descriptions for stories, event records for coreference."""
    rng = random.Random(seed)
    worlds = [_story_world(rng, n) for n in range(max(1, size // 40))]
    docs: list[dedup.Doc] = []
    described: list[stories.StoryDoc] = []
    events: list[coref.EventRecord] = []
    for seq in range(size):
        story = rng.randrange(len(worlds))
        world = worlds[story]
        start = world["start"]
        assert isinstance(start, date)
        published = start + timedelta(days=rng.randrange(21))
        outlets = world["outlets"]
        assert isinstance(outlets, list)
        outlet = rng.choice(outlets)
        roll, quote = rng.random(), " ".join(rng.choices(WORDS, k=9))
        text = _article_text(rng, world)
        if roll < 0.10 and docs:
            text = _copy(rng, rng.choice(docs[-50:]).text)
        elif roll < 0.13 and docs:
            source = rng.choice(docs[-50:])
            text, quote = f"{text} {source.outlet} reported.", source.quotes[0]
        docs.append(dedup.Doc(f"a{seq:07d}", seq, outlet, published, text, (quote,)))
        names = world["names"]
        assert isinstance(names, list)
        described.append(stories.describe(f"a{seq:07d}", published, [(n, "PERSON") for n in rng.choices(names, k=8)]))
        events += [_event(rng, seq, k, f"s{story}", published, names) for k in range(3)]
    return docs, described, events


def _copy(rng: random.Random, text: str) -> str:
    sentences = text.split(". ")
    if rng.random() < 0.5:
        return text
    cut = sentences[: max(3, len(sentences) - rng.randrange(4))]
    cut[0] = "Retitled " + cut[0]
    return ". ".join(cut)


def _event(rng: random.Random, seq: int, k: int, story: str, published: date, names: list[str]) -> coref.EventRecord:
    stated = rng.random() < 0.6
    return coref.EventRecord(
        id=f"evt_a{seq:07d}_{k}", seq=seq, story=story, type=rng.choice(TYPES), mode=None,
        date=published - timedelta(days=rng.randrange(3)) if stated else published,
        precision="day" if stated else "week", stated=stated,
        sources=frozenset(rng.sample(names[:4], 1)), targets=frozenset(rng.sample(names[4:], 1)), country=None,
    )  # fmt: skip


def run(size: int) -> dict[str, float]:
    docs, described, events = generate(size)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    bands: dict[int, list[str]] = defaultdict(list)
    candidates: list[tuple[dedup.Doc, dedup.Doc]] = []
    by_id = {d.article_id: d for d in docs}
    for doc in docs:
        for key in dedup.band_keys(dedup.signature(doc.text)):
            candidates += [(doc, by_id[other]) for other in bands[key]]
            bands[key].append(doc.article_id)
    by_outlet: dict[str, list[dedup.Doc]] = defaultdict(list)
    for doc in docs:
        by_outlet[doc.outlet or ""].append(doc)
    candidates += dedup.paraphrase_candidates(docs, by_outlet)
    pairs = dedup.label_pairs(candidates)
    copies = dedup.syndications(by_id, pairs)
    timings["dedup_s"] = time.perf_counter() - started
    started = time.perf_counter()
    index = stories.StoryIndex()
    for description in described:
        index.assign(description)
    timings["stories_s"] = time.perf_counter() - started
    started = time.perf_counter()
    merged = coref.merge(events, threshold=coref.ARTICLE_THRESHOLD)
    timings["coref_s"] = time.perf_counter() - started
    timings.update(
        articles=size, copies=len(copies), stories=len(index.stories), events=len(events),
        merged=len(set(merged.values())), peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )  # fmt: skip
    timings["total_s"] = timings["dedup_s"] + timings["stories_s"] + timings["coref_s"]
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[50_000, 100_000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.child)))
        return
    results = []
    for size in args.sizes:
        child = subprocess.run([sys.executable, "-m", "bench.fusion", "--child", str(size)], capture_output=True,
                               text=True, check=True)  # fmt: skip
        results.append(json.loads(child.stdout))
    for r in results:
        print(f"{r['articles']:>7,} articles: dedup {r['dedup_s']:.1f}s ({r['copies']:,} copies), stories "
              f"{r['stories_s']:.1f}s ({r['stories']:,}), coref {r['coref_s']:.1f}s ({r['events']:,} → "
              f"{r['merged']:,} events), total {r['total_s']:.1f}s, peak RSS {r['peak_rss_mb']:.0f} MB")  # fmt: skip
    small, large = results
    ratio = large["total_s"] / small["total_s"]
    growth = large["articles"] / small["articles"]
    print(f"fusion time ratio {ratio:.2f} for {growth:.0f}x the articles (sub-quadratic if <= 2.3); "
          f"peak RSS ratio {large['peak_rss_mb'] / small['peak_rss_mb']:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
