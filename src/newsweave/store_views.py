"""Read views over the store for events, quotes, claims and the timeline (dicts in, dicts out)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

# A stated date before the publication date that stands in for an event no words date.
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "publication": 4, None: 5}

EVENT_ROWS = """
SELECT e.*, a.outlet FROM events e JOIN articles a ON a.id = e.article_id
WHERE (? IS NULL OR e.type = ?) AND (? IS NULL OR e.article_id = ?)
ORDER BY e.article_id, e.event, e.mention
"""
ARG_ROWS = """
SELECT g.article_id, g.mention, g.role, am.actor_id, ac.name
FROM event_args g
JOIN actor_members am ON am.article_id = g.article_id AND am.local_id = g.local_id
JOIN actors ac ON ac.id = am.actor_id
"""
_ACTOR_NAMES = """
WITH u AS (SELECT article_id, start, unnest({column}) AS local_id, generate_subscripts({column}, 1) AS pos
           FROM {table})
SELECT u.article_id, u.start, list({'id': am.actor_id, 'name': ac.name} ORDER BY u.pos) AS actors
FROM u JOIN actor_members am ON am.article_id = u.article_id AND am.local_id = u.local_id
JOIN actors ac ON ac.id = am.actor_id GROUP BY 1, 2
"""


def event_id(article_id: str, event: int) -> str:
    return f"evt_{article_id}_{event}"


def split_event_id(event_id: str) -> tuple[str, int] | None:
    """``evt_<article>_<n>`` → (article id, event number); ``None`` for anything else."""
    head, _, number = event_id.rpartition("_")
    if not head.startswith("evt_") or not number.isdigit():
        return None
    return head.removeprefix("evt_"), int(number)


def group_events(rows: list[dict[str, Any]], args: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per event of an article, with every mention's sentence as evidence."""
    roles: dict[tuple[str, int, str], list[dict[str, str]]] = defaultdict(list)
    for arg in args:
        actor = {"id": arg["actor_id"], "name": arg["name"]}
        key = (arg["article_id"], arg["mention"], arg["role"])
        if actor not in roles[key]:
            roles[key].append(actor)
    events: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        events[(row["article_id"], row["event"])].append(row)
    return [_event(article_id, number, mentions, roles) for (article_id, number), mentions in events.items()]


def _event(article_id: str, number: int, mentions: list[dict[str, Any]], roles: dict[Any, Any]) -> dict[str, Any]:
    first = mentions[0]
    dated = min(mentions, key=_date_choice)
    countries = Counter(m["place_country"] for m in mentions if m["place_country"])
    top = countries.most_common(1)[0][0] if countries else None
    located = next((m for m in mentions if top and m["place_country"] == top), first)

    def actors(role: str) -> list[dict[str, str]]:
        found: list[dict[str, str]] = []
        for m in mentions:
            found += [a for a in roles.get((article_id, m["mention"], role), []) if a not in found]
        return found

    return {
        "id": event_id(article_id, number), "type": first["type"], "mode": first["mode"],
        "modality": first["modality"], "source": actors("source"), "target": actors("target"),
        "date": dated["date"], "date_precision": dated["date_precision"], "date_text": dated["date_text"],
        "date_uncertain": dated["date_uncertain"],
        "date_span": {"article_id": article_id, "start": dated["date_start"], "end": dated["date_end"]}
        if dated["date_start"] is not None else None,
        "location": {"name": located["place"], "country": located["place_country"], "lat": located["lat"],
                     "lon": located["lon"], "from_text": located["place_from_text"]} if located["place"] else None,
        "cameo": first["cameo"], "cameo_root": first["cameo_root"], "quad_class": first["quad_class"],
        "goldstein": first["goldstein"], "article_id": article_id, "outlet": first["outlet"],
        "trigger": first["trigger_text"],
        "evidence": [{"article_id": article_id, "start": m["evidence_start"], "end": m["evidence_end"],
                      "text": m["evidence_text"], "trigger_start": m["trigger_start"],
                      "trigger_end": m["trigger_end"]} for m in mentions],
    }  # fmt: skip


