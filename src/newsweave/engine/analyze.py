"""The corpus stages, in order: copies → stories → actors (role nouns resolved within their story) → real events.

Each stage reads what it needs from the store, calls the pure functions of
``fuse/`` and writes its tables back in one transaction. The work follows what
changed since the last finished analysis:

- copies: new articles join the LSH bands; only the copy clusters that hold a
  new article are relabelled;
- stories: only articles not yet in a story are placed (ids never change);
- actors: every local actor is re-clustered (blocked union-find), and only the
  articles whose actors changed id, name or kind are marked;
- real events: the stories of every marked article (new articles, changed
  copies, changed actors) are merged again with their story records and
  framing; the rest of the store is left as it is, and conflicts are recounted.

A stage that changes something marks the articles it touched in the same
transaction as its change (``dirty_articles``), so a run killed part-way leaves
every table as it was before a stage or as it is after it, and the next run
redoes exactly what is left. The run is recorded as finished only after the
last stage; ``ingest`` re-runs the stages while a killed run left them
unfinished. A store that was never analysed is analysed whole.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from newsweave.engine.coref_input import coref_type, with_vectors
from newsweave.fuse import coref, corroborate, dedup, real_events, stories
from newsweave.fuse.actors import cluster_actors
from newsweave.fuse.conflicts import find_conflicts
from newsweave.fuse.framing import Label, Voice, framing
from newsweave.model import Event, EventMember, Story, StoryActor
from newsweave.store import Store
from newsweave.store import actors as actor_table
from newsweave.store import articles as article_table
from newsweave.store import claims as claim_table
from newsweave.store import events as event_table
from newsweave.store import fusion as tables

Progress = Callable[[str], None]
TOP_ACTORS = 5  # actors named in a story record


@dataclass(frozen=True, slots=True)
class Run:
    """What this analysis works on: articles stored since the last finished one (``full`` when never analysed)."""

    new: list[str]
    full: bool

    @classmethod
    def of(cls, store: Store) -> Run:
        done = tables.analysed(store)
        return cls(article_table.since(store, done[1] if done else -1), done is None)


def find_copies(store: Store, run: Run) -> int:
    """Index new articles in the LSH bands and label their candidate pairs, then re-point the copies of every
    copy cluster holding a new article. Returns the number of copies relabelled."""
    unbanded = tables.unbanded(store, None if run.full else run.new)
    if unbanded:
        with store.transaction():  # bands and pairs together: banded articles are never compared again
            _index_new(store, unbanded)
    pairs = [dedup.Pair(a, b, cast(dedup.Kind, kind), similarity) for a, b, kind, similarity in tables.pairs(store)]
    clusters = _copy_clusters(pairs, None if run.full else set(run.new))
    members = {x for group in clusters for x in group}
    wanted = [p for p in pairs if p.copy in members]
    found = dedup.syndications(_docs(store, members), wanted)
    before = tables.copy_of(store)
    changed = {s.article_id for s in found if before.get(s.article_id) != s.copy_of}
    changed |= {a for a in members if a in before} - {s.article_id for s in found}
    with store.transaction():
        tables.replace_copies(store, [[s.article_id, s.copy_of, s.kind, s.similarity] for s in found],
                              articles=None if run.full else sorted(members))  # fmt: skip
        tables.mark_dirty(store, changed | {before.get(a, a) for a in changed})
    return len(tables.copy_of(store))


def _copy_clusters(pairs: Sequence[dedup.Pair], touching: set[str] | None) -> list[set[str]]:
    """The groups of articles linked by labelled pairs (only those holding an article of ``touching``; all
    with None), found by walking the links from each such article."""
    linked: dict[str, set[str]] = defaultdict(set)
    for pair in pairs:
        linked[pair.copy].add(pair.original)
        linked[pair.original].add(pair.copy)
    seen: set[str] = set()
    groups = []
    for start in sorted(linked if touching is None else touching & linked.keys()):
        if start in seen:
            continue
        group, todo = {start}, [start]
        while todo:
            fresh = linked[todo.pop()] - group
            group |= fresh
            todo += fresh
        seen |= group
        groups.append(group)
    return groups


def _docs(store: Store, ids: set[str] | list[str]) -> dict[str, dedup.Doc]:
    return {r[0]: dedup.Doc(r[0], int(r[1]), r[2], r[3], r[4], tuple(r[5])) for r in tables.docs(store, ids)}


def _index_new(store: Store, new: list[str]) -> None:
    """Put new articles in the LSH bands and store their labelled candidate pairs."""
    fresh = _docs(store, new)
    keys = {article_id: dedup.band_keys(dedup.signature(doc.text)) for article_id, doc in fresh.items()}
    tables.add_bands(store, keys)
    candidates = tables.band_candidates(store, new)
    candidates += _paraphrase_candidates(store, fresh)
    known = _docs(store, {x for pair in candidates for x in pair})
    labelled = dedup.label_pairs((known[a], known[b]) for a, b in candidates)
    tables.add_pairs(store, [[p.copy, p.original, p.kind, p.similarity] for p in labelled])


def _paraphrase_candidates(store: Store, fresh: dict[str, dedup.Doc]) -> list[tuple[str, str]]:
    """New articles that name a stored outlet, and stored articles that name a new article's outlet."""
    by_outlet = {
        outlet: [dedup.Doc(article_id, 0, outlet, published, "") for article_id, published in items]
        for outlet, items in tables.outlet_articles(store).items()
    }
    pairs = [(a.article_id, b.article_id) for a, b in dedup.paraphrase_candidates(list(fresh.values()), by_outlet)]
    return pairs + _crediting(store, list(fresh.values()))


