"""Tables of the corpus stages: LSH bands and copies, stories, real events, conflicts, framing, analysis state.

Each corpus stage writes its tables here in one transaction. Real events, story
records, conflicts and framing are stored whole, as the JSON shape of their
typed record (built once, in Python, by the stage), beside the few columns SQL
filters, orders and pages them by.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from newsweave.model import Copy, Event, EventMember, json_default, split_event_id
from newsweave.store.articles import trusted_published
from newsweave.store.schema import Columns, among

if TYPE_CHECKING:
    from newsweave.store.connection import Connection

MIGRATIONS = (
    (
        "0006_fusion",
        """
        CREATE TABLE doc_bands (article_id VARCHAR NOT NULL, band_key BIGINT NOT NULL,
                                PRIMARY KEY (band_key, article_id));
        CREATE TABLE dup_pairs (
            copy VARCHAR NOT NULL, original VARCHAR NOT NULL, kind VARCHAR NOT NULL, similarity DOUBLE,
            PRIMARY KEY (copy, original)
        );
        CREATE TABLE duplicates (
            article_id VARCHAR PRIMARY KEY, copy_of VARCHAR NOT NULL, kind VARCHAR NOT NULL, similarity DOUBLE
        );
        CREATE TABLE stories (id VARCHAR PRIMARY KEY, label VARCHAR, first_date DATE, last_date DATE, size INTEGER);
        CREATE TABLE story_members (article_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL);
        CREATE TABLE story_terms (story_id VARCHAR NOT NULL, term VARCHAR NOT NULL, weight DOUBLE, form VARCHAR,
                                  PRIMARY KEY (story_id, term));
        CREATE TABLE event_clusters (
            article_id VARCHAR NOT NULL, event INTEGER NOT NULL, cluster VARCHAR NOT NULL,
            PRIMARY KEY (article_id, event)
        );
        CREATE TABLE event_support (
            cluster VARCHAR PRIMARY KEY, num_mentions INTEGER, num_articles INTEGER, num_outlets INTEGER,
            num_independent_sources INTEGER, confidence DOUBLE, denied BOOLEAN, modalities VARCHAR
        );
        """,
    ),
    (
        "0007_analysis_state",
        "CREATE TABLE analysis_state (id INTEGER PRIMARY KEY, articles BIGINT, max_seq BIGINT, finished_at TIMESTAMP);",
    ),
    (
        "0008_event_index",
        """
        CREATE TABLE event_index (
            key VARCHAR PRIMARY KEY, type VARCHAR, date DATE, precision VARCHAR, rank INTEGER, sources INTEGER,
            first_article VARCHAR, first_event INTEGER
        );
        CREATE TABLE event_index_actors (key VARCHAR NOT NULL, actor_id VARCHAR NOT NULL);
        CREATE TABLE event_index_stories (key VARCHAR NOT NULL, story_id VARCHAR NOT NULL);
        CREATE TABLE event_index_state (id INTEGER PRIMARY KEY, mentions BIGINT);
        """,
    ),
    (
        # Copies are found through new index keys (sampled word 5-grams, fuse/dedup.py): drop the old keys and
        # pairs so the next corpus run indexes and labels every stored article again.
        "0011_copy_index",
        "DELETE FROM doc_bands; DELETE FROM dup_pairs; DELETE FROM duplicates; DELETE FROM analysis_state;",
    ),
    (
        # Real events stored whole by the corpus stages (and as singletons by ingest); the read-time index,
        # support table and clusters of earlier versions go, and the next analysis rebuilds everything.
        "0012_real_events",
        """
        DROP TABLE event_index; DROP TABLE event_index_actors; DROP TABLE event_index_stories;
        DROP TABLE event_index_state; DROP TABLE event_support; DELETE FROM event_clusters;
        DELETE FROM analysis_state;
        CREATE TABLE real_events (
            id VARCHAR PRIMARY KEY, type VARCHAR NOT NULL, date DATE, rank INTEGER NOT NULL,
            sources INTEGER NOT NULL, story VARCHAR, first_article VARCHAR NOT NULL, first_event INTEGER NOT NULL,
            record VARCHAR NOT NULL, line VARCHAR NOT NULL
        );
        CREATE TABLE real_event_actors (event_id VARCHAR NOT NULL, actor_id VARCHAR NOT NULL,
                                        PRIMARY KEY (actor_id, event_id));
        ALTER TABLE stories ADD COLUMN record VARCHAR;
        CREATE TABLE conflicts (n INTEGER PRIMARY KEY, kind VARCHAR NOT NULL, record VARCHAR NOT NULL);
        CREATE TABLE framing (story_id VARCHAR PRIMARY KEY, record VARCHAR NOT NULL);
        CREATE TABLE dirty_articles (article_id VARCHAR PRIMARY KEY);
        CREATE INDEX real_event_actors_actor ON real_event_actors (actor_id);
        CREATE INDEX actor_members_actor ON actor_members (actor_id);
        """,
    ),
)

BAND_COLUMNS: Columns = {"article_id": pa.string(), "band_key": pa.int64()}
PAIR_COLUMNS: Columns = {"copy": pa.string(), "original": pa.string(), "kind": pa.string(),
                         "similarity": pa.float64()}  # fmt: skip
COPY_COLUMNS: Columns = {"article_id": pa.string(), "copy_of": pa.string(), "kind": pa.string(),
                         "similarity": pa.float64()}  # fmt: skip
STORY_COLUMNS: Columns = {"id": pa.string(), "label": pa.string(), "first_date": pa.date32(),
                          "last_date": pa.date32(), "size": pa.int32()}  # fmt: skip
STORY_TERM_COLUMNS: Columns = {"story_id": pa.string(), "term": pa.string(), "weight": pa.float64(),
                               "form": pa.string()}  # fmt: skip
STORY_MEMBER_COLUMNS: Columns = {"article_id": pa.string(), "story_id": pa.string()}
CLUSTER_COLUMNS: Columns = {"article_id": pa.string(), "event": pa.int32(), "cluster": pa.string()}
REAL_EVENT_COLUMNS: Columns = {
    "id": pa.string(), "type": pa.string(), "date": pa.date32(), "rank": pa.int32(), "sources": pa.int32(),
    "story": pa.string(), "first_article": pa.string(), "first_event": pa.int32(), "record": pa.string(),
    "line": pa.string(),
}  # fmt: skip
REAL_EVENT_ACTOR_COLUMNS: Columns = {"event_id": pa.string(), "actor_id": pa.string()}
CONFLICT_COLUMNS: Columns = {"n": pa.int32(), "kind": pa.string(), "record": pa.string()}
FRAMING_COLUMNS: Columns = {"story_id": pa.string(), "record": pa.string()}


def to_json(value: Any) -> str:
    """A record's JSON shape as stored: compact, dates as ISO text."""
    return json.dumps(value, default=json_default, ensure_ascii=False, separators=(",", ":"))


