"""Actors: each article's local actors and their mentions, and the actors resolved across articles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from newsweave.errors import NotFoundError
from newsweave.model import Actor, ActorMention, DocActor
from newsweave.store.schema import Columns, among

if TYPE_CHECKING:
    from newsweave.store.connection import Connection

# Each actor's coverage (of the actors whose members ``{members}`` keeps; all when empty): mentions, articles,
# outlets, dated roles and every mention span. Built by the actor stage (and the migration that made the table),
# so a read is one lookup by actor id.
_COVERAGE_SQL = """
INSERT INTO actor_coverage (actor_id, mentions, articles, outlets, roles, spans)
WITH members AS (SELECT am.* FROM actor_members am {members}),
     said AS (SELECT am.actor_id, count(*) AS mentions, count(DISTINCT m.article_id) AS articles,
                     list(DISTINCT a.outlet ORDER BY a.outlet) FILTER (WHERE a.outlet IS NOT NULL) AS outlets,
                     list({{'article_id': m.article_id, 'start': m.start, 'end': m."end", 'text': m.text,
                           'label': m.label, 'sentence': m.sentence}} ORDER BY m.article_id, m.start) AS spans
              FROM members am JOIN actor_mentions m ON m.article_id = am.article_id AND m.local_id = am.local_id
              LEFT JOIN articles a ON a.id = m.article_id GROUP BY 1),
     held AS (SELECT x.actor_id, role, min(ar.published) AS as_of, count(DISTINCT d.article_id) AS n
              FROM members x JOIN doc_actors d ON d.article_id = x.article_id AND d.local_id = x.local_id
              JOIN articles ar ON ar.id = d.article_id, unnest(d.roles) AS t(role) GROUP BY 1, 2),
     roles AS (SELECT actor_id, list({{'role': role, 'as_of': as_of, 'articles': n}} ORDER BY as_of NULLS LAST, role)
               AS roles FROM held GROUP BY 1)
SELECT k.actor_id, coalesce(s.mentions, 0), coalesce(s.articles, 0), s.outlets, coalesce(r.roles, []),
       coalesce(s.spans, [])
FROM (SELECT DISTINCT actor_id FROM members) k LEFT JOIN said s ON s.actor_id = k.actor_id
LEFT JOIN roles r ON r.actor_id = k.actor_id
"""
MIGRATIONS = (
    (
        "0002_actors",
        """
        ALTER TABLE articles ADD COLUMN seq BIGINT;
        CREATE TABLE doc_actors (
            article_id VARCHAR NOT NULL, local_id INTEGER NOT NULL, kind VARCHAR, name VARCHAR,
            country VARCHAR, names VARCHAR[], keys VARCHAR[], roles VARCHAR[], first VARCHAR,
            last VARCHAR, cameo VARCHAR, named BOOLEAN, PRIMARY KEY (article_id, local_id)
        );
        CREATE TABLE actor_mentions (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text VARCHAR NOT NULL, label VARCHAR, local_id INTEGER NOT NULL, sentence INTEGER,
            PRIMARY KEY (article_id, start, "end")
        );
        CREATE TABLE actors (
            id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL, country VARCHAR,
            cameo_code VARCHAR, aliases VARCHAR[]
        );
        CREATE TABLE actor_members (
            article_id VARCHAR NOT NULL, local_id INTEGER NOT NULL, actor_id VARCHAR NOT NULL,
            PRIMARY KEY (article_id, local_id)
        );
        """,
    ),
    (
        "0013_actor_coverage",
        """
        CREATE TABLE actor_coverage (
            actor_id VARCHAR PRIMARY KEY, mentions BIGINT NOT NULL, articles BIGINT NOT NULL, outlets VARCHAR[],
            roles STRUCT(role VARCHAR, as_of DATE, articles BIGINT)[] NOT NULL,
            spans STRUCT(article_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, label VARCHAR,
                         sentence INTEGER)[] NOT NULL
        );
        """
        + _COVERAGE_SQL.format(members=""),
    ),
)

DOC_ACTOR_COLUMNS: Columns = {
    "article_id": pa.string(), "local_id": pa.int32(), "kind": pa.string(), "name": pa.string(),
    "country": pa.string(), "names": pa.list_(pa.string()), "keys": pa.list_(pa.string()),
    "roles": pa.list_(pa.string()), "first": pa.string(), "last": pa.string(), "cameo": pa.string(),
    "named": pa.bool_(),
}  # fmt: skip
ACTOR_MENTION_COLUMNS: Columns = {
    "article_id": pa.string(), "start": pa.int32(), "end": pa.int32(), "text": pa.string(),
    "label": pa.string(), "local_id": pa.int32(), "sentence": pa.int32(),
}  # fmt: skip
ACTOR_COLUMNS: Columns = {
    "id": pa.string(), "name": pa.string(), "kind": pa.string(), "country": pa.string(),
    "cameo_code": pa.string(), "aliases": pa.list_(pa.string()),
}  # fmt: skip
MEMBER_COLUMNS: Columns = {"article_id": pa.string(), "local_id": pa.int32(), "actor_id": pa.string()}

# Actors with their stored coverage (an actor no mention names has none); ``{where}`` picks the coverage rows.
_ACTORS_SQL = """
SELECT c.id, c.name, c.kind, c.country, c.cameo_code, c.aliases, coalesce(v.roles, []) AS roles,
       coalesce(v.mentions, 0) AS mentions, coalesce(v.articles, 0) AS articles, v.outlets{spans}