def _crediting(store: Store, fresh: Sequence[dedup.Doc]) -> list[tuple[str, str]]:
    """Stored articles (not among ``fresh``) that name a fresh article's outlet within the paraphrase window."""
    by_outlet: dict[str, list[dedup.Doc]] = defaultdict(list)
    for doc in fresh:
        if doc.outlet:
            by_outlet[doc.outlet].append(doc)
    pairs = []
    for article_id, published, named in tables.naming(store, list(by_outlet), besides=[d.article_id for d in fresh]):
        for outlet in set(named):
            pairs += [(doc.article_id, article_id) for doc in by_outlet.get(outlet, [])
                      if dedup.within_days(published, doc.published, dedup.PARAPHRASE_DAYS)]  # fmt: skip
    return pairs


def place_stories(store: Store, run: Run) -> int:
    """Assign articles not yet in a story, in ingestion order. Returns the number of stories."""
    index = stories.StoryIndex(
        stories.Story(r.id, r.first_date, r.last_date, r.size, Counter(r.terms), dict(r.forms))
        for r in tables.story_rows(store)
    )
    members = []
    for article_id, published, mentions in tables.unstoried(store):
        members.append((article_id, index.assign(stories.describe(article_id, published, mentions))))
    changed = [index.stories[i] for i in sorted(index.changed)]
    rows = [(tables.StoryRow(s.id, s.first_date, s.last_date, s.size, dict(s.terms), s.forms), s.label)
            for s in changed]  # fmt: skip
    with store.transaction():
        tables.save_stories(store, rows, members)
        tables.mark_dirty(store, [article_id for article_id, _ in members])
    return len(index.stories)


def resolve_actors(store: Store, run: Run) -> int:
    """Cluster local actors across the corpus: those of new articles, with every local actor they could join
    (see ``_key_closure``); all of them for a full analysis. Marks the articles whose actors changed id, name or
    kind. Returns the number of actors."""
    chosen = None if run.full else _key_closure(actor_table.keys(store), set(run.new))
    local = actor_table.doc_actors(store, None if chosen is None else sorted({a for a, _ in chosen}))
    if chosen is not None:
        local = [a for a in local if (a.article_id, a.local_id) in chosen]
    story_of = tables.story_of(store)
    found = cluster_actors(local, order=article_table.order(store), story_of=story_of or None)
    after = {member: (a.id, a.canonical_name, a.kind) for a in found for member in a.members}
    before = actor_table.memberships(store, None if chosen is None else sorted({a for a, _ in chosen}))
    changed = {member[0] for member, now in after.items() if before.get(member) != now}
    changed |= {article for (article, local_id) in before if (article, local_id) not in after}
    if changed or run.full:
        with store.transaction():
            actor_table.replace(store, found, members=None if chosen is None else sorted(after))
            tables.mark_dirty(store, changed)
    return actor_table.count(store)["actors"]


