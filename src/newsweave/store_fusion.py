"""Store tables of the corpus stages: LSH bands, copies, stories, merged events and their support.

Functions here take a :class:`~newsweave.store.Store` and read or replace one
fusion table each; every replacement runs in one transaction.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from newsweave.errors import StoreError
from newsweave.fuse.corroborate import Support
from newsweave.fuse.dedup import Doc, Pair, Syndication, within_days
from newsweave.fuse.framing import Label, Voice
from newsweave.fuse.salience import DateMention
from newsweave.fuse.stories import Story
from newsweave.store_views import split_event_id

if TYPE_CHECKING:
    from newsweave.store import Store

MIGRATION = """
CREATE TABLE doc_bands (article_id VARCHAR NOT NULL, band_key BIGINT NOT NULL, PRIMARY KEY (band_key, article_id));
CREATE TABLE dup_pairs (
    copy VARCHAR NOT NULL, original VARCHAR NOT NULL, kind VARCHAR NOT NULL, similarity DOUBLE,
    PRIMARY KEY (copy, original)
);
CREATE TABLE duplicates (
    article_id VARCHAR PRIMARY KEY, copy_of VARCHAR NOT NULL, kind VARCHAR NOT NULL, similarity DOUBLE
);
CREATE TABLE stories (
    id VARCHAR PRIMARY KEY, label VARCHAR, first_date DATE, last_date DATE, size INTEGER
);
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
"""

BAND_COLUMNS = {"article_id": pa.string(), "band_key": pa.int64()}
PAIR_COLUMNS = {"copy": pa.string(), "original": pa.string(), "kind": pa.string(), "similarity": pa.float64()}
DUPLICATE_COLUMNS = {"article_id": pa.string(), "copy_of": pa.string(), "kind": pa.string(),
                     "similarity": pa.float64()}  # fmt: skip

_DOC_SQL = """
SELECT a.id, coalesce(a.seq, 0), a.outlet, a.published, a.text,
       coalesce((SELECT list(q.text ORDER BY q.start) FROM quotes q WHERE q.article_id = a.id AND q.direct), [])
FROM articles a
"""


def unbanded(store: Store) -> list[str]:
    """Articles not yet in the LSH index, in ingestion order."""
    sql = "SELECT id FROM articles WHERE id NOT IN (SELECT DISTINCT article_id FROM doc_bands) ORDER BY seq, id"
    return [r[0] for r in store.con.execute(sql).fetchall()]


def docs(store: Store, ids: Iterable[str]) -> dict[str, Doc]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    result = store.con.execute(_DOC_SQL + " WHERE a.id IN (SELECT unnest(?::VARCHAR[]))", [wanted]).fetchall()
    return {r[0]: Doc(r[0], int(r[1]), r[2], r[3], r[4], tuple(r[5])) for r in result}


def add_bands(store: Store, keys: dict[str, list[int]]) -> None:
    data = [[article_id, key] for article_id, band in keys.items() for key in band]
    store.insert("doc_bands", BAND_COLUMNS, data)


def band_candidates(store: Store, ids: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs (new article, any article) that share an LSH band key."""
    sql = """SELECT DISTINCT n.article_id, o.article_id FROM doc_bands n JOIN doc_bands o
             ON n.band_key = o.band_key AND n.article_id <> o.article_id
             WHERE n.article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY 1, 2"""
    return [(r[0], r[1]) for r in store.con.execute(sql, [list(ids)]).fetchall()]


def outlet_articles(store: Store) -> dict[str, list[tuple[str, Any]]]:
    """Every outlet's articles as (id, published), for the paraphrase check."""
    found: dict[str, list[tuple[str, Any]]] = {}
    sql = "SELECT outlet, id, published FROM articles WHERE outlet IS NOT NULL ORDER BY seq"
    for outlet, article_id, published in store.con.execute(sql).fetchall():
        found.setdefault(outlet, []).append((article_id, published))
    return found


def crediting(store: Store, fresh: Sequence[Doc], days: int) -> list[tuple[str, str]]:
    """Stored articles (not among ``fresh``) that name a fresh article's outlet within ``days`` of it.

    One scan of the stored texts per run, whatever the number of fresh articles.
    """
    by_outlet: dict[str, list[Doc]] = {}
    for doc in fresh:
        if doc.outlet:
            by_outlet.setdefault(doc.outlet, []).append(doc)
    if not by_outlet:
        return []
    pattern = "|".join(re.escape(o) for o in sorted(by_outlet, key=len, reverse=True))
    sql = """SELECT id, published, regexp_extract_all(text, ?) FROM articles
             WHERE id NOT IN (SELECT unnest(?::VARCHAR[])) AND regexp_matches(text, ?)"""
    fresh_ids = [d.article_id for d in fresh]
    pairs = []
    for article_id, published, named in _rows(store, sql, [pattern, fresh_ids, pattern]):
        for outlet in set(named):
            pairs += [(doc.article_id, article_id) for doc in by_outlet.get(outlet, [])
                      if within_days(published, doc.published, days)]  # fmt: skip
    return pairs


