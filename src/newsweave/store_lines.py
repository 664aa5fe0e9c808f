"""Store tables of cleaning: the lines each article lost (with the rule), and each outlet's memory of its lines.

``outlet_lines`` holds one row per outlet, line key and article: counting the
rows that count gives how many articles of an outlet printed a line, which is
how repeated boilerplate is found (``newsweave.repeated`` decides). A stored
article that still prints a line its outlet has since repeated often enough is
re-cleaned and re-extracted under the same id (:func:`replace_extraction`).
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
CREATE TABLE outlet_lines (
    outlet VARCHAR NOT NULL, line_key VARCHAR NOT NULL, article_id VARCHAR NOT NULL, counted BOOLEAN NOT NULL,
    dropped BOOLEAN NOT NULL, PRIMARY KEY (outlet, line_key, article_id)
);
"""
DROPPED_COLUMNS = {"article_id": pa.string(), "number": pa.int32(), "rule": pa.string(), "text": pa.string()}
LINE_COLUMNS = {"outlet": pa.string(), "line_key": pa.string(), "article_id": pa.string(), "counted": pa.bool_(),
                "dropped": pa.bool_()}  # fmt: skip
# Tables holding what was extracted from one article's text, by article id (the corpus stages redo theirs).
EXTRACTED = ("mentions", "doc_actors", "actor_mentions", "events", "event_args", "quotes", "claims", "actor_members",
             "event_clusters", "doc_bands")  # fmt: skip


def line_rows(items: Sequence[Parsed]) -> list[tuple[str, dict[str, pa.DataType], list[list[Any]]]]:
    """The dropped lines and the outlet memory rows of a batch of parsed articles."""
    dropped = [[p.article.id, d.number, d.rule, d.text] for p in items for d in p.article.dropped]
    memory = [[p.lines.outlet, key, p.article.id, p.lines.counted, key in p.lines.dropped]
              for p in items if p.lines is not None for key in sorted(p.lines.keys)]  # fmt: skip
    return [("dropped_lines", DROPPED_COLUMNS, dropped), ("outlet_lines", LINE_COLUMNS, memory)]


def counts(store: Store, outlet: str, keys: Iterable[str]) -> dict[str, int]:
    """How many stored articles of ``outlet`` that count print each of ``keys``."""
    found = store.con.execute(
        "SELECT line_key, count(*) FROM outlet_lines WHERE outlet = ? AND counted "
        "AND line_key IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1",
        [outlet, sorted(set(keys))],
    ).fetchall()
    return {key: int(n) for key, n in found}


def overlaps(store: Store, outlet: str, keys: Iterable[str]) -> list[tuple[int, int]]:
    """For each stored article of ``outlet`` printing some of ``keys``: how many, and how many lines it prints."""
    found = store.con.execute(
        """WITH shared AS (SELECT article_id, count(*) AS n FROM outlet_lines
                           WHERE outlet = ? AND line_key IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1)
           SELECT s.n, count(*) FILTER (WHERE NOT l.dropped) FROM shared s
           JOIN outlet_lines l ON l.article_id = s.article_id AND l.outlet = ? GROUP BY s.article_id, s.n""",
        [outlet, sorted(set(keys)), outlet],
    ).fetchall()
    return [(int(n), int(total)) for n, total in found]


def repeated_keys(store: Store, threshold: int) -> dict[str, frozenset[str]]:
    """Every outlet's lines printed by ``threshold`` or more of its stored articles that count."""
    found = store.con.execute(
        "SELECT outlet, list(line_key) FROM (SELECT outlet, line_key FROM outlet_lines WHERE counted "
        "GROUP BY ALL HAVING count(*) >= ?) GROUP BY outlet",
        [threshold],
    ).fetchall()
    return {outlet: frozenset(keys) for outlet, keys in found}


def stale(store: Store, threshold: int) -> dict[str, frozenset[str]]:
    """Stored articles that still print lines their outlet has repeated ``threshold`` times, with those keys."""
    found = store.con.execute(
        """WITH rep AS (SELECT outlet, line_key FROM outlet_lines WHERE counted GROUP BY ALL HAVING count(*) >= ?)
           SELECT l.article_id, list(l.line_key) FROM outlet_lines l SEMI JOIN rep USING (outlet, line_key)
           WHERE NOT l.dropped GROUP BY 1 ORDER BY 1""",
        [threshold],
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
            dropped = sorted(p.lines.dropped) if p.lines is not None else []
            store.con.execute(f"UPDATE outlet_lines SET dropped = true WHERE article_id = ? AND line_key {listed}",
                              [p.article.id, dropped])  # fmt: skip
        for table, columns, data in [*rows.parsed_rows(list(items), first_seq=0)[1:], *line_rows(items)]:
            store.insert(table, columns, data)  # the memory rows are there already: only the dropped lines go in
        store.con.execute("DELETE FROM analysis_state")


def dropped(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The lines cleaning dropped from one article, with the rule that dropped each."""
    return store.query(
        "SELECT number, rule, text FROM dropped_lines WHERE article_id = ? ORDER BY number, rule, text", [article_id]
    )
