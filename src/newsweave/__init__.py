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
from typing import TYPE_CHECKING, Any, TextIO

from newsweave._version import __version__
from newsweave.corpus import Corpus, EventFilter, Page
from newsweave.errors import InputError, NewsweaveError, NotFoundError, StoreError, UsageError
from newsweave.model import Article, Conflict, Copy, Event, IngestReport, Mention, Rejection, Span, Story
from newsweave.settings import Settings, get_settings
from newsweave.store import Store

if TYPE_CHECKING:
    from newsweave.engine.local import Progress

__all__ = [
    "Article",
    "Conflict",
    "Copy",
    "Corpus",
    "Event",
    "EventFilter",
    "IngestReport",
    "InputError",
    "Mention",
    "NewsweaveError",
    "NotFoundError",
    "Page",
    "Rejection",
    "Settings",
    "Span",
    "Store",
    "StoreError",
    "Story",
    "UsageError",
    "__version__",
    "actor_graph",
    "analyze",
    "conflicts",
    "copies",
    "duplicates",
    "events",
    "export",
    "framing",
    "ingest",
    "key_dates",
    "open",
    "open_store",
    "report",
    "serve",
    "stories",
    "timeline",
]


def open(db: str | Path | None = None) -> Corpus:
    """Open a store for reading: a :class:`Corpus` over one snapshot (``db`` defaults to ``Settings.db``)."""
    return Corpus(db)


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
    from newsweave.engine.local import IngestOptions
    from newsweave.engine.local import ingest as _ingest

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
    from newsweave.engine.analyze import analyze as _analyze

    with open_store(db) as store:
        return _analyze(store)


def copies(db: str | Path | None = None) -> list[dict[str, Any]]:
    """Articles that copy another: ``article_id, copy_of, kind, similarity`` (+ outlets and title)."""
    with Corpus(db) as corpus:
        return [c.as_dict() for c in corpus.copies()]


duplicates = copies  # the CLI's `duplicates` command and the `/duplicates` endpoint keep this name


def stories(db: str | Path | None = None, *, story: str | None = None) -> list[dict[str, Any]]:
    """Stories: ``id, label, article_ids, outlets, first_date, last_date, top_actors``, largest first."""
    with Corpus(db) as corpus:
        return [corpus.story(story).as_dict()] if story is not None else [s.as_dict() for s in corpus.stories().items]


def events(db: str | Path | None = None, *, event_type: str | None = None,
           article: str | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Real events (``newsweave events --json``), in the order of their first article event."""
    with Corpus(db) as corpus:
        wanted = corpus.event_filter(event_type=event_type, article=article)
        return [e.as_dict() for e in corpus.events(wanted).items]


def timeline(db: str | Path | None = None) -> list[dict[str, Any]]:
    """Dated real events by date, each with a short extractive summary line."""
    with Corpus(db) as corpus:
        return corpus.timeline().items


def conflicts(db: str | Path | None = None, *, include_series: bool = False) -> list[dict[str, Any]]:
    """Figures outlets disagree on for the same moment (and, if asked, figures revised over time as series)."""
    with Corpus(db) as corpus:
        return [c.as_dict() for c in corpus.conflicts(include_series=include_series)]


def key_dates(db: str | Path | None = None, *, k: int, story: str | None = None) -> list[dict[str, Any]]:
    """The ``k`` most salient dates (of a story, or of everything), in date order: ``date, salience,
    stating_sources, events, published, summary, event_id, article_id, start, end`` (the summary's citation)."""
    from newsweave.reports.key_dates import key_date_rows

    if k < 1:
        raise UsageError("the number of dates must be at least 1")
    with Corpus(db) as corpus:
        return key_date_rows(corpus, k=k, story=story)


def framing(db: str | Path | None = None, *, story: str | None = None) -> dict[str, Any]:
    """How each outlet covers a story (the largest by default): events reported and missed, voices, labels."""
    with Corpus(db) as corpus:
        return corpus.framing(story)


def actor_graph(db: str | Path | None = None) -> Any:
    """The actor co-occurrence graph (``networkx.Graph``): actors as nodes, shared sentences as weights."""
    from newsweave.reports.graph import build_graph

    with Corpus(db) as corpus:
        return build_graph(corpus.actors(), corpus.cooccurrences())


def report(db: str | Path | None = None, *, story: str | None = None, out: Path) -> Path:
    """Write a story's briefing report (the largest story by default) to ``out``: ``.html`` or ``.md``.

    One self-contained file: an extractive briefing whose every sentence cites its
    articles, the timeline, key actors and their graph, conflicting figures, outlet
    coverage and plots, all read from one snapshot.
    """
    from newsweave.reports.build import write_report

    with Corpus(db) as corpus:
        return write_report(corpus, story=story, out=out)


def export(db: str | Path | None = None, *, fmt: str, out: Path) -> list[Path]:
    """Export the store under ``out``: tables as ``csv``/``parquet``/``jsonl``, or events as ``gdelt``/``acled``."""
    from newsweave.exports import write_exports

    with Corpus(db) as corpus:
        return write_exports(corpus, fmt=fmt, out=out)


def serve(db: str | Path | None = None, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the read-only JSON API (OpenAPI docs at ``/docs``) and the dashboard at ``/`` until interrupted."""
    import uvicorn

    from newsweave.web import create_app

    app = create_app(Path(db if db is not None else get_settings().db))
    uvicorn.run(app, host=host, port=port, log_level="warning")
