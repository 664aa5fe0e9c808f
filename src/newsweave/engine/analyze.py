"""The corpus stages, in order: copies → stories → actors (role nouns resolved within their story) → merged events.

Each stage reads what it needs from the store, calls the pure functions of
``fuse/`` and writes its table back. Copies and stories are incremental (only
articles new since the last run are placed; ids stay stable); actors and merged
events are re-derived from blocked comparisons, which keeps them sub-quadratic.

Every stage writes in one transaction, so a run killed part-way leaves each
table as it was before the stage or as it is after it; the run is recorded as
finished only after the last stage, and ``ingest`` re-runs the stages while a
killed run left them unfinished.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newsweave import store_fusion as tables
from newsweave import store_queries as queries
from newsweave.engine.coref_input import coref_type, with_vectors
from newsweave.fuse import coref, corroborate, dedup, stories
from newsweave.fuse.actors import resolve
from newsweave.store import Store

Progress = Callable[[str], None]


def resolve_actors(store: Store) -> int:
    """Re-cluster every article's local actors across the corpus; returns the number of actors."""
    story_of = tables.story_of(store)
    return store.replace_actors(resolve(store.doc_actors(), order=store.article_order(), story_of=story_of or None))


def find_copies(store: Store) -> int:
    """Index new articles in the LSH bands, label their candidate pairs, re-point every copy. Returns copies."""
    new = tables.unbanded(store)
    if new:
        with store.transaction():  # bands and pairs together: banded articles are never compared again
            _index_new(store, new)
    pairs = tables.pairs(store)
    members = tables.docs(store, {x for p in pairs for x in (p.copy, p.original)})
    copies = dedup.syndications(members, pairs)
    tables.replace_duplicates(store, copies)
    return len(copies)


def _index_new(store: Store, new: list[str]) -> None:
    """Put new articles in the LSH bands and store their labelled candidate pairs."""
    fresh = tables.docs(store, new)
    keys = {article_id: dedup.band_keys(dedup.signature(doc.text)) for article_id, doc in fresh.items()}
    tables.add_bands(store, keys)
    candidates = tables.band_candidates(store, new)
    candidates += _paraphrase_candidates(store, fresh)
    known = tables.docs(store, {x for pair in candidates for x in pair})
    tables.add_pairs(store, dedup.label_pairs((known[a], known[b]) for a, b in candidates))


def _paraphrase_candidates(store: Store, fresh: dict[str, dedup.Doc]) -> list[tuple[str, str]]:
    """New articles that name a stored outlet, and stored articles that name a new article's outlet."""
    by_outlet = {
        outlet: [dedup.Doc(article_id, 0, outlet, published, "") for article_id, published in items]
        for outlet, items in tables.outlet_articles(store).items()
    }
    pairs = [(a.article_id, b.article_id) for a, b in dedup.paraphrase_candidates(list(fresh.values()), by_outlet)]
    return pairs + tables.crediting(store, list(fresh.values()), dedup.PARAPHRASE_DAYS)


def place_stories(store: Store) -> int:
    """Assign articles not yet in a story, in ingestion order. Returns the number of stories."""
    index = stories.StoryIndex(tables.stories(store))
    members = []
    for article_id, published, mentions in tables.unstoried(store):
        members.append((article_id, index.assign(stories.describe(article_id, published, mentions))))
    tables.save_stories(store, (index.stories[i] for i in sorted(index.changed)), members)
    return len(index.stories)


def merge_events(store: Store) -> int:
    """Cluster every article's events into real events and record their support. Returns merged events."""
    events = store.article_events()
    order, story_of = store.article_order(), tables.story_of(store)
    names = _names(store)
    records = [_record(e, order, story_of, names.get(e["article_id"], [])) for e in events]
    cluster_of = coref.merge(records, threshold=coref.ARTICLE_THRESHOLD)
    source_of = tables.source_keys(store)
    members: dict[str, list[corroborate.Member]] = {}
    for event in events:
        members.setdefault(cluster_of[event["id"]], []).append(
            corroborate.Member(event["article_id"], event["outlet"], event["modality"], len(event["evidence"]))
        )
    support = {cluster: corroborate.support(group, source_of=source_of) for cluster, group in members.items()}
    tables.replace_clusters(store, cluster_of, support, then=queries.INDEX_SQL)
    return len(support)


def _names(store: Store) -> dict[str, list[tuple[int, str]]]:
    """Article → its entity mentions' normalised names with their offsets."""
    found: dict[str, list[tuple[int, str]]] = {}
    for m in store.mentions():
        name = stories.term(m["text"], m["label"])
        if name:
            found.setdefault(m["article_id"], []).append((m["start"], name))
    return found


def _record(event: dict[str, Any], order: dict[str, int], story_of: dict[str, str],
            names: list[tuple[int, str]]) -> coref.EventRecord:  # fmt: skip
    location = event["location"] or {}
    evidence = event["evidence"][0]
    record = coref.EventRecord(
        id=event["id"], seq=order.get(event["article_id"], 0), story=story_of.get(event["article_id"]),
        type=coref_type(str(event["type"]), event["trigger"] or ""), mode=event["mode"], date=event["date"],
        precision=event["date_precision"],
        stated=event["date_text"] is not None, sources=frozenset(a["id"] for a in event["source"]),
        targets=frozenset(a["id"] for a in event["target"]),
        country=location.get("country") if location.get("from_text") else None, doc=event["article_id"],
        sentence=evidence["start"], names=frozenset(n for at, n in names if evidence["start"] <= at < evidence["end"]),
        doc_names=frozenset(n for _, n in names),
    )  # fmt: skip
    return with_vectors(record, trigger=event["trigger"] or "", sentence=evidence["text"] or "")


def analyze(store: Store, *, progress: Progress | None = None) -> dict[str, int]:
    """Every corpus stage in order; returns the count each produced."""
    steps: list[tuple[str, Callable[[Store], int]]] = [
        ("duplicates", find_copies), ("stories", place_stories), ("actors", resolve_actors), ("events", merge_events)
    ]  # fmt: skip
    counts = {}
    for name, step in steps:
        if progress is not None:
            progress(name)
        counts[name] = step(store)
    store.mark_analyzed()
    return counts
