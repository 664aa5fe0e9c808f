"""The story's timeline: dated events with their actors, place, support and modality; its key dates.

Modality is part of what a reader must see at a glance: an event that was only
threatened, denied, reported by someone, planned or conditional is marked with
its own label and style, so it never reads as something that happened.

Key dates are the K most salient days (``fuse.salience``: how many independent
sources state each day), each with an extractive summary line and its citation:
the best supported event dated that day, else the sentence of a source that
states the day.

Pure: merged event dicts (and date mentions) in, row dicts out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from newsweave.fuse.salience import DateMention, DaySalience, rank_days, stated_days
from newsweave.model import precision_rank, summary_line

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
    dated.sort(key=lambda e: (e["date"], precision_rank(e["date_precision"]), e["id"]))
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
        "summary": summary_line(event["evidence"][0]["text"]),
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


def salient_days(
    events: Sequence[Mapping[str, Any]],
    mentions: Sequence[DateMention],
    *,
    source_of: Mapping[str, str],
    published: Mapping[str, date | None],
    k: int,
) -> list[DaySalience]:
    """The ``k`` most salient days, most salient first."""
    days = [e["date"] for e in events if e["date"] is not None and e["date_precision"] == "day"]
    issued = [(article_id, day) for article_id, day in published.items() if day is not None]
    return rank_days(stated_days(mentions), source_of=source_of, event_days=days, published=issued)[:k]


def key_dates(events: Sequence[Mapping[str, Any]], days: Sequence[DaySalience], texts: Mapping[str, str]
              ) -> list[dict[str, Any]]:  # fmt: skip
    """One row per salient day, in date order: its salience, the line of its best supported event (one whose
    sentence states the day first), or the sentence of a source that states it (``texts``: article id → text,
    for the days no event is dated on)."""
    rows = []
    for day in sorted(days, key=lambda d: d.day):
        dated = [e for e in events if e["date"] == day.day and e["date_precision"] == "day"]
        best = max(dated, key=lambda e: (e.get("date_text") is not None, e.get("num_independent_sources") or 1,
                                         e["id"]), default=None)  # fmt: skip
        base = {"date": day.day, "salience": round(day.score, 2), "stating_sources": day.sources,
                "events": day.events, "published": day.published}  # fmt: skip
        if best is not None:
            evidence = best["evidence"][0]
            cite = {"article_id": evidence["article_id"], "start": evidence["start"], "end": evidence["end"]}
            rows.append({**base, "summary": summary_line(evidence["text"]), "event_id": best["id"], **cite})
        else:
            rows.append({**base, **_stated_line(day, texts)})
    return rows


def _stated_line(day: DaySalience, texts: Mapping[str, str]) -> dict[str, Any]:
    """The sentence around the first statement of the day that has its article's text."""
    for stated in day.stated:
        text = texts.get(stated.article_id)
        if text:
            start, end = _sentence_around(text, stated.start, stated.end)
            return {"summary": summary_line(text[start:end]), "event_id": None, "article_id": stated.article_id,
                    "start": start, "end": end}  # fmt: skip
    return {"summary": "", "event_id": None, "article_id": None, "start": None, "end": None}


_BOUNDARY = re.compile(r"(?<=[.!?])\s+|\n+")


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _BOUNDARY.finditer(text, 0, start)]
    after = _BOUNDARY.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def salient_rows(events: Sequence[Mapping[str, Any]], days: Sequence[DaySalience]) -> list[dict[str, Any]]:
    """Timeline rows of the events dated on the salient days (a report's timeline), each with its day's
    salience."""
    score = {d.day: round(d.score, 2) for d in days}
    return [{**r, "salience": score[r["date"]]} for r in timeline_rows(events) if r["date"] in score]