def _key_closure(keys: Mapping[tuple[str, int], Sequence[str]], new: set[str]) -> set[tuple[str, int]]:
    """The local actors of ``new`` articles and every local actor clustering could join to them: all that share a
    blocking key with them, transitively, and for a role all holders of that role in any country (a role noun
    with no country joins its story's main holder). Clustering these alone gives what clustering everything
    gives them, since actors only ever join within a block."""
    by_block: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for member, found in keys.items():
        for key in found:
            by_block[_block(key)].append(member)
    chosen = {member for member in keys if member[0] in new}
    todo, seen = list(chosen), set[str]()
    while todo:
        for block in {_block(k) for k in keys[todo.pop()]} - seen:
            seen.add(block)
            fresh = [m for m in by_block[block] if m not in chosen]
            chosen.update(fresh)
            todo += fresh
    return chosen


def _block(key: str) -> str:
    """The block a key puts an actor in for the closure: a role's family (``role:ruling:``), else the key."""
    return key[: key.index(":", 5) + 1] if key.startswith("role:") and key.count(":") >= 2 else key


def merge_events(store: Store, run: Run) -> int:
    """Merge the article events of every story holding a marked article into real events, with their support,
    and rebuild those stories' records and framing and the conflicts, in one transaction. Returns the number of
    real events rebuilt."""
    marked = None if run.full else tables.dirty(store)
    if marked is not None and not marked:
        return 0
    story_of = tables.story_of(store)
    touched = None if marked is None else sorted({story_of[a] for a in marked if a in story_of})
    articles = tables.story_articles(store, touched)
    if marked is not None:
        articles = list(dict.fromkeys([*articles, *(a for a in marked if a not in story_of)]))
    built = build_real_events(store, articles, story_of)
    records = story_records(store, touched)
    by_story: dict[str | None, list[Event]] = defaultdict(list)
    for event in built:
        by_story[event.story].append(event)
    framed = stories_framing(store, records, by_story, articles=None if marked is None else articles)
    claims = claim_table.claims(store)
    source_of = tables.source_keys(store, sorted({c["article_id"] for c in claims}))
    conflicts = find_conflicts(claims, source_of=source_of, story_of=comparison_groups(store, story_of))
    with store.transaction():
        tables.replace_real_events(store, built, articles=None if marked is None else articles)
        tables.save_story_records(store, {r.id: r.as_dict() for r in records})
        tables.replace_framing(store, framed)
        tables.replace_conflicts(store, conflicts)
        tables.clear_dirty(store)
    return tables.real_event_count(store)


def comparison_groups(store: Store, story_of: Mapping[str, str]) -> dict[str, str]:
    """Article → the group its figures are compared in: its story, joined with the stories linked to it (the same
    names at another time, see ``stories.linked``); the group is named by its first story."""
    group = stories.linked(
        stories.Story(r.id, r.first_date, r.last_date, r.size, Counter(r.terms), dict(r.forms))
        for r in tables.story_rows(store)
    )
    return {article: group.get(story, story) for article, story in story_of.items()}


def build_real_events(store: Store, articles: Sequence[str], story_of: dict[str, str]) -> list[Event]:
    """The real events of these articles' events: coreference, then support, then one record each."""
    members = real_events.members(event_table.coded_mentions(store, articles))
    order = article_table.order(store, articles)
    names = _names(store, articles)
    records = [_record(m, order, story_of, names.get(m.article_id, [])) for m in members]
    cluster_of = coref.merge(records, threshold=coref.ARTICLE_THRESHOLD)
    source_of = tables.source_keys(store, articles)
    groups: dict[str, list[EventMember]] = defaultdict(list)
    for m in members:
        groups[cluster_of[m.id]].append(m)
    return [
        real_events.real_event(key, group, corroborate.support(
            [corroborate.Member(m.article_id, m.outlet, m.modality, len(m.evidence)) for m in group],
            source_of=source_of), story=story_of.get(group[0].article_id))
        for key, group in groups.items()
    ]  # fmt: skip


