"""Arrow column types and record → row conversion for the store's batch inserts (pure functions)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from newsweave.model import ActorMention, Article, Claim, DocActor, EventMention, Mention, Parsed, Quote


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


ARTICLE_COLUMNS = {
    "id": pa.string(), "url": pa.string(), "outlet": pa.string(), "title": pa.string(),
    "published": pa.date32(), "published_source": pa.string(), "published_evidence": pa.string(),
    "published_flag": pa.string(), "text": pa.string(), "raw_hash": pa.string(), "lang": pa.string(),
    "origin": pa.string(), "external_id": pa.string(), "chars": pa.int32(), "words": pa.int32(),
    "ingested_at": pa.timestamp("us"), "seq": pa.int64(),
}  # fmt: skip
MENTION_COLUMNS = {
    "article_id": pa.string(), "start": pa.int32(), "end": pa.int32(), "text": pa.string(),
    "label": pa.string(), "sentence": pa.int32(),
}  # fmt: skip


DOC_ACTOR_COLUMNS = {
    "article_id": pa.string(), "local_id": pa.int32(), "kind": pa.string(), "name": pa.string(),
    "country": pa.string(), "names": pa.list_(pa.string()), "keys": pa.list_(pa.string()),
    "roles": pa.list_(pa.string()), "first": pa.string(), "last": pa.string(), "cameo": pa.string(),
    "named": pa.bool_(),
}  # fmt: skip
ACTOR_MENTION_COLUMNS = {
    "article_id": pa.string(), "start": pa.int32(), "end": pa.int32(), "text": pa.string(),
    "label": pa.string(), "local_id": pa.int32(), "sentence": pa.int32(),
}  # fmt: skip
ACTOR_COLUMNS = {
    "id": pa.string(), "name": pa.string(), "kind": pa.string(), "country": pa.string(),
    "cameo_code": pa.string(), "aliases": pa.list_(pa.string()),
}  # fmt: skip
MEMBER_COLUMNS = {"article_id": pa.string(), "local_id": pa.int32(), "actor_id": pa.string()}


def table(columns: dict[str, pa.DataType], rows: list[list[Any]]) -> pa.Table:
    """Rows to an Arrow table, so DuckDB inserts a batch in one statement."""
    names = list(columns)
    data = {name: pa.array([row[i] for row in rows], type=columns[name]) for i, name in enumerate(names)}
    return pa.table(data)


def article_row(a: Article, seq: int) -> list[Any]:
    return [
        a.id, a.url, a.outlet, a.title, a.published, a.published_source, a.published_evidence,
        a.published_flag, a.text, a.raw_hash, a.lang, a.origin, a.external_id, a.chars, a.words,
        now(), seq,
    ]  # fmt: skip


def mention_row(m: Mention) -> list[Any]:
    return [m.span.article_id, m.span.start, m.span.end, m.span.text, m.label, m.sentence]


def doc_actor_row(a: DocActor) -> list[Any]:
    return [a.article_id, a.local_id, a.kind, a.name, a.country, list(a.names), list(a.keys), list(a.roles),
            a.first, a.last, a.cameo, a.named]  # fmt: skip


def actor_mention_row(m: ActorMention) -> list[Any]:
    return [m.span.article_id, m.span.start, m.span.end, m.span.text, m.label, m.local_id, m.sentence]


def parsed_rows(items: list[Parsed], *, first_seq: int) -> list[tuple[str, dict[str, pa.DataType], list[list[Any]]]]:
    """Every table's rows for a batch of parsed articles, in insertion order."""
    return [
        ("articles", ARTICLE_COLUMNS, [article_row(p.article, first_seq + i) for i, p in enumerate(items)]),
        ("mentions", MENTION_COLUMNS, [mention_row(m) for p in items for m in p.mentions]),
        ("doc_actors", DOC_ACTOR_COLUMNS, [doc_actor_row(a) for p in items for a in p.actors]),
        ("actor_mentions", ACTOR_MENTION_COLUMNS, [actor_mention_row(m) for p in items for m in p.actor_mentions]),
        ("events", EVENT_COLUMNS, [event_row(e) for p in items for e in p.events]),
        ("event_args", EVENT_ARG_COLUMNS, [row for p in items for e in p.events for row in event_arg_rows(e)]),
        ("quotes", QUOTE_COLUMNS, [quote_row(q) for p in items for q in p.quotes]),
        ("claims", CLAIM_COLUMNS, [claim_row(c) for p in items for c in p.claims]),
    ]


