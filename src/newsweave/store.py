"""The DuckDB store: schema as named migrations, idempotent writes, dict-shaped reads.

The store is the single source of truth. Writers are the engine and the
public API; every output reads through :class:`Store`.

DuckDB lets one process hold a file for writing, and then no other process can
open it, not even read-only. So a writer publishes a read snapshot
(``<db>.snapshot``): a copy of the committed store, written to a temporary file
and renamed over the old one, when it opens the store, at most every
``SNAPSHOT_EVERY`` seconds after a commit, and when it closes. A reader that
finds the store locked reads the latest snapshot instead; a writer that finds it
held by readers waits for them (up to ``LOCK_WAIT`` seconds).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from newsweave import store_fusion as fusion
from newsweave import store_lines as lines
from newsweave import store_rows as rows
from newsweave import store_views as views
from newsweave.errors import AmbiguousError, NotFoundError, StoreError
from newsweave.model import Actor, DocActor, Parsed, Rejection

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_articles_mentions_rejected",
        """
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, url VARCHAR, outlet VARCHAR, title VARCHAR,
            published DATE, published_source VARCHAR NOT NULL, published_evidence VARCHAR,
            published_flag VARCHAR, text VARCHAR NOT NULL, raw_hash VARCHAR, lang VARCHAR,
            origin VARCHAR, external_id VARCHAR, chars INTEGER, words INTEGER,
            ingested_at TIMESTAMP
        );
        CREATE TABLE mentions (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text VARCHAR NOT NULL, label VARCHAR NOT NULL, sentence INTEGER,
            PRIMARY KEY (article_id, start, "end", label)
        );
        CREATE TABLE rejected (
            id VARCHAR PRIMARY KEY, path VARCHAR NOT NULL, reason VARCHAR NOT NULL,
            code VARCHAR, first_seen TIMESTAMP, last_seen TIMESTAMP, times INTEGER
        );
        """,
    ),
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
        "0003_events_quotes_claims",
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
        "0005_claim_scope",
        "ALTER TABLE claims ADD COLUMN counted VARCHAR; ALTER TABLE claims ADD COLUMN owner VARCHAR; "
        "ALTER TABLE claims ADD COLUMN cumulative BOOLEAN;",
    ),
    ("0006_fusion", fusion.MIGRATION),
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
        "0009_publication_precision",  # undated events: precision "publication" (was "week"); the index is rebuilt
        "UPDATE events SET date_precision = 'publication' WHERE date_text IS NULL AND date_precision = 'week'; "
        "DELETE FROM event_index_state;",
    ),
    ("0010_cleaning_lines", lines.MIGRATION),
    (
        # Copies are found through new index keys (sampled word 5-grams, fuse/dedup.py): drop the old keys and
        # pairs so the next corpus run indexes and labels every stored article again.
        "0011_copy_index",
        "DELETE FROM doc_bands; DELETE FROM dup_pairs; DELETE FROM duplicates; DELETE FROM analysis_state;",
    ),
)

SNAPSHOT_EVERY = 1.0  # seconds: a writer publishes its committed state at most this often (and when it closes)
LOCK_WAIT = 30.0  # seconds a writer waits for readers (or a reader for a first snapshot) before giving up
_LOCKED = ("Could not set lock", "Conflicting lock")


def snapshot_path(path: str | Path) -> Path:
    """Where the writer of ``path`` publishes its read snapshot."""
    path = Path(path)
    return path.with_name(path.name + ".snapshot")


ARTICLE_FIELDS = ("id", "url", "outlet", "title", "published", "published_source", "chars")
ARTICLE_DETAIL = (*ARTICLE_FIELDS, "published_evidence", "published_flag", "lang", "origin",
                  "external_id", "raw_hash", "words", "ingested_at")  # fmt: skip


_ACTORS_SQL = """
SELECT a.id, a.name, a.kind, a.country, a.cameo_code, a.aliases,
       coalesce((SELECT list({'role': r.role, 'as_of': r.as_of, 'articles': r.n} ORDER BY r.as_of NULLS LAST, r.role)
                 FROM (SELECT role, min(ar.published) AS as_of, count(DISTINCT d.article_id) AS n
                       FROM actor_members x JOIN doc_actors d USING (article_id, local_id)
                       JOIN articles ar ON ar.id = d.article_id, unnest(d.roles) AS t(role)
                       WHERE x.actor_id = a.id GROUP BY role) r), []) AS roles,
       count(m.start) AS mentions, count(DISTINCT m.article_id) AS articles,
       list(DISTINCT art.outlet ORDER BY art.outlet) FILTER (WHERE art.outlet IS NOT NULL) AS outlets
