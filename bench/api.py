"""The read side at 100k articles: API latency, a full listing, and the cost of adding a few articles.

The generator writes a synthetic store straight into the article tables (the
store's own column lists): a year of articles from many outlets, grouped by
topic, each naming its topic's people (entity mentions, local actors and their
mentions) and carrying a few events of one to three mentions with a source and
a target; a tenth of the articles are copies of a recent one. Then, in one run:

1. the corpus stages analyse the whole store (copies, stories, actors, real
   events, story records, framing, conflicts): the baseline;
2. ten articles of the sample corpus are ingested into it, analysis included
   (spaCy loading and parsing included): printed as a share of (1);
3. ``newsweave events --json`` lists every real event (a subprocess, output
   discarded);
4. requests go through the FastAPI app (``TestClient``) over the store opened
   read-only, as ``newsweave serve`` opens it: p50 and p95 of each endpoint.

    python -m bench.api [--articles 100000] [--requests 40]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

import newsweave
from newsweave.engine.analyze import analyze
from newsweave.store import Store
from newsweave.store import actors as actor_table
from newsweave.store import articles as article_table
from newsweave.store import events as event_table
from newsweave.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
TYPES = ("CONSULT", "THREATEN", "REJECT", "REQUEST", "SANCTION", "COERCE", "PROTEST", "AGREE", "AID", "ASSAULT")
MODALITIES = ("asserted", "asserted", "asserted", "reported", "threatened", "denied", "planned")
PRECISIONS = ("day", "day", "day", "week", "month")
WORDS = [f"w{i}" for i in range(20000)]
START = date(2024, 1, 1)
NEW = 10  # sample articles ingested into the big store


def _topics(rng: random.Random, *, count: int) -> list[dict[str, Any]]:
    return [
        {"start": START + timedelta(days=rng.randrange(335)), "people": [f"Person{i}x{k}" for k in range(12)],
         "words": rng.sample(WORDS, 300), "outlets": rng.sample(range(60), 10)}
        for i in range(count)
    ]  # fmt: skip


def _text(rng: random.Random, topic: dict[str, Any], n: int) -> str:
    sentences = [" ".join([*rng.choices(topic["words"], k=14), *rng.sample(topic["people"], 2)]).capitalize() + "."
                 for _ in range(8)]  # fmt: skip
    return f"Report {n}. " + " ".join(sentences)


def _article(rng: random.Random, n: int, topic: dict[str, Any], tables: dict[str, list[list[Any]]]) -> None:
    article_id = hashlib.sha256(str(n).encode()).hexdigest()[:16]  # content-hash ids: stored in no useful order
    published = topic["start"] + timedelta(days=rng.randrange(30))
    recent = topic.setdefault("texts", [])
    text = rng.choice(recent) if recent and rng.random() < 0.1 else _text(rng, topic, n)
    recent[:] = [*recent[-5:], text]
    outlet = topic["outlets"][n % 10]
    tables["articles"].append([article_id, f"https://outlet{outlet}.example/{n}", f"Outlet {outlet}", f"Title {n}",
                               published, "metadata", None, None, text, None, "en", None, None, len(text),
                               len(text.split()), None, n + 1])  # fmt: skip
    people = rng.sample(topic["people"], 4)
    for local, name in enumerate(people):
        tables["mentions"].append([article_id, 10 * local, 10 * local + len(name), name, "PERSON", 0])
        tables["doc_actors"].append([article_id, local, "person", name, "NER", [name], [f"person:{name.lower()}"],
                                     [], None, name.lower(), None, True])  # fmt: skip
        tables["actor_mentions"].append([article_id, 10 * local, 10 * local + len(name), name, "PERSON", local, 0])
    for event in range(3):
        _event(rng, article_id, event, published, tables)


def _event(rng: random.Random, article_id: str, event: int, published: date,
           tables: dict[str, list[list[Any]]]) -> None:  # fmt: skip
    kind, when = rng.choice(TYPES), published - timedelta(days=rng.randrange(4))
    for mention in range(rng.randint(1, 3)):
        start = 400 + 60 * (3 * event + mention)
        stated = rng.random() < 0.4
        tables["events"].append([
            article_id, start, event, 3 * event + mention, start + 10, start + 15, "talks", kind, None,
            rng.choice(MODALITIES), when, rng.choice(PRECISIONS), "on Monday" if stated else None, None, None, False,
            "Niamey", "NER", 13.51, 2.11, "040", "04", 1, 1.0, start, start + 50,
            "Officials met and talked about the crisis again.", True,
        ])  # fmt: skip
        tables["event_args"] += [[article_id, start, "source", rng.randrange(2)],
                                 [article_id, start, "target", 2 + rng.randrange(2)]]  # fmt: skip


COLUMNS = {
    "articles": article_table.ARTICLE_COLUMNS, "mentions": article_table.MENTION_COLUMNS,
    "doc_actors": actor_table.DOC_ACTOR_COLUMNS, "actor_mentions": actor_table.ACTOR_MENTION_COLUMNS,
    "events": event_table.EVENT_COLUMNS, "event_args": event_table.EVENT_ARG_COLUMNS,
}  # fmt: skip


def build(path: Path, *, articles: int, seed: int = 7) -> int:
    """Write a synthetic store of ``articles`` articles (not yet analysed); returns its event mentions."""
    rng = random.Random(seed)
    topics = _topics(rng, count=max(10, articles // 150))
    tables: dict[str, list[list[Any]]] = {name: [] for name in COLUMNS}
    for n in range(articles):
        _article(rng, n, topics[rng.randrange(len(topics))], tables)
    with Store(path) as store, store.transaction():
        for table, columns in COLUMNS.items():
            store.insert(table, columns, tables[table])
    return len(tables["events"])


def _note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _time(client: TestClient, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.text[:200])
    return times


def _p(times: list[float], q: int) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[q - 1] if len(times) > 1 else times[0]


def _urls(db: Path, rng: random.Random, requests: int) -> dict[str, list[str]]:
    with newsweave.open(db) as corpus:
        actors = [a["id"] for a in corpus.actors()]
        stories = [s.id for s in corpus.stories(limit=200).items]
        types = sorted({e.type for e in corpus.events(limit=200).items})
    days = [START + timedelta(days=rng.randrange(300)) for _ in range(requests)]
    return {
        "/events?actor&from": [f"/events?actor={rng.choice(actors)}&from={d.isoformat()}" for d in days],
        "/events?type": [f"/events?type={rng.choice(types)}&offset={rng.randrange(2000)}" for _ in days],
        "/timeline": [f"/timeline?offset={rng.randrange(2000)}" for _ in days],
        "/stories": [f"/stories?offset={rng.randrange(100)}" for _ in days],
        "/stories/{id}": [f"/stories/{rng.choice(stories)}" for _ in days],
        "/conflicts": ["/conflicts?series=true" for _ in days],
        "/actors/{id}": [f"/actors/{rng.choice(actors)}" for _ in days],
    }


def _ingest_ten(db: Path, folder: Path) -> float:
    """Ingest ten articles of the sample corpus, then the analysis it runs (timed apart, to note each stage);
    returns the seconds both took."""
    folder.mkdir()
    for path in sorted([*SAMPLE.glob("*.txt"), *SAMPLE.glob("*.html")])[:NEW]:
        shutil.copy(path, folder)
    start = time.perf_counter()
    report = newsweave.ingest([str(folder)], db=db, analyze=False)
    assert report.ingested == NEW, report.as_dict()
    _note(f"ingest of {NEW} (no analysis) {time.perf_counter() - start:.1f} s")
    with Store(db) as store:
        analyze(store, progress=lambda stage: _note(f"  then {stage} at {time.perf_counter() - start:.1f} s"))
    return time.perf_counter() - start


def _list_events(db: Path) -> float:
    command = [str(Path(sys.executable).parent / "newsweave"), "events", "--json", "--db", str(db)]
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        mentions = build(db, articles=args.articles)
        _note(f"built {args.articles} articles")
        start = time.perf_counter()
        with Store(db) as store:
            analyze(store, progress=lambda stage: _note(f"analysis: {stage} at {time.perf_counter() - start:.0f} s"))
        full = time.perf_counter() - start
        _note(f"full analysis {full:.0f} s")
        ten = _ingest_ten(db, Path(tmp) / "ten")
        _note(f"ingested {NEW} in {ten:.1f} s")
        listing = _list_events(db)
        _note(f"listed events in {listing:.1f} s")
        with newsweave.open(db) as corpus:
            real = corpus.events(limit=1).total
        client = TestClient(create_app(db))
        _time(client, ["/events?limit=1", "/timeline?limit=1"])  # warm up
        latency = {name: _time(client, urls) for name, urls in _urls(db, rng, args.requests).items()}
    figures = "; ".join(f"{name} p50 {_p(t, 50):.0f} ms p95 {_p(t, 95):.0f} ms" for name, t in latency.items())
    print(f"api: {args.articles} articles, {mentions} event mentions, {real} real events: full analysis {full:.0f} s; "
          f"{NEW} new articles ingested and analysed {ten:.1f} s ({100 * ten / full:.1f}% of it); "
          f"`newsweave events --json` {listing:.1f} s; {figures}")  # fmt: skip


if __name__ == "__main__":
    main()
