"""Gather everything a report shows, from the store and the public API only, then write it as HTML or Markdown."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import newsweave
from newsweave import store_fusion
from newsweave.errors import NotFoundError, UsageError
from newsweave.fuse.framing import KEY_EVENT_SOURCES
from newsweave.report import plots
from newsweave.report.briefing import briefing, safe_url
from newsweave.report.key_dates import story_days
from newsweave.report.timeline import salient_rows
from newsweave.store import Store

KEY_ACTORS = 12
KEY_EVENTS = 15
TIMELINE_DATES = 20  # the report's timeline: events on the story's 20 most salient days (`newsweave timeline --dates`)
WINDOW_MARGIN_DAYS = 7
FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}

_KEY_ACTORS_SQL = """
SELECT am.actor_id AS id, count(*) AS story_mentions
FROM actor_mentions m JOIN actor_members am USING (article_id, local_id)
JOIN actors ac ON ac.id = am.actor_id
WHERE m.article_id IN (SELECT unnest(?::VARCHAR[])) AND ac.kind <> 'media'
GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?
"""
_ARTICLES_SQL = """
SELECT id, url, outlet, title, published, published_source, text FROM articles
WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY published NULLS LAST, outlet, id
"""


def write_report(db: str | Path | None = None, *, story: str | None = None, out: Path) -> Path:
    """Write the report of ``story`` (the largest by default) to ``out``; ``.html`` or ``.md`` picks the format."""
    out = Path(out)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise UsageError(f"report file must end in .html or .md, not {out.name!r}")
    data = collect(db, story=story)
    if fmt == "html":
        from newsweave.report.html import render_html

        text = render_html(data)
    else:
        from newsweave.report.markdown import render_markdown

        text = render_markdown(data)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


def collect(db: str | Path | None = None, *, story: str | None = None) -> dict[str, Any]:
    """Every section of the report as plain data."""
    found = newsweave.stories(db, story=story)
    if not found:
        raise NotFoundError("no stories yet (run `newsweave analyze`)")
    picked = found[0]
    members = list(picked["article_ids"])
    framing = newsweave.framing(db, story=picked["id"])
    conflicts = _story_conflicts(newsweave.conflicts(db), set(members))
    copies = [d for d in newsweave.duplicates(db) if d["article_id"] in members or d["copy_of"] in members]
    graph = newsweave.actor_graph(db)
    with newsweave.open_store(db, read_only=True) as store:
        data = _from_store(store, picked, members)
    key_ids = [a["id"] for a in data["actors"]]
    return {
        **data,
        "conflicts": conflicts,
        "coverage": coverage(data["events"], framing),
        "syndication": syndication(copies, data["articles"]),
        "plots": {
            "events_per_day": plots.events_per_day(data["events"], window=_window(picked)),
            "articles_per_outlet": plots.articles_per_outlet(list(data["articles"].values())),
            "actor_graph": plots.actor_graph(graph, keep=key_ids),
        },
    }


def _window(story: Mapping[str, Any]) -> tuple[date, date] | None:
    """The story's dates with a week's margin: events dated years away (history, background) stay off the plot."""
    first, last = story.get("first_date"), story.get("last_date")
    if first is None or last is None:
        return None
    return first - timedelta(days=WINDOW_MARGIN_DAYS), last + timedelta(days=WINDOW_MARGIN_DAYS)


def _from_store(store: Store, picked: Mapping[str, Any], members: Sequence[str]) -> dict[str, Any]:
    wanted = set(members)
    events = [e for e in store.events() if wanted & set(e["article_ids"])]
    articles = {r["id"]: r for r in store.query(_ARTICLES_SQL, [list(members)])}
    source_of = store_fusion.source_keys(store)
    items = briefing(events, articles, source_of=source_of)
    return {
        "story": {**picked, "articles": len(members)},
        "events": events,
        "articles": articles,
        "briefing": items,
        "timeline": salient_rows(events, story_days(store, events, k=TIMELINE_DATES, story=picked["id"])),
        "actors": key_actors(store, members),
        "evidence": evidence(items, articles),
        "sources": sources(articles, source_of),
    }


def key_actors(store: Store, members: Sequence[str], *, top: int = KEY_ACTORS) -> list[dict[str, Any]]:
    """The story's most mentioned actors (outlets left out) with kind, country, aliases and dated roles."""
    ranked = store.query(_KEY_ACTORS_SQL, [list(members), top])
    every = {a["id"]: a for a in store.actors()}
    return [{**every[r["id"]], "story_mentions": r["story_mentions"]} for r in ranked if r["id"] in every]


