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

# `newsweave.report` and `newsweave.export` name both a module and a function of this API: the modules are
# imported here, before the functions below are defined, so the names stay bound to the functions.
from newsweave import export as _export_module
from newsweave import report as _report_package  # noqa: F401
from newsweave import store_fusion
from newsweave.engine.analyze import analyze as _analyze
from newsweave.engine.local import IngestOptions, Progress
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
    "conflicts",
    "duplicates",
    "export",
    "framing",
    "ingest",
    "key_dates",
    "open_store",
    "report",
    "serve",
    "stories",
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
    analyze: bool = True,
    engine: str = "local",
    address: str | None = None,
) -> IngestReport:
    """Read, clean, parse and store every article under ``paths``, then run the corpus stages.

    ``paths`` may hold files, directories (walked recursively), WARC files, ``-``
    (JSONL on stdin) and http(s) URLs of pages or feeds. Bad inputs are recorded as
    rejected with a reason; articles already in the store are counted as
    duplicates, not added. ``analyze=False`` skips the corpus stages (run
    :func:`analyze` later). ``engine="ray"`` runs the per-article stages on Ray
    (a local instance, or the cluster at ``address``); the store is the same.
    """
    settings = settings or get_settings()
    options = IngestOptions(outlet=outlet, published=published, workers=workers or settings.workers, analyze=analyze)
    if engine not in {"local", "ray"}:
        raise UsageError(f"unknown engine {engine!r} (local or ray)")
    with open_store(db if db is not None else settings.db) as store:
        if engine == "ray":
            from newsweave.engine.ray import ingest as _ray_ingest

            return _ray_ingest(list(paths), store=store, settings=settings, options=options,
                               address=None if address in (None, "local") else address, progress=progress,
                               stdin=stdin)  # fmt: skip
        return _ingest(list(paths), store=store, settings=settings, options=options, progress=progress, stdin=stdin)


def analyze(db: str | Path | None = None) -> dict[str, int]:
    """Run every corpus stage over everything stored (``ingest`` runs them after loading, unless told not to).

    Actors are resolved across articles, copies found, articles placed in stories,
    events merged across articles and their support counted. Ids of existing
    actors, stories and merged events stay stable.
    """
    with open_store(db) as store:
        return _analyze(store)


def duplicates(db: str | Path | None = None) -> list[dict[str, Any]]:
    """Articles that are copies: ``article_id, copy_of, kind, similarity`` (+ outlets and title)."""
    with open_store(db, read_only=True) as store:
        return store_fusion.duplicates(store)


def stories(db: str | Path | None = None, *, story: str | None = None) -> list[dict[str, Any]]:
    """Stories: ``id, label, article_ids, outlets, first_date, last_date, top_actors``, largest first."""
    with open_store(db, read_only=True) as store:
        found = store_fusion.story_list(store, story=story)
    if story is not None and not found:
        raise NotFoundError(f"no story {story!r}")
    return found


def conflicts(db: str | Path | None = None, *, include_series: bool = False) -> list[dict[str, Any]]:
    """Figures outlets disagree on for the same moment (and, if asked, figures revised over time as series)."""
    from newsweave.fuse.conflicts import find_conflicts

    with open_store(db, read_only=True) as store:
        found = find_conflicts(
            store.claims(), source_of=store_fusion.source_keys(store), story_of=store_fusion.story_of(store)
        )
    return [c for c in found if include_series or c["kind"] == "conflict"]


def key_dates(db: str | Path | None = None, *, k: int, story: str | None = None) -> list[dict[str, Any]]:
    """The ``k`` most salient dates (of a story, or of everything), in date order: ``date, salience,
    stating_sources, events, published, summary, event_id, article_id, start, end`` (the summary's citation)."""
    from newsweave.report.key_dates import key_date_rows

    if k < 1:
        raise UsageError("the number of dates must be at least 1")
    with open_store(db, read_only=True) as store:
        return key_date_rows(store, k=k, story=story)


def framing(db: str | Path | None = None, *, story: str | None = None) -> dict[str, Any]:
    """How each outlet covers a story (the largest by default): events reported and missed, voices, labels."""
    from newsweave.fuse.framing import framing as _framing

    chosen = stories(db, story=story)
    if not chosen:
        raise NotFoundError("no stories yet (run `newsweave analyze`)")
    picked = chosen[0]
    members = set(picked["article_ids"])
    with open_store(db, read_only=True) as store:
        outlet_of = {r["id"]: r["outlet"] or f"(article {r['id']})" for r in store.articles() if r["id"] in members}
        events = [e for e in store.events() if members & set(e["article_ids"])]
        voices = store_fusion.story_voices(store, sorted(members))
        labels = store_fusion.story_labels(store, sorted(members))
    key_actors = [a["id"] for a in picked["top_actors"]]
    outlets = _framing(events, voices, labels, outlet_of=outlet_of, key_actors=key_actors)
    return {"story": picked["id"], "label": picked["label"], "outlets": outlets}


def actor_graph(db: str | Path | None = None) -> Any:
    """The actor co-occurrence graph (``networkx.Graph``): actors as nodes, shared sentences as weights."""
    from newsweave.report.graph import build_graph

    with open_store(db, read_only=True) as store:
        return build_graph(store.actors(), store.cooccurrences())


def report(db: str | Path | None = None, *, story: str | None = None, out: Path) -> Path:
    """Write a story's briefing report (the largest story by default) to ``out``: ``.html`` or ``.md``.

    One self-contained file: an extractive briefing whose every sentence cites its
    articles, the timeline, key actors and their graph, conflicting figures, outlet
    coverage and plots. The ``newsweave.report`` package holds the parts; this name
    is the function (the package is imported first, so importing its modules never
    rebinds it).
    """
    from newsweave.report.build import write_report

    return write_report(db, story=story, out=out)


def export(db: str | Path | None = None, *, fmt: str, out: Path) -> list[Path]:
    """Export the store under ``out``: tables as ``csv``/``parquet``/``jsonl``, or events as ``gdelt``/``acled``."""
    return _export_module.export(db, fmt=fmt, out=out)


def serve(db: str | Path | None = None, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the read-only JSON API (OpenAPI docs at ``/docs``) and the dashboard at ``/`` until interrupted."""
    import uvicorn

    from newsweave.web import create_app

    app = create_app(Path(db if db is not None else get_settings().db))
    uvicorn.run(app, host=host, port=port, log_level="warning")
