"""The DuckDB store: schema as named migrations, idempotent writes, dict-shaped reads.

The store is the single source of truth. Writers are the engine and the
public API; every output reads through :class:`Store`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from newsweave.errors import NotFoundError, StoreError
from newsweave.model import Article, Mention, Rejection

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
)

ARTICLE_FIELDS = ("id", "url", "outlet", "title", "published", "published_source", "chars")
ARTICLE_DETAIL = (*ARTICLE_FIELDS, "published_evidence", "published_flag", "lang", "origin",
                  "external_id", "raw_hash", "words", "ingested_at")  # fmt: skip


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """A newsweave DuckDB file. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path} (run `newsweave ingest` first)")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        if not read_only:
            self.migrate()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- schema --------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending named migrations in order; returns the names applied."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"
        )
        done = {row[0] for row in self.con.execute("SELECT name FROM schema_migrations").fetchall()}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, _now()])
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        rows = self.con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()
        return [row[0] for row in rows]

    def transaction(self) -> _Transaction:
        return _Transaction(self.con)

    # -- writes --------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        row = self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        return row is not None

    def add_articles(self, batch: Iterable[tuple[Article, list[Mention]]]) -> int:
        """Insert articles with their mentions in one transaction; existing ids are skipped."""
        pending = {article.id: (article, mentions) for article, mentions in batch}
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
            articles = _table(ARTICLE_COLUMNS, [_article_row(a) for a, _ in pending.values()])
            mentions = _table(MENTION_COLUMNS, [_mention_row(m) for _, ms in pending.values() for m in ms])
            self.con.register("incoming_articles", articles)
            self.con.register("incoming_mentions", mentions)
            try:
                self.con.execute("INSERT INTO articles SELECT * FROM incoming_articles")
                self.con.execute("INSERT INTO mentions SELECT * FROM incoming_mentions ON CONFLICT DO NOTHING")
            finally:
                self.con.unregister("incoming_articles")
                self.con.unregister("incoming_mentions")
        return len(pending)

    def add_rejected(self, rejection: Rejection) -> None:
        """Record a refused input; the same input and reason is recorded once."""
        key = hashlib.sha256(f"{rejection.origin}\x1f{rejection.reason}".encode()).hexdigest()[:16]
        now = _now()
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

    def rejected(self) -> list[dict[str, Any]]:
        return self._dicts(
            "SELECT path, reason, code, first_seen, last_seen, times FROM rejected ORDER BY last_seen DESC, path"
        )

    def status(self) -> dict[str, Any]:
        one = self.con.execute(
            """SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions),
                      (SELECT count(*) FROM rejected), (SELECT count(DISTINCT outlet) FROM articles),
                      (SELECT coalesce(sum(words), 0) FROM articles)"""
        ).fetchone()
        assert one is not None
        return {
            "db": str(self.path),
            "articles": one[0],
            "mentions": one[1],
            "rejected": one[2],
            "outlets": one[3],
            "words": int(one[4]),
            "migrations": self.migrations(),
        }

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query and return rows as dicts (for summaries and outputs)."""
        return self._dicts(sql, params or [])

    def _dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class _Transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.con.execute("ROLLBACK" if exc_type else "COMMIT")


ARTICLE_COLUMNS = {
    "id": pa.string(), "url": pa.string(), "outlet": pa.string(), "title": pa.string(),
    "published": pa.date32(), "published_source": pa.string(), "published_evidence": pa.string(),
    "published_flag": pa.string(), "text": pa.string(), "raw_hash": pa.string(), "lang": pa.string(),
    "origin": pa.string(), "external_id": pa.string(), "chars": pa.int32(), "words": pa.int32(),
    "ingested_at": pa.timestamp("us"),
}  # fmt: skip
MENTION_COLUMNS = {
    "article_id": pa.string(), "start": pa.int32(), "end": pa.int32(), "text": pa.string(),
    "label": pa.string(), "sentence": pa.int32(),
}  # fmt: skip


def _table(columns: dict[str, pa.DataType], rows: list[list[Any]]) -> pa.Table:
    """Rows to an Arrow table, so DuckDB inserts a batch in one statement."""
    names = list(columns)
    data = {name: pa.array([row[i] for row in rows], type=columns[name]) for i, name in enumerate(names)}
    return pa.table(data)


def _article_row(a: Article) -> list[Any]:
    return [
        a.id, a.url, a.outlet, a.title, a.published, a.published_source, a.published_evidence,
        a.published_flag, a.text, a.raw_hash, a.lang, a.origin, a.external_id, a.chars, a.words,
        _now(),
    ]  # fmt: skip


def _mention_row(m: Mention) -> list[Any]:
    return [m.span.article_id, m.span.start, m.span.end, m.span.text, m.label, m.sentence]
