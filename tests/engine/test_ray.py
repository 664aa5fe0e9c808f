"""The Ray engine (a local Ray instance with two workers) stores exactly what the local engine stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import ROOT, SAMPLE

import newsweave

TABLES = {
    "articles": "SELECT id, seq, url, outlet, title, published, published_source, text FROM articles",
    "mentions": 'SELECT article_id, start, "end", text, label, sentence FROM mentions',
    "actors": "SELECT id, name, kind, country, aliases FROM actors",
    "actor_members": "SELECT article_id, local_id, actor_id FROM actor_members",
    "events": "SELECT article_id, mention, event, type, mode, modality, date, place, trigger_start FROM events",
    "event_args": "SELECT article_id, mention, role, local_id FROM event_args",
    "quotes": 'SELECT article_id, start, "end", direct FROM quotes',
    "claims": 'SELECT article_id, start, "end", quantity, value_low FROM claims',
    "duplicates": "SELECT article_id, copy_of, kind FROM duplicates",
    "story_members": "SELECT article_id, story_id FROM story_members",
    "event_clusters": "SELECT article_id, event, cluster FROM event_clusters",
    "dropped_lines": "SELECT article_id, number, rule, text FROM dropped_lines",
    "article_lines": "SELECT article_id, outlet, keys, counted, dropped FROM article_lines",
    "outlet_boilerplate": "SELECT outlet, line_key FROM outlet_boilerplate",
}
WIRE = ROOT / "tests" / "data" / "wire" / "harbourcourier.jsonl"  # one outlet's articles under a shared footer


def _dump(db: Path) -> dict[str, list[Any]]:
    with newsweave.open_store(db, read_only=True) as store:
        return {name: sorted(map(repr, store.query(sql))) for name, sql in TABLES.items()}


def test_ray_engine_matches_local_engine(tmp_path: Path) -> None:
    local, ray = tmp_path / "local.duckdb", tmp_path / "ray.duckdb"
    by_local = newsweave.ingest([str(SAMPLE), str(WIRE)], db=local, workers=2)
    by_ray = newsweave.ingest([str(SAMPLE), str(WIRE)], db=ray, workers=2, engine="ray")
    assert (by_ray.ingested, len(by_ray.rejected)) == (by_local.ingested, len(by_local.rejected)) == (43, 2)
    expected, found = _dump(local), _dump(ray)
    for table in TABLES:
        assert found[table] == expected[table], table
