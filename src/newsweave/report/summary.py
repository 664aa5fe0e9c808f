"""A readable overview of a store: outlets, dates and how they were obtained, top actors, rejects."""

from __future__ import annotations

from typing import Any

from newsweave.store import Store


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
        "top_actors": [{**actor, "aliases": len(actor["aliases"])} for actor in store.actors()[:top]],
        "rejected": store.rejected(),
        "timeline": [row for row in store.timeline() if row["precision"] == "day"][-top:],
    }
