"""A readable overview of a store: outlets, dates and how they were obtained, top actors, rejects."""

from __future__ import annotations

from typing import Any

from newsweave.corpus import Corpus


def summarize(corpus: Corpus, *, top: int = 12) -> dict[str, Any]:
    """Everything the demo prints, as plain data."""
    timeline = corpus.timeline().items
    return {
        "status": corpus.status(),
        **corpus.overview(),
        "top_actors": [{**actor, "aliases": len(actor["aliases"])} for actor in corpus.actors()[:top]],
        "rejected": corpus.rejected(),
        "timeline": [row for row in timeline if row["precision"] == "day"][-top:],
    }