def add_pairs(store: Store, pairs: Sequence[Pair]) -> None:
    store.insert("dup_pairs", PAIR_COLUMNS, [[p.copy, p.original, p.kind, p.similarity] for p in pairs])


def pairs(store: Store) -> list[Pair]:
    result = store.con.execute("SELECT copy, original, kind, similarity FROM dup_pairs ORDER BY 1, 2").fetchall()
    return [Pair(r[0], r[1], r[2], r[3]) for r in result]


def replace_duplicates(store: Store, found: Sequence[Syndication]) -> None:
    data = [[s.article_id, s.copy_of, s.kind, s.similarity] for s in found]
    with store.transaction():
        store.con.execute("DELETE FROM duplicates")
        store.insert("duplicates", DUPLICATE_COLUMNS, data)


def duplicates(store: Store) -> list[dict[str, Any]]:
    return store.query(
        """SELECT d.article_id, d.copy_of, d.kind, d.similarity, a.outlet, o.outlet AS original_outlet,
                  a.title FROM duplicates d JOIN articles a ON a.id = d.article_id
           JOIN articles o ON o.id = d.copy_of ORDER BY d.copy_of, d.kind, d.article_id"""
    )


def source_keys(store: Store) -> dict[str, str]:
    """Every article → its independent-source key: the outlet of its original (copies collapse), else its id."""
    result = store.con.execute(
        """SELECT a.id, coalesce(o.outlet, o.id) FROM articles a
           LEFT JOIN duplicates d ON d.article_id = a.id JOIN articles o ON o.id = coalesce(d.copy_of, a.id)"""
    ).fetchall()
    return {r[0]: r[1] for r in result}


def unstoried(store: Store) -> list[tuple[str, Any, list[tuple[str, str]]]]:
    """Articles not yet in a story, in ingestion order, with their entity mentions ``(text, label)``."""
    sql = """SELECT a.id, CASE WHEN a.published_flag IS NULL THEN a.published END,
                    coalesce(list([m.text, m.label] ORDER BY m.start)
                    FILTER (WHERE m.text IS NOT NULL), [])
             FROM articles a LEFT JOIN mentions m ON m.article_id = a.id
             WHERE a.id NOT IN (SELECT article_id FROM story_members)
             GROUP BY a.id, a.published, a.published_flag, a.seq ORDER BY a.seq, a.id"""
    return [(r[0], r[1], [(m[0], m[1]) for m in r[2]]) for r in _rows(store, sql)]


def stories(store: Store) -> list[Story]:
    """Every story with its weighted names, for the incremental clustering."""
    terms: dict[str, Counter[str]] = {}
    forms: dict[str, dict[str, str]] = {}
    for story_id, name, weight, form in _rows(store, "SELECT story_id, term, weight, form FROM story_terms"):
        terms.setdefault(story_id, Counter())[name] = weight
        forms.setdefault(story_id, {})[name] = form
    result = store.con.execute("SELECT id, first_date, last_date, size FROM stories ORDER BY id").fetchall()
    return [Story(r[0], r[1], r[2], r[3], terms.get(r[0], Counter()), forms.get(r[0], {})) for r in result]


def save_stories(store: Store, changed: Iterable[Story], members: Sequence[tuple[str, str]]) -> None:
    """Write the stories that changed and the new memberships in one transaction."""
    changed = list(changed)
    ids = [s.id for s in changed]
    story_rows = [[s.id, s.label, s.first_date, s.last_date, s.size] for s in changed]
    term_rows = [[s.id, t, w, s.forms.get(t, t)] for s in changed for t, w in s.terms.items()]
    with store.transaction():
        for table, column in (("stories", "id"), ("story_terms", "story_id")):
            store.con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [ids])
        store.insert("stories", STORY_COLUMNS, story_rows)
        store.insert("story_terms", STORY_TERM_COLUMNS, term_rows)
        store.insert("story_members", STORY_MEMBER_COLUMNS, [list(m) for m in members])


STORY_COLUMNS = {"id": pa.string(), "label": pa.string(), "first_date": pa.date32(), "last_date": pa.date32(),
                 "size": pa.int32()}  # fmt: skip
STORY_TERM_COLUMNS = {"story_id": pa.string(), "term": pa.string(), "weight": pa.float64(), "form": pa.string()}
STORY_MEMBER_COLUMNS = {"article_id": pa.string(), "story_id": pa.string()}


