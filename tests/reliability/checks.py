"""What a store must look like after any crash: readable, each article once, nothing half-written.

Shared by the crash and concurrency tests. Every check opens the file read-only
through DuckDB and closes it before returning.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from bench.ingest import write_corpus as bench_corpus
from newsweave.article import build
from newsweave.errors import NewsweaveError
from newsweave.model import RawInput
from newsweave.sources import iter_inputs

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"

# Rows of one article, written with the article in one transaction.
ARTICLE_TABLES = ("mentions", "doc_actors", "actor_mentions", "events", "event_args", "quotes", "claims",
                  "dropped_lines", "article_lines")  # fmt: skip
# Tables of the corpus stages, each replaced (or extended) in one transaction.
CORPUS_TABLES = ("doc_bands", "dup_pairs", "duplicates", "stories", "story_members", "story_terms", "actors",
                 "actor_members", "actor_coverage", "event_clusters", "real_events", "real_event_actors", "conflicts",
                 "framing", "dirty_articles")  # fmt: skip


def _missing(table: str, column: str, parent: str = "articles", key: str = "id") -> str:
    return f"SELECT count(*) FROM {table} WHERE {column} NOT IN (SELECT {key} FROM {parent})"


ORPHANS: dict[str, str] = {
    **{f"{t} without their article": _missing(t, "article_id") for t in ARTICLE_TABLES},
    "event_args without their event": """SELECT count(*) FROM event_args x WHERE NOT EXISTS
        (SELECT 1 FROM events e WHERE e.article_id = x.article_id AND e.mention = x.mention)""",
    "actor_members without an actor": _missing("actor_members", "actor_id", "actors"),
    "actor_members without a local actor": """SELECT count(*) FROM actor_members x WHERE NOT EXISTS
        (SELECT 1 FROM doc_actors d WHERE d.article_id = x.article_id AND d.local_id = x.local_id)""",
    "actor_coverage of a missing actor": _missing("actor_coverage", "actor_id", "actors"),
    "actors with members but no coverage": """SELECT count(*) FROM actors a WHERE a.id IN
        (SELECT actor_id FROM actor_members) AND a.id NOT IN (SELECT actor_id FROM actor_coverage)""",
    "duplicates of a missing article": _missing("duplicates", "article_id"),
    "duplicates of a missing original": _missing("duplicates", "copy_of"),
    "dup_pairs of a missing article": _missing("dup_pairs", "copy"),
    "doc_bands of a missing article": _missing("doc_bands", "article_id"),
    "story_members of a missing article": _missing("story_members", "article_id"),
    "story_members of a missing story": _missing("story_members", "story_id", "stories"),
    "story_terms of a missing story": _missing("story_terms", "story_id", "stories"),
    "event_clusters of a missing event": """SELECT count(*) FROM event_clusters c WHERE NOT EXISTS
        (SELECT 1 FROM events e WHERE e.article_id = c.article_id AND e.event = c.event)""",
    "event_clusters of a missing real event": _missing("event_clusters", "cluster", "real_events", "id"),
    "real_events without a member": _missing("real_events", "id", "event_clusters", "cluster"),
    "real_event_actors of a missing real event": _missing("real_event_actors", "event_id", "real_events", "id"),
    "article events in no real event": """SELECT count(*) FROM (SELECT DISTINCT article_id, event FROM events) e
        WHERE NOT EXISTS (SELECT 1 FROM event_clusters c WHERE c.article_id = e.article_id AND c.event = e.event)""",
    "framing of a missing story": _missing("framing", "story_id", "stories"),
}


def write_corpus(folder: Path, count: int) -> Path:
    """``count`` JSONL records cycling over the sample corpus, each made unique with a numbered line."""
    inputs = [item for item in iter_inputs([str(SAMPLE)], max_bytes=5 * 1024 * 1024) if _accepted(item)]
    bench_corpus(folder, inputs, count, outlets=5)
    return folder / "corpus.jsonl"


def _accepted(item: object) -> bool:
    """An input the pipeline stores (the sample corpus also holds a French article, refused by design)."""
    if not isinstance(item, RawInput):
        return False
    try:
        build(item)
    except NewsweaveError:
        return False
    return True


def check_store(db: Path) -> dict[str, int]:
    """Open ``db`` read-only and check it; returns its row counts. Fails the test on any broken invariant."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "articles" not in tables:  # killed while creating the store: no migration half-applied
            assert tables <= {"schema_migrations"}, f"{db.name}: a migration half-applied: {sorted(tables)}"
            return {}
        duplicated = con.execute("SELECT count(*) - count(DISTINCT id) FROM articles").fetchone()
        assert duplicated == (0,), f"{db.name}: article ids stored twice"
        broken = {name: n for name, sql in ORPHANS.items() if (n := _count(con, sql))}
        assert not broken, f"{db.name}: half-written rows {broken}"
        return {t: _count(con, f"SELECT count(*) FROM {t}") for t in ("articles", *ARTICLE_TABLES, *CORPUS_TABLES)}
    finally:
        con.close()


def article_ids(db: Path) -> set[str]:
    if not check_store(db):
        return set()
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {row[0] for row in con.execute("SELECT id FROM articles").fetchall()}
    finally:
        con.close()


def differences(db: Path, reference: Path, tables: tuple[str, ...], *, stored_only: bool = False) -> dict[str, int]:
    """Rows of each table that differ between ``db`` and ``reference`` (both ways, as multisets: a row stored
    twice counts).

    With ``stored_only`` the reference is cut to the articles ``db`` holds: every stored
    article must then have exactly the rows a clean run gave it, no fewer and no more.
    """
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{db}' AS got (READ_ONLY)")
        con.execute(f"ATTACH '{reference}' AS ref (READ_ONLY)")
        found = {}
        for table in tables:
            columns = "* EXCLUDE (ingested_at)" if table == "articles" else "*"
            key = "id" if table == "articles" else "article_id"
            want = f"SELECT {columns} FROM ref.{table}"
            if stored_only:
                want += f" WHERE {key} IN (SELECT id FROM got.articles)"
            got = f"SELECT {columns} FROM got.{table}"
            n = _count(con, f"SELECT count(*) FROM ({got} EXCEPT ALL {want})")
            n += _count(con, f"SELECT count(*) FROM ({want} EXCEPT ALL {got})")
            if n:
                found[table] = n
        return found
    finally:
        con.close()


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0
