"""The extractive briefing: sentences taken verbatim from the articles, one per well-corroborated event.

Events are ranked by how many independent sources back them (copies count once),
then by confidence. For each, the evidence sentence that reads best on its own is
taken as it stands in the article (or, when it is too long, the clause around the
event's trigger, still verbatim). Every item cites the article it comes from and
the other independent outlets that report the same event, each with the span of
its evidence. Nothing is generated: every word can be found at the cited offsets.

Pure: event dicts (as ``Store.events()`` returns them) and article dicts in, items out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

MIN_ITEMS = 5
MAX_ITEMS = 12
MAX_CHARS = 300  # longer sentences are trimmed to the clause around the trigger
MIN_CHARS = 40
MAX_CITATIONS = 4
_CLAUSE_BREAK = re.compile(r"[;:]\s+|,\s+|\s+[—–]\s+")
_TERMINAL = (".", "!", "?", '"', "”", "’", "'")


@dataclass(frozen=True, slots=True)
class Pick:
    """A verbatim excerpt of one article: ``text == article_text[start:end]``."""

    article_id: str
    start: int
    end: int
    text: str
    clause: bool
    evidence: Mapping[str, Any]


def briefing(
    events: Sequence[Mapping[str, Any]],
    articles: Mapping[str, Mapping[str, Any]],
    *,
    source_of: Mapping[str, str],
    limit: int = 10,
) -> list[dict[str, Any]]:
    """Up to ``limit`` (5–12) extractive items in date order, each for a different event and sentence.

    ``articles`` maps article id → ``{outlet, published, url, text}``; ``source_of``
    maps article id → independent-source key (copies share their original's key).
    """
    limit = max(MIN_ITEMS, min(MAX_ITEMS, limit))
    items: list[dict[str, Any]] = []
    used: set[tuple[str, int]] = set()
    for event in sorted(events, key=rank):
        if len(items) >= limit:
            break
        pick = best_excerpt(event, articles, source_of=source_of, used=used)
        if pick is None:
            continue
        used.add((pick.article_id, pick.evidence["start"]))
        items.append(_item(event, pick, articles, source_of))
    items.sort(key=lambda i: (i["date"] or date.max, -i["num_independent_sources"], i["event_id"]))
    return items


def rank(event: Mapping[str, Any]) -> tuple[Any, ...]:
    """Most corroborated first: independent sources, confidence, articles, then stated over reported."""
    return (
        -(event.get("num_independent_sources") or 1),
        -(event.get("confidence") or 0.0),
        -(event.get("num_articles") or 1),
        event["modality"] in {"negated", "denied"},
        str(event["date"]),
        event["id"],
    )


def best_excerpt(
    event: Mapping[str, Any],
    articles: Mapping[str, Mapping[str, Any]],
    *,
    source_of: Mapping[str, str],
    used: set[tuple[str, int]],
) -> Pick | None:
    """The evidence sentence of ``event`` that reads best on its own, trimmed to a clause if too long."""
    candidates = []
    for span in event["evidence"]:
        article = articles.get(span["article_id"])
        if article is None or (span["article_id"], span["start"]) in used:
            continue
        pick = excerpt(article["text"], span)
        if pick is not None:
            candidates.append((_score(pick, event, article, source_of), pick))
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[0])[1]


def excerpt(text: str, span: Mapping[str, Any]) -> Pick | None:
    """The evidence sentence as it stands in ``text`` (whitespace trimmed), or its clause around the trigger."""
    start, end = span["start"], span["end"]
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    start, end = _strip(text, start, end)
    clause = False
    if end - start > MAX_CHARS and span.get("trigger_start") is not None:
        start, end = _clause(text, start, end, span["trigger_start"], span["trigger_end"])
        clause = True
    if end - start < MIN_CHARS:
        return None
    return Pick(span["article_id"], start, end, text[start:end], clause, span)


def tidy(text: str) -> str:
    """An evidence sentence without the stray punctuation and spacing the sentence splitter left around it."""
    start, end = _strip(text, 0, len(text))
    return " ".join(text[start:end].split())


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace, and stray punctuation left on a line of its own by the sentence splitter."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    head = text.find("\n", start, end)
    if head != -1 and not any(c.isalnum() for c in text[start:head]):
        return _strip(text, head + 1, end)
    tail = text.rfind("\n", start, end)
    if tail != -1 and not any(c.isalnum() for c in text[tail:end]):
        return _strip(text, start, tail)
    return start, end


def _clause(text: str, start: int, end: int, trigger_start: int, trigger_end: int) -> tuple[int, int]:
    """The clauses around the trigger, grown outwards while they fit in ``MAX_CHARS``."""
    cuts = [start] + [start + m.end() for m in _CLAUSE_BREAK.finditer(text[start:end])] + [end]
    segments = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1) if cuts[i] < cuts[i + 1]]
    if not segments:
        return start, end
    here = next((i for i, (a, b) in enumerate(segments) if a <= trigger_start < b), 0)
    low = high = here
    while True:
        grown = False
        for lo, hi in ((low - 1, high), (low, high + 1)):
            if lo >= 0 and hi < len(segments) and segments[hi][1] - segments[lo][0] <= MAX_CHARS:
                low, high, grown = lo, hi, True
                break
        if not grown:
            break
    a, b = segments[low][0], segments[high][1]
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:—–"):
        b -= 1
    return _strip(text, a, b)


def _score(
    pick: Pick, event: Mapping[str, Any], article: Mapping[str, Any], source_of: Mapping[str, str]
) -> tuple[Any, ...]:
    """Lower is better: whole sentences, from an original, that state the event's date, earliest first."""
    date_span = event.get("date_span") or {}
    dated = date_span.get("article_id") == pick.article_id and pick.start <= (date_span.get("start") or -1) < pick.end
    is_copy = source_of.get(pick.article_id, pick.article_id) != (article.get("outlet") or pick.article_id)
    return (
        pick.clause,
        not pick.text.endswith(_TERMINAL) or not balanced(pick.text),
        (pick.article_id, pick.evidence["start"]) not in _same_modality(event),
        is_copy,
        not dated,
        article.get("published") or date.max,
        pick.article_id,
        pick.start,
    )


def balanced(text: str) -> bool:
    """Quotation marks open and close within the excerpt (a quote cut in half reads wrong)."""
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def _same_modality(event: Mapping[str, Any]) -> set[tuple[str, int]]:
    """Evidence spans of the members that give the event its own modality (a 'planned' mention of a held summit
    is not the sentence to quote for it)."""
    members = event.get("members") or [event]
    return {
        (span["article_id"], span["start"])
        for member in members
        if member["modality"] == event["modality"]
        for span in member["evidence"]
    }


def _item(
    event: Mapping[str, Any], pick: Pick, articles: Mapping[str, Mapping[str, Any]], source_of: Mapping[str, str]
) -> dict[str, Any]:
    return {
        "event_id": event["id"],
        "type": event["type"],
        "modality": event["modality"],
        "date": event["date"],
        "num_independent_sources": event.get("num_independent_sources") or 1,
        "confidence": event.get("confidence"),
        "article_id": pick.article_id,
        "start": pick.start,
        "end": pick.end,
        "text": pick.text,
        "clause": pick.clause,
        "citations": citations(event, pick, articles, source_of),
    }


def citations(
    event: Mapping[str, Any], pick: Pick, articles: Mapping[str, Mapping[str, Any]], source_of: Mapping[str, str]
) -> list[dict[str, Any]]:
    """The excerpt's own article first, then one evidence span from each other independent source."""
    chosen = [pick.evidence]
    seen = {source_of.get(pick.article_id, pick.article_id)}
    for span in sorted(event["evidence"], key=lambda s: _published(articles, s["article_id"])):
        key = source_of.get(span["article_id"], span["article_id"])
        if key not in seen and span["article_id"] in articles and len(chosen) < MAX_CITATIONS:
            seen.add(key)
            chosen.append(span)
    return [citation(articles[s["article_id"]], s) for s in chosen]


def citation(article: Mapping[str, Any], span: Mapping[str, Any]) -> dict[str, Any]:
    """``[outlet, date]`` with the evidence span it points to and its in-page anchor."""
    return {
        "outlet": article.get("outlet") or "unknown outlet",
        "date": article.get("published"),
        "article_id": span["article_id"],
        "start": span["start"],
        "end": span["end"],
        "trigger_start": span.get("trigger_start"),
        "trigger_end": span.get("trigger_end"),
        "anchor": evidence_anchor(span["article_id"], span["start"]),
        "url": safe_url(article.get("url")),
    }


def evidence_anchor(article_id: str, start: int) -> str:
    return f"ev-{article_id}-{start}"


def safe_url(url: str | None) -> str | None:
    """An article's own URL if it is plain http(s); anything else (``javascript:``, relative) is dropped."""
    if url and re.match(r"https?://[^\s\"'<>]+$", url, re.I):
        return url
    return None


def _published(articles: Mapping[str, Mapping[str, Any]], article_id: str) -> tuple[date, str]:
    article = articles.get(article_id) or {}
    return (article.get("published") or date.max, article_id)
