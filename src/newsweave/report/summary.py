"""A readable overview of a store: outlets, dates and how they were obtained, top names, rejects."""

from __future__ import annotations

from typing import Any

from newsweave.store import Store

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def summarize(store: Store, *, top: int = 12) -> dict[str, Any]:
    """Everything the demo prints, as plain data."""
    return {
        "status": store.status(),
        "outlets": store.query(
            "SELECT coalesce(outlet, '(unknown)') AS outlet, count(*) AS articles "
            "FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
        ),
        "dates": store.query(
            "SELECT id, coalesce(outlet, '(unknown)') AS outlet, title, published, published_source, "
            "published_evidence, published_flag FROM articles ORDER BY published NULLS LAST, outlet, id"
        ),
        "date_sources": store.query(
            "SELECT published_source, count(*) AS articles FROM articles GROUP BY 1 ORDER BY 2 DESC"
        ),
        "top_names": store.query(
            "SELECT text AS name, label, count(*) AS mentions, count(DISTINCT article_id) AS articles "
            f"FROM mentions WHERE label IN {ACTOR_LABELS} GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT ?",
            [top],
        ),
        "rejected": store.rejected(),
    }
