"""JSON endpoints: the CLI's listings, with the field names of its ``--json`` output, paged.

Listings return a JSON array (the records ``newsweave <command> --json`` prints,
in its order) sliced by ``limit`` and ``offset``; the header ``X-Total-Count``
gives the size of the whole listing when it was counted.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from newsweave import store_fusion as fusion
from newsweave import store_queries as queries
from newsweave.errors import NotFoundError
from newsweave.web.deps import FilterDep, Limit, Offset, StoreDep

TOO_LONG: dict[int | str, dict[str, Any]] = {414: {"description": "Path or query string too long."}}
router = APIRouter(tags=["api"], responses=TOO_LONG)
Record = dict[str, Any]
Records = list[Record]
TOTAL = {"X-Total-Count": {"description": "Records in the whole listing.", "schema": {"type": "integer"}}}
PAGED: dict[int | str, dict[str, Any]] = {200: {"headers": TOTAL}, 422: {"description": "A bad filter or page."}}
ONE: dict[int | str, dict[str, Any]] = {404: {"description": "No such record."}}


def _page(response: Response, rows: Records, *, limit: int, offset: int) -> Records:
    """A page of a listing built whole in Python."""
    return _paged(response, queries.Page(rows[offset : offset + limit], len(rows)))


def _paged(response: Response, page: queries.Page) -> Records:
    if page.total is not None:
        response.headers["X-Total-Count"] = str(page.total)
    return page.items


@router.get("/articles", responses=PAGED)
def articles(
    response: Response,
    store: StoreDep,
    limit: Limit = 100,
    offset: Offset = 0,
    outlet: Annotated[str | None, Query(description="Only this outlet.")] = None,
) -> Records:
    """Stored articles: id, url, outlet, title, published, published_source, chars."""
    return _paged(response, queries.article_page(store, outlet=outlet, limit=limit, offset=offset))


@router.get("/articles/{ref:path}", responses=ONE)
def article(store: StoreDep, ref: Annotated[str, Path(description="Article id, unique id prefix or URL.")]) -> Record:
    """One article with its cleaned text."""
    return store.article(ref)


@router.get("/actors", responses=PAGED)
def actors(
    response: Response,
    store: StoreDep,
    limit: Limit = 100,
    offset: Offset = 0,
    kind: Annotated[str | None, Query(description="Only this kind (person, state, military, igo, ...).")] = None,
) -> Records:
    """Actors resolved across articles: id, name, kind, country, cameo_code, aliases, roles, coverage counts."""
    return _page(response, store.actors(kind=kind), limit=limit, offset=offset)


@router.get("/actors/{ref}", responses=ONE)
def actor(store: StoreDep, ref: Annotated[str, Path(description="Actor id, name or any alias.")]) -> Record:
    """One actor, with every mention of it in ``mention_spans``."""
    row = store.actor(ref)
    return {**row, "mention_spans": row.pop("mentions_list")}


@router.get("/events", responses=PAGED)
def events(response: Response, store: StoreDep, wanted: FilterDep, limit: Limit = 100, offset: Offset = 0) -> Records:
    """Real events after coreference, each with its members, every evidence span and its support."""
    return _paged(response, queries.event_page(store, wanted, limit=limit, offset=offset))


@router.get("/events/{ref}", responses=ONE)
def event(
    store: StoreDep, ref: Annotated[str, Path(description="Event id (or the id of one of its members).")]
) -> Record:
    """One real event."""
    return queries.event(store, ref)


@router.get("/timeline", responses=PAGED)
def timeline(response: Response, store: StoreDep, wanted: FilterDep, limit: Limit = 100, offset: Offset = 0) -> Records:
    """Dated events in date order, each with a short extractive summary line (filters as ``/events``)."""
    return _paged(response, queries.timeline_page(store, wanted, limit=limit, offset=offset))


@router.get("/stories", responses=PAGED)
def stories(response: Response, store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> Records:
    """Stories, largest first: id, label, article_ids, outlets, first_date, last_date, top_actors."""
    return _page(response, fusion.story_list(store), limit=limit, offset=offset)


@router.get("/stories/{ref}", responses=ONE)
def story(store: StoreDep, ref: Annotated[str, Path(description="Story id.")]) -> Record:
    """One story."""
    found = fusion.story_list(store, story=ref)
    if not found:
        raise NotFoundError(f"no story {ref!r}")
    return found[0]


@router.get("/conflicts", responses=PAGED)
def conflicts(
    response: Response,
    store: StoreDep,
    limit: Limit = 100,
    offset: Offset = 0,
    series: Annotated[bool, Query(description="Also figures revised over time.")] = False,
) -> Records:
    """Figures outlets disagree on: subject, quantity, values by outlet and date, conservative and latest."""
    return _page(response, all_conflicts(store, include_series=series), limit=limit, offset=offset)


def all_conflicts(store: StoreDep, *, include_series: bool = False) -> Records:
    from newsweave.fuse.conflicts import find_conflicts

    found = find_conflicts(store.claims(), source_of=fusion.source_keys(store), story_of=fusion.story_of(store))
    return [c for c in found if include_series or c["kind"] == "conflict"]


@router.get("/duplicates", responses=PAGED)
def duplicates(response: Response, store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> Records:
    """Syndicated copies and rewrites: article_id, copy_of, kind, similarity (+ outlets and title)."""
    return _page(response, fusion.duplicates(store), limit=limit, offset=offset)
