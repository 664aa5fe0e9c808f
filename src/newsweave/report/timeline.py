"""The story's timeline: dated events with their actors, place, support and modality.

Modality is part of what a reader must see at a glance: an event that was only
threatened, denied, reported by someone, planned or conditional is marked with
its own label and style, so it never reads as something that happened.

Pure: merged event dicts in, row dicts out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsweave.store_views import PRECISION_RANK, summary_line

# How each modality is shown: a label (empty for asserted facts) and a CSS class / Markdown emphasis.
MODALITY_LABELS = {
    "asserted": "",
    "reported": "reported",
    "threatened": "threatened",
    "denied": "denied",
    "planned": "planned",
    "conditional": "conditional",
    "negated": "did not happen",
}
MARKDOWN_STYLE = {"reported": "_", "planned": "_", "conditional": "_", "threatened": "**", "denied": "~~",
                  "negated": "~~"}  # fmt: skip


def timeline_rows(events: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Dated events in date order (then precision), one row each."""
    dated = [e for e in events if e["date"] is not None]
    dated.sort(key=lambda e: (e["date"], PRECISION_RANK.get(e["date_precision"], 5), e["id"]))
    return [row(e) for e in dated]


def row(event: Mapping[str, Any]) -> dict[str, Any]:
    location = event.get("location") or {}
    modality = event["modality"]
    return {
        "event_id": event["id"],
        "date": event["date"],
        "precision": event["date_precision"],
        "type": event["type"],
        "mode": event["mode"],
        "modality": modality,
        "modality_label": MODALITY_LABELS.get(modality, modality),
        "source": [a["name"] for a in event["source"]],
        "target": [a["name"] for a in event["target"]],
        "place": location.get("name"),
        "country": location.get("country"),
        "num_independent_sources": event.get("num_independent_sources") or 1,
        "num_articles": event.get("num_articles") or 1,
        "summary": summary_line(dict(event)),
        "article_id": event["evidence"][0]["article_id"],
        "evidence_start": event["evidence"][0]["start"],
    }


def date_label(value: Any, precision: str | None) -> str:
    """A date as the reader should take it: ``2023-08-03``, ``week of 2023-07-31``, ``2023-08``, ``reported
    2023-08-09`` (no words date it: its article's publication date stands in)."""
    text = str(value)
    if precision == "publication":
        return f"reported {text}"
    if precision == "week":
        return f"week of {text}"
    if precision == "month":
        return text[:7]
    if precision == "year":
        return text[:4]
    return text
