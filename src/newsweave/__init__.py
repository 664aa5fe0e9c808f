"""newsweave: structured, verifiable knowledge from overlapping news articles.

The public API. The CLI, and later the web app and reports, call only these.

>>> import newsweave
>>> report = newsweave.ingest(["data/sample"], db="newsweave.duckdb")  # doctest: +SKIP
>>> with newsweave.open_store("newsweave.duckdb") as store:              # doctest: +SKIP
...     store.articles()[0]["outlet"]
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from newsweave.engine.local import IngestOptions, Progress, resolve_actors
from newsweave.engine.local import ingest as _ingest
from newsweave.errors import InputError, NewsweaveError, NotFoundError, StoreError, UsageError
from newsweave.model import Article, IngestReport, Mention, Rejection, Span
from newsweave.settings import Settings, get_settings
from newsweave.store import Store

__version__ = "0.1.0"
__all__ = [
    "Article",
    "IngestReport",
    "InputError",
    "Mention",
    "NewsweaveError",
    "NotFoundError",
    "Rejection",
    "Settings",
    "Span",
    "Store",
    "StoreError",
    "UsageError",
    "actor_graph",
    "analyze",
    "ingest",
    "open_store",
]


def open_store(db: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open (and create or migrate) a store; ``db`` defaults to ``Settings.db``."""
    return Store(db if db is not None else get_settings().db, read_only=read_only)


def ingest(
    paths: Iterable[str],
    *,
    db: str | Path | None = None,
    outlet: str | None = None,
    published: date | None = None,
    workers: int | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    stdin: TextIO | None = None,
) -> IngestReport:
    """Read, clean, parse and store every article under ``paths``.

    ``paths`` may hold files, directories (walked recursively) and ``-``
    (JSONL on stdin). Bad inputs are recorded as rejected with a reason;
    articles already in the store are counted as duplicates, not added.
    """
    settings = settings or get_settings()
    options = IngestOptions(outlet=outlet, published=published, workers=workers or settings.workers)
    with open_store(db if db is not None else settings.db) as store:
        return _ingest(
            list(paths),
            store=store,
            settings=settings,
            options=options,
            progress=progress,
            stdin=stdin,
        )


def analyze(db: str | Path | None = None) -> dict[str, int]:
    """Run the corpus stages over everything stored (``ingest`` runs them after loading).

    Today that is actor resolution across articles; ids of existing actors stay stable.
    """
    with open_store(db) as store:
        return {"actors": resolve_actors(store)}


def actor_graph(db: str | Path | None = None) -> Any:
    """The actor co-occurrence graph (``networkx.Graph``): actors as nodes, shared sentences as weights."""
    from newsweave.report.graph import build_graph

    with open_store(db, read_only=True) as store:
        return build_graph(store.actors(), store.cooccurrences())
