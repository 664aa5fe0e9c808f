"""Per-request store access and the query parameters the endpoints share."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request

from newsweave import store_queries as queries
from newsweave.errors import UsageError
from newsweave.ontology.plover import categories
from newsweave.store import Store

MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000  # far past any listing; bounded so that it always fits the database's integers


def request_store(request: Request) -> Iterator[Store]:
    """Dependency: the store opened read-only for this request only, closed after it.

    Holding no connection between requests leaves the file free for an ingest; while
    one runs, the request reads the snapshot it publishes (see :mod:`newsweave.store`).
    """
    store = Store(request.app.state.db, read_only=True)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(request_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Records to skip.")]


def event_filter(
    store: StoreDep,
    event_type: Annotated[str | None, Query(alias="type", description="PLOVER type, e.g. REJECT.")] = None,
    actor: Annotated[str | None, Query(description="Actor id, name or any alias (source or target).")] = None,
    date_from: Annotated[date | None, Query(alias="from", description="Events dated on or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="Events dated on or before (YYYY-MM-DD).")] = None,
    story: Annotated[str | None, Query(description="Story id: events reported by its articles.")] = None,
    min_sources: Annotated[int | None, Query(ge=1, description="At least this many independent sources.")] = None,
) -> queries.EventFilter:
    """The event filters of ``/events`` and ``/timeline``; an unknown type, actor or story is a bad filter (422)."""
    wanted = event_type.upper() if event_type else None
    if wanted is not None and wanted not in categories():
        raise UsageError(f"unknown event type {event_type!r} (PLOVER types: {', '.join(sorted(categories()))})")
    if date_from and date_to and date_from > date_to:
        raise UsageError("'from' is after 'to'")
    if story is not None and not queries.has_story(store, story):
        raise UsageError(f"unknown story {story!r}")
    actor_id = _actor(store, actor) if actor is not None else None
    return queries.EventFilter(wanted, actor_id, date_from, date_to, story, min_sources)


def _actor(store: Store, ref: str) -> str:
    try:
        return queries.actor_id(store, ref)
    except UsageError as exc:
        raise UsageError(f"unknown actor {ref!r}") from exc


FilterDep = Annotated[queries.EventFilter, Depends(event_filter)]
