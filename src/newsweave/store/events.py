"""Event mentions as each article codes them, with their source and target local actors."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from newsweave.model import ActorRef, EventDateChoice, EventMember, EventMention, Evidence, Location, event_id
from newsweave.store.schema import Columns, among

if TYPE_CHECKING:
    from newsweave.store.connection import Connection

MIGRATIONS = (
    (
        "0003_events_quotes_claims",  # quotes and claims are the claims family's tables (store/claims.py)
        """
        CREATE TABLE events (
            article_id VARCHAR NOT NULL, mention INTEGER NOT NULL, event INTEGER NOT NULL, sentence INTEGER,
            trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR, type VARCHAR NOT NULL, mode VARCHAR,
            modality VARCHAR NOT NULL, date DATE, date_precision VARCHAR, date_text VARCHAR, date_start INTEGER,
            date_end INTEGER, date_uncertain BOOLEAN, place VARCHAR, place_country VARCHAR, lat DOUBLE,
            lon DOUBLE, cameo VARCHAR, cameo_root VARCHAR, quad_class INTEGER, goldstein DOUBLE,
            evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR,
            PRIMARY KEY (article_id, mention)
        );
        CREATE TABLE event_args (
            article_id VARCHAR NOT NULL, mention INTEGER NOT NULL, role VARCHAR NOT NULL, local_id INTEGER NOT NULL,
            PRIMARY KEY (article_id, mention, role, local_id)
        );
        CREATE TABLE quotes (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR,
            direct BOOLEAN, cue VARCHAR, speakers INTEGER[], PRIMARY KEY (article_id, start, "end")
        );
        CREATE TABLE claims (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR,
            quantity VARCHAR, subject VARCHAR, value_low DOUBLE, value_high DOUBLE, unit VARCHAR, approx VARCHAR,
            as_of DATE, sources INTEGER[], PRIMARY KEY (article_id, start, "end")
        );
        """,
    ),
    ("0004_event_place_from_text", "ALTER TABLE events ADD COLUMN place_from_text BOOLEAN;"),
    (
        "0009_publication_precision",  # undated events: precision "publication" (was "week"); the index is rebuilt
        "UPDATE events SET date_precision = 'publication' WHERE date_text IS NULL AND date_precision = 'week'; "
        "DELETE FROM event_index_state;",
    ),
)

EVENT_COLUMNS: Columns = {
    "article_id": pa.string(), "mention": pa.int32(), "event": pa.int32(), "sentence": pa.int32(),
    "trigger_start": pa.int32(), "trigger_end": pa.int32(), "trigger_text": pa.string(), "type": pa.string(),
    "mode": pa.string(), "modality": pa.string(), "date": pa.date32(), "date_precision": pa.string(),
    "date_text": pa.string(), "date_start": pa.int32(), "date_end": pa.int32(), "date_uncertain": pa.bool_(),
    "place": pa.string(), "place_country": pa.string(), "lat": pa.float64(), "lon": pa.float64(),
    "cameo": pa.string(), "cameo_root": pa.string(), "quad_class": pa.int32(), "goldstein": pa.float64(),
    "evidence_start": pa.int32(), "evidence_end": pa.int32(), "evidence_text": pa.string(),
    "place_from_text": pa.bool_(),
}  # fmt: skip
EVENT_ARG_COLUMNS: Columns = {"article_id": pa.string(), "mention": pa.int32(), "role": pa.string(),
                              "local_id": pa.int32()}  # fmt: skip


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


_MENTIONS = """
SELECT e.article_id, e.event, a.outlet, e.type, e.mode, e.modality, e.date, e.date_precision, e.date_text,
       e.date_start, e.date_end, e.date_uncertain, e.place, e.place_country, e.lat, e.lon, e.place_from_text,
       e.cameo, e.cameo_root, e.quad_class, e.goldstein, e.trigger_text, e.evidence_start, e.evidence_end,
       e.evidence_text, e.trigger_start, e.trigger_end, e.mention
FROM events e JOIN articles a ON a.id = e.article_id {where}
ORDER BY e.article_id, e.event, e.mention
"""
_ARGS = """
SELECT g.article_id, g.mention, g.role, am.actor_id, ac.name
FROM event_args g
JOIN actor_members am ON am.article_id = g.article_id AND am.local_id = g.local_id
JOIN actors ac ON ac.id = am.actor_id {where}
ORDER BY g.article_id, g.mention, g.role, g.local_id
"""


def coded_mentions(store: Connection, article_ids: Sequence[str] | None = None) -> list[EventMember]:
    """Stored event mentions (of these articles, or all) with their actors resolved, in article and event order:
    each as a one-mention member of its article event."""
    roles: dict[tuple[str, int, str], list[ActorRef]] = defaultdict(list)
    where, params = among("g.article_id", article_ids)
    for article_id, mention, role, actor, name in store.rows(_ARGS.format(where=where), params):
        roles[(article_id, mention, role)].append(ActorRef(actor, name))
    where, params = among("e.article_id", article_ids)
    return [_coded(r, roles) for r in store.rows(_MENTIONS.format(where=where), params)]


def _coded(r: tuple[Any, ...], roles: dict[tuple[str, int, str], list[ActorRef]]) -> EventMember:
    span = (r[0], r[9], r[10]) if r[9] is not None else None
    return EventMember(
        id=event_id(r[0], r[1]), article_id=r[0], outlet=r[2], type=r[3], mode=r[4], modality=r[5],
        source=tuple(dict.fromkeys(roles.get((r[0], r[27], "source"), ()))),
        target=tuple(dict.fromkeys(roles.get((r[0], r[27], "target"), ()))),
        date=EventDateChoice(r[6], r[7], r[8], span, bool(r[11])),
        location=Location(r[12], r[13], r[14], r[15], bool(r[16])) if r[12] else None,
        cameo=r[17], cameo_root=r[18], quad_class=r[19], goldstein=r[20], trigger=r[21],
        evidence=(Evidence(r[0], r[22], r[23], r[24], r[25], r[26]),),
    )  # fmt: skip


def types(store: Connection) -> list[str]:
    """The event types present in the store."""
    return [row[0] for row in store.rows("SELECT DISTINCT type FROM events ORDER BY 1")]


def count(store: Connection) -> int:
    return int(store.scalar("SELECT count(*) FROM events"))
