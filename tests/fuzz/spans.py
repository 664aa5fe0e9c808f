"""Read every stored span back from a store and check it against its article's stored text."""

from __future__ import annotations

from newsweave.store import Store

SPAN_QUERIES = {
    "mentions": 'SELECT article_id, start, "end", text FROM mentions',
    "actor_mentions": 'SELECT article_id, start, "end", text FROM actor_mentions',
    "quotes": 'SELECT article_id, start, "end", text FROM quotes',
    "claims": 'SELECT article_id, start, "end", text FROM claims',
    "event triggers": "SELECT article_id, trigger_start, trigger_end, trigger_text FROM events",
    "event evidence": "SELECT article_id, evidence_start, evidence_end, evidence_text FROM events",
    "event dates": "SELECT article_id, date_start, date_end, date_text FROM events WHERE date_start IS NOT NULL",
}
COUNTED = ("articles", "mentions", "actor_mentions", "events", "quotes", "claims", "rejected", "doc_actors")


def stored_spans_match(store: Store) -> int:
    """Assert every span indexes into its article's text and equals its own text; return how many were checked."""
    texts = {r["id"]: r["text"] for r in store.query("SELECT id, text FROM articles")}
    checked = 0
    for table, sql in SPAN_QUERIES.items():
        for article_id, start, end, text in (tuple(r.values()) for r in store.query(sql)):
            assert article_id in texts, f"{table}: span of a missing article {article_id}"
            body = texts[article_id]
            assert 0 <= start <= end <= len(body), (table, start, end, len(body))
            assert body[start:end] == text, (table, start, end, body[start:end], text)
            checked += 1
    return checked


def counts(store: Store) -> dict[str, int]:
    return {t: int(store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"]) for t in COUNTED}