FROM actors c LEFT JOIN (SELECT * FROM actor_coverage {where}) v ON v.actor_id = c.id
"""


def doc_actor_row(a: DocActor) -> list[Any]:
    return [a.article_id, a.local_id, a.kind, a.name, a.country, list(a.names), list(a.keys), list(a.roles),
            a.first, a.last, a.cameo, a.named]  # fmt: skip


def actor_mention_row(m: ActorMention) -> list[Any]:
    return [m.span.article_id, m.span.start, m.span.end, m.span.text, m.label, m.local_id, m.sentence]


# -- the corpus stage ------------------------------------------------------------------------------------------------
def doc_actors(store: Connection, article_ids: Sequence[str] | None = None) -> list[DocActor]:
    """The local actors of these articles (all with None), for the corpus stage that resolves them."""
    where, params = among("article_id", article_ids)
    found = store.rows(
        "SELECT article_id, local_id, kind, name, country, names, keys, roles, first, last, cameo, named "
        f"FROM doc_actors {where} ORDER BY article_id, local_id",
        params,
    )
    return [DocActor(r[0], r[1], r[2], r[3], r[4], tuple(r[5]), tuple(r[6]), tuple(r[7]), r[8], r[9], r[10], r[11])
            for r in found]  # fmt: skip


def keys(store: Connection) -> dict[tuple[str, int], tuple[str, ...]]:
    """Every local actor's blocking keys."""
    return {(r[0], int(r[1])): tuple(r[2]) for r in store.rows("SELECT article_id, local_id, keys FROM doc_actors")}


def memberships(store: Connection, article_ids: Sequence[str] | None = None) -> dict[tuple[str, int], tuple[str, ...]]:
    """The local actors of these articles (all with None) → (their actor's id, name and kind)."""
    where, params = among("m.article_id", article_ids)
    sql = f"""SELECT m.article_id, m.local_id, m.actor_id, a.name, a.kind FROM actor_members m
              JOIN actors a ON a.id = m.actor_id {where}"""
    return {(r[0], int(r[1])): (r[2], r[3], r[4]) for r in store.rows(sql, params)}


def replace(store: Connection, actors: Iterable[Actor], *, members: Sequence[tuple[str, int]] | None) -> None:
    """Replace the actors of these local actors (every actor with None), and their links, by ``actors`` (which
    must hold whole every actor any of them belonged to). Call inside a transaction."""
    actor_rows, member_rows, ids = [], [], []
    for actor in actors:
        ids.append(actor.id)
        actor_rows.append([actor.id, actor.canonical_name, actor.kind, actor.country, actor.cameo_code,
                           list(actor.aliases)])  # fmt: skip
        member_rows += [[article_id, local_id, actor.id] for article_id, local_id in actor.members]
    if members is None:
        store.delete("actor_members", "article_id")
        store.delete("actors", "id")
        store.delete("actor_coverage", "actor_id")
    else:
        store.con.register("leaving", pa.table({"a": [m[0] for m in members], "l": [m[1] for m in members]}))
        try:
            store.con.execute("""CREATE OR REPLACE TEMP TABLE gone AS SELECT DISTINCT actor_id FROM actor_members am
                                 SEMI JOIN leaving x ON x.a = am.article_id AND x.l = am.local_id""")
            for table, column in (("actor_members", "actor_id"), ("actors", "id"), ("actor_coverage", "actor_id")):
                store.con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT actor_id FROM gone)")
            store.con.execute("DROP TABLE gone")
        finally:
            store.con.unregister("leaving")
    store.insert("actors", ACTOR_COLUMNS, actor_rows)
    store.insert("actor_members", MEMBER_COLUMNS, member_rows)
    cover(store, None if members is None else ids)


