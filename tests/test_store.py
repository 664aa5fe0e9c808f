"""The DuckDB store: named migrations, idempotent ingest, rejected inputs recorded once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE, SEEDS

import newsweave
from newsweave.errors import NotFoundError, StoreError
from newsweave.store import MIGRATIONS
from newsweave.store import actors as actor_table


def test_migrations_are_named_and_applied_once(tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    with newsweave.open_store(db) as store:
        assert store.migrations() == [name for name, _ in MIGRATIONS]
    with newsweave.open_store(db) as store:
        assert store.migrate() == []


@pytest.mark.shared
def test_reingesting_seeds_and_sample_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    first = newsweave.ingest([str(SEEDS), str(SAMPLE)], db=db)
    with newsweave.open_store(db, read_only=True) as store:
        before = store.status()
    second = newsweave.ingest([str(SEEDS), str(SAMPLE)], db=db)
    with newsweave.open_store(db, read_only=True) as store:
        after = store.status()
    assert first.ingested >= 5 + 15
    assert second.ingested == 0 and second.duplicates == first.ingested
    assert after == before


def test_article_lookup_by_id_prefix_and_url(seeds_db: Path) -> None:
    with newsweave.open_store(seeds_db, read_only=True) as store:
        row = store.articles()[0]
        assert store.article(row["id"][:8])["id"] == row["id"]
        with pytest.raises(NotFoundError):
            store.article("ffffffffffff")


def test_read_only_open_of_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        newsweave.open_store(tmp_path / "missing.duckdb", read_only=True)


def test_actor_coverage_kept_by_the_incremental_path_equals_a_whole_recount(corpus_db: Path, tmp_path: Path) -> None:
    """The second run of ``corpus_db`` stores the coverage of the actors it changed only; every stored row must
    still be what counting the whole store again gives."""
    db = tmp_path / "coverage.duckdb"
    shutil.copyfile(corpus_db, db)
    listing = "SELECT * FROM actor_coverage ORDER BY actor_id"
    with newsweave.open_store(db) as store:
        kept = store.rows(listing)
        with store.transaction():
            store.delete("actor_coverage", "actor_id")
            actor_table.cover(store, None)
        assert kept and store.rows(listing) == kept
        assert store.scalar("SELECT count(*) FROM actors WHERE id NOT IN (SELECT actor_id FROM actor_coverage)") == 0