EVENT_COLUMNS = {
    "article_id": pa.string(), "mention": pa.int32(), "event": pa.int32(), "sentence": pa.int32(),
    "trigger_start": pa.int32(), "trigger_end": pa.int32(), "trigger_text": pa.string(), "type": pa.string(),
    "mode": pa.string(), "modality": pa.string(), "date": pa.date32(), "date_precision": pa.string(),
    "date_text": pa.string(), "date_start": pa.int32(), "date_end": pa.int32(), "date_uncertain": pa.bool_(),
    "place": pa.string(), "place_country": pa.string(), "lat": pa.float64(), "lon": pa.float64(),
    "cameo": pa.string(), "cameo_root": pa.string(), "quad_class": pa.int32(), "goldstein": pa.float64(),
    "evidence_start": pa.int32(), "evidence_end": pa.int32(), "evidence_text": pa.string(),
    "place_from_text": pa.bool_(),
}  # fmt: skip
EVENT_ARG_COLUMNS = {"article_id": pa.string(), "mention": pa.int32(), "role": pa.string(), "local_id": pa.int32()}
QUOTE_COLUMNS = {
    "article_id": pa.string(), "start": pa.int32(), "end": pa.int32(), "text": pa.string(), "direct": pa.bool_(),
    "cue": pa.string(), "speakers": pa.list_(pa.int32()),
}  # fmt: skip
CLAIM_COLUMNS = {
    "article_id": pa.string(), "start": pa.int32(), "end": pa.int32(), "text": pa.string(),
    "quantity": pa.string(), "subject": pa.string(), "value_low": pa.float64(), "value_high": pa.float64(),
    "unit": pa.string(), "approx": pa.string(), "as_of": pa.date32(), "sources": pa.list_(pa.int32()),
    "counted": pa.string(), "owner": pa.string(), "cumulative": pa.bool_(),
}  # fmt: skip


def event_row(e: EventMention) -> list[Any]:
    place, when = e.place, e.date
    return [
        e.article_id, e.trigger.start, e.index, e.sentence, e.trigger.start, e.trigger.end, e.trigger.text, e.type,
        e.mode, e.modality, when.value, when.precision, when.text, when.span.start if when.span else None,
        when.span.end if when.span else None, when.uncertain, place.name if place else None,
        place.country if place else None, place.lat if place else None, place.lon if place else None, e.cameo,
        e.cameo_root, e.quad_class, e.goldstein, e.evidence.start, e.evidence.end, e.evidence.text,
        bool(place and place.span),
    ]  # fmt: skip


def event_arg_rows(e: EventMention) -> list[list[Any]]:
    return [[e.article_id, e.trigger.start, "source", s] for s in e.sources] + [
        [e.article_id, e.trigger.start, "target", t] for t in e.targets
    ]


def quote_row(q: Quote) -> list[Any]:
    return [q.article_id, q.span.start, q.span.end, q.span.text, q.direct, q.cue, list(q.speakers)]


def claim_row(c: Claim) -> list[Any]:
    return [c.article_id, c.span.start, c.span.end, c.span.text, c.quantity, c.subject, c.value_low, c.value_high,
            c.unit, c.approx, c.as_of, list(c.sources), c.counted, c.owner, c.cumulative]  # fmt: skip
