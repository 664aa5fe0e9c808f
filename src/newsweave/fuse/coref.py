"""Event coreference: event mentions from different articles (or sentences) that describe one real event.

Records are blocked by story and type (a mention no type was given meets every
type) and sorted by date; a record is compared only with the records within a
week of it (an undated one: every record of its block), so the work grows with
the size of a block's window, not with the corpus. Each compared pair gets a
probability from the trained pairwise scorer (:mod:`newsweave.fuse.coref_model`:
trigger lemma and word vector, sentence vector, shared names, type, shared or
conflicting actors (a missing actor is neutral), stated day), raised to
``SHARED_ACTOR`` when both are one type and share an actor in one role. An
undated record and a dated one of another article are linked by a shared actor
alone: undated is not compatible with everything. Hard constraints rule a pair out:

- stated dates must agree within their precision (a record dated only by its
  article's publication is weak evidence: it must fall within a week of a
  stated date),
- two records whose sources (the actors that did it) share no actor are two events,
- modes (seize, arrest, restrict ...) and stated places' countries must match.

Clusters are built by average linkage over the scored pairs (a pair never
compared counts as 0), best pair first, while the average clears the threshold
and the merged cluster stays consistent (one mode and country, stated days
within their slack, every date within a week, so an undated record never pulls
two dated clusters together). Clusters take the id of their first record in
ingestion order, so ids stay stable when articles are added.
:func:`cluster_mentions` is the same stage for a supplied list of mentions (the
gold mentions of an evaluation set).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsweave.fuse.coref_model import Scorer, default_scorer

WINDOW_DAYS = 7
SLACK = {"day": 0, "week": 6, "month": 30, "year": 365}
SHARED_ACTOR = 0.9
# The corpus stage clusters the events of long-running stories, where one story holds many events of one kind
# (an ECB+ sub-topic, where the scorer's own threshold was fitted, is one seminal event): it asks for more.
ARTICLE_THRESHOLD = 0.6


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event mention (or one article's event), as coreference sees it.

    ``stated`` is False when no words date it (``date`` is then its article's
    publication date, or None). ``lemma``, ``vector`` (unit trigger vector),
    ``context`` (unit sentence vector), ``names`` (names in its sentence) and
    ``doc_names`` (names in its article) feed the pairwise scorer; each may be empty.
    """

    id: str
    seq: int
    story: str | None
    type: str | None
    mode: str | None
    date: date | None
    precision: str | None
    stated: bool
    sources: frozenset[str]
    targets: frozenset[str]
    country: str | None
    doc: str = ""
    sentence: int = 0
    lemma: str = ""
    vector: Any = None
    context: Any = None
    names: frozenset[str] = frozenset()
    doc_names: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def order(self) -> tuple[int, str]:
        return self.seq, self.id


def merge(records: Sequence[EventRecord], *, scorer: Scorer | None = None, threshold: float | None = None
          ) -> dict[str, str]:  # fmt: skip
    """Every record id → the id of the merged event it belongs to (the first record of its cluster).

    ``threshold`` is the average probability a merge needs (default: the scorer's)."""
    scorer = scorer or default_scorer()
    scores = {(a, b): probability(records[a], records[b], scorer) for a, b in candidate_pairs(records)
              if compatible(records[a], records[b])}  # fmt: skip
    return _average_link(records, scores, scorer.threshold if threshold is None else threshold)


def cluster_mentions(records: Sequence[EventRecord], *, scorer: Scorer | None = None) -> list[list[str]]:
    """The given-mentions entry point: clusters (lists of record ids) of a supplied list of mentions."""
    found: dict[str, list[str]] = defaultdict(list)
    for record_id, cluster in merge(records, scorer=scorer).items():
        found[cluster].append(record_id)
    return list(found.values())


