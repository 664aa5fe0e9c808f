"""One actor per real actor across articles: union-find over local actors, compared within blocks.

Local actors (one per entity per article) are first collapsed by identity
(same state code, same known body, same normalised name, same role key), then
compared only within blocking keys (surname skeleton, acronym, content stems),
so the work grows with the number of distinct names, not with its square.
A cluster's id is derived from its earliest member in ingestion order, so ids
stay stable when articles are added.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from newsweave.extract.names import is_acronym, similar, stems_match, translit
from newsweave.model import Actor, DocActor

SURNAME_SIMILARITY = 80
FIRST_NAME_SIMILARITY = 75
_GOVERNING = frozenset({"military", "government"})


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the earliest member stays the root


def kinds_compatible(a: str, b: str) -> bool:
    return a == b or "other" in (a, b) or {a, b} <= _GOVERNING


def countries_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def cluster_actors(
    local: Sequence[DocActor], *, order: Mapping[str, int], story_of: Mapping[str, str] | None = None
) -> list[Actor]:
    """Cluster local actors into corpus actors; ``order`` ranks articles by ingestion, ``story_of`` gives stories."""
    items = sorted(local, key=lambda a: (order.get(a.article_id, 0), a.article_id, a.local_id))
    uf = _UnionFind(len(items))
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, actor in enumerate(items):
        for key in actor.keys:
            blocks[key].append(index)
    for key, members in sorted(blocks.items()):
        family = key.split(":", 1)[0]
        if key.endswith(":?"):
            continue
        if family == "person":
            _union_people(members, items, uf)
        elif family == "acr":
            _union_acronyms(members, items, uf)
        elif family == "stem":
            _union_stems(members, items, uf)
        else:
            _union_identity(members, items, uf)
    _attach_unplaced(blocks, items, uf, story_of)
    clusters: dict[int, list[int]] = defaultdict(list)
    for index in range(len(items)):
        clusters[uf.find(index)].append(index)
    return [_actor([items[i] for i in members]) for _, members in sorted(clusters.items())]


def _attach_unplaced(
    blocks: dict[str, list[int]], items: Sequence[DocActor], uf: _UnionFind, story_of: Mapping[str, str] | None
) -> None:
    """A role noun whose article never says which country ("the junta") joins the role's main holder in its story.

    ``role:ruling:?`` merges with the largest cluster holding a ``role:ruling:<country>`` key among the
    articles of the same story (the whole corpus when there are no stories); with none, the story's
    unplaced holders of the role are one actor.
    """
    stories = story_of or {}

    def story(index: int) -> str:
        return stories.get(items[index].article_id, "")

    for key in [k for k in blocks if k.startswith("role:") and k.endswith(":?")]:
        family = key[: -len("?")]
        by_story: dict[str, list[int]] = defaultdict(list)
        for index in blocks[key]:
            by_story[story(index)].append(index)
        for name, unplaced in by_story.items():
            sizes: Counter[int] = Counter()
            for other, members in blocks.items():
                if other.startswith(family) and other != key:
                    sizes.update(uf.find(i) for i in members if story(i) == name)
            target = sizes.most_common(1)[0][0] if sizes else unplaced[0]
            for index in unplaced:
                uf.union(target, index)


def _union_identity(members: list[int], items: Sequence[DocActor], uf: _UnionFind) -> None:
    """Members sharing an identity key merge unless their kinds or countries clash."""
    reps: list[int] = []
    for index in members:
        actor = items[index]
        rep = next((r for r in reps if _compatible(items[r], actor)), None)
        if rep is None:
            reps.append(index)
        else:
            uf.union(rep, index)


def _compatible(a: DocActor, b: DocActor) -> bool:
    if "person" in (a.kind, b.kind) and a.kind != b.kind:
        return False
    return kinds_compatible(a.kind, b.kind) and countries_compatible(a.country, b.country)


def _union_acronyms(members: list[int], items: Sequence[DocActor], uf: _UnionFind) -> None:
    """An acronym merges with a long name whose initials it is (kinds and countries permitting)."""
    short = [i for i in members if any(is_acronym(n) for n in items[i].names)]
    long = [i for i in members if i not in short]
    _union_identity(short, items, uf)
    for index in long:
        rep = next((s for s in short if _compatible(items[s], items[index])), None)
        if rep is not None:
            uf.union(rep, index)


def _union_stems(members: list[int], items: Sequence[DocActor], uf: _UnionFind) -> None:
    by_name: dict[str, list[int]] = defaultdict(list)
    for index in members:
        by_name[items[index].name].append(index)
    names = sorted(by_name)
    for group in by_name.values():
        _union_identity(group, items, uf)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            x, y = by_name[a][0], by_name[b][0]
            if stems_match(a, b) and _compatible(items[x], items[y]):
                uf.union(x, y)


def _union_people(members: list[int], items: Sequence[DocActor], uf: _UnionFind) -> None:
    """People who share a surname skeleton: same first name (or none) and similar surname merge."""
    named: dict[str, list[int]] = defaultdict(list)
    bare: list[int] = []
    for index in members:
        actor = items[index]
        if actor.kind == "person" and actor.first:
            named[translit(actor.first)].append(index)
        else:
            bare.append(index)
    groups = _merge_first_names(named, items, uf)
    countries = _countries(members, items, uf)
    for index in bare:
        actor = items[index]
        matches = [g for g in groups if _same_surname(items[g], actor)
                   and countries_compatible(countries.get(uf.find(g)), actor.country)]  # fmt: skip
        if len(matches) == 1:
            uf.union(matches[0], index)
        elif not matches and actor.kind == "person":
            groups.append(index)


def _merge_first_names(named: dict[str, list[int]], items: Sequence[DocActor], uf: _UnionFind) -> list[int]:
    heads: list[int] = []
    for first in sorted(named):
        group = named[first]
        for index in group[1:]:
            if _same_surname(items[group[0]], items[index]):
                uf.union(group[0], index)
        head = group[0]
        match = next((h for h in heads if _same_person(items[h], items[head])), None)
        if match is None:
            heads.append(head)
        else:
            uf.union(match, head)
    return heads


def _same_surname(a: DocActor, b: DocActor) -> bool:
    return bool(a.last and b.last and similar(a.last, b.last, threshold=SURNAME_SIMILARITY))


def _same_person(a: DocActor, b: DocActor) -> bool:
    first_ok = bool(a.first and b.first and similar(a.first, b.first, threshold=FIRST_NAME_SIMILARITY))
    return first_ok and _same_surname(a, b) and countries_compatible(a.country, b.country)


def _countries(members: list[int], items: Sequence[DocActor], uf: _UnionFind) -> dict[int, str]:
    """The majority country of each cluster among ``members``, by cluster root."""
    votes: dict[int, Counter[str]] = defaultdict(Counter)
    for index in members:
        if items[index].country:
            votes[uf.find(index)][items[index].country or ""] += 1
    return {root: counter.most_common(1)[0][0] for root, counter in votes.items()}


def _actor(members: list[DocActor]) -> Actor:
    first = members[0]
    kind = _kind(members)
    country = None if kind == "igo" else _majority(m.country for m in members)
    return Actor(
        id="act_" + hashlib.sha256(f"{first.article_id}:{first.local_id}".encode()).hexdigest()[:12],
        canonical_name=_name(members, kind),
        kind=kind,
        country=country,
        cameo_code=_majority(m.cameo for m in members if m.kind == kind) or _majority(m.cameo for m in members),
        aliases=tuple(sorted({n for m in members for n in m.names})),
        roles=tuple(dict.fromkeys(r for m in members for r in m.roles)),
        members=tuple((m.article_id, m.local_id) for m in members),
    )


def _kind(members: list[DocActor]) -> str:
    kinds = Counter(m.kind for m in members if m.kind != "other")
    if "person" in kinds:
        return "person"
    return kinds.most_common(1)[0][0] if kinds else "other"


def _majority(values: object) -> str | None:
    votes = Counter(v for v in values if v)  # type: ignore[attr-defined]
    return votes.most_common(1)[0][0] if votes else None


def _name(members: list[DocActor], kind: str) -> str:
    named = [m.name for m in members if m.named] or [m.name for m in members]
    if kind == "person":
        longest = max(len(n.split()) for n in named)
        named = [n for n in named if len(n.split()) == longest]
    votes = Counter(named)
    return max(votes, key=lambda n: (votes[n], not is_acronym(n), len(n)))