FROM actors a
LEFT JOIN actor_members am ON am.actor_id = a.id
LEFT JOIN actor_mentions m ON m.article_id = am.article_id AND m.local_id = am.local_id
LEFT JOIN articles art ON art.id = m.article_id
"""


class Store:
    """A newsweave DuckDB file. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path, *, read_only: bool = False, lock_wait: float = LOCK_WAIT) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.source = self.path  # the file read: the store, or its snapshot while another process writes it
        self._published = time.monotonic()  # the migrations do not publish; the first snapshot follows them
        self._file: int | None = None
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path} (run `newsweave ingest` first)")
        self.con = self._open_reader(lock_wait) if read_only else self._open_writer(lock_wait)
        if not read_only:
            # The snapshot is copied through this descriptor, open as long as the store: closing any descriptor
            # of a file drops every POSIX lock the process holds on it, DuckDB's writer lock included.
            self._file = os.open(self.path, os.O_RDONLY) if self.path.exists() else None
            self.migrate()
            self.publish()
        elif not self._scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'articles'"):
            self.con.close()
            raise StoreError(f"{self.path} holds no newsweave tables yet (was the ingest that made it interrupted?)")

    def _open_writer(self, lock_wait: float) -> duckdb.DuckDBPyConnection:
        """Open for writing, waiting while readers of other processes hold the file."""
        deadline = time.monotonic() + lock_wait
        while True:
            try:
                return _connect(self.path, read_only=False)
            except _Locked as exc:
                if time.monotonic() >= deadline:
                    raise StoreError(f"store {self.path} is locked by another process: {exc}") from exc
                time.sleep(0.05)

    def _open_reader(self, lock_wait: float) -> duckdb.DuckDBPyConnection:
        """Open read-only; while another process writes the store, read its latest snapshot."""
        try:
            return _connect(self.path, read_only=True)
        except _Locked:
            pass
        snapshot = snapshot_path(self.path)
        deadline = time.monotonic() + lock_wait
        while not snapshot.exists():
            if time.monotonic() >= deadline:
                raise StoreError(f"store {self.path} is being written by another process and has no snapshot yet")
            time.sleep(0.05)
        self.source = snapshot
        return _connect(snapshot, read_only=True)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if not self.read_only:
            self._publish_quietly()
        self.con.close()
        if self._file is not None:
            os.close(self._file)  # after DuckDB has let the file go (see __init__)

    def publish(self, *, force: bool = True) -> None:
        """Publish the committed store as ``<db>.snapshot`` for readers (unless published less than
        ``SNAPSHOT_EVERY`` seconds ago and not ``force``). Call between transactions."""
        if self.read_only or self._file is None:
            return
        if not force and time.monotonic() - self._published < SNAPSHOT_EVERY:
            return
        self.con.execute("CHECKPOINT")  # everything committed is now in the file itself, none in the WAL
        target = snapshot_path(self.path)
        temp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        with open(self._file, "rb", closefd=False) as source, temp.open("wb") as copy:
            source.seek(0)
            shutil.copyfileobj(source, copy, 1 << 20)
            copy.flush()
            os.fsync(copy.fileno())
        os.replace(temp, target)  # atomic: a reader opens the old snapshot or the new one, never a partial copy
        self._published = time.monotonic()

    def _publish_quietly(self) -> None:
        with contextlib.suppress(duckdb.Error, OSError):  # a snapshot serves readers: closing never fails for it
            self.publish()

    # -- schema --------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending named migrations in order, all in one transaction; returns the names applied.

        A store is never seen half-migrated: a run killed while creating it leaves an empty file.
        """
        applied = []
        with self.transaction():
            self.con.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"
            )
            done = {row[0] for row in self.con.execute("SELECT name FROM schema_migrations").fetchall()}
            for name, sql in MIGRATIONS:
                if name not in done:
                    self.con.execute(sql)
                    self.con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, rows.now()])
                    applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        rows = self.con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()
        return [row[0] for row in rows]

    def transaction(self) -> _Transaction:
        """``with store.transaction():`` commits everything in the block or nothing (and may publish a snapshot)."""
        return _Transaction(self)

    # -- corpus-stage bookkeeping ---------------------------------------------
    def analysis_pending(self) -> bool:
        """Whether articles were stored since the corpus stages last ran to the end."""
        done = self.con.execute("SELECT articles, max_seq FROM analysis_state WHERE id = 1").fetchall()
        return not done or done[0] != self._article_mark()

    def mark_analyzed(self) -> None:
        """Record that the corpus stages ran to the end over every stored article."""
        articles, max_seq = self._article_mark()
        with self.transaction():
            self.con.execute(
                "INSERT OR REPLACE INTO analysis_state VALUES (1, ?, ?, ?)", [articles, max_seq, rows.now()]
            )

    def _article_mark(self) -> tuple[int, int]:
        found = self.con.execute("SELECT count(*), coalesce(max(seq), 0) FROM articles").fetchall()[0]
        return int(found[0]), int(found[1])

    # -- writes --------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return bool(self._scalar("SELECT count(*) FROM articles WHERE id = ?", [article_id]))

    def add_articles(self, batch: Iterable[Parsed]) -> int:
        """Insert parsed articles with everything extracted from them in one transaction.

        Articles already stored (same id) are skipped, so re-ingesting adds nothing.
        """
        pending = {item.article.id: item for item in batch}
        if not pending:
            return 0
        with self.transaction():
            existing = self.con.execute(
                "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(pending)]
            ).fetchall()
            for (article_id,) in existing:
                pending.pop(article_id)
            if not pending:
                return 0
            seq = int(self._scalar("SELECT coalesce(max(seq), 0) FROM articles"))
            items = list(pending.values())
            for table, columns, data in [*rows.parsed_rows(items, first_seq=seq + 1), *lines.line_rows(items)]:
                self.insert(table, columns, data)
        return len(pending)

    def insert(self, table: str, columns: dict[str, pa.DataType], data: list[list[Any]]) -> None:
        """Insert rows through an Arrow table: one statement per batch."""
        if not data:
            return
        self.con.register("incoming", rows.table(columns, data))
        try:
            self.con.execute(f"INSERT INTO {table} SELECT * FROM incoming ON CONFLICT DO NOTHING")
        finally:
            self.con.unregister("incoming")

    def doc_actors(self) -> list[DocActor]:
        """Every local actor, for the corpus stage that resolves them across articles."""
        rows = self.con.execute(
            "SELECT article_id, local_id, kind, name, country, names, keys, roles, first, last, cameo, named "
            "FROM doc_actors ORDER BY article_id, local_id"
        ).fetchall()
        return [
            DocActor(r[0], r[1], r[2], r[3], r[4], tuple(r[5]), tuple(r[6]), tuple(r[7]), r[8], r[9], r[10], r[11])
            for r in rows
        ]

    def article_order(self) -> dict[str, int]:
        """Ingestion rank of every article (articles stored before ranks existed come first)."""
        rows = self.con.execute("SELECT id, coalesce(seq, 0) FROM articles").fetchall()
        return {row[0]: int(row[1]) for row in rows}

    def replace_actors(self, actors: Iterable[Actor]) -> int:
        """Replace the resolved actors and the local-actor links in one transaction."""
        actor_rows, member_rows = [], []
        for actor in actors:
            actor_rows.append([actor.id, actor.canonical_name, actor.kind, actor.country, actor.cameo_code,
                               list(actor.aliases)])  # fmt: skip
            member_rows += [[article_id, local_id, actor.id] for article_id, local_id in actor.members]
        with self.transaction():
            self.con.execute("DELETE FROM actor_members")
            self.con.execute("DELETE FROM actors")
            self.insert("actors", rows.ACTOR_COLUMNS, actor_rows)
            self.insert("actor_members", rows.MEMBER_COLUMNS, member_rows)
        return len(actor_rows)

    def add_rejected(self, rejection: Rejection) -> None:
        """Record a refused input; the same input and reason is recorded once."""
        key = hashlib.sha256(f"{rejection.origin}\x1f{rejection.reason}".encode()).hexdigest()[:16]
        now = rows.now()
        self.con.execute(
            """INSERT INTO rejected VALUES (?, ?, ?, ?, ?, ?, 1)
               ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen, times = rejected.times + 1""",
            [key, rejection.origin, rejection.reason, rejection.code, now, now],
        )

    # -- reads ---------------------------------------------------------------
    def articles(self, *, outlet: str | None = None) -> list[dict[str, Any]]:
        sql = f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles"
        params: list[Any] = []
        if outlet is not None:
            sql += " WHERE outlet = ?"
            params.append(outlet)
        return self._dicts(sql + " ORDER BY published NULLS LAST, outlet, id", params)

    def article(self, ref: str) -> dict[str, Any]:
        """One article with its text, by id, unique id prefix or URL."""
        cols = ", ".join((*ARTICLE_DETAIL, "text"))
        rows = self._dicts(
            f"SELECT {cols} FROM articles WHERE id = ? OR url = ? OR id LIKE ? ORDER BY id LIMIT 2",
            [ref, ref, f"{ref}%" if len(ref) >= 4 else ref],
        )
        exact = [row for row in rows if ref in (row["id"], row["url"])]
        if exact:
            return exact[0]
        if len(rows) != 1:
            raise NotFoundError(f"no article {ref!r}" if not rows else f"article id prefix {ref!r} is ambiguous")
        return rows[0]

    def mentions(self, article_id: str | None = None, *, label: str | None = None) -> list[dict[str, Any]]:
        sql = 'SELECT article_id, start, "end", text, label, sentence FROM mentions WHERE 1=1'
        params: list[Any] = []
        if article_id is not None:
            sql += " AND article_id = ?"
            params.append(self.article(article_id)["id"])
        if label is not None:
            sql += " AND label = ?"
            params.append(label.upper())
        return self._dicts(sql + " ORDER BY article_id, start, label", params)

    def actors(self, *, kind: str | None = None) -> list[dict[str, Any]]:
        """Resolved actors with their aliases, dated roles and coverage counts, most mentioned first."""
        where, params = ("WHERE a.kind = ?", [kind]) if kind else ("", [])
        return self._dicts(f"{_ACTORS_SQL} {where} GROUP BY ALL ORDER BY mentions DESC, a.name, a.id", params)

    def actor(self, ref: str) -> dict[str, Any]:
        """One actor by id, name or any alias (case-insensitive), or by a word of a person's name, with its mentions."""
        rows = self._dicts(
            f"{_ACTORS_SQL} WHERE a.id = ? OR lower(a.name) = lower(?) "
            "OR list_contains(list_transform(a.aliases, lambda x: lower(x)), lower(?)) "
            "GROUP BY ALL ORDER BY mentions DESC, a.id",
            [ref, ref, ref],
        )
        if not rows:
            rows = self._dicts(f"{_ACTORS_SQL} WHERE a.id = ? GROUP BY ALL", [actor_by_words(self, ref)])
        actor = rows[0]
        actor["mentions_list"] = self._dicts(
            """SELECT m.article_id, m.start, m."end", m.text, m.label, m.sentence FROM actor_mentions m
               JOIN actor_members am USING (article_id, local_id) WHERE am.actor_id = ?
               ORDER BY m.article_id, m.start""",
            [actor["id"]],
        )
        return actor

    def article_events(self) -> list[dict[str, Any]]:
        """Every article's events before coreference, with actors resolved and every evidence span."""
        rows = self._dicts(views.EVENT_ROWS, [None, None, None, None])
        return views.group_events(rows, self._dicts(views.ARG_ROWS))

    def events(self, *, event_type: str | None = None, article: str | None = None) -> list[dict[str, Any]]:
        """Real events after coreference: each with its article members, every evidence span and its support."""
        article_id = self.article(article)["id"] if article else None
        merged = views.merge_events(self.article_events(), self._dicts(views.CLUSTER_ROWS))
        wanted = [e for e in merged if event_type is None or e["type"] == event_type]
        return [e for e in wanted if article_id is None or article_id in e["article_ids"]]

    def timeline(self) -> list[dict[str, Any]]:
        return views.timeline(self.events())

    def quotes(self, *, article: str | None = None) -> list[dict[str, Any]]:
        names = {
            (r["article_id"], r["start"]): r["actors"] for r in self._dicts(views.actor_lists("quotes", "speakers"))
        }
        rows = self._dicts(
            'SELECT article_id, start, "end", text, direct, cue FROM quotes WHERE ? IS NULL OR article_id = ? '
            "ORDER BY article_id, start",
            [article, article],
        )
        return [{**r, "speaker": names.get((r["article_id"], r["start"]), [])} for r in rows]

    def claims(self, *, quantity: str | None = None) -> list[dict[str, Any]]:
        names = {
            (r["article_id"], r["start"]): r["actors"] for r in self._dicts(views.actor_lists("claims", "sources"))
        }
        rows = self._dicts(
            'SELECT c.article_id, c.start, c."end", c.text, c.quantity, c.subject, c.value_low, c.value_high, c.unit, '
            "c.approx, c.as_of, a.outlet, c.counted, c.owner, coalesce(c.cumulative, false) AS cumulative "
            "FROM claims c JOIN articles a ON a.id = c.article_id "
            "WHERE ? IS NULL OR c.quantity = ? ORDER BY c.quantity, c.as_of, c.article_id, c.start",
            [quantity, quantity],
        )
        return [{**r, "source_actor": names.get((r["article_id"], r["start"]), [])} for r in rows]

    def cooccurrences(self) -> list[dict[str, Any]]:
        """Pairs of actors named in the same sentence: sentences and articles they share."""
        return self._dicts(
            """WITH s AS (SELECT DISTINCT m.article_id, m.sentence, am.actor_id FROM actor_mentions m
                          JOIN actor_members am USING (article_id, local_id))
               SELECT a.actor_id AS source, b.actor_id AS target, count(*) AS sentences,
                      count(DISTINCT a.article_id) AS articles
               FROM s a JOIN s b ON a.article_id = b.article_id AND a.sentence = b.sentence
                                  AND a.actor_id < b.actor_id
               GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2"""
        )

    def rejected(self) -> list[dict[str, Any]]:
        return self._dicts(
            "SELECT path, reason, code, first_seen, last_seen, times FROM rejected ORDER BY last_seen DESC, path"
        )

    def status(self) -> dict[str, Any]:
        counts = {
            table: int(self._scalar(f"SELECT count(*) FROM {table}"))
            for table in ("articles", "mentions", "rejected", "actors", "actor_mentions", "events", "quotes", "claims")
        }
        return {
            "db": str(self.path),
            **counts,
            "outlets": int(self._scalar("SELECT count(DISTINCT outlet) FROM articles")),
            "words": int(self._scalar("SELECT coalesce(sum(words), 0) FROM articles")),
            "migrations": self.migrations(),
        }

    def _scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0][0] if rows else None

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query and return rows as dicts (for summaries and outputs)."""
        return self._dicts(sql, params or [])

    def _dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class _Locked(StoreError):
    """Another process holds the file (DuckDB allows one writer, or any number of readers)."""


def _connect(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        if isinstance(exc, duckdb.IOException) and any(marker in str(exc) for marker in _LOCKED):
            raise _Locked(str(exc)) from exc
        raise StoreError(f"cannot open store {path}: {exc}") from exc


class _Transaction:
    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> None:
        self.store.con.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.store.con.execute("ROLLBACK" if exc_type else "COMMIT")
        if not exc_type:
            self.store.publish(force=False)


def actor_by_words(store: Store, ref: str) -> str:
    """The id of the one actor ``ref`` names by a word of its name ("Tinubu"); several are an ``AmbiguousError``."""
    from newsweave.extract.names import actors_named

    actors = store.con.execute("SELECT id, name, kind, aliases FROM actors ORDER BY id").fetchall()
    found = actors_named(ref, actors)
    if len(found) > 1:
        names = {a[0]: (a[1], a[2]) for a in actors}
        candidates = [{"id": i, "name": names[i][0], "kind": names[i][1]} for i in found]
        listing = "; ".join(f"{c['id']} {c['name']}" for c in candidates)
        raise AmbiguousError(f"{ref!r} names {len(found)} actors: {listing}", candidates=candidates)
    if not found:
        raise NotFoundError(f"no actor {ref!r}")
    return found[0]
