"""Articles, their entity mentions, and refused inputs: DDL, columns, writers and readers."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from newsweave.errors import NotFoundError
from newsweave.model import Article, Mention, Rejection
from newsweave.store.schema import Columns, among

if TYPE_CHECKING:
    from newsweave.store.connection import Connection

MIGRATIONS = (
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

ARTICLE_COLUMNS: Columns = {
    "id": pa.string(), "url": pa.string(), "outlet": pa.string(), "title": pa.string(),
    "published": pa.date32(), "published_source": pa.string(), "published_evidence": pa.string(),
    "published_flag": pa.string(), "text": pa.string(), "raw_hash": pa.string(), "lang": pa.string(),
    "origin": pa.string(), "external_id": pa.string(), "chars": pa.int32(), "words": pa.int32(),
    "ingested_at": pa.timestamp("us"), "seq": pa.int64(),
}  # fmt: skip
MENTION_COLUMNS: Columns = {
    "article_id": pa.string(), "start": pa.int32(), "end": pa.int32(), "text": pa.string(),
    "label": pa.string(), "sentence": pa.int32(),
}  # fmt: skip
LISTED = ("id", "url", "outlet", "title", "published", "published_source", "chars")
DETAIL = (*LISTED, "published_evidence", "published_flag", "lang", "origin", "external_id", "raw_hash", "words",
          "ingested_at")  # fmt: skip
ORDER = "published NULLS LAST, outlet, id"


def article_row(a: Article, seq: int, when: datetime) -> list[Any]:
    return [
        a.id, a.url, a.outlet, a.title, a.published, a.published_source, a.published_evidence,
        a.published_flag, a.text, a.raw_hash, a.lang, a.origin, a.external_id, a.chars, a.words, when, seq,
    ]  # fmt: skip


def mention_row(m: Mention) -> list[Any]:
    return [m.span.article_id, m.span.start, m.span.end, m.span.text, m.label, m.sentence]


# -- writers ---------------------------------------------------------------------------------------------------------
def stored(store: Connection, ids: Sequence[str]) -> set[str]:
    """Which of these article ids are stored."""
    return {r[0] for r in store.rows("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])}


def last_seq(store: Connection) -> int:
    """The ingestion rank of the latest stored article (0 for none)."""
    return int(store.scalar("SELECT coalesce(max(seq), 0) FROM articles"))


def add_rejected(store: Connection, rejection: Rejection, when: datetime) -> None:
    """Record a refused input; the same input and reason is recorded once (and counted each time)."""
    key = hashlib.sha256(f"{rejection.origin}\x1f{rejection.reason}".encode()).hexdigest()[:16]
    store.con.execute(
        """INSERT INTO rejected (id, path, reason, code, first_seen, last_seen, times) VALUES (?, ?, ?, ?, ?, ?, 1)
           ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen, times = rejected.times + 1""",
        [key, rejection.origin, rejection.reason, rejection.code, when, when],
    )


# -- readers ---------------------------------------------------------------------------------------------------------
def articles(store: Connection, *, outlet: str | None = None, limit: int | None = None,
             offset: int = 0) -> list[dict[str, Any]]:  # fmt: skip
    """Stored articles (``LISTED`` fields) by publication date, then outlet and id; a page when ``limit`` is given."""
    where, params = _outlet(outlet)
    page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return store.dicts(f"SELECT {', '.join(LISTED)} FROM articles {where} ORDER BY {ORDER}{page}", params)


def count(store: Connection, *, outlet: str | None = None) -> int:
    where, params = _outlet(outlet)
    return int(store.scalar(f"SELECT count(*) FROM articles {where}", params))


def _outlet(outlet: str | None) -> tuple[str, list[Any]]:
    return ("WHERE outlet = ?", [outlet]) if outlet is not None else ("", [])


def article(store: Connection, ref: str) -> dict[str, Any]:
    """One article with its text, by id, unique id prefix (4+ characters) or URL."""
    found = store.dicts(
        f"SELECT {', '.join((*DETAIL, 'text'))} FROM articles WHERE id = ? OR url = ? OR id LIKE ? ORDER BY id LIMIT 2",
        [ref, ref, f"{ref}%" if len(ref) >= 4 else ref],
    )
    exact = [row for row in found if ref in (row["id"], row["url"])]
    if exact:
        return exact[0]
    if len(found) != 1:
        raise NotFoundError(f"no article {ref!r}" if not found else f"article id prefix {ref!r} is ambiguous")
    return found[0]


def texts(store: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """These articles with their text and publication facts, by id."""
    sql = f"SELECT {', '.join((*DETAIL, 'text'))} FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))"
    return {r["id"]: r for r in store.dicts(sql + f" ORDER BY {ORDER}", [list(ids)])}


def outlets(store: Connection, ids: Sequence[str] | None) -> dict[str, str | None]:
    """These articles' outlets (every article's with None)."""
    where, params = among("id", ids)
    return {r[0]: r[1] for r in store.rows(f"SELECT id, outlet FROM articles {where}", params)}


def mentions(store: Connection, article_id: str | None = None, *, label: str | None = None) -> list[dict[str, Any]]:
    sql = 'SELECT article_id, start, "end", text, label, sentence FROM mentions WHERE 1=1'
    params: list[Any] = []
    if article_id is not None:
        sql += " AND article_id = ?"
        params.append(article(store, article_id)["id"])
    if label is not None:
        sql += " AND label = ?"
        params.append(label.upper())
    return store.dicts(sql + " ORDER BY article_id, start, label", params)


def trusted_published(table: str) -> str:
    """The SQL expression of an article's publication date where it can be trusted: NULL where the date is flagged
    as doubtful (``table`` is the articles table's name or alias in the query)."""
    return f"CASE WHEN {table}.published_flag IS NULL THEN {table}.published END"


def published(store: Connection, ids: Sequence[str] | None) -> dict[str, date | None]:
    """These articles' publication dates (every article's with None); None where the date is flagged as doubtful."""
    where, params = among("id", ids)
    sql = f"SELECT id, {trusted_published('articles')} FROM articles {where}"
    return {r[0]: r[1] for r in store.rows(sql, params)}


DateRow = tuple[str, str, date | None, int, int, str, str]


def date_mentions(store: Connection, ids: Sequence[str] | None, *, context: int = 60) -> list[DateRow]:
    """Every date expression (a ``DATE`` entity mention) of these articles (all with None), with its article's
    publication date (None where flagged as doubtful), its offsets and the ``context`` characters of text before
    and after it, in ingestion order."""
    where, params = among("m.article_id", ids)
    first = f"greatest(m.start - {int(context)}, 0)"  # where the text before starts (0-based)
    sql = f"""SELECT m.article_id, m.text, {trusted_published("a")}, m.start, m."end",
                     substr(a.text, {first} + 1, m.start - {first}), substr(a.text, m."end" + 1, {int(context)})
              FROM mentions m JOIN articles a ON a.id = m.article_id {where} {"AND" if where else "WHERE"}
              m.label = 'DATE' ORDER BY a.seq, m.article_id, m.start"""
    return [(r[0], r[1], r[2], int(r[3]), int(r[4]), r[5] or "", r[6] or "") for r in store.rows(sql, params)]


def entity_mentions(store: Connection, ids: Sequence[str] | None) -> list[tuple[str, int, str, str]]:
    """The entity mentions of these articles (all with None): article id, start, text, label."""
    where, params = among("article_id", ids)
    sql = f"SELECT article_id, start, text, label FROM mentions {where} ORDER BY article_id, start"
    return [(r[0], int(r[1]), r[2], r[3]) for r in store.rows(sql, params)]


def rejected(store: Connection) -> list[dict[str, Any]]:
    return store.dicts(
        "SELECT path, reason, code, first_seen, last_seen, times FROM rejected ORDER BY last_seen DESC, path"
    )


def order(store: Connection, ids: Sequence[str] | None = None) -> dict[str, int]:
    """Ingestion rank of these articles (all with None; articles stored before ranks existed come first)."""
    where, params = among("id", ids)
    return {row[0]: int(row[1]) for row in store.rows(f"SELECT id, coalesce(seq, 0) FROM articles {where}", params)}


def since(store: Connection, seq: int) -> list[str]:
    """Articles stored after the ingestion rank ``seq``, in ingestion order."""
    return [r[0] for r in store.rows("SELECT id FROM articles WHERE coalesce(seq, 0) > ? ORDER BY seq, id", [seq])]


def per_outlet(store: Connection) -> list[dict[str, Any]]:
    return store.dicts("SELECT coalesce(outlet, '(unknown)') AS outlet, count(*) AS articles "
                       "FROM articles GROUP BY 1 ORDER BY 2 DESC, 1")  # fmt: skip


def dates(store: Connection) -> list[dict[str, Any]]:
    """Every article's publication date and how it was obtained."""
    return store.dicts("SELECT id, coalesce(outlet, '(unknown)') AS outlet, title, published, published_source, "
                       f"published_evidence, published_flag FROM articles ORDER BY {ORDER}")  # fmt: skip


def date_sources(store: Connection) -> list[dict[str, Any]]:
    return store.dicts("SELECT published_source, count(*) AS articles FROM articles GROUP BY 1 ORDER BY 2 DESC")


def totals(store: Connection) -> dict[str, int]:
    """Articles, outlets, words, entity mentions and refused inputs stored."""
    found = store.rows("SELECT count(*), count(DISTINCT outlet), coalesce(sum(words), 0), "
                       "(SELECT count(*) FROM mentions), (SELECT count(*) FROM rejected) FROM articles")[0]  # fmt: skip
    return dict(zip(("articles", "outlets", "words", "mentions", "rejected"), map(int, found), strict=True))


def lead_ends(store: Connection) -> dict[str, dict[str, Any]]:
    """Every article's URL, outlet, dates and where its first paragraph ends (for the GDELT root-event flag)."""
    return {r["id"]: r for r in store.dicts(
        "SELECT id, url, outlet, published, ingested_at, "
        "coalesce(nullif(strpos(text, chr(10) || chr(10)), 0), length(text)) AS lead_end FROM articles"
    )}  # fmt: skip
