"""Shared fixtures: the seed articles, the sample corpus, and stores built from them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsweave
from newsweave.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSWEAVE_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
SAMPLE = ROOT / "data" / "sample"
GOLD = ROOT / "tests" / "gold"

if not SEEDS.is_dir():
    raise RuntimeError(f"seed articles not found at {SEEDS} (set NEWSWEAVE_SHARED to the shared/ folder)")


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    report = newsweave.ingest([str(SEEDS)], db=db)
    assert report.ingested == 5
    return db


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds, then the sample corpus in a second run (the incremental path)."""
    db = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    newsweave.ingest([str(SEEDS)], db=db)
    newsweave.ingest([str(SAMPLE)], db=db)
    return db


@pytest.fixture(scope="session")
def one_run_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds and the sample corpus in one run."""
    db = tmp_path_factory.mktemp("one_run") / "corpus.duckdb"
    newsweave.ingest([str(SEEDS), str(SAMPLE)], db=db)
    return db


@pytest.fixture()
def corpus_store(corpus_db: Path) -> Iterator[Store]:
    with newsweave.open_store(corpus_db, read_only=True) as store:
        yield store


@pytest.fixture()
def seeds_store(seeds_db: Path) -> Iterator[Store]:
    with newsweave.open_store(seeds_db, read_only=True) as store:
        yield store


# Publication dates of the seeds that carry none (the day each was published, from the story it tells).
SEED_DATES = {"000_c918b9188006d739.txt": "2023-08-09", "001_ceb58701a3f40a80.txt": "2023-08-08",
              "004_3d4f2797f2778d73.txt": "2023-08-03"}  # fmt: skip


@pytest.fixture(scope="session")
def dated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds with their publication dates given (--published), then the sample corpus."""
    from datetime import date

    db = tmp_path_factory.mktemp("dated") / "dated.duckdb"
    for path in sorted(SEEDS.glob("*.txt")):
        given = SEED_DATES.get(path.name)
        newsweave.ingest([str(path)], db=db, published=date.fromisoformat(given) if given else None)
    newsweave.ingest([str(SAMPLE)], db=db)
    return db


@pytest.fixture()
def dated_store(dated_db: Path) -> Iterator[Store]:
    with newsweave.open_store(dated_db, read_only=True) as store:
        yield store