def cover(store: Connection, actor_ids: Sequence[str] | None) -> None:
    """Store the coverage of these actors (every actor with None), their members being stored."""
    if actor_ids is None:
        store.con.execute(_COVERAGE_SQL.format(members=""))
    elif actor_ids:
        store.delete("actor_coverage", "actor_id", actor_ids)
        store.con.execute(_COVERAGE_SQL.format(members="WHERE am.actor_id IN (SELECT unnest(?::VARCHAR[]))"),
                          [list(actor_ids)])  # fmt: skip


# -- readers ---------------------------------------------------------------------------------------------------------
def actors(store: Connection, *, kind: str | None = None) -> list[dict[str, Any]]:
    """Resolved actors with their aliases, dated roles and coverage counts, most mentioned first."""
    where, params = ("WHERE c.kind = ?", [kind]) if kind else ("", [])
    return store.dicts(_ACTORS_SQL.format(spans="", where="") + f"{where} ORDER BY mentions DESC, c.name, c.id",
                       params)  # fmt: skip


def has_actor(store: Connection, actor_id: str) -> bool:
    return bool(store.scalar("SELECT count(*) FROM actors WHERE id = ?", [actor_id]))


def names(store: Connection) -> list[tuple[str, str, str, list[str]]]:
    """Every actor's id, name, kind and aliases, the most mentioned first, then by id: the order in which a
    lookup by name (``extract.names.actors_named``) prefers them."""
    sql = """SELECT a.id, a.name, a.kind, a.aliases FROM actors a LEFT JOIN actor_coverage c ON c.actor_id = a.id
             ORDER BY coalesce(c.mentions, 0) DESC, a.id"""
    return [(r[0], r[1], r[2], list(r[3] or ())) for r in store.rows(sql)]


def actor(store: Connection, actor_id: str) -> dict[str, Any]:
    """One actor by id, with every mention of it (``mentions_list``)."""
    sql = _ACTORS_SQL.format(spans=", coalesce(v.spans, []) AS mentions_list", where="WHERE actor_id = ?")
    found = store.dicts(sql + " WHERE c.id = ?", [actor_id, actor_id])
    if not found:
        raise NotFoundError(f"no actor {actor_id!r}")
    return found[0]


def cooccurrences(store: Connection) -> list[dict[str, Any]]:
    """Pairs of actors named in the same sentence: sentences and articles they share."""
    return store.dicts(
        """WITH s AS (SELECT DISTINCT m.article_id, m.sentence, am.actor_id FROM actor_mentions m
                      JOIN actor_members am USING (article_id, local_id))
           SELECT a.actor_id AS source, b.actor_id AS target, count(*) AS sentences,
                  count(DISTINCT a.article_id) AS articles
           FROM s a JOIN s b ON a.article_id = b.article_id AND a.sentence = b.sentence
                              AND a.actor_id < b.actor_id
           GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2"""
    )


def most_mentioned(store: Connection, article_ids: Sequence[str], *, top: int,
                   skip_kind: str | None = None) -> list[tuple[str, str, str, int]]:  # fmt: skip
    """The actors most mentioned in these articles: (id, name, kind, mentions), most first, then by name."""
    return [(r[0], r[1], r[2], int(r[3])) for r in store.rows(
        """SELECT ac.id, ac.name, ac.kind, count(*) AS n FROM actor_mentions m
           JOIN actor_members am USING (article_id, local_id) JOIN actors ac ON ac.id = am.actor_id
           WHERE m.article_id IN (SELECT unnest(?::VARCHAR[])) AND (? IS NULL OR ac.kind <> ?)
           GROUP BY ALL ORDER BY n DESC, ac.name, ac.id LIMIT ?""",
        [list(article_ids), skip_kind, skip_kind, top],
    )]  # fmt: skip


def labels(store: Connection, article_ids: Sequence[str] | None) -> list[tuple[str, str, str, str]]:
    """Every resolved actor mention in these articles (all with None): (article id, actor id, actor name, words
    used)."""
    where, params = among("m.article_id", article_ids)
    return [(r[0], r[1], r[2], r[3]) for r in store.rows(
        f"""SELECT m.article_id, am.actor_id, ac.name, m.text FROM actor_mentions m
            JOIN actor_members am ON am.article_id = m.article_id AND am.local_id = m.local_id
            JOIN actors ac ON ac.id = am.actor_id {where} ORDER BY m.article_id, m.start""",
        params,
    )]  # fmt: skip


def count(store: Connection) -> dict[str, int]:
    found = store.rows("SELECT (SELECT count(*) FROM actors), (SELECT count(*) FROM actor_mentions)")[0]
    return {"actors": int(found[0]), "actor_mentions": int(found[1])}
