"""The one read API: a :class:`Corpus` over one read-only snapshot of a store.

Every output (the CLI, the web API and dashboard, the report, the exports)
reads through a ``Corpus``: one connection, so a whole report or request sees
one state of the store, even while an ingest writes it. Listings return the
typed records of :mod:`newsweave.model` (``Event``, ``Story``, ``Copy``,
``Conflict``), each with ``as_dict()`` giving its JSON shape; the ``*_json``
listings return the stored JSON texts of the same records, for outputs that
only pass them on. :meth:`Corpus.event_filter` is the one place a filter from
any face (CLI options, query parameters, a story's page) is checked and its
actor, article and story references resolved.

>>> with Corpus("newsweave.duckdb") as corpus:                    # doctest: +SKIP
...     for event in corpus.events(corpus.event_filter(event_type="REJECT")).items:
...         print(event.date.value, event.type, [a.name for a in event.source])
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from newsweave.errors import AmbiguousError, NotFoundError, StoreError, UsageError
from newsweave.extract.names import actors_named
from newsweave.model import Conflict, Copy, Event, Story, StoryActor, split_event_id
from newsweave.settings import get_settings
from newsweave.store import Store
from newsweave.store import actors as actor_table
from newsweave.store import articles as article_table
from newsweave.store import claims as claim_table
from newsweave.store import events as event_table
from newsweave.store import fusion as tables

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing and how many records the whole listing holds."""

    items: list[T]
    total: int


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What a listing of real events is narrowed to (ids already resolved); ``None`` leaves a field open.

    Build one with :meth:`Corpus.event_filter`, which checks it against the store."""

    event_type: str | None = None
    actor: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    story: str | None = None
    min_sources: int | None = None
    article: str | None = None

    def query(self, *, by_date: bool = False, lines: bool = False) -> tables.EventQuery:
        return tables.EventQuery(self.event_type, self.actor, self.date_from, self.date_to, self.story,
                                 self.min_sources, self.article, dated=by_date, by_date=by_date,
                                 lines=lines)  # fmt: skip


class Corpus:
    """A store opened read-only (its snapshot while an ingest writes it). Use as a context manager."""

    def __init__(self, db: str | Path | None = None, *, store: Store | None = None) -> None:
        """Open ``db`` read-only (``Settings.db`` by default), or read through ``store``, already open."""
        self.store = store if store is not None else Store(db if db is not None else get_settings().db, read_only=True)
        if not tables.has_real_events(self.store):
            self.store.close()
            raise StoreError(f"{self.store.path} was made by an earlier newsweave: run `newsweave analyze` on it once")

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    # -- filters -------------------------------------------------------------------------------------------------
    def event_filter(self, *, event_type: str | None = None, actor: str | None = None,
                     date_from: date | None = None, date_to: date | None = None, story: str | None = None,
                     min_sources: int | None = None, article: str | None = None) -> EventFilter:  # fmt: skip
        """A checked filter: an unknown type, actor, story or article, or ``from`` after ``to``, is a UsageError."""
        wanted = event_type.upper() if event_type else None
        if wanted is not None and wanted not in self.event_types():
            raise UsageError(f"unknown event type {event_type!r} (types: {', '.join(self.event_types())})")
        if date_from and date_to and date_from > date_to:
            raise UsageError("'from' is after 'to'")
        if story is not None and not tables.has_story(self.store, story):
            raise UsageError(f"unknown story {story!r}")
        return EventFilter(wanted, self._actor(actor), date_from, date_to, story, min_sources,
                           self.article(article)["id"] if article else None)  # fmt: skip

    def _actor(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        try:
            return self.actor_id(ref)
        except NotFoundError as exc:
            raise UsageError(f"unknown actor {ref!r}" if not isinstance(exc, AmbiguousError) else str(exc)) from exc

    def actor_id(self, ref: str) -> str:
        """An actor's id from its id, name or any alias (case and accents ignored; the most mentioned actor of
        that name), else from words of a person's name ("Tinubu"); a word that fits several people is an
        ``AmbiguousError`` listing them. The rule is :func:`newsweave.extract.names.actors_named`; an id is
        looked up by key first, so a request by id reads no names."""
        if actor_table.has_actor(self.store, ref):
            return ref
        rows = actor_table.names(self.store)
        found = actors_named(ref, rows)
        if not found:
            raise NotFoundError(f"no actor {ref!r}")
        if len(found) > 1:
            named = {r[0]: (r[1], r[2]) for r in rows}
            candidates = [{"id": i, "name": named[i][0], "kind": named[i][1]} for i in found]
            listing = "; ".join(f"{c['id']} {c['name']}" for c in candidates)
            raise AmbiguousError(f"{ref!r} names {len(found)} actors: {listing}", candidates=candidates)
        return found[0]

    def event_types(self) -> list[str]:
        """Every type an event may have (the PLOVER categories and the crisis extension), and any stored."""
        from newsweave.ontology.plover import categories

        return sorted(set(categories()) | set(event_table.types(self.store)))

    # -- real events ---------------------------------------------------------------------------------------------
    def events_json(self, wanted: EventFilter | None = None, *, limit: int | None = None,
                    offset: int = 0) -> Page[str]:  # fmt: skip
        """Real events (stored JSON texts) in the order of their first article event."""
        found, total = tables.real_events(self.store, (wanted or EventFilter()).query(), limit=limit, offset=offset)
        return Page(found, total)

    def events(self, wanted: EventFilter | None = None, *, limit: int | None = None, offset: int = 0) -> Page[Event]:
        """Real events after coreference, each with its members, every evidence span and its support."""
        page = self.events_json(wanted, limit=limit, offset=offset)
        return Page([_event(text) for text in page.items], page.total)

    def event(self, ref: str) -> Event:
        """One real event by its id, or by the id of any of its members."""
        found = tables.real_event_of(self.store, ref, split_event_id(ref))
        if found is None:
            raise NotFoundError(f"no event {ref!r}")
        return _event(found)

    def timeline_events(self, wanted: EventFilter | None = None, *, limit: int | None = None,
                        offset: int = 0) -> Page[Event]:  # fmt: skip
        """Dated real events by date (the most precise first, then id)."""
        query = (wanted or EventFilter()).query(by_date=True)
        found, total = tables.real_events(self.store, query, limit=limit, offset=offset)
        return Page([_event(text) for text in found], total)

    def timeline_json(self, wanted: EventFilter | None = None, *, limit: int | None = None,
                      offset: int = 0) -> Page[str]:  # fmt: skip
        """Timeline rows (stored JSON texts): dated events by date, each with a short extractive summary line."""
        query = (wanted or EventFilter()).query(by_date=True, lines=True)
        found, total = tables.real_events(self.store, query, limit=limit, offset=offset)
        return Page(found, total)

    def timeline(self, wanted: EventFilter | None = None, *, limit: int | None = None,
                 offset: int = 0) -> Page[dict[str, Any]]:  # fmt: skip
        """Timeline rows: dated events by date, each with a short extractive summary line."""
        page = self.timeline_json(wanted, limit=limit, offset=offset)
        return Page([_timeline_row(text) for text in page.items], page.total)

    # -- stories, copies, conflicts, framing ---------------------------------------------------------------------
    def stories_json(self, *, limit: int | None = None, offset: int = 0) -> Page[str]:
        """Stories (stored JSON texts), largest first."""
        found = tables.story_records(self.store, limit=limit, offset=offset)
        return Page(found, tables.story_count(self.store) if limit is not None else len(found))

    def stories(self, *, limit: int | None = None, offset: int = 0) -> Page[Story]:
        page = self.stories_json(limit=limit, offset=offset)
        return Page([Story.from_dict(json.loads(text)) for text in page.items], page.total)

    def story(self, ref: str | None = None) -> Story:
        """One story by id (the largest with None)."""
        found = tables.story_records(self.store, story=ref, limit=1)
        if not found:
            raise NotFoundError(f"no story {ref!r}" if ref else "no stories yet (run `newsweave analyze`)")
        return Story.from_dict(json.loads(found[0]))

    def copies(self) -> list[Copy]:
        """Articles that copy another (verbatim, edited or reworded), grouped under their original."""
        return tables.copies(self.store)

    def conflicts_json(self, *, include_series: bool = False) -> list[str]:
        return tables.conflicts(self.store, include_series=include_series)

    def conflicts(self, *, include_series: bool = False) -> list[Conflict]:
        """Figures independent sources disagree on for one day (and, if asked, figures revised over time)."""
        return [Conflict.from_dict(json.loads(t)) for t in self.conflicts_json(include_series=include_series)]

    def framing(self, story: str | None = None) -> dict[str, Any]:
        """How each outlet covers a story (the largest by default): events reported and missed, voices, labels."""
        chosen = self.story(story)
        found = tables.framing(self.store, chosen.id)
        if found is None:
            raise NotFoundError(f"no framing for story {chosen.id!r} yet (run `newsweave analyze`)")
        return dict(json.loads(found))

    def source_keys(self) -> dict[str, str]:
        """Every article → its independent source (the outlet of its original when it is a copy)."""
        return tables.source_keys(self.store)

    # -- articles, actors, quotes, claims ------------------------------------------------------------------------
    def articles(self, *, outlet: str | None = None, limit: int | None = None,
                 offset: int = 0) -> Page[dict[str, Any]]:  # fmt: skip
        found = article_table.articles(self.store, outlet=outlet, limit=limit, offset=offset)
        total = article_table.count(self.store, outlet=outlet) if limit is not None else len(found)
        return Page(found, total)

    def article(self, ref: str) -> dict[str, Any]:
        """One article with its text, by id, unique id prefix (4+ characters) or URL."""
        return article_table.article(self.store, ref)

    def texts(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """These articles with their text, by id (publication order)."""
        return article_table.texts(self.store, ids)

    def article_meta(self) -> dict[str, dict[str, Any]]:
        """Every article's URL, outlet, dates and where its first paragraph ends."""
        return article_table.lead_ends(self.store)

    def published(self, ids: Sequence[str] | None = None) -> dict[str, date | None]:
        """These articles' publication dates (every article's with None; None where the date is doubtful)."""
        return article_table.published(self.store, ids)

    def date_mentions(self, ids: Sequence[str] | None = None) -> list[article_table.DateRow]:
        """Date expressions of these articles (all with None): article id, text, its publication date, offsets,
        and the text just before and after it."""
        return article_table.date_mentions(self.store, ids)

    def mentions(self, article: str | None = None, *, label: str | None = None) -> list[dict[str, Any]]:
        return article_table.mentions(self.store, article, label=label)

    def actors(self, *, kind: str | None = None) -> list[dict[str, Any]]:
        """Actors resolved across articles with aliases, dated roles and coverage, most mentioned first."""
        return actor_table.actors(self.store, kind=kind)

    def actor(self, ref: str) -> dict[str, Any]:
        """One actor by id, name or any alias, with every mention of it (``mention_spans``)."""
        found = actor_table.actor(self.store, self.actor_id(ref))
        return {**found, "mention_spans": found.pop("mentions_list")}

    def key_actors(self, article_ids: Sequence[str], *, top: int,
                   skip_kind: str | None = None) -> list[StoryActor]:  # fmt: skip
        """The actors most mentioned in these articles (their mentions there), most first, then by name."""
        found = actor_table.most_mentioned(self.store, article_ids, top=top, skip_kind=skip_kind)
        return [StoryActor(*r) for r in found]

    def cooccurrences(self) -> list[dict[str, Any]]:
        return actor_table.cooccurrences(self.store)

    def quotes(self, *, article: str | None = None) -> list[dict[str, Any]]:
        return claim_table.quotes(self.store, article=self.article(article)["id"] if article else None)

    def claims(self, *, quantity: str | None = None) -> list[dict[str, Any]]:
        return claim_table.claims(self.store, quantity=quantity)

    def rejected(self) -> list[dict[str, Any]]:
        return article_table.rejected(self.store)

    def status(self) -> dict[str, Any]:
        return self.store.status()

    def overview(self) -> dict[str, list[dict[str, Any]]]:
        """Articles per outlet, every publication date with how it was obtained, and how dates were obtained."""
        return {"outlets": article_table.per_outlet(self.store), "dates": article_table.dates(self.store),
                "date_sources": article_table.date_sources(self.store)}  # fmt: skip


def _event(text: str) -> Event:
    return Event.from_dict(json.loads(text))


def _timeline_row(text: str) -> dict[str, Any]:
    row = dict(json.loads(text))
    row["date"] = date.fromisoformat(row["date"])
    return row
