"""The real-event index the corpus stages leave behind: used when fresh, bypassed (not wrong) when stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE, SEEDS

import newsweave
from newsweave import store_queries as queries


def _ids(events: list[dict[str, object]]) -> list[object]:
    return [e["id"] for e in events]


@pytest.mark.shared
def test_index_pages_match_the_full_merge_and_fall_back_when_stale(tmp_path: Path) -> None:
    db = tmp_path / "index.duckdb"
    newsweave.ingest([str(SEEDS)], db=db)
    with newsweave.open_store(db, read_only=True) as store:
        assert queries._index_fresh(store)
        full = store.events()
        page = queries.event_page(store, queries.EventFilter(), limit=1000)
        assert _ids(page.items) == _ids(full) and page.total == len(full)
        dated = queries.timeline_page(store, queries.EventFilter(event_type="REQUEST"), limit=5)
        assert [t["event_id"] for t in dated.items] == [t["event_id"] for t in store.timeline()
                                                        if t["type"] == "REQUEST"][:5]  # fmt: skip
    newsweave.ingest([str(SAMPLE / "kanocourier_2023-08-02_first-evacuation-flight.txt")], db=db, analyze=False)
    with newsweave.open_store(db, read_only=True) as store:
        assert not queries._index_fresh(store)
        page = queries.event_page(store, queries.EventFilter(), limit=1000)
        assert _ids(page.items) == _ids(store.events())
