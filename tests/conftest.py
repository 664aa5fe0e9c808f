"""Shared fixtures: the seed articles, the sample corpus, and stores built from them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newsweave
from newsweave.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSWEAVE_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
SAMPLE = ROOT / "data" / "sample"
GOLD = ROOT / "tests" / "gold"

# Tests that read the shared datasets (the seeds, ../shared/bench) carry the ``shared`` marker: explicitly, or
# through one of these fixtures. Without the datasets they are skipped and named in one loud line at the end;
# with NEWSWEAVE_REQUIRE_SHARED=1 (set by .ci/run) every skip is a failure instead, so CI always runs everything.
SHARED_FIXTURES = frozenset({"seeds_db", "corpus_db", "one_run_db", "dated_db", "seeds_store", "corpus_store",
                             "dated_store"})  # fmt: skip
HAVE_SHARED = SEEDS.is_dir() and (SHARED / "bench").is_dir()
REQUIRE_ALL = os.environ.get("NEWSWEAVE_REQUIRE_SHARED", "") not in ("", "0")
NO_SHARED = f"needs the shared datasets: {SHARED} not found (set NEWSWEAVE_SHARED to a shared/ folder)"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "shared: reads the shared datasets (../shared or $NEWSWEAVE_SHARED)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SHARED_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.shared)
        if not HAVE_SHARED and item.get_closest_marker("shared"):
            item.add_marker(pytest.mark.skip(reason=NO_SHARED))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if REQUIRE_ALL and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.longrepr = f"skipped under NEWSWEAVE_REQUIRE_SHARED=1, where every test must run: {reason}"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from floors import MEASURED, entries

    for name, (value, detail) in sorted(MEASURED.items()):
        entry = entries()[name]
        terminalreporter.write_line(
            f"floor {name}: measured {value:.3f} (floor {entry['floor']:.3f}, "
            f"recorded {entry['measured']:.3f}) {detail}"
        )
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "shared" in r.keywords]
    if skipped:
        terminalreporter.write_line(
            f"NOT RUN: {len(skipped)} test(s) that need the shared datasets: {SHARED} not found "
            "(set NEWSWEAVE_SHARED to a shared/ folder to run them); every other test ran.",
            red=True,
            bold=True,
        )


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