def _ids(article_ids: Iterable[str]) -> list[str]:
    return sorted(set(article_ids))


# -- copies ----------------------------------------------------------------------------------------------------------
def unbanded(store: Connection, among_ids: Sequence[str] | None = None) -> list[str]:
    """Articles (of these, or all) not yet in the LSH index, in ingestion order."""
    where, params = among("a.id", among_ids)
    sql = f"""SELECT a.id FROM articles a {where} {"AND" if where else "WHERE"}
              a.id NOT IN (SELECT DISTINCT article_id FROM doc_bands) ORDER BY a.seq, a.id"""
    return [r[0] for r in store.rows(sql, params)]


def docs(store: Connection, ids: Iterable[str]) -> list[tuple[Any, ...]]:
    """(id, seq, outlet, published, text, direct quotes) of these articles."""
    wanted = _ids(ids)
    if not wanted:
        return []
    return store.rows(
        """SELECT a.id, coalesce(a.seq, 0), a.outlet, a.published, a.text,
                  coalesce((SELECT list(q.text ORDER BY q.start) FROM quotes q
                            WHERE q.article_id = a.id AND q.direct), [])
           FROM articles a WHERE a.id IN (SELECT unnest(?::VARCHAR[]))""",
        [wanted],
    )


def add_bands(store: Connection, keys: Mapping[str, list[int]]) -> None:
    store.insert("doc_bands", BAND_COLUMNS, [[article_id, key] for article_id, band in keys.items() for key in band])


