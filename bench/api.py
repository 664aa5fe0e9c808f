"""API latency on a big store: p50/p95 of ``/events?actor=…&from=…`` and ``/timeline`` at 100k articles.

The generator writes a synthetic store straight into the tables (``Store.insert``
with Arrow): a year of articles from many outlets, grouped in stories with their
own actors; each article carries a few events with one to three mentions, a
source and a target, and every article event sits in a real event (cluster)
with its support row, about half of them shared by several articles. Requests
go through the FastAPI app (``TestClient``) over the store opened read-only,
as ``newsweave serve`` opens it. The baseline is ``Store.events()`` (every event
merged in Python), timed once on the same store.

    python -m bench.api [--articles 100000] [--requests 40]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from newsweave import store_fusion as fusion
from newsweave import store_queries as queries
from newsweave import store_rows as rows
from newsweave.store import Store
from newsweave.web.app import create_app

TYPES = ("CONSULT", "THREATEN", "REJECT", "REQUEST", "SANCTION", "COERCE", "PROTEST", "AGREE", "AID", "ASSAULT")
MODALITIES = ("asserted", "asserted", "asserted", "reported", "threatened", "denied", "planned")
PRECISIONS = ("day", "day", "day", "week", "month")
START = date(2024, 1, 1)


def _world(rng: random.Random, *, stories: int, actors: int) -> list[dict[str, Any]]:
    return [
        {"id": f"sto_{i:012x}", "start": START + timedelta(days=rng.randrange(335)),
         "actors": rng.sample(range(actors), 12), "outlets": rng.sample(range(60), 10), "real": []}
        for i in range(stories)
    ]  # fmt: skip


def _article(rng: random.Random, n: int, story: dict[str, Any], tables: dict[str, list[list[Any]]]) -> None:
    article_id = hashlib.sha256(str(n).encode()).hexdigest()[:16]  # content-hash ids: stored in no useful order
    published = story["start"] + timedelta(days=rng.randrange(30))
    text = f"Article {n} of {story['id']}. " + "Officials met and talked about the crisis again. " * 6
    tables["articles"].append([article_id, f"https://outlet{story['outlets'][n % 10]}.example/{n}",
                               f"Outlet {story['outlets'][n % 10]}", f"Title {n}", published, "metadata", None, None,
                               text, None, "en", None, None, len(text), len(text.split()), None, n])  # fmt: skip
    tables["story_members"].append([article_id, story["id"]])
    local = rng.sample(story["actors"], 4)
    tables["actor_members"] += [[article_id, i, f"act_{a:012x}"] for i, a in enumerate(local)]
    for event in range(3):
        _event(rng, article_id, event, published, story, tables)


def _event(rng: random.Random, article_id: str, event: int, published: date, story: dict[str, Any],
           tables: dict[str, list[list[Any]]]) -> None:  # fmt: skip
    kind = rng.choice(TYPES)
    when = published - timedelta(days=rng.randrange(4))
    for mention in range(rng.randint(1, 3)):
        start = 40 + 60 * (3 * event + mention)
        stated = rng.random() < 0.4
        tables["events"].append([
            article_id, start, event, 3 * event + mention, start + 10, start + 15, "talks", kind, None,
            rng.choice(MODALITIES), when, rng.choice(PRECISIONS), "on Monday" if stated else None, None, None, False,
            "Niamey", "NER", None, None, "040", "04", 1, 1.0, start, start + 50,
            "Officials met and talked about the crisis again.", False,
        ])  # fmt: skip
        tables["event_args"] += [[article_id, start, "source", rng.randrange(4)],
                                 [article_id, start, "target", rng.randrange(4)]]  # fmt: skip
    own = f"evt_{article_id}_{event}"
    same = [r for r in story["real"][-30:] if r[1] == kind]
    key = same[-1][0] if same and rng.random() < 0.6 else own
    if key == own:
        story["real"].append((own, kind))
    tables["event_clusters"].append([article_id, event, key])
    tables["sizes"].append([key])


def build(path: Path, *, articles: int, seed: int = 7) -> dict[str, Any]:
    """Write a synthetic store of ``articles`` articles; returns a few ids to query with."""
    rng = random.Random(seed)
    world = _world(rng, stories=max(10, articles // 150), actors=max(100, articles // 30))
    names = ("articles", "story_members", "actor_members", "events", "event_args", "event_clusters", "sizes")
    tables: dict[str, list[list[Any]]] = {name: [] for name in names}
    for n in range(articles):
        _article(rng, n, world[rng.randrange(len(world))], tables)
    counts: dict[str, int] = {}
    for (key,) in tables.pop("sizes"):
        counts[key] = counts.get(key, 0) + 1
    support = [[k, c, c, c, c, 1 - 0.5**c, False, "{}"] for k, c in counts.items()]
    actors = [
        [f"act_{a:012x}", f"Actor {a}", "person", "NER", None, [f"A. {a}"]] for a in range(max(100, articles // 30))
    ]
    stories = [[s["id"], f"Story {s['id']}", s["start"], s["start"] + timedelta(days=30), 0] for s in world]
    with Store(path) as store:
        _write(store, tables, actors, stories, support)
        start = time.perf_counter()
        queries.build_index(store)  # what the corpus stages leave behind after an analysis
        indexed = time.perf_counter() - start
    return {"actors": [a[0] for a in actors], "events": len(tables["events"]), "real": len(counts), "index": indexed}


def _write(store: Store, tables: dict[str, list[list[Any]]], actors: list[list[Any]], stories: list[list[Any]],
           support: list[list[Any]]) -> None:  # fmt: skip
    with store.transaction():
        for table, columns, data in (
            ("articles", rows.ARTICLE_COLUMNS, tables["articles"]), ("actors", rows.ACTOR_COLUMNS, actors),
            ("actor_members", rows.MEMBER_COLUMNS, tables["actor_members"]),
            ("events", rows.EVENT_COLUMNS, tables["events"]),
            ("event_args", rows.EVENT_ARG_COLUMNS, tables["event_args"]), ("stories", fusion.STORY_COLUMNS, stories),
            ("story_members", fusion.STORY_MEMBER_COLUMNS, tables["story_members"]),
            ("event_clusters", fusion.CLUSTER_COLUMNS, tables["event_clusters"]),
            ("event_support", fusion.SUPPORT_COLUMNS, support),
        ):  # fmt: skip
            store.insert(table, columns, data)


def _time(client: TestClient, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.text[:200])
    return times


def _p(times: list[float], q: float) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[int(q) - 1] if len(times) > 1 else times[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        made = build(db, articles=args.articles)
        built = time.perf_counter() - start
        with Store(db, read_only=True) as store:
            start = time.perf_counter()
            store.events()
            baseline = (time.perf_counter() - start) * 1000
        client = TestClient(create_app(db))
        picks = [(rng.choice(made["actors"]), START + timedelta(days=rng.randrange(300))) for _ in range(args.requests)]
        _time(client, ["/events?limit=1", "/timeline?limit=1"])  # warm up
        events = _time(client, [f"/events?actor={a}&from={d.isoformat()}&limit=100" for a, d in picks])
        timeline = _time(client, [f"/timeline?limit=100&offset={rng.randrange(0, 2000)}" for _ in picks])
    print(
        f"api: {args.articles} articles, {made['events']} event mentions, {made['real']} real events (built in "
        f"{built:.0f} s, index {made['index']:.1f} s): "
        f"/events?actor&from p50 {_p(events, 50):.1f} ms p95 {_p(events, 95):.1f} ms; "
        f"/timeline p50 {_p(timeline, 50):.1f} ms p95 {_p(timeline, 95):.1f} ms; "
        f"Store.events() baseline {baseline:.0f} ms ({baseline / _p(timeline, 95):.0f}x the /timeline p95)"
    )


if __name__ == "__main__":
    main()
