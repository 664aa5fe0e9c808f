"""Quotes and numeric claims, each with its speakers or sources (local actors of its article)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from newsweave.model import Claim, Quote
from newsweave.store.schema import Columns, among

if TYPE_CHECKING:
    from newsweave.store.connection import Connection

# The quotes and claims tables are created by 0003_events_quotes_claims (store/events.py).
MIGRATIONS = (
    (
        "0005_claim_scope",
        "ALTER TABLE claims ADD COLUMN counted VARCHAR; ALTER TABLE claims ADD COLUMN owner VARCHAR; "
        "ALTER TABLE claims ADD COLUMN cumulative BOOLEAN;",
    ),
)

QUOTE_COLUMNS: Columns = {
    "article_id": pa.string(), "start": pa.int32(), "end": pa.int32(), "text": pa.string(), "direct": pa.bool_(),
    "cue": pa.string(), "speakers": pa.list_(pa.int32()),
}  # fmt: skip
CLAIM_COLUMNS: Columns = {
    "article_id": pa.string(), "start": pa.int32(), "end": pa.int32(), "text": pa.string(),
    "quantity": pa.string(), "subject": pa.string(), "value_low": pa.float64(), "value_high": pa.float64(),
    "unit": pa.string(), "approx": pa.string(), "as_of": pa.date32(), "sources": pa.list_(pa.int32()),
    "counted": pa.string(), "owner": pa.string(), "cumulative": pa.bool_(),
}  # fmt: skip

_ACTOR_NAMES = """
WITH u AS (SELECT article_id, start, unnest({column}) AS local_id, generate_subscripts({column}, 1) AS pos
           FROM {table})
SELECT u.article_id, u.start, list({{'id': am.actor_id, 'name': ac.name}} ORDER BY u.pos) AS actors
FROM u JOIN actor_members am ON am.article_id = u.article_id AND am.local_id = u.local_id
JOIN actors ac ON ac.id = am.actor_id GROUP BY 1, 2
"""


def quote_row(q: Quote) -> list[Any]:
    return [q.article_id, q.span.start, q.span.end, q.span.text, q.direct, q.cue, list(q.speakers)]


def claim_row(c: Claim) -> list[Any]:
    return [c.article_id, c.span.start, c.span.end, c.span.text, c.quantity, c.subject, c.value_low, c.value_high,
            c.unit, c.approx, c.as_of, list(c.sources), c.counted, c.owner, c.cumulative]  # fmt: skip


def _actors(store: Connection, table: str, column: str) -> dict[tuple[str, int], list[dict[str, str]]]:
    found = store.rows(_ACTOR_NAMES.format(table=table, column=column))
    return {(r[0], r[1]): r[2] for r in found}


def quotes(store: Connection, *, article: str | None = None) -> list[dict[str, Any]]:
    """Quotes (of one article, or all) with their speakers resolved to actors."""
    names = _actors(store, "quotes", "speakers")
    found = store.dicts(
        'SELECT article_id, start, "end", text, direct, cue FROM quotes WHERE ? IS NULL OR article_id = ? '
        "ORDER BY article_id, start",
        [article, article],
    )
    return [{**r, "speaker": names.get((r["article_id"], r["start"]), [])} for r in found]


def claims(store: Connection, *, quantity: str | None = None) -> list[dict[str, Any]]:
    """Numeric claims (of one quantity, or all) with their outlet and source actors."""
    names = _actors(store, "claims", "sources")
    found = store.dicts(
        'SELECT c.article_id, c.start, c."end", c.text, c.quantity, c.subject, c.value_low, c.value_high, c.unit, '
        "c.approx, c.as_of, a.outlet, c.counted, c.owner, coalesce(c.cumulative, false) AS cumulative "
        "FROM claims c JOIN articles a ON a.id = c.article_id "
        "WHERE ? IS NULL OR c.quantity = ? ORDER BY c.quantity, c.as_of, c.article_id, c.start",
        [quantity, quantity],
    )
    return [{**r, "source_actor": names.get((r["article_id"], r["start"]), [])} for r in found]


def speaker_kinds(store: Connection, article_ids: Sequence[str] | None) -> list[tuple[str, tuple[str, ...]]]:
    """Every quote in these articles (all with None) as (article id, the kinds of its speakers)."""
    sql = """SELECT q.article_id, q.start, list(ac.kind ORDER BY ac.kind) FILTER (WHERE ac.kind IS NOT NULL)
             FROM quotes q LEFT JOIN LATERAL (SELECT unnest(q.speakers) AS local_id) s ON true
             LEFT JOIN actor_members am ON am.article_id = q.article_id AND am.local_id = s.local_id
             LEFT JOIN actors ac ON ac.id = am.actor_id
             {where} GROUP BY 1, 2 ORDER BY 1, 2"""
    where, params = among("q.article_id", article_ids)
    return [(r[0], tuple(r[2] or ())) for r in store.rows(sql.format(where=where), params)]


def count(store: Connection) -> dict[str, int]:
    found = store.rows("SELECT (SELECT count(*) FROM quotes), (SELECT count(*) FROM claims)")[0]
    return {"quotes": int(found[0]), "claims": int(found[1])}
