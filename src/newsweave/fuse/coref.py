"""Event coreference: event records from different articles (or sentences) that describe one real event.

Records are blocked by story and PLOVER type and sorted by date; each is compared
only with the records that follow it within a week, so the work grows with the
size of a block's window, not with the corpus. Two records corefer when

- their dates agree given their precision (a stated "on Tuesday" against another
  stated day must match; a record dated only by its article's publication falls
  within a week of a stated date),
- they share an actor in the same role and no role has two disjoint actor sets,
- their modes (seize, arrest, restrict ...) and stated places' countries, if both give one, are the same.

Clusters take the id of their first record in ingestion order, so ids stay
stable when articles are added.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

WINDOW_DAYS = 7
SLACK = {"day": 0, "week": 6, "month": 30, "year": 365}


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One article's event, as coreference sees it."""

    id: str
    seq: int
    story: str | None
    type: str
    mode: str | None
    date: date | None
    precision: str | None
    stated: bool
    sources: frozenset[str]
    targets: frozenset[str]
    country: str | None

    @property
    def order(self) -> tuple[int, str]:
        return self.seq, self.id


def merge(records: Sequence[EventRecord]) -> dict[str, str]:
    """Every record id → the id of the merged event it belongs to.

    Pairs are tested record to record, but a merge must also keep the whole
    cluster consistent (one mode, one stated country, stated dates within the
    precision's slack), so chains of loosely dated records cannot snowball.
    """
    clusters = {r.id: _Cluster.of(r) for r in records}
    parent = {r.id: r.id for r in records}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for block in _blocks(records):
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if a.date is not None and b.date is not None and (b.date - a.date).days > WINDOW_DAYS:
                    break
                ra, rb = find(a.id), find(b.id)
                if ra != rb and corefer(a, b) and clusters[ra].fits(clusters[rb]):
                    first, second = sorted((ra, rb), key=lambda x: clusters[x].order)
                    parent[second] = first
                    clusters[first] = clusters[first].join(clusters.pop(second))
    return {r.id: find(r.id) for r in records}


@dataclass(frozen=True, slots=True)
class _Cluster:
    order: tuple[int, str]
    modes: frozenset[str]
    countries: frozenset[str]
    first: date | None
    last: date | None
    slack: int

    @classmethod
    def of(cls, r: EventRecord) -> _Cluster:
        stated = r.date if r.stated else None
        return cls(r.order, frozenset({r.mode} if r.mode else ()), frozenset({r.country} if r.country else ()),
                   stated, stated, SLACK.get(r.precision or "day", 0) if stated else 0)  # fmt: skip

    def fits(self, other: _Cluster) -> bool:
        if len(self.modes | other.modes) > 1 or len(self.countries | other.countries) > 1:
            return False
        days = [d for d in (self.first, self.last, other.first, other.last) if d is not None]
        return not days or (max(days) - min(days)).days <= max(self.slack, other.slack)

    def join(self, other: _Cluster) -> _Cluster:
        firsts = [d for d in (self.first, other.first) if d is not None]
        lasts = [d for d in (self.last, other.last) if d is not None]
        return _Cluster(min(self.order, other.order), self.modes | other.modes, self.countries | other.countries,
                         min(firsts, default=None), max(lasts, default=None), max(self.slack, other.slack))  # fmt: skip


def _blocks(records: Sequence[EventRecord]) -> list[list[EventRecord]]:
    blocks: dict[tuple[str | None, str], list[EventRecord]] = defaultdict(list)
    for record in records:
        blocks[(record.story, record.type)].append(record)
    return [sorted(b, key=lambda r: (r.date is None, r.date or date.min, r.order)) for b in blocks.values()]


def corefer(a: EventRecord, b: EventRecord) -> bool:
    """Same type, compatible dates, a shared actor in the same role, no conflicting roles or places."""
    if a.type != b.type or (a.mode and b.mode and a.mode != b.mode) or not dates_agree(a, b):
        return False
    if a.country and b.country and a.country != b.country:
        return False
    for mine, theirs in ((a.sources, b.sources), (a.targets, b.targets)):
        if mine and theirs and not mine & theirs:
            return False
    return bool(a.sources & b.sources or a.targets & b.targets)


def dates_agree(a: EventRecord, b: EventRecord) -> bool:
    if a.date is None or b.date is None:
        return a.date is None and b.date is None
    gap = abs((a.date - b.date).days)
    if a.stated and b.stated:
        return gap <= max(SLACK.get(a.precision or "day", 0), SLACK.get(b.precision or "day", 0))
    return gap <= WINDOW_DAYS if a.stated or b.stated else gap <= 3