def evidence(items: Sequence[Mapping[str, Any]], articles: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every span the briefing cites, once, with its trigger split out for highlighting."""
    spans: dict[str, dict[str, Any]] = {}
    for item in items:
        for cite in item["citations"]:
            if cite["anchor"] not in spans:
                spans[cite["anchor"]] = _evidence_entry(cite, item, articles[cite["article_id"]])
    return sorted(spans.values(), key=lambda e: (str(e["date"]), e["outlet"], e["anchor"]))


def _evidence_entry(cite: Mapping[str, Any], item: Mapping[str, Any], article: Mapping[str, Any]) -> dict[str, Any]:
    text, start, end = article["text"], cite["start"], cite["end"]
    t0 = max(start, min(cite.get("trigger_start") or start, end))
    t1 = max(t0, min(cite.get("trigger_end") or t0, end))
    return {
        **cite,
        "event_id": item["event_id"],
        "title": article.get("title"),
        "before": text[start:t0],
        "trigger": text[t0:t1],
        "after": text[t1:end],
    }


def sources(articles: Mapping[str, Mapping[str, Any]], source_of: Mapping[str, str]) -> list[dict[str, Any]]:
    """The story's articles, each with its anchor and safe link."""
    return [
        {
            "article_id": a["id"],
            "anchor": f"art-{a['id']}",
            "outlet": a["outlet"] or "unknown outlet",
            "date": a["published"],
            "published_source": a["published_source"],
            "title": a["title"],
            "url": safe_url(a["url"]),
            "source": source_of.get(a["id"], a["id"]),
        }
        for a in articles.values()
    ]


def coverage(events: Sequence[Mapping[str, Any]], framing: Mapping[str, Any]) -> dict[str, Any]:
    """Outlet × key event matrix (reported or not) and the voices each outlet quotes."""
    outlets = framing["outlets"]
    key = [e for e in events if (e.get("num_independent_sources") or 1) >= KEY_EVENT_SOURCES]
    key.sort(key=lambda e: (-(e.get("num_independent_sources") or 1), str(e["date"]), e["id"]))
    key = sorted(key[:KEY_EVENTS], key=lambda e: (str(e["date"]), e["id"]))
    reported = {o["outlet"]: set(o["events_reported"]) for o in outlets}
    rows = [
        {
            "event_id": e["id"],
            "date": e["date"],
            "type": e["type"],
            "modality": e["modality"],
            "actors": ", ".join(a["name"] for a in e["source"][:2]),
            "num_independent_sources": e.get("num_independent_sources") or 1,
            "cells": [e["id"] in reported[o["outlet"]] for o in outlets],
        }
        for e in key
    ]
    voices = [{"outlet": o["outlet"], "voices": o["quoted_voices"], "articles": len(o["articles"])} for o in outlets]
    return {"outlets": [o["outlet"] for o in outlets], "rows": rows, "voices": voices}


def syndication(copies: Sequence[Mapping[str, Any]], articles: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Copies grouped under the article they copy."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for copy in copies:
        groups.setdefault(copy["copy_of"], []).append(
            {"article_id": copy["article_id"], "anchor": f"art-{copy['article_id']}", "outlet": copy["outlet"],
             "kind": copy["kind"], "similarity": copy["similarity"], "title": copy["title"],
             "date": (articles.get(copy["article_id"]) or {}).get("published")}
        )  # fmt: skip
    outlet_of = {c["copy_of"]: c["original_outlet"] for c in copies}
    return [
        {
            "article_id": original,
            "anchor": f"art-{original}",
            "outlet": outlet_of[original] or "unknown outlet",
            "title": (articles.get(original) or {}).get("title"),
            "date": (articles.get(original) or {}).get("published"),
            "copies": found,
        }
        for original, found in groups.items()
    ]


def _story_conflicts(found: Sequence[Mapping[str, Any]], members: set[str]) -> list[dict[str, Any]]:
    """Conflicts with at least one value from the story's articles, values ordered by date then figure."""
    chosen = []
    for conflict in found:
        if any(members & set(v["article_ids"]) for v in conflict["values"]):
            values = sorted(conflict["values"], key=lambda v: (str(v["as_of"]), v["value_low"]))
            chosen.append({**conflict, "values": [{**v, "anchors": [f"art-{a}" for a in v["article_ids"]]}
                                                  for v in values]})  # fmt: skip
    return chosen