def _names(store: Store, articles: Sequence[str]) -> dict[str, list[tuple[int, str]]]:
    """Article → its entity mentions' normalised names (as stories use them) with their offsets."""
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for article_id, start, text, label in article_table.entity_mentions(store, articles):
        name = stories.term(text, label)
        if name:
            found[article_id].append((start, name))
    return found


def _record(m: EventMember, order: dict[str, int], story_of: dict[str, str],
            names: list[tuple[int, str]]) -> coref.EventRecord:  # fmt: skip
    """What coreference reads of one article's event: its coding, its first sentence's names and vectors."""
    location, evidence = m.location, m.evidence[0]
    record = coref.EventRecord(
        id=m.id, seq=order.get(m.article_id, 0), story=story_of.get(m.article_id), type=coref_type(m.type, m.trigger),
        mode=m.mode, date=m.date.value, precision=m.date.precision, stated=m.date.text is not None,
        sources=frozenset(a.id for a in m.source), targets=frozenset(a.id for a in m.target),
        country=location.country if location and location.from_text else None, doc=m.article_id,
        sentence=evidence.start, names=frozenset(n for at, n in names if evidence.start <= at < evidence.end),
        doc_names=frozenset(n for _, n in names),
    )  # fmt: skip
    return with_vectors(record, trigger=m.trigger or "", sentence=evidence.text or "")


def story_records(store: Store, stories_wanted: Sequence[str] | None) -> list[Story]:
    """The records of these stories (all with None): label, dates, articles, outlets, most mentioned actors."""
    return [
        Story(r[0], r[1], tuple(r[4] or ()), tuple(r[5] or ()), r[2], r[3],
              tuple(StoryActor(a[0], a[1], a[2], int(a[3])) for a in r[6] or ()))
        for r in tables.story_facts(store, stories_wanted, top=TOP_ACTORS)
    ]  # fmt: skip


def stories_framing(store: Store, records: Sequence[Story], events: Mapping[str | None, Sequence[Event]], *,
                    articles: Sequence[str] | None) -> dict[str, dict[str, object]]:  # fmt: skip
    """How each outlet covers each story: events reported and missed, voices quoted, words for its main actors.
    The articles' outlets, quotes and actor mentions are read once for all the stories."""
    outlet_of = article_table.outlets(store, articles)
    voices: dict[str, list[Voice]] = defaultdict(list)
    labels: dict[str, list[Label]] = defaultdict(list)
    for article_id, kinds in claim_table.speaker_kinds(store, articles):
        voices[article_id].append(Voice(article_id, kinds))
    for found in actor_table.labels(store, articles):
        labels[found[0]].append(Label(*found))
    framed: dict[str, dict[str, object]] = {}
    for story in records:
        members = sorted(story.article_ids)
        outlets = framing(
            [e.as_dict() for e in events.get(story.id, ())], [v for a in members for v in voices[a]],
            [x for a in members for x in labels[a]], outlet_of={a: outlet_of[a] or f"(article {a})" for a in members},
            key_actors=[a.id for a in story.top_actors],
        )  # fmt: skip
        framed[story.id] = {"story": story.id, "label": story.label, "outlets": outlets}
    return framed


def analyze(store: Store, *, progress: Progress | None = None) -> dict[str, int]:
    """Every corpus stage in order; returns the count each produced."""
    run = Run.of(store)
    steps: list[tuple[str, Callable[[Store, Run], int]]] = [
        ("duplicates", find_copies), ("stories", place_stories), ("actors", resolve_actors), ("events", merge_events)
    ]  # fmt: skip
    counts = {}
    for name, step in steps:
        if progress is not None:
            progress(name)
        counts[name] = step(store, run)
    store.mark_analyzed()
    return counts