def band_candidates(store: Connection, ids: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs (new article, any article) that share an LSH band key."""
    sql = """SELECT DISTINCT n.article_id, o.article_id FROM doc_bands n JOIN doc_bands o
             ON n.band_key = o.band_key AND n.article_id <> o.article_id
             WHERE n.article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY 1, 2"""
    return [(r[0], r[1]) for r in store.rows(sql, [list(ids)])]


def outlet_articles(store: Connection) -> dict[str, list[tuple[str, date | None]]]:
    """Every outlet's articles as (id, published), for the paraphrase check."""
    found: dict[str, list[tuple[str, date | None]]] = {}
    sql = "SELECT outlet, id, published FROM articles WHERE outlet IS NOT NULL ORDER BY seq"
    for outlet, article_id, published in store.rows(sql):
        found.setdefault(outlet, []).append((article_id, published))
    return found


def naming(store: Connection, outlets: Sequence[str], *, besides: Sequence[str]) -> list[tuple[str, Any, list[str]]]:
    """Stored articles (not among ``besides``) whose text names one of ``outlets``: (id, published, names found).

    One scan of the stored texts, whatever the number of outlets.
    """
    if not outlets:
        return []
    import re

    pattern = "|".join(re.escape(o) for o in sorted(outlets, key=len, reverse=True))
    sql = """SELECT id, published, regexp_extract_all(text, ?) FROM articles
             WHERE id NOT IN (SELECT unnest(?::VARCHAR[])) AND regexp_matches(text, ?)"""
    return [(r[0], r[1], list(r[2])) for r in store.rows(sql, [pattern, list(besides), pattern])]


def add_pairs(store: Connection, rows: Sequence[Sequence[Any]]) -> None:
    """Labelled candidate pairs: (copy, original, kind, similarity)."""
    store.insert("dup_pairs", PAIR_COLUMNS, rows)


def pairs(store: Connection) -> list[tuple[str, str, str, float]]:
    return [(r[0], r[1], r[2], r[3]) for r in store.rows("SELECT copy, original, kind, similarity FROM dup_pairs "
                                                         "ORDER BY 1, 2")]  # fmt: skip


def copy_of(store: Connection) -> dict[str, str]:
    """Every copy → its original."""
    return {r[0]: r[1] for r in store.rows("SELECT article_id, copy_of FROM duplicates")}


def replace_copies(store: Connection, rows: Sequence[Sequence[Any]], *, articles: Sequence[str] | None) -> None:
    """Replace the copy rows of these articles (all with None) by ``rows``: (article_id, copy_of, kind,
    similarity). Call inside a transaction."""
    store.delete("duplicates", "article_id", None if articles is None else _ids(articles))
    store.insert("duplicates", COPY_COLUMNS, rows)


def copies(store: Connection) -> list[Copy]:
    """Every copy with its original, outlets and title, grouped under the original."""
    found = store.rows(
        """SELECT d.article_id, d.copy_of, d.kind, d.similarity, a.outlet, o.outlet, a.title
           FROM duplicates d JOIN articles a ON a.id = d.article_id
           JOIN articles o ON o.id = d.copy_of ORDER BY d.copy_of, d.kind, d.article_id"""
    )
    return [Copy(*r) for r in found]


def source_keys(store: Connection, article_ids: Sequence[str] | None = None) -> dict[str, str]:
    """Articles → their independent-source key: the outlet of their original (copies collapse), else the id."""
    where, params = among("a.id", article_ids)
    found = store.rows(
        f"""SELECT a.id, coalesce(o.outlet, o.id) FROM articles a
            LEFT JOIN duplicates d ON d.article_id = a.id JOIN articles o ON o.id = coalesce(d.copy_of, a.id)
            {where}""",
        params,
    )
    return {r[0]: r[1] for r in found}


# -- stories ---------------------------------------------------------------------------------------------------------
def unstoried(store: Connection) -> list[tuple[str, date | None, list[tuple[str, str]]]]:
    """Articles not yet in a story, in ingestion order, with their entity mentions ``(text, label)``."""
    sql = f"""SELECT a.id, {trusted_published("a")},
                    coalesce(list([m.text, m.label] ORDER BY m.start) FILTER (WHERE m.text IS NOT NULL), [])
             FROM articles a LEFT JOIN mentions m ON m.article_id = a.id
             WHERE a.id NOT IN (SELECT article_id FROM story_members)
             GROUP BY a.id, a.published, a.published_flag, a.seq ORDER BY a.seq, a.id"""
    return [(r[0], r[1], [(m[0], m[1]) for m in r[2]]) for r in store.rows(sql)]


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story as story clustering keeps it: dates, size and weighted names."""

    id: str
    first_date: date | None
    last_date: date | None
    size: int
    terms: dict[str, float]
    forms: dict[str, str]


def story_rows(store: Connection) -> list[StoryRow]:
    """Every story with its weighted names, for the incremental clustering."""
    terms: dict[str, dict[str, float]] = {}
    forms: dict[str, dict[str, str]] = {}
    for story_id, name, weight, form in store.rows("SELECT story_id, term, weight, form FROM story_terms"):
        terms.setdefault(story_id, {})[name] = weight
        forms.setdefault(story_id, {})[name] = form
    found = store.rows("SELECT id, first_date, last_date, size FROM stories ORDER BY id")
    return [StoryRow(r[0], r[1], r[2], r[3], terms.get(r[0], {}), forms.get(r[0], {})) for r in found]


def save_stories(store: Connection, changed: Sequence[tuple[StoryRow, str]],
                 members: Sequence[tuple[str, str]]) -> None:  # fmt: skip
    """Write the stories that changed (each with its label) and the new memberships. Call inside a transaction."""
    ids = [s.id for s, _ in changed]
    store.delete("stories", "id", ids)
    store.delete("story_terms", "story_id", ids)
    store.insert("stories", STORY_COLUMNS, [[s.id, label, s.first_date, s.last_date, s.size] for s, label in changed])
    store.insert(
        "story_terms",
        STORY_TERM_COLUMNS,
        [[s.id, t, w, s.forms.get(t, t)] for s, _ in changed for t, w in s.terms.items()],
    )
    store.insert("story_members", STORY_MEMBER_COLUMNS, [list(m) for m in members])


def story_of(store: Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in store.rows("SELECT article_id, story_id FROM story_members")}


def story_articles(store: Connection, stories: Sequence[str] | None) -> list[str]:
    """The articles of these stories (every article with None), in ingestion order."""
    if stories is None:
        return [r[0] for r in store.rows("SELECT id FROM articles ORDER BY seq, id")]
    sql = """SELECT a.id FROM story_members sm JOIN articles a ON a.id = sm.article_id
             WHERE sm.story_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY a.seq, a.id"""
    return [r[0] for r in store.rows(sql, [list(stories)])]


_STORY_FACTS = """
WITH members AS (SELECT sm.story_id, a.id, a.outlet, a.seq FROM story_members sm
                 JOIN articles a ON a.id = sm.article_id {where}),
     top AS (SELECT sm.story_id, ac.id, ac.name, ac.kind, count(*) AS n FROM story_members sm
             JOIN actor_mentions m ON m.article_id = sm.article_id
             JOIN actor_members am ON am.article_id = m.article_id AND am.local_id = m.local_id
             JOIN actors ac ON ac.id = am.actor_id {where} GROUP BY ALL),
     ranked AS (SELECT *, row_number() OVER (PARTITION BY story_id ORDER BY n DESC, name) AS r FROM top)
SELECT s.id, s.label, s.first_date, s.last_date,
       (SELECT list(m.id ORDER BY m.seq) FROM members m WHERE m.story_id = s.id),
       (SELECT list(DISTINCT m.outlet ORDER BY m.outlet) FILTER (WHERE m.outlet IS NOT NULL)
        FROM members m WHERE m.story_id = s.id),
       (SELECT list([r.id, r.name, r.kind, CAST(r.n AS VARCHAR)] ORDER BY r.r) FROM ranked r
        WHERE r.story_id = s.id AND r.r <= ?)
FROM stories s {where_s}
"""


def story_facts(store: Connection, stories: Sequence[str] | None, *, top: int) -> list[tuple[Any, ...]]:
    """(id, label, first date, last date, article ids, outlets, top actors [id, name, kind, mentions]) of these
    stories (all with None), for the records the corpus stage builds."""
    if stories is None:
        sql = _STORY_FACTS.format(where="", where_s="")
        return store.rows(sql, [top])
    within = "WHERE sm.story_id IN (SELECT unnest(?::VARCHAR[]))"
    sql = _STORY_FACTS.format(where=within, where_s="WHERE s.id IN (SELECT unnest(?::VARCHAR[]))")
    ids = list(stories)
    return store.rows(sql, [ids, ids, top, ids])


def save_story_records(store: Connection, records: Mapping[str, Mapping[str, Any]]) -> None:
    """Store each story's record (its JSON shape). Call inside a transaction."""
    data = [[story_id, to_json(record)] for story_id, record in records.items()]
    if not data:
        return
    store.con.register("incoming", pa.table({"id": [d[0] for d in data], "record": [d[1] for d in data]}))
    try:
        store.con.execute("UPDATE stories SET record = incoming.record FROM incoming WHERE stories.id = incoming.id")
    finally:
        store.con.unregister("incoming")


def story_records(store: Connection, *, story: str | None = None, limit: int | None = None,
                  offset: int = 0) -> list[str]:  # fmt: skip
    """Stored story records (JSON), largest story first."""
    page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
    sql = f"SELECT record FROM stories WHERE record IS NOT NULL AND (? IS NULL OR id = ?) ORDER BY size DESC, id{page}"
    return [r[0] for r in store.rows(sql, [story, story])]


def story_count(store: Connection) -> int:
    return int(store.scalar("SELECT count(*) FROM stories WHERE record IS NOT NULL"))


def has_story(store: Connection, story: str) -> bool:
    return bool(store.scalar("SELECT count(*) FROM stories WHERE id = ?", [story]))


# -- real events -----------------------------------------------------------------------------------------------------
def replace_real_events(store: Connection, events: Sequence[Event], *, articles: Sequence[str] | None) -> None:
    """Replace the real events of these articles (all with None) by ``events``, with their member links and
    actors. ``events`` must hold every article event of ``articles``. Call inside a transaction."""
    if articles is None:
        for table in ("real_event_actors", "real_events", "event_clusters"):
            store.delete(table, "")
    else:
        wanted = _ids(articles)
        store.con.execute(
            """CREATE OR REPLACE TEMP TABLE gone AS SELECT DISTINCT cluster FROM event_clusters
               WHERE article_id IN (SELECT unnest(?::VARCHAR[]))""",
            [wanted],
        )
        store.con.execute("DELETE FROM real_event_actors WHERE event_id IN (SELECT cluster FROM gone)")
        store.con.execute("DELETE FROM real_events WHERE id IN (SELECT cluster FROM gone)")
        store.con.execute("DELETE FROM event_clusters WHERE cluster IN (SELECT cluster FROM gone)")
        store.con.execute("DROP TABLE gone")
    add_real_events(store, events)


def drop_memberless(store: Connection) -> None:
    """Delete the real events no article event belongs to any more (their articles were extracted again)."""
    store.con.execute("DELETE FROM real_event_actors WHERE event_id NOT IN (SELECT cluster FROM event_clusters)")
    store.con.execute("DELETE FROM real_events WHERE id NOT IN (SELECT cluster FROM event_clusters)")


def add_real_events(store: Connection, events: Sequence[Event]) -> None:
    """Store real events with their member links and actors (singletons at ingest; clusters after coreference)."""
    rows, actors, members = [], [], []
    for e in events:
        keys = [_member_key(m) for m in e.members]
        first = min(keys)
        rows.append([e.id, e.type, e.date.value, e.date.rank, e.num_independent_sources, e.story, first[0],
                     first[1], to_json(e.as_dict()), to_json(e.timeline_dict())])  # fmt: skip
        actors += [[e.id, actor_id] for actor_id in sorted({a.id for a in (*e.source, *e.target)})]
        members += [[article_id, number, e.id] for article_id, number in keys]
    store.insert("real_events", REAL_EVENT_COLUMNS, rows)
    store.insert("real_event_actors", REAL_EVENT_ACTOR_COLUMNS, actors)
    store.insert("event_clusters", CLUSTER_COLUMNS, members)


def _member_key(member: EventMember) -> tuple[str, int]:
    key = split_event_id(member.id)
    if key is None:
        raise ValueError(f"not an article event id: {member.id!r}")
    return key


@dataclass(frozen=True, slots=True)
class EventQuery:
    """What a listing of real events is narrowed to and how it is ordered (``None`` leaves a field open)."""

    type: str | None = None
    actor: str | None = None  # an actor id
    date_from: date | None = None
    date_to: date | None = None
    story: str | None = None
    min_sources: int | None = None
    article: str | None = None  # an article id: the real events it reports
    dated: bool = False
    by_date: bool = False  # timeline order (date, precision, id) instead of first-reported order
    lines: bool = False  # each event's timeline row instead of its record


@dataclass(frozen=True, slots=True)
class _Listing:
    """A listing's SQL parts: the rows it starts from (``source``, after the ``head`` that defines them) and the
    condition on them, each with its parameters in order."""

    head: str
    source: str
    where: str
    params: list[Any]

    def select(self, what: str, tail: str = "", extra: Sequence[Any] = ()) -> tuple[str, list[Any]]:
        return f"{self.head}SELECT {what} FROM {self.source} WHERE {self.where}{tail}", [*self.params, *extra]


def _listing(store: Connection, q: EventQuery) -> _Listing:
    clauses, params = ["true"], []
    for clause, value in (
        ("type = ?", q.type), ("date >= ?", q.date_from), ("date <= ?", q.date_to), ("story = ?", q.story),
        ("sources >= ?", q.min_sources), ("id IN (SELECT cluster FROM event_clusters WHERE article_id = ?)", q.article),
    ):  # fmt: skip
        if value is not None:
            clauses.append(clause)
            params.append(value)
    if q.dated:
        clauses.append("date IS NOT NULL")
    if q.actor is None:
        return _Listing("", "real_events", " AND ".join(clauses), params)
    # The actor's events by its index, then their rows by key, apart (materialised), so the other conditions
    # cannot turn the lookup by key into a scan of every real event.
    ids = [r[0] for r in store.rows("SELECT event_id FROM real_event_actors WHERE actor_id = ?", [q.actor])]
    head = f"WITH chosen AS MATERIALIZED (SELECT * FROM real_events WHERE {_listed('id', ids)}) "
    return _Listing(head, "chosen", " AND ".join(clauses), [*ids, *params])


def _listed(column: str, values: Sequence[Any]) -> str:
    """``column IN (?, ?, ...)``: a list of parameters, so DuckDB looks each up by the column's index."""
    return f"{column} IN ({', '.join('?' * len(values))})" if values else "false"


def real_events(store: Connection, q: EventQuery, *, limit: int | None = None,
                offset: int = 0) -> tuple[list[str], int]:  # fmt: skip
    """Stored real-event records (JSON) matching ``q`` in its order, one page of them, and the listing's size.

    A page is found on the narrow columns first; then only its records are read, by key."""
    listing = _listing(store, q)
    order = " ORDER BY date, rank, id" if q.by_date else " ORDER BY first_article, first_event"
    column = "line" if q.lines else "record"
    if limit is None:
        sql, params = listing.select(column, order)
        found = [r[0] for r in store.rows(sql, params)]
        return found, len(found)
    if q.by_date and q.dated:
        ids, total = _dated_page(store, listing, order, limit, offset)
    else:
        total = int(store.scalar(*listing.select("count(*)")))
        ids = [r[0] for r in store.rows(*listing.select("id", f"{order} LIMIT {int(limit)} OFFSET {int(offset)}"))]
    if not ids:
        return [], total
    records = dict(store.rows(f"SELECT id, {column} FROM real_events WHERE {_listed('id', ids)}", ids))
    return [records[i] for i in ids], total


def _dated_page(store: Connection, listing: _Listing, order: str, limit: int, offset: int) -> tuple[list[str], int]:
    """One page of dated events in date order, and how many there are: the events of each day are counted
    first, so only the days the page falls on are sorted."""
    days = store.rows(*listing.select("date, count(*)", " GROUP BY date ORDER BY date"))
    total = sum(int(n) for _, n in days)
    skipped, reached, first, last = 0, 0, None, None  # events before the page's first day, and up to each day
    for day, n in days:
        reached += int(n)
        if reached <= offset:
            skipped = reached
            continue
        first, last = first or day, day
        if reached >= offset + limit:
            break
    if first is None:
        return [], total
    page = f" AND date BETWEEN ? AND ?{order} LIMIT {int(limit)} OFFSET {offset - skipped}"
    sql, params = listing.select("id", page, [first, last])
    return [r[0] for r in store.rows(sql, params)], total


def real_event_of(store: Connection, ref: str, member: tuple[str, int] | None) -> str | None:
    """The stored record (JSON) of a real event by its id, or by one of its member article events."""
    found = store.scalar(
        """SELECT record FROM real_events WHERE id = ? OR id = (SELECT cluster FROM event_clusters
           WHERE article_id = ? AND event = ?) LIMIT 1""",
        [ref, *(member or (None, None))],
    )
    return None if found is None else str(found)


def has_real_events(store: Connection) -> bool:
    """Whether the store has the real-event tables (a store of an earlier version gains them when next written)."""
    return bool(store.scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'real_events'"))


def real_event_count(store: Connection) -> int:
    return int(store.scalar("SELECT count(*) FROM real_events"))


# -- conflicts and framing -------------------------------------------------------------------------------------------
def replace_conflicts(store: Connection, records: Sequence[Mapping[str, Any]]) -> None:
    """Replace every conflict and series record. Call inside a transaction."""
    store.delete("conflicts", "n")
    store.insert("conflicts", CONFLICT_COLUMNS, [[n, r["kind"], to_json(r)] for n, r in enumerate(records)])


def conflicts(store: Connection, *, include_series: bool = False) -> list[str]:
    sql = "SELECT record FROM conflicts WHERE ? OR kind = 'conflict' ORDER BY n"
    return [r[0] for r in store.rows(sql, [include_series])]


def replace_framing(store: Connection, records: Mapping[str, Mapping[str, Any]]) -> None:
    """Replace the framing records of these stories. Call inside a transaction."""
    store.delete("framing", "story_id", list(records))
    store.insert("framing", FRAMING_COLUMNS, [[story, to_json(r)] for story, r in records.items()])


def framing(store: Connection, story: str) -> str | None:
    found = store.scalar("SELECT record FROM framing WHERE story_id = ?", [story])
    return None if found is None else str(found)


# -- what the next analysis must redo --------------------------------------------------------------------------------
def mark_dirty(store: Connection, article_ids: Iterable[str]) -> None:
    """Record that the real events of these articles' stories must be rebuilt (in the caller's transaction, so the
    mark commits with the change that caused it)."""
    store.insert("dirty_articles", {"article_id": pa.string()}, [[a] for a in _ids(article_ids)])


def dirty(store: Connection) -> list[str]:
    return [r[0] for r in store.rows("SELECT article_id FROM dirty_articles ORDER BY 1")]


def clear_dirty(store: Connection) -> None:
    store.delete("dirty_articles", "article_id")


# -- analysis state --------------------------------------------------------------------------------------------------
def analysed(store: Connection) -> tuple[int, int] | None:
    """(articles, latest ingestion rank) when the corpus stages last ran to the end; None if they never did."""
    found = store.rows("SELECT articles, max_seq FROM analysis_state WHERE id = 1")
    return (int(found[0][0]), int(found[0][1])) if found else None


def article_mark(store: Connection) -> tuple[int, int]:
    found = store.rows("SELECT count(*), coalesce(max(seq), 0) FROM articles")[0]
    return int(found[0]), int(found[1])


def mark_analysed(store: Connection, when: datetime) -> None:
    """Record that the corpus stages ran to the end over every stored article."""
    articles, max_seq = article_mark(store)
    with store.transaction():
        store.con.execute(
            "INSERT OR REPLACE INTO analysis_state (id, articles, max_seq, finished_at) VALUES (1, ?, ?, ?)",
            [articles, max_seq, when],
        )
