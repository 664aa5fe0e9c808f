"""Store tables of cleaning: the lines each article lost (with the rule), and each outlet's memory of its lines.

``article_lines`` holds, per article of a known outlet, the keys of its lines
before the ``repeated`` rule, whether it counts toward its outlet's boilerplate
and the keys it no longer prints; ``outlet_boilerplate`` the keys each outlet
repeats (``newsweave.repeated`` decides). A stored article that still prints a
line that has since become its outlet's boilerplate is cleaned and extracted
again under the same id (:func:`replace_extraction`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from newsweave import store_rows as rows
from newsweave.model import Article, Parsed

if TYPE_CHECKING:
    from newsweave.store import Store

MIGRATION = """
CREATE TABLE dropped_lines (
    article_id VARCHAR NOT NULL, number INTEGER NOT NULL, rule VARCHAR NOT NULL, text VARCHAR NOT NULL,
    PRIMARY KEY (article_id, rule, number, text)
);
CREATE TABLE article_lines (
    article_id VARCHAR PRIMARY KEY, outlet VARCHAR NOT NULL, keys BIGINT[] NOT NULL, counted BOOLEAN NOT NULL,
    dropped BIGINT[] NOT NULL
);
CREATE TABLE outlet_boilerplate (outlet VARCHAR NOT NULL, line_key BIGINT NOT NULL, PRIMARY KEY (outlet, line_key));
"""
DROPPED_COLUMNS = {"article_id": pa.string(), "number": pa.int32(), "rule": pa.string(), "text": pa.string()}
LINE_COLUMNS = {"article_id": pa.string(), "outlet": pa.string(), "keys": pa.list_(pa.int64()),
                "counted": pa.bool_(), "dropped": pa.list_(pa.int64())}  # fmt: skip
BOILERPLATE_COLUMNS = {"outlet": pa.string(), "line_key": pa.int64()}
# Tables holding what was extracted from one article's text, by article id (the corpus stages redo theirs).
EXTRACTED = ("mentions", "doc_actors", "actor_mentions", "events", "event_args", "quotes", "claims", "actor_members",
             "event_clusters", "doc_bands")  # fmt: skip
Rows = list[tuple[str, dict[str, pa.DataType], list[list[Any]]]]


def line_rows(items: Sequence[Parsed]) -> Rows:
    """The dropped lines, the outlet memory rows and the boilerplate keys of a batch of parsed articles."""
    remembered = [p for p in items if p.lines is not None]
    return [
        ("dropped_lines", DROPPED_COLUMNS, [[p.article.id, d.number, d.rule, d.text] for p in items
                                            for d in p.article.dropped]),
        ("article_lines", LINE_COLUMNS, [[p.article.id, p.lines.outlet, sorted(p.lines.keys), p.lines.counted,
                                          sorted(p.lines.dropped)] for p in remembered if p.lines]),
        ("outlet_boilerplate", BOILERPLATE_COLUMNS, [[p.lines.outlet, key] for p in remembered if p.lines
                                                     for key in sorted(p.lines.boilerplate)]),
    ]  # fmt: skip


def window(store: Store, outlet: str, size: int) -> tuple[list[tuple[frozenset[int], bool]], frozenset[int]]:
    """An outlet's last ``size`` stored articles (oldest first: their keys and whether each counts) and its known
    boilerplate keys."""
    recent = store.con.execute(
        "SELECT l.keys, l.counted FROM article_lines l JOIN articles a ON a.id = l.article_id WHERE l.outlet = ? "
        "ORDER BY a.seq DESC, a.id DESC LIMIT ?",
        [outlet, size],
    ).fetchall()
    known = store.con.execute("SELECT line_key FROM outlet_boilerplate WHERE outlet = ?", [outlet]).fetchall()
    return [(frozenset(keys), counted) for keys, counted in reversed(recent)], frozenset(k for (k,) in known)


def boilerplate(store: Store) -> dict[str, frozenset[int]]:
    """Every outlet's known boilerplate keys."""
    found = store.con.execute("SELECT outlet, list(line_key) FROM outlet_boilerplate GROUP BY outlet").fetchall()
    return {outlet: frozenset(keys) for outlet, keys in found}


def stale(store: Store) -> dict[str, frozenset[int]]:
    """Stored articles that still print lines that are now their outlet's boilerplate, with those keys."""
    found = store.con.execute(
        """SELECT l.article_id, list(l.key) FROM (SELECT article_id, outlet, unnest(keys) AS key, dropped
                                                  FROM article_lines) l
           JOIN outlet_boilerplate b ON b.outlet = l.outlet AND b.line_key = l.key
           WHERE NOT list_contains(l.dropped, l.key) GROUP BY 1 ORDER BY 1"""
    ).fetchall()
    return {article_id: frozenset(keys) for article_id, keys in found}


_ARTICLE_SQL = """SELECT id, url, outlet, title, published, published_source, published_evidence, published_flag, text,
                         raw_hash, lang, origin, external_id FROM articles
                  WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY seq, id"""


def articles(store: Store, ids: Iterable[str]) -> list[Article]:
    """Stored articles as records (in ingestion order), to be cleaned again."""
    found = store.con.execute(_ARTICLE_SQL, [sorted(set(ids))]).fetchall()
    return [Article(*row) for row in found]


def replace_extraction(store: Store, items: Sequence[Parsed]) -> None:
    """Replace what was extracted from re-cleaned articles (same ids, same ranks) in one transaction: their text,
    every per-article row, the lines they dropped; the corpus stages must then run again."""
    ids = [p.article.id for p in items]
    if not ids:
        return
    listed = "IN (SELECT unnest(?::VARCHAR[]))"
    with store.transaction():
        for table in EXTRACTED:
            store.con.execute(f"DELETE FROM {table} WHERE article_id {listed}", [ids])
        store.con.execute(f"DELETE FROM dup_pairs WHERE copy {listed} OR original {listed}", [ids, ids])
        for p in items:
            store.con.execute("UPDATE articles SET text = ?, chars = ?, words = ? WHERE id = ?",
                              [p.article.text, p.article.chars, p.article.words, p.article.id])  # fmt: skip
            gone = sorted(p.lines.dropped) if p.lines is not None else []
            store.con.execute("UPDATE article_lines SET dropped = list_sort(list_distinct(dropped || ?::BIGINT[])) "
                              "WHERE article_id = ?", [gone, p.article.id])  # fmt: skip
        for table, columns, data in [*rows.parsed_rows(list(items), first_seq=0)[1:], *line_rows(items)[:1]]:
            store.insert(table, columns, data)
        store.con.execute("DELETE FROM analysis_state")


def dropped(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The lines cleaning dropped from one article, with the rule that dropped each."""
    return store.query(
        "SELECT number, rule, text FROM dropped_lines WHERE article_id = ? ORDER BY number, rule, text", [article_id]
    )
