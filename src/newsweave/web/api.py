"""JSON endpoints: the CLI's listings, with the field names of its ``--json`` output, paged.

Listings return a JSON array (the records ``newsweave <command> --json`` prints,
in its order) sliced by ``limit`` and ``offset``; the header ``X-Total-Count``
gives the size of the whole listing. Records stored whole (real events,
stories, conflicts) are passed on as stored, without being parsed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from newsweave.corpus import Page
from newsweave.web.deps import CorpusDep, FilterDep, Limit, Offset
from newsweave.web.json import StoredJSONResponse

TOO_LONG: dict[int | str, dict[str, Any]] = {414: {"description": "Path or query string too long."}}
router = APIRouter(tags=["api"], responses=TOO_LONG)
Record = dict[str, Any]
Records = list[Record]
TOTAL = {"X-Total-Count": {"description": "Records in the whole listing.", "schema": {"type": "integer"}}}
PAGED: dict[int | str, dict[str, Any]] = {200: {"headers": TOTAL}, 422: {"description": "A bad filter or page."}}
ONE: dict[int | str, dict[str, Any]] = {404: {"description": "No such record."}}


def _page(response: Response, rows: Sequence[Any], *, limit: int, offset: int) -> list[Any]:
    """A page of a listing built whole in Python."""
    return _paged(response, Page(list(rows[offset : offset + limit]), len(rows)))


def _paged(response: Response, page: Page[Any]) -> list[Any]:
    response.headers["X-Total-Count"] = str(page.total)
    return page.items


def _stored(page: Page[str]) -> Response:
    """A page of stored JSON records, sent as they are."""
    return StoredJSONResponse(page.items, headers={"X-Total-Count": str(page.total)})


@router.get("/articles", responses=PAGED)
def articles(
    response: Response,
    corpus: CorpusDep,
    limit: Limit = 100,
    offset: Offset = 0,
    outlet: Annotated[str | None, Query(description="Only this outlet.")] = None,
) -> Records:
    """Stored articles: id, url, outlet, title, published, published_source, chars."""
    return _paged(response, corpus.articles(outlet=outlet, limit=limit, offset=offset))


@router.get("/articles/{ref:path}", responses=ONE)
def article(corpus: CorpusDep, ref: Annotated[str, Path(description="Article id, unique id prefix or URL.")]) -> Record:
    """One article with its cleaned text."""
    return corpus.article(ref)


@router.get("/actors", responses=PAGED)
def actors(
    response: Response,
    corpus: CorpusDep,
    limit: Limit = 100,
    offset: Offset = 0,
    kind: Annotated[str | None, Query(description="Only this kind (person, state, military, igo, ...).")] = None,
) -> Records:
    """Actors resolved across articles: id, name, kind, country, cameo_code, aliases, roles, coverage counts."""
    return _page(response, corpus.actors(kind=kind), limit=limit, offset=offset)


@router.get("/actors/{ref}", responses=ONE)
def actor(corpus: CorpusDep, ref: Annotated[str, Path(description="Actor id, name or any alias.")]) -> Record:
    """One actor, with every mention of it in ``mention_spans``."""
    return corpus.actor(ref)


@router.get("/events", responses=PAGED, response_model=Records)
def events(corpus: CorpusDep, wanted: FilterDep, limit: Limit = 100, offset: Offset = 0) -> Response:
    """Real events after coreference, each with its members, every evidence span and its support."""
    return _stored(corpus.events_json(wanted, limit=limit, offset=offset))


@router.get("/events/{ref}", responses=ONE)
def event(
    corpus: CorpusDep, ref: Annotated[str, Path(description="Event id (or the id of one of its members).")]
) -> Record:
    """One real event."""
    return corpus.event(ref).as_dict()


@router.get("/timeline", responses=PAGED, response_model=Records)
def timeline(corpus: CorpusDep, wanted: FilterDep, limit: Limit = 100, offset: Offset = 0) -> Response:
    """Dated events in date order, each with a short extractive summary line (filters as ``/events``)."""
    return _stored(corpus.timeline_json(wanted, limit=limit, offset=offset))


@router.get("/stories", responses=PAGED, response_model=Records)
def stories(corpus: CorpusDep, limit: Limit = 100, offset: Offset = 0) -> Response:
    """Stories, largest first: id, label, article_ids, outlets, first_date, last_date, top_actors."""
    return _stored(corpus.stories_json(limit=limit, offset=offset))


@router.get("/stories/{ref}", responses=ONE)
def story(corpus: CorpusDep, ref: Annotated[str, Path(description="Story id.")]) -> Record:
    """One story."""
    return corpus.story(ref).as_dict()


@router.get("/conflicts", responses=PAGED, response_model=Records)
def conflicts(
    corpus: CorpusDep,
    limit: Limit = 100,
    offset: Offset = 0,
    series: Annotated[bool, Query(description="Also figures revised over time.")] = False,
) -> Response:
    """Figures outlets disagree on: subject, quantity, values by outlet and date, conservative and latest."""
    found = corpus.conflicts_json(include_series=series)
    return _stored(Page(found[offset : offset + limit], len(found)))


@router.get("/duplicates", responses=PAGED)
def duplicates(response: Response, corpus: CorpusDep, limit: Limit = 100, offset: Offset = 0) -> Records:
    """Copies (syndicated, edited or reworded): article_id, copy_of, kind, similarity (+ outlets and title)."""
    return _page(response, [c.as_dict() for c in corpus.copies()], limit=limit, offset=offset)