def _date_choice(mention: dict[str, Any]) -> tuple[int, int, str]:
    """Prefer a date the text states, then the most precise, then the earliest (an event is dated by when it began)."""
    return (mention["date_text"] is None, PRECISION_RANK.get(mention["date_precision"], 5), str(mention["date"]))


def summary_line(event: dict[str, Any], *, limit: int = 200) -> str:
    """A short extractive line for the timeline: the evidence sentence, trimmed at a word."""
    text = " ".join(event["evidence"][0]["text"].split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def timeline(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    dated = [e for e in events if e["date"] is not None]
    dated.sort(key=lambda e: (e["date"], PRECISION_RANK.get(e["date_precision"], 5), e["id"]))
    return [
        {"date": e["date"], "precision": e["date_precision"], "event_id": e["id"], "type": e["type"],
         "modality": e["modality"], "summary": summary_line(e), "article_ids": e.get("article_ids", [e["article_id"]]),
         "num_independent_sources": e.get("num_independent_sources", 1)}
        for e in dated
    ]  # fmt: skip


def actor_lists(sql_table: str, column: str) -> str:
    return _ACTOR_NAMES.replace("{table}", sql_table).replace("{column}", column)


CLUSTER_ROWS = """
SELECT c.article_id, c.event, c.cluster, s.num_mentions, s.num_articles, s.num_outlets, s.num_independent_sources,
       s.confidence, s.denied, s.modalities
FROM event_clusters c LEFT JOIN event_support s ON s.cluster = c.cluster
"""


def merge_events(events: list[dict[str, Any]], clusters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Article events grouped into the real events coreference found, each with its members and support.

    Without an analysis (``ingest --no-analyze``) every article event stands alone.
    """
    by_event = {event_id(c["article_id"], c["event"]): c for c in clusters}
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        cluster = by_event.get(event["id"])
        groups[cluster["cluster"] if cluster else event["id"]].append(event)
    return [_merged(key, members, by_event.get(members[0]["id"])) for key, members in groups.items()]


def _merged(key: str, members: list[dict[str, Any]], cluster: dict[str, Any] | None) -> dict[str, Any]:
    lead = next((m for m in members if m["id"] == key), members[0])
    dated = _consensus_date(members) or lead
    located = Counter(m["location"]["country"] for m in members if m["location"] and m["location"]["from_text"])
    place = next((m["location"] for m in members if m["location"] and m["location"]["country"] ==
                  (located.most_common(1)[0][0] if located else None)), lead["location"])  # fmt: skip
    modality = Counter(m["modality"] for m in members).most_common()
    evidence = [span for m in members for span in m["evidence"]]
    return {
        **lead, "id": key,
        "modality": lead["modality"] if modality[0][1] == 1 else modality[0][0],
        "source": _union(members, "source"), "target": _union(members, "target"),
        "date": dated["date"], "date_precision": dated["date_precision"], "date_text": dated["date_text"],
        "date_uncertain": dated["date_uncertain"], "date_span": dated["date_span"], "location": place,
        "evidence": evidence, "article_ids": sorted({m["article_id"] for m in members}),
        "num_mentions": cluster["num_mentions"] if cluster else len(evidence),
        "num_articles": cluster["num_articles"] if cluster else 1,
        "num_outlets": cluster["num_outlets"] if cluster else 1,
        "num_independent_sources": cluster["num_independent_sources"] if cluster else 1,
        "confidence": cluster["confidence"] if cluster else None,
        "denied": cluster["denied"] if cluster else lead["modality"] == "denied",
        "members": members,
    }  # fmt: skip


def _consensus_date(members: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The date most members state (the most precise, then earliest, on a tie)."""
    stated = [m for m in members if m["date_text"] is not None]
    if not stated:
        return None
    votes = Counter(m["date"] for m in stated)
    return min(stated, key=lambda m: (-votes[m["date"]], *_date_choice(m)))


def _union(members: list[dict[str, Any]], role: str) -> list[dict[str, str]]:
    counts = Counter(a["id"] for m in members for a in m[role])
    names = {a["id"]: a for m in members for a in m[role]}
    return [names[i] for i, _ in sorted(counts.items(), key=lambda kv: -kv[1])]
