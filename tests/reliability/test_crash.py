"""Crash safety: `newsweave ingest` and `newsweave analyze` killed with SIGKILL at ten points each, then re-run.

After every kill the store (and its read snapshot) opens and reads, holds each
article at most once with exactly the rows a clean run gives it, and shows
nothing half-written (``checks.check_store``). After a re-run to completion it
equals a store built in one clean run: every article once, the same rows, the
same corpus-stage tables.

The killed runs are the CLI entry point (``newsweave.cli.main`` with the
command's arguments) in a process forked from this one once the spaCy pipeline
is loaded, so each starts in milliseconds instead of the seconds a fresh
interpreter takes to load the model. Each reports where it is to a file (start,
each batch, each commit, each corpus stage) and is killed a delay after the n-th
such event: inside a transaction, just after a commit while the snapshot is
published, between batches, in every corpus stage. The runs to completion are
real ``newsweave`` subprocesses.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import newsweave
from newsweave import nlp
from newsweave import store as store_module
from newsweave.engine import analyze as analyze_module
from newsweave.settings import Settings
from tests.reliability import checks

BATCH = 4  # articles per transaction in the killed runs: many commits to land between
ARTICLES = 32
FORK = multiprocessing.get_context("fork")
NEWSWEAVE = str(Path(sys.executable).parent / "newsweave")

# (event, its n-th occurrence, seconds after it). Events: start, begin (a transaction), committed (after a
# commit, as the snapshot is published; also on open and close), batch (a batch of articles is written),
# stage:<name> (a corpus stage starts).
Point = tuple[str, int, float]
INGEST_POINTS: list[Point] = [
    ("start", 1, 0.0),  # while the store is created or opened
    ("begin", 1, 0.0),  # inside the first transaction (a migration on a new store)
    ("batch", 1, 0.0),  # as a batch is written
    ("batch", 1, 0.003),
    ("committed", 2, 0.0),  # right after a commit, while the snapshot is published
    ("batch", 2, 0.02),
    ("batch", 1, 0.2),  # while the next batch is parsed
    ("committed", 3, 0.002),
    ("batch", 3, 0.0),
    ("start", 1, 1.0),  # wherever it is after a second
]
STAGES = ("find_copies", "place_stories", "resolve_actors", "merge_events")
# The same for the corpus stages, alternating `analyze` and a re-run of `ingest` (no new article: it runs
# the stages because the killed runs left them unfinished).
STAGE_POINTS: list[tuple[str, Point]] = [
    ("analyze", ("committed", 3, 0.0)),  # the first run, just after the LSH bands and their pairs are committed
    ("ingest", ("stage:find_copies", 1, 0.0)),
    ("analyze", ("begin", 2, 0.0)),  # inside the first stage transaction
    ("ingest", ("stage:place_stories", 1, 0.003)),
    ("analyze", ("begin", 3, 0.0)),
    ("ingest", ("stage:resolve_actors", 1, 0.01)),
    ("analyze", ("stage:merge_events", 1, 0.0)),
    ("ingest", ("begin", 5, 0.0)),  # inside the merged-events transaction
    ("analyze", ("committed", 6, 0.0)),  # after the last stage, before the run is recorded as finished
    ("ingest", ("stage:merge_events", 1, 0.05)),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Inputs, a store of them loaded without the corpus stages, and a reference built in one clean run."""
    folder = tmp_path_factory.mktemp("crash")
    inputs = checks.write_corpus(folder, ARTICLES)
    nlp.load()  # once here; every forked run inherits it
    reference, loaded = folder / "reference.duckdb", folder / "loaded.duckdb"
    newsweave.ingest([str(inputs)], db=reference, settings=Settings(batch_size=BATCH), analyze=False)
    shutil.copyfile(reference, loaded)
    newsweave.analyze(reference)
    return {"inputs": inputs, "reference": reference, "loaded": loaded}