def candidate_pairs(records: Sequence[EventRecord]) -> Iterator[tuple[int, int]]:
    """Index pairs worth scoring: one story, one type (an untyped mention meets every type), within the date
    window (an undated record meets its whole block)."""
    stories: dict[str | None, list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        stories[record.story].append(i)
    for block in stories.values():
        typed: dict[str, list[int]] = defaultdict(list)
        for i in block:
            typed[records[i].type or ""].append(i)
        untyped = typed.pop("", [])
        for group in typed.values():
            yield from _windowed(records, group)
        if untyped:
            yield from _windowed(records, untyped)
            others = [i for i in block if records[i].type]
            yield from ((i, j) for i in untyped for j in others if _near(records[i], records[j]))


def _windowed(records: Sequence[EventRecord], group: list[int]) -> Iterator[tuple[int, int]]:
    dated = sorted((i for i in group if records[i].date is not None), key=lambda i: records[i].date or date.min)
    for k, i in enumerate(dated):
        for j in dated[k + 1 :]:
            if not _near(records[i], records[j]):
                break
            yield i, j
    undated = [i for i in group if records[i].date is None]  # rare: no words and no publication date
    for k, i in enumerate(undated):
        yield from ((i, j) for j in undated[k + 1 :])
        yield from ((i, j) for j in dated)


def _near(a: EventRecord, b: EventRecord) -> bool:
    return a.date is None or b.date is None or abs((a.date - b.date).days) <= WINDOW_DAYS


def compatible(a: EventRecord, b: EventRecord) -> bool:
    """No hard constraint rules the pair out: stated dates, modes, stated countries, two different sources."""
    if a.mode and b.mode and a.mode != b.mode:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if a.sources and b.sources and not a.sources & b.sources:
        return False
    return dates_agree(a, b)


def corefer(a: EventRecord, b: EventRecord, *, scorer: Scorer | None = None) -> bool:
    """One pair on its own: compatible, and its probability clears the scorer's threshold."""
    scorer = scorer or default_scorer()
    return compatible(a, b) and probability(a, b, scorer) >= scorer.threshold


def probability(a: EventRecord, b: EventRecord, scorer: Scorer) -> float:
    """The scorer's probability, or ``SHARED_ACTOR`` when both records are one type and share an actor in one
    role: evidence the ECB+ training mentions (which carry no actors) cannot teach the scorer."""
    shared = a.type is not None and a.type == b.type and bool(a.sources & b.sources or a.targets & b.targets)
    if (a.date is None) != (b.date is None) and a.doc != b.doc:
        return SHARED_ACTOR if shared else 0.0  # undated against dated: only a shared actor links them
    return max(scorer.probability(a, b), SHARED_ACTOR if shared else 0.0)


def dates_agree(a: EventRecord, b: EventRecord) -> bool:
    """Stated dates agree within their precision; a publication date is weak evidence within a week."""
    if a.date is None or b.date is None:
        return True  # undated says nothing; the cluster check keeps it from joining two dated clusters
    gap = abs((a.date - b.date).days)
    if a.stated and b.stated:
        return gap <= max(SLACK.get(a.precision or "day", 0), SLACK.get(b.precision or "day", 0))
    return gap <= WINDOW_DAYS if a.stated or b.stated else gap <= 3


@dataclass(frozen=True, slots=True)
class _Cluster:
    """What a merge must keep consistent: one mode, one stated country, stated days within their slack, and every
    dated member (publication dates too) within a week, so loosely dated records cannot chain across weeks."""

    order: tuple[int, str]
    size: int
    modes: frozenset[str]
    countries: frozenset[str]
    first: date | None
    last: date | None
    slack: int
    earliest: date | None
    latest: date | None

    @classmethod
    def of(cls, r: EventRecord) -> _Cluster:
        stated = r.date if r.stated else None
        return cls(r.order, 1, frozenset({r.mode} if r.mode else ()), frozenset({r.country} if r.country else ()),
                   stated, stated, SLACK.get(r.precision or "day", 0) if stated else 0, r.date, r.date)  # fmt: skip

    def fits(self, other: _Cluster) -> bool:
        if len(self.modes | other.modes) > 1 or len(self.countries | other.countries) > 1:
            return False
        days = [d for d in (self.first, self.last, other.first, other.last) if d is not None]
        if days and (max(days) - min(days)).days > max(self.slack, other.slack):
            return False
        dated = [d for d in (self.earliest, self.latest, other.earliest, other.latest) if d is not None]
        return not dated or (max(dated) - min(dated)).days <= max(WINDOW_DAYS, self.slack, other.slack)

    def join(self, other: _Cluster) -> _Cluster:
        return _Cluster(min(self.order, other.order), self.size + other.size, self.modes | other.modes,
                        self.countries | other.countries, _min(self.first, other.first), _max(self.last, other.last),
                        max(self.slack, other.slack), _min(self.earliest, other.earliest),
                        _max(self.latest, other.latest))  # fmt: skip


def _min(a: date | None, b: date | None) -> date | None:
    return min((d for d in (a, b) if d is not None), default=None)


def _max(a: date | None, b: date | None) -> date | None:
    return max((d for d in (a, b) if d is not None), default=None)


def _average_link(records: Sequence[EventRecord], scores: dict[tuple[int, int], float], threshold: float
                  ) -> dict[str, str]:  # fmt: skip
    """Best-first average-linkage clustering over the scored pairs (unscored pairs count 0)."""
    clusters = {i: _Cluster.of(r) for i, r in enumerate(records)}
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), p in scores.items():
        links[a][b] = links[b][a] = p
    heap = [(-p, a, b) for (a, b), p in scores.items() if p >= threshold]
    heapq.heapify(heap)
    owner = list(range(len(records)))
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in clusters or b not in clusters or links[a].get(b) is None:
            continue
        average = links[a][b] / (clusters[a].size * clusters[b].size)
        if abs(average + negative) > 1e-12 or not clusters[a].fits(clusters[b]):
            continue  # a stale entry (its clusters changed since) or an inconsistent merge
        keep, gone = (a, b) if clusters[a].order <= clusters[b].order else (b, a)
        clusters[keep] = clusters[keep].join(clusters.pop(gone))
        _merge_links(links, keep, gone)
        for other, total in links[keep].items():
            mean = total / (clusters[keep].size * clusters[other].size)
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(keep, other), max(keep, other)))
        owner[gone] = keep
    return {records[i].id: records[_root(owner, i)].id for i in range(len(records))}


def _merge_links(links: dict[int, dict[int, float]], keep: int, gone: int) -> None:
    """Cluster ``gone`` joins ``keep``: their summed links to every other cluster."""
    for other, total in links.pop(gone).items():
        del links[other][gone]
        if other != keep:
            links[keep][other] = links[keep].get(other, 0.0) + total
            links[other][keep] = links[keep][other]
    links[keep].pop(gone, None)


def _root(owner: list[int], i: int) -> int:
    while owner[i] != i:
        owner[i] = owner[owner[i]]
        i = owner[i]
    return i
