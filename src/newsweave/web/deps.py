"""Per-request corpus access and the query parameters the endpoints share."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request

from newsweave.corpus import Corpus, EventFilter

MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000  # far past any listing; bounded so that it always fits the database's integers


def request_corpus(request: Request) -> Iterator[Corpus]:
    """Dependency: a read-only view of the store for this request only (one snapshot), closed after it.

    The app never holds the store file itself, so an ingest can start while it serves: requests read the
    snapshot a writer publishes, through one connection per published snapshot (``SharedReader``).
    """
    corpus = Corpus(store=request.app.state.reader.open())
    try:
        yield corpus
    finally:
        corpus.close()


CorpusDep = Annotated[Corpus, Depends(request_corpus)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Records to skip.")]


def event_filter(
    corpus: CorpusDep,
    event_type: Annotated[str | None, Query(alias="type", description="Event type, e.g. REJECT.")] = None,
    actor: Annotated[str | None, Query(description="Actor id, name or any alias (source or target).")] = None,
    date_from: Annotated[date | None, Query(alias="from", description="Events dated on or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="Events dated on or before (YYYY-MM-DD).")] = None,
    story: Annotated[str | None, Query(description="Story id: events reported by its articles.")] = None,
    min_sources: Annotated[int | None, Query(ge=1, description="At least this many independent sources.")] = None,
) -> EventFilter:
    """The event filters of ``/events`` and ``/timeline``; an unknown type, actor or story is a bad filter (422)."""
    return corpus.event_filter(event_type=event_type, actor=actor, date_from=date_from, date_to=date_to, story=story,
                               min_sources=min_sources)  # fmt: skip


FilterDep = Annotated[EventFilter, Depends(event_filter)]