def test_ingest_survives_sigkill_anywhere(corpus: dict[str, Path], tmp_path: Path) -> None:
    db, reference = tmp_path / "store.duckdb", corpus["reference"]
    argv = ["ingest", str(corpus["inputs"]), "--db", str(db), "--no-analyze"]
    landed = [_run_killed(argv, point, tmp_path, reference) for point in INGEST_POINTS]
    for point, alive in zip(INGEST_POINTS, landed, strict=True):
        assert alive, f"the run ended before the kill point {point}"
    stored_before = len(checks.article_ids(db))
    assert 0 < stored_before < ARTICLES, "the kills should leave the ingest part-done"
    _complete(argv)
    counts = checks.check_store(db)
    assert checks.article_ids(db) == checks.article_ids(reference)
    assert counts["articles"] == ARTICLES
    assert checks.differences(db, reference, ("articles", *checks.ARTICLE_TABLES)) == {}


def test_corpus_stages_survive_sigkill_anywhere(corpus: dict[str, Path], tmp_path: Path) -> None:
    db, reference = tmp_path / "stages.duckdb", corpus["reference"]
    shutil.copyfile(corpus["loaded"], db)
    commands = {"analyze": ["analyze", "--db", str(db)], "ingest": ["ingest", str(corpus["inputs"]), "--db", str(db)]}
    for command, point in STAGE_POINTS:
        alive = _run_killed(commands[command], point, tmp_path, reference)
        assert alive, f"{command} ended before the kill point {point}"
    _complete(commands["ingest"])  # finds nothing new, and finishes the corpus stages the kills cut short
    checks.check_store(db)
    assert checks.differences(db, reference, ("articles", *checks.ARTICLE_TABLES, *checks.CORPUS_TABLES)) == {}
    with newsweave.open_store(db, read_only=True) as store:
        assert not store.analysis_pending()


def _run_killed(argv: list[str], point: Point, tmp: Path, reference: Path) -> bool:
    """Run ``newsweave <argv>`` in a forked process, SIGKILL it at ``point`` and check the store it leaves.

    Returns whether the process was still running when killed.
    """
    events = tmp / "events.txt"
    events.write_text("")
    process = FORK.Process(target=_child, args=(argv, events, tmp / "child.log"))
    process.start()
    event, nth, delay = point
    deadline = time.monotonic() + 60
    while process.is_alive() and _seen(events, event) < nth and time.monotonic() < deadline:
        time.sleep(0.0005)
    time.sleep(delay)
    alive = process.is_alive()
    process.kill()
    process.join()
    _check_after_kill(Path(argv[argv.index("--db") + 1]), reference)
    return alive


def _seen(events: Path, event: str) -> int:
    return events.read_text().split("\n").count(event)


def _check_after_kill(db: Path, reference: Path) -> None:
    for path in (db, store_module.snapshot_path(db)):
        if not path.exists():
            continue
        if not checks.check_store(path):
            continue
        wanted = ("articles", *checks.ARTICLE_TABLES)
        assert checks.differences(path, reference, wanted, stored_only=True) == {}, path.name


def _complete(argv: list[str]) -> None:
    env = {**os.environ, "NEWSWEAVE_BATCH_SIZE": str(BATCH)}
    done = subprocess.run([NEWSWEAVE, *argv], capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr


# -- the forked run ------------------------------------------------------------------------------------------------
def _child(argv: list[str], events: Path, log: Path) -> None:
    sys.stdout = sys.stderr = log.open("a", encoding="utf-8")
    os.environ["NEWSWEAVE_BATCH_SIZE"] = str(BATCH)
    note = _notes(events)
    note("start")
    _wrap(store_module._Transaction, "__enter__", before=lambda: note("begin"))
    _wrap(store_module.Store, "publish", before=lambda: note("committed"))
    _wrap(store_module.Store, "add_articles", before=lambda: note("batch"))
    for name in STAGES:
        _wrap(analyze_module, name, before=lambda name=name: note(f"stage:{name}"))
    from newsweave.cli import main

    sys.argv = ["newsweave", *argv]
    main()


def _notes(events: Path) -> Callable[[str], None]:
    handle = events.open("a", encoding="utf-8")

    def note(event: str) -> None:
        handle.write(event + "\n")
        handle.flush()

    return note


def _wrap(owner: Any, name: str, *, before: Callable[[], None]) -> None:
    original = getattr(owner, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        before()
        return original(*args, **kwargs)

    setattr(owner, name, wrapped)