def _rows(store: Store, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    return store.con.execute(sql, params or []).fetchall()


def story_of(store: Store) -> dict[str, str]:
    return {r[0]: r[1] for r in _rows(store, "SELECT article_id, story_id FROM story_members")}


CLUSTER_COLUMNS = {"article_id": pa.string(), "event": pa.int32(), "cluster": pa.string()}
SUPPORT_COLUMNS = {
    "cluster": pa.string(), "num_mentions": pa.int32(), "num_articles": pa.int32(), "num_outlets": pa.int32(),
    "num_independent_sources": pa.int32(), "confidence": pa.float64(), "denied": pa.bool_(),
    "modalities": pa.string(),
}  # fmt: skip


def replace_clusters(
    store: Store, cluster_of: Mapping[str, str], support: Mapping[str, Support], *, then: Sequence[str] = ()
) -> None:
    """Replace the event clusters and their support, then run ``then`` (the index built on them), in one
    transaction."""
    cluster_rows = [[*_event_key(event_id), cluster] for event_id, cluster in cluster_of.items()]
    support_rows = [
        [cluster, s.num_mentions, s.num_articles, s.num_outlets, s.num_independent_sources, s.confidence, s.denied,
         json.dumps(s.modalities, sort_keys=True)]
        for cluster, s in support.items()
    ]  # fmt: skip
    with store.transaction():
        store.con.execute("DELETE FROM event_clusters")
        store.con.execute("DELETE FROM event_support")
        store.insert("event_clusters", CLUSTER_COLUMNS, cluster_rows)
        store.insert("event_support", SUPPORT_COLUMNS, support_rows)
        for sql in then:
            store.con.execute(sql)


_STORIES_SQL = """
WITH members AS (SELECT sm.story_id, a.id, a.outlet, a.published, a.seq FROM story_members sm
                 JOIN articles a ON a.id = sm.article_id),
     top AS (SELECT sm.story_id, ac.id, ac.name, ac.kind, count(*) AS n FROM story_members sm
             JOIN actor_mentions m ON m.article_id = sm.article_id
             JOIN actor_members am ON am.article_id = m.article_id AND am.local_id = m.local_id
             JOIN actors ac ON ac.id = am.actor_id GROUP BY ALL),
     ranked AS (SELECT *, row_number() OVER (PARTITION BY story_id ORDER BY n DESC, name) AS r FROM top)
SELECT s.id, s.label, s.first_date, s.last_date,
       (SELECT list(m.id ORDER BY m.seq) FROM members m WHERE m.story_id = s.id) AS article_ids,
       (SELECT list(DISTINCT m.outlet ORDER BY m.outlet) FILTER (WHERE m.outlet IS NOT NULL)
        FROM members m WHERE m.story_id = s.id) AS outlets,
       (SELECT list({'id': r.id, 'name': r.name, 'kind': r.kind, 'mentions': r.n} ORDER BY r.r)
        FROM ranked r WHERE r.story_id = s.id AND r.r <= ?) AS top_actors
FROM stories s WHERE ? IS NULL OR s.id = ? ORDER BY s.size DESC, s.id
"""


def story_list(store: Store, *, story: str | None = None, top: int = 5) -> list[dict[str, Any]]:
    """Stories, largest first: label, dates, member articles, outlets and most mentioned actors."""
    found = store.query(_STORIES_SQL, [top, story, story])
    for row in found:
        row["outlets"] = row["outlets"] or []
        row["top_actors"] = row["top_actors"] or []
    return found


def story_labels(store: Store, article_ids: Sequence[str]) -> list[Label]:
    """Every resolved actor mention in these articles: the words used for each actor."""
    sql = """SELECT m.article_id, am.actor_id, ac.name, m.text FROM actor_mentions m
             JOIN actor_members am ON am.article_id = m.article_id AND am.local_id = m.local_id
             JOIN actors ac ON ac.id = am.actor_id
             WHERE m.article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY m.article_id, m.start"""
    return [Label(*r) for r in _rows(store, sql, [list(article_ids)])]


def story_voices(store: Store, article_ids: Sequence[str]) -> list[Voice]:
    """Every quote in these articles with the kinds of its speakers."""
    sql = """SELECT q.article_id, q.start, list(ac.kind ORDER BY ac.kind) FILTER (WHERE ac.kind IS NOT NULL)
             FROM quotes q LEFT JOIN LATERAL (SELECT unnest(q.speakers) AS local_id) s ON true
             LEFT JOIN actor_members am ON am.article_id = q.article_id AND am.local_id = s.local_id
             LEFT JOIN actors ac ON ac.id = am.actor_id
             WHERE q.article_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1, 2 ORDER BY 1, 2"""
    return [Voice(r[0], tuple(r[2] or ())) for r in _rows(store, sql, [list(article_ids)])]


def _event_key(event_id: str) -> tuple[str, int]:
    key = split_event_id(event_id)
    if key is None:
        raise StoreError(f"not an article event id: {event_id!r}")
    return key


def date_mentions(store: Store, *, story: str | None = None) -> list[DateMention]:
    """Every date expression (a ``DATE`` entity mention) with its article's publication date, for date salience;
    only a story's articles when ``story`` is given."""
    sql = """SELECT m.article_id, m.text, CASE WHEN a.published_flag IS NULL THEN a.published END, m.start, m."end"
             FROM mentions m JOIN articles a ON a.id = m.article_id
             WHERE m.label = 'DATE' AND (? IS NULL OR m.article_id IN
                   (SELECT article_id FROM story_members WHERE story_id = ?))
             ORDER BY a.seq, m.article_id, m.start"""
    return [DateMention(*row) for row in _rows(store, sql, [story, story])]
